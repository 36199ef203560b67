"""The Goals screen (1): the hierarchy tree and the detail pane of the selected goal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, Tree

from ...bindings import bindings
from ...domain.model import Goal
from ...domain.text import clean_text
from ...domain.words import TABLE_NOUNS, plural
from ...widgets.footer import Footer
from ...widgets.glyphs import glyph
from ...widgets.topbar import TopBar
from ..base import MasteryScreen
from .detail import GoalDetail
from .tree import GoalTree

if TYPE_CHECKING:  # the forms are imported on first use, not before the first frame
    from ...dialogs.form import FormDialog
    from ...dialogs.woop import WoopDialog

STATUS_KEYS = (
    ("active", "a", "Active"),
    ("paused", "p", "Paused"),
    ("achieved", "c", "Achieved"),
    ("dropped", "d", "Dropped"),
)


class GoalsScreen(MasteryScreen):
    """Areas, performance and mastery goals, any depth; keys to shape the tree."""

    TITLE_TEXT = "Goals"
    AUTO_FOCUS = "#goals-tree"
    CONTEXT_WHY = "the selected goal"
    KEY_SCOPES = ("goals", "goal_tree")
    BINDINGS: ClassVar[list[BindingType]] = bindings("goals")

    def __init__(self) -> None:
        super().__init__()
        self.show_closed = True
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        yield TopBar("goals")
        with Horizontal(id="goals-body"):
            with Vertical(id="goals-left"):
                yield Input(placeholder=f"filter goals{glyph('more')}", id="goals-filter")
                yield GoalTree(id="goals-tree")
                yield Static("", id="goals-empty", markup=False)
            yield GoalDetail(id="goals-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#goals-filter").display = False
        self.query_one("#goals-empty").display = False
        self.maybe_refresh()
        self.goal_tree.focus()

    @property
    def goal_tree(self) -> GoalTree:
        return self.query_one(GoalTree)

    # Drawing ---------------------------------------------------------------------------------

    def refresh_data(self, select_id: str | None = None) -> None:
        snapshot = self.store.snapshot()
        needle = self.filter_text.strip().lower()
        # Counting 10,000 tasks is ~10 ms: before the first frame the tree shows which
        # figures are being counted, and they come in a frame after (after_first_paint).
        counting = not self.host.painted and self.host.counts_after_first_frame
        self.goal_tree.populate(
            snapshot,
            task_counts=None if counting else self.store.task_counts(),
            show_closed=self.show_closed,
            keep=(lambda g: needle in g.title.lower()) if needle else None,
            select_id=select_id or self.goal_tree.selected_goal_id,
            counting=counting,
        )
        status = []
        if needle:
            status.append(f"filter: {self.filter_text}")
        if not self.show_closed:
            status.append("closed hidden (x)")  # fits beside the tabs at 80 columns
        self.query_one(TopBar).status = " · ".join(status)
        hidden = self.hidden_text(snapshot.goals)
        empty = self.query_one("#goals-empty", Static)
        empty.update(hidden or "")
        empty.display = bool(hidden)
        self.call_after_refresh(self._show_detail)

    def hidden_text(self, goals: list[Goal]) -> str | None:
        """What to say when goals exist but the filters hide every one of them."""
        if self.goal_tree.shown or not goals:
            return None
        needle = clean_text(self.filter_text.strip())
        if needle:
            more = "" if self.show_closed else " and achieved & dropped goals are hidden (x)"
            return f"No goal matches “{needle}”{more}: escape clears the filter."
        return "Every goal is achieved or dropped, and those are hidden: x shows them."

    def _show_detail(self) -> None:
        if not self.host.painted:
            return  # the detail reads every practice session: after the first frame
        goal = self.selected_goal()
        snapshot = self.store.snapshot()
        hint = self.hidden_text(snapshot.goals) if goal is None else None
        self.query_one(GoalDetail).show(goal, snapshot, date.today(), hint=hint)

    def after_first_paint(self) -> None:
        if self.goal_tree.counting:
            self.refresh_data()  # with the tasks counted; the detail follows its frame
        else:
            self._show_detail()

    def selected_goal(self) -> Goal | None:
        goal_id = self.goal_tree.selected_goal_id
        if goal_id is None:
            return None
        return next((g for g in self.store.snapshot().goals if g.id == goal_id), None)

    def context_goal_id(self) -> str | None:
        return self.goal_tree.selected_goal_id

    def goal_to_act_on(self) -> Goal | None:
        """The selected goal; when there is none, say so (a key never acts on a hidden goal)."""
        goal = self.selected_goal()
        if goal is None:
            snapshot = self.store.snapshot()
            why = self.hidden_text(snapshot.goals) if snapshot.goals else None
            self.notify(f"No goal selected. {why or 'n adds one.'}", markup=False)
        return goal

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        self.action_edit()

    # Adding and editing ----------------------------------------------------------------------

    def _open_form(self, dialog: FormDialog[Goal] | WoopDialog, *, new: bool = False) -> None:
        def done(goal: Goal | None) -> None:
            if goal is not None:
                self.announce_change()
                self.refresh_data(select_id=goal.id)
                if new and goal.kind == "mastery" and not goal.cue:
                    self.notify(
                        f"{goal.title}: W plans it in four steps (Wish, Outcome, Obstacle, "
                        "Plan: when…, I'm going to…).",
                        markup=False,
                    )

        self.app.push_screen(dialog, done)

    def action_woop(self) -> None:
        """WOOP for the selected mastery goal, or a new mastery goal under an area or outcome."""
        from .woop import woop_dialog

        goal = self.selected_goal()
        if goal is not None and goal.kind == "mastery":
            self._open_form(woop_dialog(self, goal, None))
        else:
            self._open_form(woop_dialog(self, None, goal))

    def action_new_goal(self) -> None:
        from .forms import goal_dialog

        goal = self.selected_goal()
        if goal is None:
            self._open_form(goal_dialog(self.store, kind="area"), new=True)
        else:
            self._open_form(
                goal_dialog(self.store, parent_id=goal.parent_id, after_id=goal.id, kind=goal.kind),
                new=True,
            )

    def action_add_child(self) -> None:
        from .forms import goal_dialog

        goal = self.selected_goal()
        if goal is None:
            self.action_new_goal()
            return
        kind = "performance" if goal.kind == "area" else "mastery"
        self._open_form(goal_dialog(self.store, parent_id=goal.id, kind=kind), new=True)

    def action_edit(self) -> None:
        from .forms import goal_dialog

        goal = self.goal_to_act_on()
        if goal is not None:
            self._open_form(goal_dialog(self.store, goal))

    def action_move_under(self) -> None:
        from .forms import move_dialog

        goal = self.goal_to_act_on()
        if goal is not None:
            self._open_form(move_dialog(self.store, goal))

    def action_rate(self) -> None:
        from .forms import rating_dialog

        goal = self.goal_to_act_on()
        if goal is not None:
            self._open_form(rating_dialog(self.store, goal))

    def action_status(self) -> None:
        from ...dialogs.choice import ChoiceDialog

        goal = self.goal_to_act_on()
        if goal is None:
            return

        def chosen(status: str | None) -> None:
            if status and status != goal.status:
                self.attempt(
                    lambda: self.store.set_goal_status(goal.id, status), f"{goal.title}: {status}"
                )

        choices = [c for c in STATUS_KEYS if c[0] != goal.status]
        self.app.push_screen(
            ChoiceDialog(f"Status of: {goal.title}", f"Now {goal.status}.", choices), chosen
        )

    # Deleting --------------------------------------------------------------------------------

    def action_delete(self) -> None:
        from ...dialogs.choice import ChoiceDialog

        goal = self.goal_to_act_on()
        if goal is None:
            return
        impact = self.store.goal_delete_impact(goal.id)
        parts = [plural(n, *TABLE_NOUNS[name]) for name, n in impact.items() if n]
        if not parts:
            choices = [("only", "y", "Delete")]
            body = "Nothing else is linked to it. u undoes the delete."
        else:
            where = "its parent" if goal.parent_id else "the top level (unlinked)"
            body = (
                f"It has {', '.join(parts)}.\n"
                f"m: delete only the goal and move them to {where}.\n"
                f"D: delete the goal with everything under and linked to it.\n"
                "Either way, u undoes the delete."
            )
            choices = [("only", "m", "Move them up"), ("all", "D", "Delete everything")]

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            self.attempt(
                lambda: self.store.delete_goal(goal.id, with_items=choice == "all"),
                f"Deleted {goal.title}. Press u to undo.",
            )
            self.refresh_data(select_id=goal.parent_id)

        self.app.push_screen(ChoiceDialog(f"Delete: {goal.title}?", body, choices), chosen)

    # Moving ----------------------------------------------------------------------------------

    def _move(self, change: str) -> None:
        goal = self.goal_to_act_on()
        if goal is None:
            return
        store = self.store
        actions = {
            "up": lambda: store.move_goal(goal.id, -1),
            "down": lambda: store.move_goal(goal.id, 1),
            "indent": lambda: store.indent_goal(goal.id),
            "outdent": lambda: store.outdent_goal(goal.id),
        }
        if self.attempt(actions[change]) is not None:
            self.refresh_data(select_id=goal.id)

    def action_move_up(self) -> None:
        self._move("up")

    def action_move_down(self) -> None:
        self._move("down")

    def action_indent(self) -> None:
        self._move("indent")

    def action_outdent(self) -> None:
        self._move("outdent")

    # Filtering -------------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#goals-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#goals-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.refresh_data()

    @on(Input.Submitted, "#goals-filter")
    def _filter_done(self) -> None:
        self.goal_tree.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#goals-filter", Input)
        if not box.display and not self.filter_text:
            return
        box.value = ""
        box.display = False
        self.filter_text = ""
        self.refresh_data()
        self.goal_tree.focus()

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        self.refresh_data()
