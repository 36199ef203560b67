"""What the Board does to cards: move, reorder, finish, delete, add, edit, and the mouse.

:class:`CardChanges` is a plain helper the Board screen holds and calls from its actions
and mouse handlers: every change goes through the store (one atomic, locked, undoable write)
and the screen redraws from it with the cursor on the card that moved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...dialogs.goal_context import mark_goal_context
from ...domain.model import COLUMN_TITLES, COLUMNS, Task
from ...domain.words import plural
from ...views.board import column_order, done_this_week, drop_index, reorder_plan
from ...widgets.glyphs import glyph
from .. import capture
from .column import CardList
from .forms import task_edit_dialog, wip_limit_dialog
from .header import ColumnHeader

if TYPE_CHECKING:  # the screen holds this helper; only the type is needed here
    from .screen import BoardScreen


class CardChanges:
    """Card changes for ``board``, from its keys and its mouse handlers, which call these."""

    def __init__(self, board: BoardScreen) -> None:
        self.board = board

    # Moving ----------------------------------------------------------------------------------

    def move(self, task: Task, column: str, index: int | None = None) -> None:
        """Move ``task`` to ``column`` at ``index`` (top by default); the cursor follows it."""
        self.board.pending_select = (column, task.id)
        self.board.picked = None
        moved = self.board.attempt(lambda: self.board.store.move_task(task.id, column, index))
        if moved is None:
            self.board.pending_select = None
        elif moved.column == "done" and task.column != "done":
            self.celebrate(moved)

    def celebrate(self, task: Task) -> None:
        count = done_this_week(self.board.data.tasks, date.today())
        self.board.notify(
            f"{task.title}\n{plural(count, 'card')} done this week. Well done!",
            title=f"{glyph('done')} Done!",
            markup=False,
            timeout=4,
        )

    def move_by(self, delta: int) -> None:
        task = self.board.card_to_act_on()
        if task is None:
            return
        index = COLUMNS.index(task.column) + delta
        if 0 <= index < len(COLUMNS):
            self.move(task, COLUMNS[index])

    def reorder(self, delta: int) -> None:
        """Swap the card with the card shown above or below it (hidden cards stay put)."""
        card_list = self.board.card_list()
        task = self.board.card_to_act_on()
        target = card_list.cursor + delta
        if task is None or not 0 <= target < len(card_list.cards):
            return
        if task.column == "done" and self.board.show_all_done:
            self.board.notify(
                "All of Done is shown newest first; press a for the recent cards to reorder.",
                markup=False,
            )
            return
        neighbour = card_list.cards[target]
        self.board.pending_select = (task.column, task.id)
        whole = self.board.view is not None and len(card_list.cards) == (
            self.board.view.columns[task.column].total
        )
        how, value = (
            ("reorder", delta)
            if whole
            else reorder_plan(
                column_order(self.board.data.tasks, task.column), task.id, neighbour.id, delta
            )
        )
        done: object
        if how == "reorder":
            done = self.board.attempt(lambda: self.board.store.reorder_task(task.id, value))
        else:
            done = self.board.attempt(
                lambda: self.board.store.move_task(task.id, task.column, value)
            )
        if done is None:
            self.board.pending_select = None

    def toggle_done(self) -> None:
        """Done <-> Next; the cursor stays in this column, on the next card."""
        task = self.board.card_to_act_on()
        if task is None:
            return
        moved = self.board.attempt(lambda: self.board.store.toggle_done(task.id))
        if moved is None:
            return
        if moved.column == "done":
            self.celebrate(moved)
        else:
            self.board.notify(f"Back to {COLUMN_TITLES[moved.column]}: {task.title}", markup=False)

    def delete(self) -> None:
        task = self.board.card_to_act_on()
        if task is None:
            return
        if task.recur is None or task.column == "done":
            self.board.attempt(
                lambda: self.board.store.delete_task(task.id),
                f"Deleted: {task.title}. Press u to undo.",
            )
            return
        from ...dialogs.choice import ChoiceDialog

        def chosen(choice: str | None) -> None:
            if choice == "one":
                self.board.attempt(
                    lambda: self.board.store.delete_task(task.id),
                    f"Deleted this one: {task.title}. Press u to undo.",
                )
            elif choice == "series":
                self.board.attempt(
                    lambda: self.board.store.delete_series(task.id),
                    f"Deleted the series: {task.title}. Press u to undo.",
                )

        body = (
            "This card repeats. Delete only this one, or the series (its open cards; "
            "finished ones stay)? Either way, u undoes the delete."
        )
        choices = [("one", "o", "This one"), ("series", "s", "The series")]
        self.board.app.push_screen(ChoiceDialog(f"Delete: {task.title}?", body, choices), chosen)

    # Adding and editing ----------------------------------------------------------------------

    def new(self) -> None:
        goal_id = self.board.context_goal_id()
        dialog = capture.task_dialog(
            self.board.store, goal_id, self.board.current_column, repeat=True
        )
        self.board.app.push_screen(
            mark_goal_context(dialog, goal_id, self.board.CONTEXT_WHY), self._card_saved
        )

    def edit(self) -> None:
        task = self.board.card_to_act_on()
        if task is not None:
            self.board.app.push_screen(task_edit_dialog(self.board.store, task), self._card_saved)

    def _card_saved(self, task: Task | None) -> None:
        if task is None:
            return
        self.board.pending_select = (task.column, task.id)
        self.board.announce_change()
        hidden = self.board.card_list(task.column).selected_id != task.id
        self.board.notify(
            f"Saved: {task.title}" + (" (hidden by the filter)" if hidden else ""), markup=False
        )

    def ask_wip_limit(self) -> None:
        def done(limit: int | None) -> None:
            if limit is None:
                return
            self.board.refresh_data()
            self.board.notify(
                f"Doing's work-in-progress limit: {limit}" if limit else "Doing has no WIP limit.",
                markup=False,
            )

        self.board.app.push_screen(wip_limit_dialog(self.board.store, self.board.wip_limit()), done)

    # Mouse -----------------------------------------------------------------------------------

    def pressed(self, event: CardList.Pressed) -> None:
        self.board.picked = event.task_id
        self.board.select_column(event.card_list.column)

    def released(self, event: CardList.Released) -> None:
        """The end of a drag: drop the picked card at the gap under the pointer."""
        task = self._picked_task()
        if task is None:
            return
        target = event.card_list
        at = drop_index(
            column_order(self.board.data.tasks, target.column),
            [t.id for t in target.cards],
            task.id,
            event.index,
        )
        if at is not None:  # None: a plain click, or a drop where the card already is
            self.move(task, target.column, at)

    def header_released(self, event: ColumnHeader.Released) -> None:
        """A click on a header (or a drag onto it) moves the picked card to that column."""
        task = self._picked_task()
        if task is None:
            self.board.select_column(event.column)
        elif task.column != event.column:
            self.move(task, event.column)
        else:
            self.board.picked = None
            self.board.show_detail()

    def chosen(self) -> None:
        self.board.picked = None
        self.edit()

    def _picked_task(self) -> Task | None:
        task = self.board.selected_task()
        return task if task is not None and task.id == self.board.picked else None
