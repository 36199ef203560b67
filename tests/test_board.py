"""Pilot tests of the Board: every key and gesture, checked on the store and on screen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.dialogs.goal_picker import GoalPicker
from masterytui.dialogs.help import HelpScreen
from masterytui.domain.model import Task
from masterytui.screens.board.column import CardList
from masterytui.screens.board.header import BoardLine
from masterytui.screens.board.screen import BoardScreen
from masterytui.store import MasteryStore
from masterytui.store.files import SCHEMA_VERSION, atomic_write, dump
from masterytui.widgets.topbar import TopBar

SIZE = (100, 30)


def seed(store: MasteryStore) -> MasteryStore:
    """Running > Marathon > Cadence, and Guitar; six cards over the four columns."""
    store.set_setting("welcomed", True)
    today = date.today()
    running = store.add_goal("Running", "area")
    marathon = store.add_goal("Marathon", "performance", running.id)
    cadence = store.add_goal("Cadence", "mastery", marathon.id)
    store.add_goal("Guitar", "area")
    store.add_task("Buy shoes", running.id, "backlog")
    store.add_task("Gait analysis", cadence.id, "backlog", priority="L")
    store.add_task("Strides", cadence.id, "next", due=str(today + timedelta(days=2)))
    store.add_task("Long run", marathon.id, "next", priority="H")
    store.add_task("Metronome run", cadence.id, "doing", due=str(today), priority="H")
    store.add_task("Film stride", cadence.id, "done")
    return store


@asynccontextmanager
async def board(
    store: MasteryStore, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[MasteryApp, Pilot[None], BoardScreen]]:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        yield app, pilot, screen


def titles(screen: BoardScreen, column: str) -> list[str]:
    return [t.title for t in screen.card_list(column).cards]


def stored(store: MasteryStore, column: str) -> list[str]:
    tasks = [t for t in store.snapshot().tasks if t.column == column]
    return [t.title for t in sorted(tasks, key=lambda t: (t.position, t.created_at, t.id))]


def by_title(store: MasteryStore, title: str) -> Task:
    return next(t for t in store.snapshot().tasks if t.title == title)


def selected(screen: BoardScreen) -> str | None:
    task = screen.selected_task()
    return task.title if task else None


def shown_lines(card_list: CardList) -> list[str]:
    """What a column draws, line by line, as plain text."""
    return [card_list.render_line(y).text for y in range(card_list.size.height)]


def detail(screen: BoardScreen) -> str:
    return screen.query_one("#board-detail", BoardLine).text.plain


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


async def pick_goal(pilot: Pilot[None], words: str) -> None:
    """g, then narrow the picker to ``words`` and press enter."""
    await press(pilot, "g")
    picker = pilot.app.screen
    assert isinstance(picker, GoalPicker)
    picker.query_one("#picker-filter", Input).value = words
    await press(pilot, "enter")


# Moving around and moving cards ------------------------------------------------------------


async def test_arrows_vim_keys_and_help(store: MasteryStore) -> None:
    async with board(seed(store)) as (app, pilot, screen):
        assert screen.current_column == "backlog" and selected(screen) == "Buy shoes"
        await press(pilot, "j")
        assert selected(screen) == "Gait analysis"
        assert detail(screen).startswith("Gait analysis · goal: Cadence · low priority")
        await press(pilot, "l")  # the row is kept: second card on the left, second here
        assert (screen.current_column, selected(screen)) == ("next", "Long run")
        await press(pilot, "k", "down", "up")
        assert selected(screen) == "Strides"
        await press(pilot, "right", "right", "l")  # the last column stops the cursor
        assert (screen.current_column, selected(screen)) == ("done", "Film stride")
        await press(pilot, "h", "left")
        assert (screen.current_column, selected(screen)) == ("next", "Strides")
        await press(pilot, "end")
        assert selected(screen) == "Long run"
        await press(pilot, "home")
        assert selected(screen) == "Strides"
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict(help_screen.sections[0][1])
        assert rows["H shift+←"] == "Move the card left"
        assert rows["J shift+↓"] == "Move the card down"
        assert rows["W"] == "Set Doing's WIP limit"


async def test_shifted_keys_move_and_reorder_cards(store: MasteryStore) -> None:
    async with board(seed(store)) as (_, pilot, screen):
        await press(pilot, "j", "L")
        assert stored(store, "next") == ["Gait analysis", "Strides", "Long run"]
        assert (screen.current_column, selected(screen)) == ("next", "Gait analysis")
        await press(pilot, "shift+right")
        assert stored(store, "doing") == ["Gait analysis", "Metronome run"]
        await press(pilot, "H")
        assert stored(store, "next") == ["Gait analysis", "Strides", "Long run"]
        await press(pilot, "J")
        assert stored(store, "next") == ["Strides", "Gait analysis", "Long run"]
        assert selected(screen) == "Gait analysis"
        await press(pilot, "shift+down")
        assert stored(store, "next") == ["Strides", "Long run", "Gait analysis"]
        await press(pilot, "J")  # at the bottom: refused quietly
        assert stored(store, "next") == ["Strides", "Long run", "Gait analysis"]
        await press(pilot, "K", "shift+up")
        assert stored(store, "next") == ["Gait analysis", "Strides", "Long run"]
        assert titles(screen, "next") == stored(store, "next")
        await press(pilot, "shift+left", "H")  # the first column stops the card
        assert stored(store, "backlog") == ["Gait analysis", "Buy shoes"]
        assert titles(screen, "backlog") == ["Gait analysis", "Buy shoes"]


async def test_done_space_delete_and_undo(store: MasteryStore) -> None:
    async with board(seed(store)) as (app, pilot, screen):
        await press(pilot, "l", "l", "L")
        done = by_title(store, "Metronome run")
        assert done.column == "done" and done.done_at is not None
        assert any("Done!" in (n.title or "") for n in app._notifications)
        assert any("done this week" in n.message for n in app._notifications)
        assert (screen.current_column, selected(screen)) == ("done", "Metronome run")
        await press(pilot, "H")
        back = by_title(store, "Metronome run")
        assert back.column == "doing" and back.done_at is None
        await press(pilot, "h", "space")  # done; the cursor stays in Next
        assert by_title(store, "Strides").column == "done"
        assert (screen.current_column, selected(screen)) == ("next", "Long run")
        await press(pilot, "l", "l", "space")  # Strides is on top of Done: back to Next
        assert by_title(store, "Strides").column == "next"
        assert by_title(store, "Strides").done_at is None
        await press(pilot, "h", "h", "d")
        assert stored(store, "next") == ["Long run"]
        assert any("Press u to undo" in n.message for n in app._notifications)
        await press(pilot, "u")
        assert stored(store, "next") == ["Strides", "Long run"]
        assert titles(screen, "next") == ["Strides", "Long run"]


# Adding and editing -------------------------------------------------------------------------


async def test_new_card_and_edit_with_inline_validation(store: MasteryStore) -> None:
    async with board(seed(store)) as (app, pilot, screen):
        await press(pilot, "l", "l", "n")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["column"] == "doing"
        # The card under the cursor is no context for a new one: only the goal filter is.
        assert dialog.values()["goal_id"] == ""
        dialog.query_one("#field-title", Input).value = "Cadence drills"
        await press(pilot, "enter")
        assert by_title(store, "Cadence drills").column == "doing"
        assert (screen.current_column, selected(screen)) == ("doing", "Cadence drills")

        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        due = dialog.query_one("#field-due", Input)
        due.value = "2026-02-30"
        await pilot.pause()
        assert "not a real calendar date" in str(dialog.query_one("#error-due").render())
        await press(pilot, "enter")
        assert app.screen is dialog  # refused: the form stays open, nothing written
        assert by_title(store, "Cadence drills").due is None
        title = dialog.query_one("#field-title", Input)
        title.value = "   "
        await pilot.pause()
        assert "cannot be empty" in str(dialog.query_one("#error-title").render())
        title.value = "Cadence drills, 180 spm"
        due.value = "friday"
        await pilot.pause()
        assert str(dialog.query_one("#error-due").render()).startswith("= Fri")
        dialog.query_one("#field-priority", Select).value = "H"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        saved = by_title(store, "Cadence drills, 180 spm")
        assert saved.priority == "H" and saved.due is not None
        assert date.fromisoformat(saved.due).weekday() == 4

        await press(pilot, "enter")  # enter edits too; escape cancels
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-title", Input).value = "changed"
        await press(pilot, "escape")
        assert app.screen is screen and by_title(store, "Cadence drills, 180 spm")

        await pilot.double_click(screen.card_list("doing"), offset=(3, 2))  # the mouse too
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-title", Input).value == "Cadence drills, 180 spm"


# Filters ------------------------------------------------------------------------------------


async def test_text_filter_and_goal_filter(store: MasteryStore) -> None:
    seed(store)
    store.add_task("Loose end", None, "backlog")
    async with board(store) as (app, pilot, screen):
        await press(pilot, "slash", *"RUN")
        assert titles(screen, "next") == ["Long run"]
        assert titles(screen, "doing") == ["Metronome run"]
        assert titles(screen, "backlog") == []
        assert screen.query_one(TopBar).status == '"RUN"'
        assert screen.column("next").header.text.plain == "Next 1 of 2"
        await press(pilot, "enter", "l", "j")  # the keys are the board's again
        assert (screen.current_column, selected(screen)) == ("next", "Long run")
        await press(pilot, "escape")
        assert titles(screen, "backlog") == ["Buy shoes", "Gait analysis", "Loose end"]
        assert screen.query_one(TopBar).status == ""
        assert not screen.query_one("#board-filter-bar").display

        await press(pilot, "g", "m", "a", "r")  # typing narrows the picker
        assert isinstance(app.screen, GoalPicker)
        assert [o.id for o in app.screen.option_list.options] == [
            next(g.id for g in store.snapshot().goals if g.title == "Marathon")
        ]
        await press(pilot, "enter")
        assert app.screen is screen
        assert titles(screen, "backlog") == ["Gait analysis"]  # Cadence is under Marathon
        assert titles(screen, "next") == ["Strides", "Long run"]
        assert screen.query_one(TopBar).status == "goal: Marathon (+sub)"
        marathon = next(g for g in store.snapshot().goals if g.title == "Marathon")
        assert screen.context_goal_id() == marathon.id
        await press(pilot, "t")  # quick capture defaults to the goal filter
        dialog = app.screen
        assert isinstance(dialog, FormDialog) and dialog.values()["goal_id"] == marathon.id
        await press(pilot, "escape", "slash")
        screen.query_one("#board-filter", Input).value = "long"
        await press(pilot, "enter")
        assert titles(screen, "next") == ["Long run"] and titles(screen, "doing") == []
        assert screen.query_one(TopBar).status == 'goal: Marathon (+sub) · "long"'
        await press(pilot, "escape")  # clears both filters
        assert len(titles(screen, "backlog")) == 3 and screen.query_one(TopBar).status == ""

        await pick_goal(pilot, "without")
        assert titles(screen, "backlog") == ["Loose end"]
        assert screen.query_one(TopBar).status == "goal: none"
        assert screen.context_goal_id() is None
        await pick_goal(pilot, "all goals")
        assert len(titles(screen, "backlog")) == 3
        await pick_goal(pilot, "zz")  # no match: enter chooses nothing
        await press(pilot, "escape")
        assert app.screen is screen and len(titles(screen, "backlog")) == 3


def burst(app: MasteryApp, *keys: str) -> None:
    """Queue keys all at once, as a fast typist or a tmux script delivers them."""
    for key in keys:
        char = {"slash": "/"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


async def test_keys_typed_in_a_burst_around_the_filter_keep_their_order(
    store: MasteryStore,
) -> None:
    async with board(seed(store)) as (app, pilot, screen):
        burst(app, "slash", "r", "u", "n", "enter", "l", "L")
        await pilot.pause()
        await pilot.pause()
        assert screen.board_filter.text == "run" and app.focused is None
        # l went to the next column; L then moved its card (Long run) on, not a hidden one.
        assert stored(store, "doing") == ["Long run", "Metronome run"]
        burst(app, "slash", "x", "escape", "h")
        await pilot.pause()
        await pilot.pause()
        assert screen.board_filter.text == "" and screen.current_column == "next"
        assert not screen.query_one("#board-filter-bar").display
        # n then u and d at once: the form opens; nothing is undone, nothing deleted.
        burst(app, "n", "u", "d")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert stored(store, "doing") == ["Long run", "Metronome run"]
        assert len(store.snapshot().tasks) == 6


async def test_wip_limit_done_history_and_a_vanished_filter_goal(store: MasteryStore) -> None:
    seed(store)
    old = store.add_task("Old win", None, "done")
    with store.change("age it"):
        store.put("tasks", {**(store.find("tasks", old.id) or {}), "done_at": "2020-01-01"})
    guitar = next(g for g in store.snapshot().goals if g.title == "Guitar")
    async with board(store) as (app, pilot, screen):
        assert screen.column("doing").header.text.plain == "Doing 1/3"
        await press(pilot, "W")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#field-limit", Input).value = "-2"
        await press(pilot, "enter")
        assert app.screen is dialog and store.setting("wip_limit") is None
        dialog.query_one("#field-limit", Input).value = "1"
        await press(pilot, "enter")
        assert store.setting("wip_limit") == 1
        await press(pilot, "L", "L")  # Buy shoes to Doing: over the limit, still moved
        assert stored(store, "doing") == ["Buy shoes", "Metronome run"]
        header = screen.column("doing").header
        assert header.text.plain == "Doing 2/1! over" and "over" in header.state

        assert titles(screen, "done") == ["Film stride"]
        assert screen.column("done").header.text.plain == "Done 1 +1 older"
        await press(pilot, "a")
        assert titles(screen, "done") == ["Film stride", "Old win"]
        assert "all done" in screen.query_one(TopBar).status

        await pick_goal(pilot, "guitar")
        assert all(not titles(screen, c) for c in ("backlog", "next", "doing"))
        store.delete_goal(guitar.id)
        app.data_changed()
        await pilot.pause()
        assert screen.board_filter.goal_id is None
        assert titles(screen, "backlog") == ["Gait analysis"]


async def test_keys_that_need_a_card_do_nothing_on_an_empty_board(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    async with board(store) as (app, pilot, screen):
        await press(pilot, "e", "d", "space", "H", "L", "J", "K", "enter", "l", "j")
        assert app.screen is screen and store.snapshot().tasks == []
        assert "no cards" in shown_lines(screen.card_list("next"))[0]
        assert "n new card" in detail(screen)


# Mouse --------------------------------------------------------------------------------------


async def test_mouse_selects_moves_with_a_header_click_and_drags(store: MasteryStore) -> None:
    async with board(seed(store)) as (_, pilot, screen):
        await pilot.click(screen.card_list("next"), offset=(3, 2))  # the second card
        await pilot.pause()
        assert (screen.current_column, selected(screen)) == ("next", "Long run")
        assert detail(screen).startswith("Picked: Long run")
        await pilot.click(screen.column("done").header)
        await pilot.pause()
        assert stored(store, "done") == ["Long run", "Film stride"]
        assert (screen.current_column, selected(screen)) == ("done", "Long run")
        await pilot.click(screen.column("backlog").header)  # nothing picked: only selects
        await pilot.pause()
        assert screen.current_column == "backlog" and by_title(store, "Long run").column == "done"

        await pilot.mouse_down(screen.card_list("backlog"), offset=(3, 0))  # Buy shoes
        await pilot.mouse_up(screen.card_list("next"), offset=(3, 1))  # Strides' lower half
        await pilot.pause()
        assert stored(store, "next") == ["Strides", "Buy shoes"]
        await pilot.mouse_down(screen.card_list("next"), offset=(3, 2))  # Buy shoes
        await pilot.mouse_up(screen.card_list("next"), offset=(3, 0))  # above Strides
        await pilot.pause()
        assert stored(store, "next") == ["Buy shoes", "Strides"]
        assert (screen.current_column, selected(screen)) == ("next", "Buy shoes")


# Scale, safety, layout ----------------------------------------------------------------------


def many_cards(path: Path, count: int) -> MasteryStore:
    """A file with ``count`` cards in Backlog, written directly (adding them one change at a
    time would cost more than the test)."""
    tasks = {
        str(n): Task(id=f"t{n:05d}", title=f"Card {n:04d}", position=n).to_doc()
        for n in range(1, count + 1)
    }
    data = {"tasks": tasks, "meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    atomic_write(path, dump(data))
    store = MasteryStore(path)
    store.set_setting("welcomed", True)
    return store


async def test_a_column_of_2000_cards_opens_and_scrolls(tmp_path: Path) -> None:
    store = many_cards(tmp_path / "many.json", 2000)
    async with board(store) as (_, pilot, screen):
        cards = screen.card_list("backlog")
        assert len(cards.cards) == 2000
        assert screen.column("backlog").header.text.plain == "Backlog 2000"
        assert "Card 0001" in shown_lines(cards)[0]
        await press(pilot, "end")
        assert selected(screen) == "Card 2000" and cards.scroll_offset.y > 3900
        assert any("Card 2000" in line for line in shown_lines(cards))
        await press(pilot, "pageup")
        assert selected(screen) is not None and selected(screen) < "Card 2000"
        await press(pilot, "L")
        assert by_title(store, selected(screen) or "").column == "next"
        await press(pilot, "h", "home")
        assert selected(screen) == "Card 0001" and cards.scroll_offset.y == 0


async def test_hostile_titles_are_shown_literally(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    hostile = ["[red]x[/]", "[/]", "[link=x]y", "\\x1b[2J typed as text"]
    for title in hostile:
        store.add_task(title, None, "backlog")
    with store.change("a hand-edited file"):
        store.put("tasks", Task(id="traw", title="raw\x1b[2Jesc\x07", column="next").to_doc())
    async with board(store) as (_, pilot, screen):
        lines = "\n".join(shown_lines(screen.card_list("backlog")))
        for title in hostile:
            assert title in lines
        raw = "\n".join(shown_lines(screen.card_list("next")))
        assert "raw" in raw and "esc" in raw and "\x1b" not in raw and "\x07" not in raw
        await press(pilot, "l")
        assert "\x1b" not in detail(screen) and detail(screen).startswith("raw")


async def test_80x24_four_columns_fit_and_nothing_overflows(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    async with board(demo_store, size=(80, 24)) as (_, _pilot, screen):
        widths = [screen.column(c).region.width for c in ("backlog", "next", "doing", "done")]
        assert sum(widths) == 80 and min(widths) >= 19
        for column in ("backlog", "next", "doing", "done"):
            cards = screen.card_list(column)
            assert cards.region.right <= 80
            for line in shown_lines(cards):
                assert len(line) <= cards.size.width
        assert any("…" in line for line in shown_lines(screen.card_list("backlog")))


async def test_another_sessions_change_shows_and_the_selection_stays(
    store: MasteryStore,
) -> None:
    seed(store)
    async with board(store) as (app, pilot, screen):
        await press(pilot, "j")
        assert selected(screen) == "Gait analysis"
        other = MasteryStore(store.path)
        other.add_task("From my phone", None, "backlog", top=True)
        app.check_file()
        await pilot.pause()
        assert titles(screen, "backlog") == ["From my phone", "Buy shoes", "Gait analysis"]
        assert selected(screen) == "Gait analysis"
