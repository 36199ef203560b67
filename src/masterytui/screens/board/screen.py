"""The Board screen (2): kanban columns Backlog, Next, Doing, Done (DESIGN §3).

The screen owns the keys, the filters and the current column; the columns are
:class:`CardList` widgets that draw only the cards on screen, so a column of thousands of
cards opens and scrolls as fast as a column of ten. Card changes live in
:class:`~.board_cards.CardActions`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static, TextArea

from ...actions import ACTION_BY_ID, Action
from ...bindings import bindings
from ...domain.model import COLUMN_TITLES, COLUMNS
from ...domain.text import clean_text
from ...widgets.footer import Footer
from ...widgets.safe import one_line
from ...widgets.topbar import TopBar
from ..board_view import NO_GOAL, RECENT_DONE_DAYS, BoardFilter, build_board
from .card import card_summary
from .cards import CardActions
from .column import BoardColumn, CardList
from .filter_box import FilterBox
from .goal_picker import ALL_GOALS, board_goal_picker
from .header import BoardLine, header_text

DIALOG_ACTIONS = ("board.new", "board.edit", "board.goal", "board.wip")
"""Actions that open a dialog; their keys (the user's, if remapped) are handled as they
arrive (see :meth:`BoardScreen.on_key`)."""

HINT = "n new card · enter edit · H/L move · / filter · g goal · ? all keys"


class BoardScreen(CardActions):
    """The kanban board of the tasks that goals break into."""

    TITLE_TEXT = "Board"
    KEY_SCOPES = ("board",)
    CONTEXT_WHY = "the Board's goal filter"
    AUTO_FOCUS = ""  # keys belong to the screen; only the filter box ever takes the focus
    BINDINGS: ClassVar[list[BindingType]] = bindings("board")

    def __init__(self) -> None:
        super().__init__()
        self.board_filter = BoardFilter()
        self.show_all_done = False

    def compose(self) -> ComposeResult:
        yield TopBar("board")
        with Horizontal(id="board-filter-bar") as bar:
            bar.display = False
            yield Static("/ filter", id="board-filter-label")
            yield FilterBox(
                placeholder="words in title or notes · esc clears",
                id="board-filter",
                select_on_focus=False,
            )
        with Horizontal(id="board-columns"):
            for column in COLUMNS:
                yield BoardColumn(column)
        yield BoardLine(id="board-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.maybe_refresh()
        self.select_column(self.current_column)
        self._take_reveal()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self._take_reveal()

    def _take_reveal(self) -> None:
        task_id, self.host.reveal_task = self.host.reveal_task, None
        if task_id is not None:
            self.reveal(task_id)

    def reveal(self, task_id: str) -> None:
        """Select the card ``task_id``, clearing the filters (or showing all of Done) if they
        hide it."""
        task = next((t for t in self.data.tasks if t.id == task_id), None)
        if task is None:
            self.notify("That card is gone (deleted here or in another session).", markup=False)
            return
        if self.board_filter.active:
            view = build_board(
                self.data.goals, [task], date.today(), self.board_filter, show_all_done=True
            )
            if not view.columns[task.column].cards:
                self.action_clear_filters()
                self.notify("The filters hid that card: cleared.", markup=False)
        if task.column == "done" and not self.show_all_done:
            view = build_board(self.data.goals, [task], date.today())
            self.show_all_done = not view.columns["done"].cards
        self._pending_select = (task.column, task.id)
        self.refresh_data()

    def context_goal_id(self) -> str | None:
        """The goal filter (a goal the user chose for the board), never the selected card's:
        a card passed on the way is no statement about what comes next."""
        goal_id = self.board_filter.goal_id
        return None if goal_id == NO_GOAL else goal_id

    # Drawing ---------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        data = self.data
        today = date.today()
        goal_id = self.board_filter.goal_id
        if goal_id not in (None, NO_GOAL) and all(g.id != goal_id for g in data.goals):
            self.board_filter = replace(self.board_filter, goal_id=None)
            self.notify("The goal of the filter is gone; showing every goal.", markup=False)
        view = build_board(
            data.goals, data.tasks, today, self.board_filter, show_all_done=self.show_all_done
        )
        self.view = view
        pending, self._pending_select = self._pending_select, None
        filtered = self.board_filter.active
        wip = self.wip_limit()
        for key in COLUMNS:
            part = view.columns[key]
            board_column = self.column(key)
            empty = "no cards · n adds one"
            if filtered and part.total:
                empty = "filtered out · esc clears"
            if key == "done" and part.older and not self.show_all_done:
                empty = f"none in {RECENT_DONE_DAYS} days · a shows all"
            board_column.cards.set_cards(
                part.cards,
                view.goal_titles,
                today,
                select_id=pending[1] if pending and pending[0] == key else None,
                empty_text=empty,
            )
            text, over = header_text(
                key,
                shown=len(part.cards),
                total=part.total,
                older=part.older,
                filtered=filtered,
                wip_limit=wip,
                show_all_done=self.show_all_done,
            )
            board_column.header.show_header(
                text, over_limit=over, current=key == self.current_column
            )
        if pending is not None:
            self.select_column(pending[0])
        self.show_status()
        self.show_detail()

    def nothing_selected(self) -> str:
        """Why no card is selected, for a key that needs one."""
        column = COLUMN_TITLES[self.current_column]
        part = self.view.columns[self.current_column] if self.view else None
        if part is not None and part.total and self.board_filter.active:
            return f"No card selected: the filter hides every card in {column} (escape clears it)."
        if part is not None and part.older and not self.show_all_done:
            days = RECENT_DONE_DAYS
            return f"No card selected: {column} shows the last {days} days (a shows all)."
        return f"No card selected: {column} has no cards."

    def select_column(self, key: str) -> None:
        """Make ``key`` the current column. No widget takes the focus: keys stay with the
        screen, so changing column neither restyles the board nor rebuilds the footer."""
        self.current_column = key
        for column in COLUMNS:
            board_column = self.column(column)
            board_column.cards.set_active(column == key)
            board_column.header.set_current(column == key)
        if self.focused is not None:
            self.set_focus(None)
        self.show_detail()

    def show_status(self) -> None:
        """The filters, on the right of the top bar."""
        parts: list[str] = []
        goal_id = self.board_filter.goal_id
        if goal_id == NO_GOAL:
            parts.append("goal: none")
        elif goal_id is not None and self.view is not None:
            parts.append(f"goal: {self.view.goal_filter_title or goal_id} (+sub)")
        text = clean_text(self.board_filter.text).strip()
        if text:
            parts.append(f'"{text}"')
        if self.show_all_done:
            parts.append("all done")
        self.query_one(TopBar).status = " · ".join(parts)

    def show_detail(self) -> None:
        """The whole of the selected card on the line under the columns."""
        task = self.selected_task()
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if task is None:
            hidden = self.board_filter.active and self.view is not None
            if hidden and self.view and self.view.columns[self.current_column].total:
                text.append(
                    "No card selected: the filter hides this column's cards · escape clears it",
                    style="italic",
                )
            else:
                text.append(HINT, style="italic")
        elif self._picked == task.id:
            text.append("Picked: ", style="bold")
            text.append_text(one_line(task.title))
            text.append(" · click a column header to move it there", style="italic")
        else:
            goal = self.view.goal_titles.get(task.goal_id or "") if self.view else None
            text.append(card_summary(task, goal, date.today()))
        self.query_one("#board-detail", BoardLine).show(text)

    # Moving around ---------------------------------------------------------------------------

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        if not event.by_mouse:
            self._picked = None
        self.show_detail()

    def action_cursor(self, delta: int) -> None:
        self.card_list().action_cursor(delta)

    def action_cursor_end(self, direction: int) -> None:
        card_list = self.card_list()
        if direction < 0:
            card_list.action_first()
        else:
            card_list.action_last()

    def action_page(self, direction: int) -> None:
        self.card_list().action_page(direction)

    def action_column(self, delta: int) -> None:
        """The column to the left or right, on the card at the same height."""
        index = COLUMNS.index(self.current_column) + delta
        if not 0 <= index < len(COLUMNS):
            return
        source = self.card_list()
        target = self.card_list(COLUMNS[index])
        self._picked = None
        if target.cards:
            row = source.cursor_row if source.cards else 0
            target.select_index(target.index_at_row(row))
        self.select_column(target.column)

    # Filters ---------------------------------------------------------------------------------

    def action_filter_text(self) -> None:
        self.query_one("#board-filter-bar").display = True
        # At once (Widget.focus waits a frame): the letters typed next belong to the box.
        self.set_focus(self.query_one("#board-filter", Input))

    def on_key(self, event: events.Key) -> None:
        """Keep keys in the order they were typed around the keys that move the focus.

        The app forwards queued keys to where the focus is *now*, before a binding runs, so
        keys typed in a burst after ``/``, ``n`` or ``e`` (a fast typist, a tmux script)
        reach the board rather than the box or dialog they were meant for: ``n`` then ``u``
        would open the form *and* undo. Here ``/`` and the dialog keys act at once, and the
        keys behind them go where they belong. Keys the filter box sees after it let go
        come back up as board keys (see :class:`FilterBox`).
        """
        if self.app.screen is not self:
            # Queued here before a dialog opened over the board: typed for the dialog. Never
            # a board key, nor an app key (u would undo): give it to the dialog's text field.
            event.stop()
            event.prevent_default()
            target = self.app.screen.focused
            if isinstance(target, Input | TextArea):
                target.post_message(events.Key(event.key, event.character))
            return
        box = self.query_one("#board-filter", FilterBox)
        if self.focused is None and event.key in self.host.keys_of("board.filter"):
            event.stop()
            event.prevent_default()
            self.action_filter_text()
        elif self.focused is None and (action := self._dialog_action(event.key)):
            # Open the dialog now, so that the keys queued behind this one find it open.
            event.stop()
            event.prevent_default()
            getattr(self, action.handler)()
        elif self.focused is box:
            if event.key in ("enter", "escape"):
                event.stop()
                event.prevent_default()
                self.set_focus(None)
                self.filter_done(cleared=event.key == "escape")
            elif event.is_printable and event.character:
                event.stop()
                event.prevent_default()
                box.insert_text_at_cursor(event.character)
                self.sync_filter()

    def _dialog_action(self, key: str) -> Action | None:
        for action_id in DIALOG_ACTIONS:
            if key in self.host.keys_of(action_id):
                return ACTION_BY_ID[action_id]
        return None

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self) -> None:
        self.sync_filter()

    def sync_filter(self) -> None:
        """Filter by what the box holds now (a Changed message may arrive after a clear)."""
        text = self.query_one("#board-filter", FilterBox).value
        if text != self.board_filter.text:
            self.board_filter = replace(self.board_filter, text=text)
            self.refresh_data()

    @on(FilterBox.Done)
    def _filter_box_done(self, event: FilterBox.Done) -> None:
        self.filter_done(cleared=event.cleared)

    def filter_done(self, *, cleared: bool) -> None:
        """Typing in the filter box ended: escape cleared the filters, enter kept them."""
        if cleared:
            self.action_clear_filters()
            return
        self.sync_filter()
        if not self.board_filter.text.strip():
            self.query_one("#board-filter-bar").display = False
        self.select_column(self.current_column)

    def action_filter_goal(self) -> None:
        picker = board_goal_picker(self.data.goals, self.board_filter.goal_id)
        self.app.push_screen(picker, self._goal_chosen)

    def _goal_chosen(self, value: str | None) -> None:
        if value is not None:
            goal_id = None if value == ALL_GOALS else value
            self.board_filter = replace(self.board_filter, goal_id=goal_id)
            self.refresh_data()

    def action_clear_filters(self) -> None:
        bar = self.query_one("#board-filter-bar")
        if not self.board_filter.active and not bar.display:
            return
        self.board_filter = BoardFilter()
        box = self.query_one("#board-filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        bar.display = False
        self.refresh_data()
        self.select_column(self.current_column)

    def action_toggle_all_done(self) -> None:
        self.show_all_done = not self.show_all_done
        self.refresh_data()
        self.notify(
            "Done shows every finished card, newest first."
            if self.show_all_done
            else f"Done shows the cards finished in the last {RECENT_DONE_DAYS} days.",
            markup=False,
        )
