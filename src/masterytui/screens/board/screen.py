"""The Board screen (2): kanban columns Backlog, Next, Doing, Done (DESIGN §3).

The screen owns the keys, the filters and the current column; the columns are
:class:`CardList` widgets that draw only the cards on screen, so a column of thousands of
cards opens and scrolls as fast as a column of ten. Card changes are a helper the screen
holds and calls, :class:`~.cards.CardChanges`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ...bindings import bindings
from ...domain.model import COLUMNS, Snapshot, Task
from ...views.board import (
    DEFAULT_WIP_LIMIT,
    NO_GOAL,
    RECENT_DONE_DAYS,
    BoardFilter,
    BoardView,
    board_view,
    build_board,
)
from ...widgets.footer import Footer
from ...widgets.topbar import TopBar
from ..base import MasteryScreen
from .cards import CardChanges
from .column import BoardColumn, CardList
from .filter_box import FilterBox
from .goal_picker import ALL_GOALS, board_goal_picker
from .header import BoardLine, ColumnHeader, header_text
from .keys import route_key
from .lines import detail_text, nothing_selected_text, status_text


class BoardScreen(MasteryScreen):
    """The kanban board of the tasks that goals break into."""

    TITLE_TEXT = "Board"
    KEY_SCOPES = ("board",)
    CONTEXT_WHY = "the Board's goal filter"
    AUTO_FOCUS = ""  # keys belong to the screen; only the filter box ever takes the focus
    BINDINGS: ClassVar[list[BindingType]] = bindings("board")

    def __init__(self) -> None:
        super().__init__()
        self.cards = CardChanges(self)
        self.board_filter = BoardFilter()
        self.show_all_done = False
        self.current_column = "backlog"
        self.view: BoardView | None = None
        self.pending_select: tuple[str, str] | None = None
        """(column, task id) to put the cursor on at the next redraw."""
        self.picked: str | None = None
        """The card last pressed with the mouse: a click on a header moves it there."""

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
        self.pending_select = (task.column, task.id)
        self.refresh_data()

    def context_goal_id(self) -> str | None:
        """The goal filter (a goal the user chose for the board), never the selected card's:
        a card passed on the way is no statement about what comes next."""
        goal_id = self.board_filter.goal_id
        return None if goal_id == NO_GOAL else goal_id

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

    def action_copy_title(self) -> None:
        """Put the selected card's title on the clipboard (OSC 52, where the terminal allows)."""
        task = self.card_to_act_on()
        if task is not None:
            self.app.copy_to_clipboard(task.title)
            self.notify(f"Copied: {task.title}", markup=False)

    def card_to_act_on(self) -> Task | None:
        """The selected card; with none, say why (a key never acts on a card not shown)."""
        task = self.selected_task()
        if task is None:
            self.notify(self.nothing_selected(), markup=False)
        return task

    # Drawing ---------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        data = self.data
        today = date.today()
        goal_id = self.board_filter.goal_id
        if goal_id not in (None, NO_GOAL) and all(g.id != goal_id for g in data.goals):
            self.board_filter = replace(self.board_filter, goal_id=None)
            self.notify("The goal of the filter is gone; showing every goal.", markup=False)
        view = board_view(data, today, self.board_filter, show_all_done=self.show_all_done)
        self.view = view
        pending, self.pending_select = self.pending_select, None
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
        return nothing_selected_text(
            self.view, self.current_column, self.board_filter, self.show_all_done
        )

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
        text = status_text(self.view, self.board_filter, self.show_all_done)
        self.query_one(TopBar).status = text

    def show_detail(self) -> None:
        """The whole of the selected card on the line under the columns."""
        text = detail_text(
            self.selected_task(),
            self.picked,
            self.view,
            self.board_filter,
            self.current_column,
            date.today(),
        )
        self.query_one("#board-detail", BoardLine).show(text)

    # Moving around ---------------------------------------------------------------------------

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        if not event.by_mouse:
            self.picked = None
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
        self.picked = None
        if target.cards:
            row = source.cursor_row if source.cards else 0
            target.select_index(target.index_at_row(row))
        self.select_column(target.column)

    # Changing cards (see :class:`~.cards.CardChanges`) ---------------------------------------

    def action_move_card(self, delta: int) -> None:
        self.cards.move_by(delta)

    def action_reorder(self, delta: int) -> None:
        self.cards.reorder(delta)

    def action_toggle_done(self) -> None:
        self.cards.toggle_done()

    def action_delete_card(self) -> None:
        self.cards.delete()

    def action_new_card(self) -> None:
        self.cards.new()

    def action_edit_card(self) -> None:
        self.cards.edit()

    def action_wip_limit(self) -> None:
        self.cards.ask_wip_limit()

    @on(CardList.Pressed)
    def _pressed(self, event: CardList.Pressed) -> None:
        self.cards.pressed(event)

    @on(CardList.Released)
    def _released(self, event: CardList.Released) -> None:
        self.cards.released(event)

    @on(ColumnHeader.Released)
    def _header_released(self, event: ColumnHeader.Released) -> None:
        self.cards.header_released(event)

    @on(CardList.Chosen)
    def _chosen(self) -> None:
        self.cards.chosen()

    # Filters ---------------------------------------------------------------------------------

    def action_filter_text(self) -> None:
        self.query_one("#board-filter-bar").display = True
        # At once (Widget.focus waits a frame): the letters typed next belong to the box.
        self.set_focus(self.query_one("#board-filter", Input))

    def on_key(self, event: events.Key) -> None:
        """Keep keys in the order they were typed around the keys that move the focus (see
        :mod:`.keys`). Keys the filter box sees after it let go come back up as board keys."""
        route_key(self, event)

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
