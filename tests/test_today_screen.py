"""The Today screen (0): what it shows on the demo, its keys, refreshing, ASCII, the setting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.screens.today.rows import side_text
from masterytui.screens.today.screen import TodayScreen
from masterytui.store import MasteryStore
from masterytui.views.today import today_view
from masterytui.widgets.glyphs import glyph

from .helpers import foreign, screen_text

SIZE = (80, 24)


@asynccontextmanager
async def today_screen(
    store: MasteryStore, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[MasteryApp, Pilot[None], TodayScreen]]:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("0")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        yield app, pilot, screen


async def select(pilot: Pilot[None], screen: TodayScreen, words: str) -> None:
    """Move down (j) until the selected row holds ``words``."""
    await pilot.press("g")
    for _ in range(40):
        row = screen.selected_row()
        if row is not None and words in row.prompt.plain:
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(f"no row holds {words!r}")


def shown(screen: TodayScreen) -> str:
    return "\n".join(row.prompt.plain for row in screen.rows)


async def test_today_on_the_demo_shows_each_part(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store, (120, 40)) as (app, _pilot, screen):
        rows = shown(screen)
        assert "Practice today" in rows
        assert "20/20 min" in rows or "left" in rows  # the cadence goal, minutes a day
        assert "ends tonight" in rows  # practised yesterday, not yet today
        assert "don't miss twice" in rows  # the gym day before today was missed
        assert "!22 Nov" in rows  # the overdue task
        assert f"{glyph('repeat')} Foam-roll calves and hips" in rows
        text = screen_text(app)
        assert "Your commitments" in text and "I'm going to" in text
        assert "so far" in text and "Next deadline" in text
        assert " 0 Today " in text.splitlines()[0]
        assert text.splitlines()[0].index("Today") < text.splitlines()[0].index("Goals")


async def test_space_on_a_recurring_task_makes_the_next_on_the_board(
    demo_store: MasteryStore,
) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        await select(pilot, screen, "Foam-roll")
        await pilot.press("space")
        await pilot.pause()
        series = [t for t in demo_store.snapshot().tasks if t.title == "Foam-roll calves and hips"]
        assert sorted(t.column for t in series) == ["done", "next"]
        following = next(t for t in series if t.column == "next")
        assert following.due == "2026-11-25"  # every 2 days, from its due date
        assert "Foam-roll" not in shown(screen)  # done: off the list, and not due yet
        assert any("Done!" in (n.title or "") for n in app._notifications)
        await pilot.press("2")
        await pilot.pause()
        board = app.screen
        assert following.id in [t.id for t in board.card_list("next").cards]  # type: ignore[attr-defined]
        await pilot.press("u")  # undo takes back both
        await pilot.pause()
        series = [t for t in demo_store.snapshot().tasks if t.title == "Foam-roll calves and hips"]
        assert [t.column for t in series] == ["next"]


async def test_s_logs_a_session_with_the_planned_minutes(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        await select(pilot, screen, "The Adobe creative tools")
        before = len(demo_store.snapshot().practice)
        await pilot.press("s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.values()["minutes"] == "15"
        await pilot.press("enter")
        await pilot.pause()
        assert len(demo_store.snapshot().practice) == before + 1
        assert isinstance(app.screen, TodayScreen)
        row = screen.selected_row()
        assert row is not None and "15/15 min" in row.prompt.plain
        assert "The Adobe creative tools" not in "".join(
            r.prompt.plain for r in screen.rows if r.kind == "risk"
        )


async def test_enter_edits_a_task_and_logs_on_a_practice_row(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        await select(pilot, screen, "Rewrite the pricing page headline")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.values()["title"] == "Rewrite the pricing page headline"
        await pilot.press("escape")
        await pilot.pause()
        await select(pilot, screen, "Strength in accessory")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "minutes" in app.screen.values()


async def test_another_sessions_change_and_midnight_redraw_it(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        other = MasteryStore(demo_store.path)
        other.add_task("Call the physio", column="next", due="today")
        app.check_file()
        await pilot.pause()
        assert "Call the physio" in shown(screen)
        with time_machine.travel(datetime(2026, 11, 24, 0, 0, 30), tick=True):
            screen.maybe_refresh()
            await pilot.pause()
            assert screen.found is not None and screen.found.day == date(2026, 11, 24)
            assert "!23 Nov" in shown(screen)  # what was due yesterday is overdue now


async def test_keys_on_an_empty_file_say_what_is_missing(store: MasteryStore) -> None:
    async with today_screen(store) as (app, pilot, screen):
        assert "Nothing overdue" in shown(screen)
        for key in ("space", "s", "e", "b", "enter", "j", "k", "G"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert store.snapshot().tasks == []


async def test_user_text_is_shown_literally(store: MasteryStore) -> None:
    store.add_task("[red]x[/] \x1b[2J", column="doing")
    async with today_screen(store) as (app, _pilot, _screen):
        text = screen_text(app)
        assert "[red]x[/]" in text
        assert "\x1b" not in text


async def test_ascii_mode(demo_store: MasteryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTERYTUI_ASCII", "1")
    async with today_screen(demo_store) as (app, _pilot, _screen):
        assert not foreign(screen_text(app))


async def test_the_app_can_open_on_today(demo_store: MasteryStore, tmp_path: Path) -> None:
    demo_store.set_setting("welcomed", True)
    demo_store.set_setting("last_screen", "board")
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "board"
        app.set_open_on("today")
    assert demo_store.setting("open_on") == "today"
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "today"
        app.set_open_on(None)
    assert demo_store.setting("open_on") is None


async def test_a_new_card_on_the_board_can_repeat(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-title", Input).value = "Water the plants"
        form.query_one("#field-every", Input).value = "mon,thu"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (task,) = store.snapshot().tasks
    assert task.recur is not None and task.recur.every == "mon,thu"
    assert task.due is not None and date.fromisoformat(task.due).weekday() in (0, 3)
    assert date.fromisoformat(task.due) - date.today() < timedelta(days=7)


def test_the_commitments_hang_under_their_goal_on_every_wrapped_line(
    demo_store: MasteryStore, frozen: date
) -> None:
    """The side pane at 100x30 is 28 cells: a goal's title and its sentence wrap, and each
    of their lines starts two cells in, under the title, never under the glyph."""
    found = today_view(demo_store.snapshot(), frozen).found
    console = Console(width=28, color_system=None, legacy_windows=False)
    with console.capture() as out:
        console.print(side_text(found))
    lines = out.get().splitlines()
    start = lines.index("Your commitments") + 1
    block = lines[start : lines.index("", start)]
    marks = [line for line in block if not line.startswith("  ")]
    assert len(marks) == len(found.commitments) >= 2
    assert all(line.startswith(f"{glyph('mastery')} ") for line in marks)
    assert len(block) > 2 * len(found.commitments)  # some of them did wrap
    deadline = lines[lines.index("Next deadline:") + 1 :]
    assert deadline[0].startswith(f"{glyph('performance')} ")
    assert len(deadline) >= 3 and all(line.startswith("  ") for line in deadline[1:] if line)
