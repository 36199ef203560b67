"""What the Board does to cards: move, reorder, finish, delete, add, edit, and the mouse.

:class:`CardActions` is the half of :class:`~.board.BoardScreen` that changes data: every
change goes through the store (one atomic, locked, undoable write) and the screen redraws
from it with the cursor on the card that moved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on

from ..dialogs.goal_context import mark_goal_context
from ..domain.model import COLUMN_TITLES, COLUMNS, Snapshot, Task
from ..domain.text import plural
from ..store.board import move_card, reorder_card
from ..widgets.board_column import BoardColumn, CardList
from ..widgets.board_header import ColumnHeader
from ..widgets.glyphs import glyph
from . import capture
from .base import MasteryScreen
from .board_forms import task_edit_dialog, wip_limit_dialog
from .board_view import (
    DEFAULT_WIP_LIMIT,
    BoardView,
    column_order,
    done_this_week,
    drop_index,
    reorder_plan,
)


class CardActions(MasteryScreen):
    """Card changes for the Board screen, from keys and from the mouse."""

    def __init__(self) -> None:
        super().__init__()
        self.current_column = "backlog"
        self.view: BoardView | None = None
        self._pending_select: tuple[str, str] | None = None
        """(column, task id) to put the cursor on at the next redraw."""
        self._picked: str | None = None
        """The card last pressed with the mouse: a click on a header moves it there."""

    if TYPE_CHECKING:  # drawn by BoardScreen
        show_all_done: bool

        def select_column(self, key: str) -> None: ...

        def show_detail(self) -> None: ...

    # Parts -----------------------------------------------------------------------------------

    def column(self, key: str) -> BoardColumn:
        return self.query_one(f"#column-{key}", BoardColumn)

    def card_list(self, key: str | None = None) -> CardList:
        return self.query_one(f"#cards-{key or self.current_column}", CardList)

    @property
    def data(self) -> Snapshot:
        """Goals and tasks as they are now (the store updates only what changed)."""
        return self.store.snapshot()

    def selected_task(self) -> Task | None:
        return self.card_list().selected

    def wip_limit(self) -> int:
        value = self.store.setting("wip_limit", DEFAULT_WIP_LIMIT)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return DEFAULT_WIP_LIMIT
        return value

    def card_to_act_on(self) -> Task | None:
        """The selected card; with none, say why (a key never acts on a card not shown)."""
        task = self.selected_task()
        if task is None:
            self.notify(self.nothing_selected(), markup=False)
        return task

    # Moving ----------------------------------------------------------------------------------

    def move(self, task: Task, column: str, index: int | None = None) -> None:
        """Move ``task`` to ``column`` at ``index`` (top by default); the cursor follows it."""
        self._pending_select = (column, task.id)
        self._picked = None
        moved = self.attempt(lambda: move_card(self.store, task.id, column, index))
        if moved is None:
            self._pending_select = None
        elif moved.column == "done" and task.column != "done":
            self.celebrate(moved)

    def celebrate(self, task: Task) -> None:
        count = done_this_week(self.data.tasks, date.today())
        self.notify(
            f"{task.title}\n{plural(count, 'card')} done this week. Well done!",
            title=f"{glyph('done')} Done!",
            markup=False,
            timeout=4,
        )

    def action_move_card(self, delta: int) -> None:
        task = self.card_to_act_on()
        if task is None:
            return
        index = COLUMNS.index(task.column) + delta
        if 0 <= index < len(COLUMNS):
            self.move(task, COLUMNS[index])

    def action_reorder(self, delta: int) -> None:
        """Swap the card with the card shown above or below it (hidden cards stay put)."""
        card_list = self.card_list()
        task = self.card_to_act_on()
        target = card_list.cursor + delta
        if task is None or not 0 <= target < len(card_list.cards):
            return
        if task.column == "done" and self.show_all_done:
            self.notify(
                "All of Done is shown newest first; press a for the recent cards to reorder.",
                markup=False,
            )
            return
        neighbour = card_list.cards[target]
        self._pending_select = (task.column, task.id)
        whole = self.view is not None and len(card_list.cards) == (
            self.view.columns[task.column].total
        )
        how, value = (
            ("reorder", delta)
            if whole
            else reorder_plan(
                column_order(self.data.tasks, task.column), task.id, neighbour.id, delta
            )
        )
        done: object
        if how == "reorder":
            done = self.attempt(lambda: reorder_card(self.store, task.id, value))
        else:
            done = self.attempt(lambda: move_card(self.store, task.id, task.column, value))
        if done is None:
            self._pending_select = None

    def action_toggle_done(self) -> None:
        """Done <-> Next; the cursor stays in this column, on the next card."""
        task = self.card_to_act_on()
        if task is None:
            return
        column = "next" if task.column == "done" else "done"
        moved = self.attempt(lambda: move_card(self.store, task.id, column))
        if moved is None:
            return
        if moved.column == "done":
            self.celebrate(moved)
        else:
            self.notify(f"Back to {COLUMN_TITLES[moved.column]}: {task.title}", markup=False)

    def action_delete_card(self) -> None:
        task = self.card_to_act_on()
        if task is None:
            return
        if task.recur is None or task.column == "done":
            self.attempt(
                lambda: self.store.delete_task(task.id), f"Deleted: {task.title}. Press u to undo."
            )
            return
        from ..dialogs.choice import ChoiceDialog

        def chosen(choice: str | None) -> None:
            if choice == "one":
                self.attempt(
                    lambda: self.store.delete_task(task.id),
                    f"Deleted this one: {task.title}. Press u to undo.",
                )
            elif choice == "series":
                self.attempt(
                    lambda: self.store.delete_series(task.id),
                    f"Deleted the series: {task.title}. Press u to undo.",
                )

        body = (
            "This card repeats. Delete only this one, or the series (its open cards; "
            "finished ones stay)? Either way, u undoes the delete."
        )
        choices = [("one", "o", "This one"), ("series", "s", "The series")]
        self.app.push_screen(ChoiceDialog(f"Delete: {task.title}?", body, choices), chosen)

    # Adding and editing ----------------------------------------------------------------------

    def action_new_card(self) -> None:
        goal_id = self.context_goal_id()
        dialog = capture.task_dialog(self.store, goal_id, self.current_column, repeat=True)
        self.app.push_screen(mark_goal_context(dialog, goal_id, self.CONTEXT_WHY), self._card_saved)

    def action_edit_card(self) -> None:
        task = self.card_to_act_on()
        if task is not None:
            self.app.push_screen(task_edit_dialog(self.store, task), self._card_saved)

    def _card_saved(self, task: Task | None) -> None:
        if task is None:
            return
        self._pending_select = (task.column, task.id)
        self.mastery_app.data_changed()
        hidden = self.card_list(task.column).selected_id != task.id
        self.notify(
            f"Saved: {task.title}" + (" (hidden by the filter)" if hidden else ""), markup=False
        )

    def action_wip_limit(self) -> None:
        def done(limit: int | None) -> None:
            if limit is None:
                return
            self.refresh_data()
            self.notify(
                f"Doing's work-in-progress limit: {limit}" if limit else "Doing has no WIP limit.",
                markup=False,
            )

        self.app.push_screen(wip_limit_dialog(self.store, self.wip_limit()), done)

    # Mouse -----------------------------------------------------------------------------------

    @on(CardList.Pressed)
    def _pressed(self, event: CardList.Pressed) -> None:
        self._picked = event.task_id
        self.select_column(event.card_list.column)

    @on(CardList.Released)
    def _released(self, event: CardList.Released) -> None:
        """The end of a drag: drop the picked card at the gap under the pointer."""
        task = self._picked_task()
        if task is None:
            return
        target = event.card_list
        at = drop_index(
            column_order(self.data.tasks, target.column),
            [t.id for t in target.cards],
            task.id,
            event.index,
        )
        if at is not None:  # None: a plain click, or a drop where the card already is
            self.move(task, target.column, at)

    @on(ColumnHeader.Released)
    def _header_released(self, event: ColumnHeader.Released) -> None:
        """A click on a header (or a drag onto it) moves the picked card to that column."""
        task = self._picked_task()
        if task is None:
            self.select_column(event.column)
        elif task.column != event.column:
            self.move(task, event.column)
        else:
            self._picked = None
            self.show_detail()

    @on(CardList.Chosen)
    def _chosen(self) -> None:
        self._picked = None
        self.action_edit_card()

    def _picked_task(self) -> Task | None:
        task = self.selected_task()
        return task if task is not None and task.id == self._picked else None
