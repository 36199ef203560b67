"""The Today screen (0): what to practise and do now, one key to log or finish each.

Drawn from :func:`masterytui.views.today.today_view` (the list ``masterytui today`` prints
and the report's Today section holds): practice due today, streaks at risk and "don't miss
twice", the lessons due for spaced review (``r`` reviews them, as on Feedback), tasks
overdue, due today and in Doing, and beside them the day's commitments, this week's wins
and the next outcome deadline. Changes go through the store; the App hears of
them by messages (:mod:`masterytui.messages`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static

from ...bindings import bindings
from ...domain.model import PracticeSession, Task
from ...domain.today import Today
from ...domain.words import plural, weekday_date
from ...messages import Captured, ShowCard
from ...views.board import done_this_week
from ...views.today import TodayView, today_view
from ...widgets.footer import Footer
from ...widgets.glyphs import glyph
from ...widgets.line_list import LazyOption, LineList
from ...widgets.topbar import TopBar
from .. import capture
from ..base import MasteryScreen
from ..board.forms import task_edit_dialog
from ..feedback.learning import review_lessons
from .rows import Row, detail_text, side_text, today_rows

NARROW = 100
"""Below this width the commitments and the week go under the list instead of beside it."""
DAY_CHECK = 30.0
"""Seconds between looks at the clock: a new day redraws the screen (after midnight)."""


class TodayList(LineList):
    """The rows of the day; headings and notes are disabled options the cursor skips.

    A row is one line, drawn only when on screen: 2,800 overdue tasks show at once."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("today_list")

    sections: tuple[int, ...] = ()
    """Where each section's heading is (set with the rows): ``]`` and ``[`` jump between
    them, so Tasks is a key away below two thousand lessons due."""

    def action_next_section(self) -> None:
        self._to_section(1)

    def action_previous_section(self) -> None:
        self._to_section(-1)

    def _to_section(self, direction: int) -> None:
        """Select the first row of the next (1) or the previous (-1) section; at either end,
        stay (the heading of the current section shown with it)."""
        at = self.highlighted if self.highlighted is not None else -1
        current = max((s for s in self.sections if s <= at), default=-1)
        if direction > 0:
            targets = [s for s in self.sections if s > at]
        else:
            targets = [s for s in self.sections if s < current][::-1]
        for start in targets:
            row = next(
                (i for i in range(start, len(self.options)) if not self.options[i].disabled),
                None,
            )
            # A section whose rows are all notes ("nothing overdue") has nothing to select.
            following = [s for s in self.sections if s > start]
            if row is not None and (not following or row < following[0]):
                self.highlighted = row
                self.scroll_to_highlight(top=True)
                return


def kept_row(keys: list[str | None], key: str | None, index: int) -> int | None:
    """The row to select after a redraw: the same one (``key``) if it is still there, else
    the first selectable one from ``index`` on (the one now in its place), else the last."""
    if key is not None and key in keys:
        return keys.index(key)
    after = next((i for i in range(index, len(keys)) if keys[i] is not None), None)
    if after is not None:
        return after
    return next((i for i in reversed(range(len(keys))) if keys[i] is not None), None)


def _prompt_of(row: Row) -> Callable[[], Text]:
    """What draws ``row`` in the list: its own prompt, drawn once for the list and the tests."""
    return lambda: row.prompt


class TodayScreen(MasteryScreen):
    """Practice due, streaks at risk, tasks to do, commitments and the week's wins."""

    TITLE_TEXT = "Today"
    AUTO_FOCUS = "#today-list"
    CONTEXT_WHY = "the selected row's goal"
    KEY_SCOPES = ("today", "today_list")
    BINDINGS: ClassVar[list[BindingType]] = bindings("today")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.view: TodayView | None = None
        self._side_drawn: tuple[object, ...] = ()
        """What the side pane shows: it is drawn again only when that changes (at L it holds
        a hundred commitments, and a finished task or a logged session seldom changes them)."""

    def compose(self) -> ComposeResult:
        yield TopBar("today")
        with Horizontal(id="today-body"):
            yield TodayList(id="today-list")
            with VerticalScroll(id="today-side"):
                yield Static(id="today-side-text")
        yield Static(id="today-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.maybe_refresh()
        self.query_one(TodayList).focus()
        self.set_interval(DAY_CHECK, self.maybe_refresh)

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            if self.view is not None:
                self._side(self.view.found)

    def on_key(self, event: events.Key) -> None:
        """``/`` filters every other screen: here it says why Today has no filter."""
        if event.key == "slash" and "slash" not in self.active_bindings:
            event.stop()
            self.notify(
                "Today has no filter: it lists only what today asks. "
                "/ filters Goals (1), Board (2), Feedback (3) and Progress (4).",
                markup=False,
            )

    # Drawing ---------------------------------------------------------------------------------

    def maybe_refresh(self) -> None:
        if self.view is not None and self.view.found.day != date.today():
            self._drawn_version = -1  # a new day: everything on the screen moves on
        super().maybe_refresh()

    @property
    def found(self) -> Today | None:
        """The Today list drawn (None before the first drawing)."""
        return self.view.found if self.view else None

    def refresh_data(self) -> None:
        snapshot = self.store.snapshot()
        self.view = view = today_view(snapshot, date.today())
        found = view.found
        listing = self.query_one(TodayList)
        keep = self.selected_row()
        keep_key = keep.key if keep else None
        index = listing.highlighted or 0
        self.rows = rows = today_rows(view, snapshot)
        keys = [row.key for row in rows]
        options = [
            LazyOption(_prompt_of(row), id=key, disabled=key is None)
            for row, key in zip(rows, keys, strict=True)
        ]
        listing.sections = tuple(i for i, row in enumerate(rows) if row.kind == "heading")
        listing.replace_options(options, kept_row(keys, keep_key, index))
        self._side(found)
        self.query_one(TopBar).status = weekday_date(found.day)
        self._detail()

    def _side(self, found: Today) -> None:
        """The commitments and the week beside (or under) the list, if they changed."""
        compact = self.has_class("-narrow")
        shown = (
            found.day,
            compact,
            found.commitments,
            found.wins_week,
            found.streak,
            found.deadline,
        )
        if shown != self._side_drawn:
            self._side_drawn = shown
            text = side_text(found, compact=compact)
            self.query_one("#today-side-text", Static).update(text)

    @on(OptionList.OptionHighlighted, "#today-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._detail()

    def _detail(self) -> None:
        if self.view is None:
            return
        text = detail_text(self.selected_row(), self.view, self.store.snapshot())
        self.query_one("#today-detail", Static).update(text)

    # The selection -------------------------------------------------------------------------

    def selected_row(self) -> Row | None:
        lists = self.query(TodayList)
        if not lists:
            return None
        index = lists.first().highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        row = self.rows[index]
        return row if row.key is not None else None

    def context_goal_id(self) -> str | None:
        row = self.selected_row()
        return row.goal_id if row else None

    def nothing_selected(self) -> str:
        return "Nothing to act on: nothing is due today."

    def _selected_task(self) -> Task | None:
        row = self.selected_row()
        if row is None or row.task_id is None:
            self.notify(
                "Select a task (under Tasks) first." if row else self.nothing_selected(),
                markup=False,
            )
            return None
        task = next((t for t in self.store.snapshot().tasks if t.id == row.task_id), None)
        if task is None:
            self.notify("That task is gone (deleted in another session).", markup=False)
            self.maybe_refresh()
        return task

    # Actions -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#today-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """enter: log a session on a practice row, edit the task on a task row."""
        row = self.selected_row()
        if row is not None and row.kind == "task":
            self.action_edit()
        elif row is not None and row.kind == "lesson":
            self.action_review_lessons()
        else:
            self.action_log()

    def action_log(self) -> None:
        """Log a session for the selected goal, its planned minutes filled in."""
        row = self.selected_row()
        if row is None or row.goal_id is None:
            self.notify(
                "Select a practice goal first (or press p)." if row else self.nothing_selected(),
                markup=False,
            )
            return
        minutes = row.minutes if row.kind != "task" else None
        self.app.push_screen(
            capture.practice_dialog(self.store, row.goal_id, minutes), self._logged
        )

    def _logged(self, session: PracticeSession | None) -> None:
        if session is not None:
            self.post_message(Captured(session))  # the App redraws the screens and says so

    def action_finish(self) -> None:
        """space: the task is done (celebrated); a repeating one makes its next occurrence."""
        task = self._selected_task()
        if task is None:
            return
        moved = self.attempt(lambda: self.store.move_task(task.id, "done"))
        if moved is None:
            return
        tasks = self.store.snapshot().tasks
        count = done_this_week(tasks, date.today())
        message = f"{moved.title}\n{plural(count, 'card')} done this week. Well done!"
        following = next((t for t in tasks if moved.recur and t.id == moved.recur.next), None)
        if following is not None and following.due:
            due = date.fromisoformat(following.due)
            message += f"\n{glyph('repeat')} Next one due {weekday_date(due)}, on the Board."
        self.notify(message, title=f"{glyph('done')} Done!", markup=False, timeout=5)

    def action_edit(self) -> None:
        task = self._selected_task()
        if task is None:
            return

        def saved(result: Task | None) -> None:
            if result is not None:
                self.announce_change()
                self.notify(f"Saved: {result.title}", markup=False)

        self.app.push_screen(task_edit_dialog(self.store, task), saved)

    def action_review_lessons(self) -> None:
        """r: review the lessons due (Feedback's review), from the selected one if a lesson
        row is selected."""
        today = date.today()
        self.maybe_refresh()  # another session may have reviewed some
        due = list(self.view.lessons) if self.view is not None else []
        row = self.selected_row()
        first = next((i for i, d in enumerate(due) if row and d.entry.id == row.entry_id), 0)
        review_lessons(self, due[first:] + due[:first], today, self.maybe_refresh)

    def action_board(self) -> None:
        """Show the selected task on the Board."""
        task = self._selected_task()
        if task is not None:
            self.post_message(ShowCard(task.id))
