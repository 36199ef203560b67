"""The selection is an item, never a row: it survives every filter change on every screen.

Issue #13, items 1 and 14. For Goals, Board (text and goal filter) and Feedback (both logs):
filter, select, clear the filter: the same item is selected. An item the filter hides gives
way to the nearest one still shown (the next, else the previous), and the detail pane shows
that one; when the filter hides everything, nothing is selected, the list says the filter hides
it all and how to clear it, and the keys that act on a selection say so instead of acting.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Static

from masterytui.app import MasteryApp
from masterytui.domain.model import COLUMNS
from masterytui.screens.board.header import BoardLine
from masterytui.screens.board.screen import BoardScreen
from masterytui.screens.feedback.screen import FeedbackScreen
from masterytui.screens.feedback.table import LogTable
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.store import MasteryStore
from masterytui.views.board import BoardFilter, build_board
from masterytui.views.feedback import Filters, filter_entries, filter_practice
from masterytui.widgets.selection import kept_selection
from tests.helpers import screen_text, text_of
from tests.test_board import pick_goal, shown_lines

SIZE = (120, 34)


def goal_id(store: MasteryStore, title: str) -> str:
    return next(g.id for g in store.snapshot().goals if g.title == title)


def messages(app: MasteryApp) -> list[str]:
    return [n.message for n in app._notifications]


async def typed(pilot: Any, text: str) -> None:
    for char in text:
        await pilot.press(char)
    await pilot.pause()


# The rule itself -------------------------------------------------------------------------------


def test_kept_selection_prefers_the_same_then_the_next_then_the_previous() -> None:
    old = ["a", "b", "c", "d", "e"]
    assert kept_selection(old, "c", ["e", "c", "a"]) == "c"  # still shown: kept, wherever it is
    assert kept_selection(old, "c", ["a", "b", "e"]) == "e"  # gone: the next one still shown
    assert kept_selection(old, "e", ["a", "b"]) == "b"  # none after it: the previous
    assert kept_selection(old, "c", []) is None  # nothing shown: nothing selected
    assert kept_selection(old, "x", ["d", "a"]) == "d"  # never seen: the first shown
    assert kept_selection([], None, ["d", "a"]) == "d"


# Goals -----------------------------------------------------------------------------------------


async def test_goals_filter_select_clear_keeps_the_goal(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        await pilot.pause()
        await pilot.press("slash")
        await typed(pilot, "copy")
        await pilot.press("enter")
        await pilot.pause()
        tree = screen.goal_tree
        copy = goal_id(demo_store, "Sales copywriting")
        for _ in range(6):  # the path (area, outcome), then the match
            if tree.selected_goal_id == copy:
                break
            await pilot.press("j")
            await pilot.pause()
        assert tree.selected_goal_id == copy and tree.cursor_line > 0
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert tree.selected_goal_id == copy
        assert tree.cursor_node is not None and tree.cursor_node.data == copy
        assert "Sales copywriting" in text_of(screen.query_one("#detail-head", Static))
        # e edits the goal the user chose, not the one that took its row.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).value == "Sales copywriting"


async def test_goals_a_hidden_selection_moves_to_a_visible_goal(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        await pilot.pause()
        tree = screen.goal_tree
        cadence = goal_id(demo_store, "A consistent running cadence and efficient foot strikes")
        tree.populate(demo_store.snapshot(), show_closed=True, select_id=cadence)
        await pilot.pause()
        assert tree.selected_goal_id == cadence
        await pilot.press("slash")
        await typed(pilot, "adobe")
        await pilot.pause()
        shown = list(tree.shown)
        assert cadence not in shown
        # The selection is a goal the filter shows, and the detail pane shows that goal.
        selected = tree.selected_goal_id
        assert selected in shown
        assert tree.cursor_node is not None and tree.cursor_node.data == selected
        title = next(g.title for g in demo_store.snapshot().goals if g.id == selected)
        assert title in text_of(screen.query_one("#detail-head", Static))
        # A filter that hides every goal: nothing selected, and it says why and what to do.
        await typed(pilot, "zzz")
        await pilot.pause()
        assert tree.selected_goal_id is None
        assert not tree.shown
        text = screen_text(app)
        assert "No goal matches “adobezzz”: escape clears the filter." in text
        assert "No goal selected." in text_of(screen.query_one("#detail-head", Static))
        before = demo_store.snapshot().goals
        await pilot.press("enter")  # back to the tree
        await pilot.press("d", "s", "e")
        await pilot.pause()
        assert app.screen is screen and demo_store.snapshot().goals == before
        assert messages(app)[-1].startswith("No goal selected. No goal matches")


# Board -----------------------------------------------------------------------------------------


def board_detail(screen: BoardScreen) -> str:
    return screen.query_one("#board-detail", BoardLine).text.plain


async def open_board(pilot: Any, app: MasteryApp) -> BoardScreen:
    await pilot.press("2")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


async def test_board_text_filter_keeps_the_card_and_moves_off_a_hidden_one(
    demo_store: MasteryStore,
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot, app)
        cards = screen.card_list("backlog").cards
        assert len(cards) >= 3
        chosen = cards[2]
        word = chosen.title.split()[0].lower()
        screen.card_list().select_index(2)
        await pilot.pause()
        await pilot.press("slash")
        await typed(pilot, word)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected_task() is not None and screen.selected_task().id == chosen.id
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected_task() is not None and screen.selected_task().id == chosen.id
        assert screen.card_list().cursor == 2
        # Hide the selected card: the next card still shown takes its place (not the card that
        # slid into its row), and the detail line shows it.
        await pilot.press("escape")
        column = screen.card_list("backlog")
        order = [t.id for t in column.cards]
        words = {w.lower() for t in column.cards for w in t.title.split() if len(w) > 3}
        row, word, shown = next(
            (row, word, shown)
            for word in sorted(words)
            for shown in [board_ids(demo_store, BoardFilter(text=word))]
            for row in range(len(order))
            if differs(order, row, shown)
        )
        column.select_index(row)
        await pilot.pause()
        await pilot.press("slash")
        await typed(pilot, word)
        await pilot.press("enter")
        await pilot.pause()
        assert [t.id for t in column.cards] == shown
        expected = kept_selection(order, order[row], shown)
        task = screen.selected_task()
        assert task is not None and task.id == expected
        assert task.title in board_detail(screen)


def board_ids(store: MasteryStore, board_filter: BoardFilter, column: str = "backlog") -> list[str]:
    snapshot = store.snapshot()
    view = build_board(snapshot.goals, snapshot.tasks, date.today(), board_filter)
    return [t.id for t in view.columns[column].cards]


def differs(order: list[str], row: int, shown: list[str]) -> bool:
    """The card at ``row`` is hidden and keeping its row would select another card than the
    nearest one still shown (the case the old row-based cursor got wrong)."""
    if not shown or order[row] in shown:
        return False
    by_row = shown[min(row, len(shown) - 1)]
    return by_row != kept_selection(order, order[row], shown)


async def test_board_goal_filter_keeps_the_card(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot, app)
        copy = goal_id(demo_store, "Sales copywriting")
        cards = screen.card_list("backlog").cards
        index = next(i for i, t in enumerate(cards) if t.goal_id == copy and i > 0)
        chosen = cards[index]
        screen.card_list().select_index(index)
        await pilot.pause()
        await pick_goal(pilot, "sales copy")
        assert screen.board_filter.goal_id == copy
        assert screen.selected_task() is not None and screen.selected_task().id == chosen.id
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected_task() is not None and screen.selected_task().id == chosen.id
        # A card of another goal, hidden by the goal filter: the nearest card still shown.
        goals = {g.title: g.id for g in demo_store.snapshot().goals}
        column, title, row, order, shown = next(
            (column, title, row, order, shown)
            for column in COLUMNS
            for order in [[t.id for t in screen.card_list(column).cards]]
            for title, gid in sorted(goals.items())
            for shown in [board_ids(demo_store, BoardFilter(goal_id=gid), column)]
            for row in range(len(order))
            if differs(order, row, shown)
        )
        screen.select_column(column)
        screen.card_list().select_index(row)
        await pilot.pause()
        await pick_goal(pilot, title)
        assert screen.board_filter.goal_id == goals[title]
        task = screen.selected_task()
        assert task is not None and task.id == kept_selection(order, order[row], shown)
        assert task.title in board_detail(screen)


async def test_board_filter_hiding_every_card_says_so(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_board(pilot, app)
        await pilot.press("slash")
        await typed(pilot, "zzzq")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected_task() is None
        for column in ("backlog", "next", "doing"):
            assert "filtered out · esc clears" in shown_lines(screen.card_list(column))[0]
        assert "the filter hides" in board_detail(screen)
        tasks = demo_store.snapshot().tasks
        await pilot.press("d", "space", "L", "e")
        await pilot.pause()
        assert app.screen is screen and demo_store.snapshot().tasks == tasks
        assert messages(app)[-1] == (
            "No card selected: the filter hides every card in Backlog (escape clears it)."
        )


# Feedback --------------------------------------------------------------------------------------


async def feedback(pilot: Any, app: MasteryApp) -> FeedbackScreen:
    await pilot.press("3")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, FeedbackScreen)
    return screen


async def check_log(pilot: Any, app: MasteryApp, screen: FeedbackScreen, table: LogTable[Any]):
    """Search, select, clear on ``table``; then hide the selection and see what follows."""
    keys = table.row_keys()
    assert len(keys) >= 4
    table.cursor = 3
    await pilot.pause()
    chosen = table.cursor_item
    assert chosen is not None
    text = getattr(chosen, "text", None) or chosen.note
    word = max(text.split(), key=len).lower().strip(".,;:'")
    await pilot.press("slash")
    await typed(pilot, word)
    await pilot.press("enter")
    await pilot.pause()
    assert table.cursor_key == keys[3]
    await pilot.press("escape")
    await pilot.pause()
    assert table.cursor_key == keys[3] and table.cursor == 3
    # The selected row hidden by a goal filter: the nearest row still shown, not the row
    # that slid into its place; the detail pane follows.
    snapshot = app.store.snapshot()
    practice = screen.on_practice
    pick = filter_practice if practice else filter_entries
    gid, row, shown = next(
        (g.id, row, shown)
        for g in snapshot.goals
        for shown in [[i.id for i in pick(snapshot, Filters(goal_id=g.id))]]
        for row in range(len(keys))
        if differs(keys, row, shown)
    )
    table.cursor = row
    await pilot.pause()
    screen._filter(Filters(goal_id=gid))  # what F's form does on save
    await pilot.pause()
    assert table.row_keys() == shown
    assert table.cursor_key == kept_selection(keys, keys[row], shown)
    pane = "#fb-session-body" if practice else "#fb-entry-body"
    selected = dict(table._items)[table.cursor_key]
    selected_text = getattr(selected, "text", None) or selected.note or str(selected.minutes)
    assert selected_text.split()[0] in text_of(screen.query_one(pane, Static))
    await pilot.press("escape")
    await pilot.pause()


async def test_feedback_both_logs_keep_the_selection(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await feedback(pilot, app)
        await check_log(pilot, app, screen, screen.log_table)
        await pilot.press("v")
        await pilot.pause()
        assert screen.on_practice
        await check_log(pilot, app, screen, screen.practice_table)


async def test_feedback_filters_hiding_everything_say_so(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await feedback(pilot, app)
        total = len(demo_store.snapshot().feedback)
        await pilot.press("slash")
        await typed(pilot, "zzzq")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "No feedback yet" not in text
        assert f"The filters hide all {total} (escape clears them)" in text
        await pilot.press("e")
        await pilot.pause()
        assert messages(app)[-1] == (
            "No feedback entry selected: the filters hide them all (escape clears them)."
        )
        await pilot.press("v")
        await pilot.pause()
        sessions = len(demo_store.snapshot().practice)
        assert f"The filters hide all {sessions} (escape clears them)" in screen_text(app)
        assert "No practice yet" not in screen_text(app)
