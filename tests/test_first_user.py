"""What a demanding first user found walking every screen at 100x30 and 80x24 (each a test)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine
from textual.widgets import Select, Static
from textual.widgets._footer import FooterKey

from masterytui.app import MasteryApp
from masterytui.demo import seed_demo
from masterytui.store import MasteryStore

from .helpers import screen_text

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


async def test_screenshots_keep_the_space_that_starts_a_styled_run(
    demo_store: MasteryStore, frozen: date
) -> None:
    """ "★ 1 win" and " this week" are two <text> runs: the SVG says its spaces are kept, or
    librsvg (rsvg-convert) drops the leading one and the picture reads "winthis week"."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        svg = app.export_screenshot()
    root = ET.fromstring(svg)
    assert root.get(XML_SPACE) == "preserve"
    runs = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(run.startswith("\u00a0this\u00a0week") for run in runs)


def _footer_fits(app: MasteryApp, where: str) -> None:
    keys = list(app.screen.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    rest = [k for k in keys if not k.has_class("-command-palette")]
    assert palette and rest, where
    edge = palette[0].region.x
    cut = [f"{k.key_display} {k.description}" for k in rest if k.region.right > edge]
    assert not cut, f"{where}: {cut} run under the palette key at {app.size.width} columns"
    assert any(k.description == "Keys" for k in rest), where


@pytest.mark.parametrize("ascii_mode", ["0", "1"])
async def test_every_footer_fits_at_80_columns_help_key_last(
    demo_store: MasteryStore, frozen: date, monkeypatch: pytest.MonkeyPatch, ascii_mode: str
) -> None:
    """At 80x24 the Goals footer hid "? Keys" and Feedback's read "? K": every key of every
    screen (the practice tab and the weekly review too) now ends before the palette key."""
    monkeypatch.setenv("MASTERYTUI_ASCII", ascii_mode)
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "01234":
            await pilot.press(key)
            await pilot.pause()
            _footer_fits(app, f"screen {key}")
        await pilot.press("3", "v")
        await pilot.pause()
        _footer_fits(app, "the practice log")
        await pilot.press("v", "R")
        await pilot.pause()
        _footer_fits(app, "the weekly review")


async def test_an_empty_column_says_all_its_words_at_80_columns(store: MasteryStore) -> None:
    """A column 19 cells wide cut "no cards · n adds one" and "filtered out · esc clears"
    mid-word; the words now wrap onto the column's next lines."""
    from .test_board import board, press, seed, shown_lines

    store.set_setting("welcomed", True)
    async with board(store, size=(80, 24)) as (_app, pilot, screen):
        said = " ".join(" ".join(shown_lines(screen.card_list("done"))).split())
        assert "no cards · n adds one" in said
    seed(store)
    async with board(store, size=(80, 24)) as (_app, pilot, screen):
        await press(pilot, "slash", *"zzz", "enter")
        for column in ("backlog", "next", "doing"):
            lines = shown_lines(screen.card_list(column))
            assert all(len(line) <= screen.card_list(column).size.width for line in lines)
            said = " ".join(" ".join(lines).split())
            assert "filtered out · esc clears" in said, column


async def test_keys_that_do_not_apply_say_so(demo_store: MasteryStore, frozen: date) -> None:
    """T, ], } and m on the practice log, and / on Today, did nothing and said nothing."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("0", "slash")
        await pilot.pause()
        assert "Today has no filter" in _last_notice(app)
        await pilot.press("3", "v")
        await pilot.pause()
        before = [(e.id, e.review) for e in demo_store.snapshot().feedback]
        tasks = len(demo_store.snapshot().tasks)
        for key, says in (
            ("T", "T turns a feedback entry's next step into a task"),
            ("right_square_bracket", "] steps through the feedback kinds"),
            ("right_curly_bracket", "} steps through the feedback sources"),
            ("m", "m marks a feedback entry for spaced review"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert _last_notice(app) == f"{says}: v switches to the feedback log.", key
        assert [(e.id, e.review) for e in demo_store.snapshot().feedback] == before
        assert len(demo_store.snapshot().tasks) == tasks


def _last_notice(app: MasteryApp) -> str:
    notices = list(app._notifications)
    return notices[-1].message if notices else ""


async def test_columns_line_up_in_the_review_and_on_progress(tmp_path: Path) -> None:
    """The review's finished tasks began where their day ended ("Tue 1 Dec  Swipe…" one
    cell left of "Thu 26 Nov  Book…"); Progress put "68% +2" a cell right of "95% +18"."""
    with time_machine.travel(datetime(2026, 12, 2, 10, 0), tick=True):
        store = MasteryStore(tmp_path / "demo.json")
        seed_demo(store, today=date(2026, 12, 2))
        store.set_setting("welcomed", True)
        app = MasteryApp(store, watch_file=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            lines = [line.rstrip() for line in screen_text(app).splitlines()]
            top = next(i for i, line in enumerate(lines) if line.startswith(" Mastery goal"))
            rows = lines[top + 1 : lines.index("", top)]
            assert len(rows) >= 4
            assert len({row.index("%") for row in rows}) == 1, rows
            await pilot.press("3", "R")
            await pilot.pause()
            done = [line for line in screen_text(app).splitlines() if line.startswith("  ✓ ")]
            days = {line.split()[2] for line in done}
            assert any(len(d) == 1 for d in days) and any(len(d) == 2 for d in days), done
            starts = {len(line) - len(line[line.index("  ", 5) :].lstrip()) for line in done}
            assert len(starts) == 1, done


@pytest.mark.parametrize("screen_key", list("01234"))
async def test_help_shows_every_title_whole_at_80x24(
    demo_store: MasteryStore, frozen: date, screen_key: str
) -> None:
    """Help cut "Log a session for this goal" to "Log a session for this go…": a long
    description now wraps in its cell, and every screen's help still fits in one view."""
    from rich.console import Console
    from rich.table import Table
    from textual.widgets import Static

    from masterytui.actions import in_scope
    from masterytui.dialogs.help import HelpScreen

    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        scopes = app.screen.KEY_SCOPES  # type: ignore[attr-defined]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.virtual_size.height <= body.size.height
        cells: list[str] = []
        for section in app.screen.query(".help-section"):
            assert isinstance(section, Static)
            table = section.content
            assert isinstance(table, Table)
            mine = [str(cell) for column in table.columns for cell in column.cells]
            cells += mine
            console = Console(width=section.size.width, file=io.StringIO(), record=True)
            console.print(table)
            drawn = console.export_text()
            assert drawn.count("…") == sum(cell.count("…") for cell in mine)
        for scope in ("app", *scopes):
            for action in in_scope(scope):
                if action.keys and not action.run.startswith("show("):
                    assert action.title in cells, action.id


def _choices(app: MasteryApp, field: str) -> tuple[list[str], object]:
    select = app.screen.query_one(f"#field-{field}", Select)
    labels = [
        select.prompt if value == Select.NULL else str(label) for label, value in select._options
    ]
    return [label.strip() for label in labels], select.value


async def test_a_required_choice_offers_no_none(demo_store: MasteryStore, frozen: date) -> None:
    """A feedback entry's Kind offered "(none)" (saved as a note), Move under offered both
    "(none)" and "(top level)", and the log's filter said "(none)" where it meant all."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "f")
        await pilot.pause()
        for field in ("kind", "source"):
            labels, value = _choices(app, field)
            assert "(none)" not in labels and value, field
        await pilot.press("escape", "t")
        await pilot.pause()
        assert "(none)" not in _choices(app, "column")[0]
        assert "(none)" in _choices(app, "goal_id")[0]  # a task may have no goal
        await pilot.press("escape", "e")
        await pilot.pause()
        for field in ("kind", "status"):
            assert "(none)" not in _choices(app, field)[0], field
        await pilot.press("escape", "m")
        await pilot.pause()
        labels, _value = _choices(app, "parent")
        assert "(none)" not in labels and labels[0] == "(top level)"
        assert "Move under another goal" in screen_text(app)
        await pilot.press("escape", "3", "F")
        await pilot.pause()
        for field in ("goal_id", "kind", "source"):
            assert _choices(app, field)[0][0] == "(all)", field
        assert "(none)" not in screen_text(app)


async def test_the_setback_prompt_and_the_practice_notice_say_it_plainly(
    demo_store: MasteryStore, frozen: date
) -> None:
    """The setback prompt's key line said "esc skip" beside a Cancel button; logging
    practice said "logged for 2026-11-23" where the app says "today" everywhere else."""
    from textual.widgets import Button

    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "f", *"Fell behind")
        app.screen.query_one("#field-kind", Select).value = "setback"
        await pilot.press("enter")
        await pilot.pause()
        assert "esc skip" in screen_text(app)
        assert str(app.screen.query_one("#form-cancel", Button).label) == "Skip"
        await pilot.press("escape", "p", "2", "5", "enter")
        await pilot.pause()
        assert _last_notice(app) == "25 min of practice logged for today."


async def test_the_top_bar_gives_a_long_status_the_name_s_room(
    demo_store: MasteryStore, frozen: date
) -> None:
    """At 80 columns Progress narrowed to Strength said "goal: Str…"; the status now takes
    the room of the app's name, which stays while there is room for both."""
    from masterytui.screens.progress.screen import ProgressScreen

    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert top.startswith(" masterytui ") and top.rstrip().endswith("Mon 23 Nov")
        await pilot.press("4", "g", *"strength", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        top = screen_text(app).splitlines()[0]
        assert "goal: Strength" in top and "0 Today" in top, top


async def test_today_s_line_about_the_row_keeps_its_keys_at_80_columns(
    demo_store: MasteryStore, frozen: date
) -> None:
    """At 80x24 the line under Today's list cut "s log a session" off the end of
    "habit 95% … next: tomorrow (tue) (practice days: every day)": the keys come first."""
    from .test_today_screen import select, today_screen

    async with today_screen(demo_store) as (app, pilot, screen):
        await select(pilot, screen, "A consistent running")
        lines = [line.rstrip() for line in screen_text(app).splitlines()]
        assert lines[-2].startswith(" s log a session  habit 95%"), lines[-2]
        assert "next: tomorrow, tue (practice d" in lines[-2]
        await select(pilot, screen, "Rewrite the pricing")
        lines = [line.rstrip() for line in screen_text(app).splitlines()]
        assert lines[-2] == " space done · e edit · b on the Board  due 22 Nov", lines[-2]


def test_the_welcome_names_every_screen_and_its_key() -> None:
    """The welcome said "1-4 Goals, Board, Feedback, Progress" after Today (0) came."""
    from masterytui.actions import SCREENS
    from masterytui.dialogs.welcome import KEYS

    line = KEYS.splitlines()[-1]
    assert all(screen.title in line for screen in SCREENS)
    assert "0 Today" in line and "1-4 Goals, Board, Feedback, Progress" in line
    assert max(len(line) for line in KEYS.splitlines()) <= 68  # one line each at 80x24


async def test_wins_name_the_month(tmp_path: Path) -> None:
    """On 2 Dec Progress said "★ 3 this week · 2 this month": the week began in November."""
    with time_machine.travel(datetime(2026, 12, 2, 10, 0), tick=True):
        store = MasteryStore(tmp_path / "demo.json")
        seed_demo(store, today=date(2026, 12, 2))
        store.set_setting("welcomed", True)
        app = MasteryApp(store, watch_file=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("4")
            await pilot.pause()
            text = app.screen.query_one("#progress-wins-text", Static).content
            assert " in Dec · " in str(text) and "this month" not in str(text)


async def test_the_review_s_week_fits_the_top_bar_at_80_columns(
    demo_store: MasteryStore, frozen: date
) -> None:
    """The top bar said "Weekly review 17–23 …" (cut) and "1 week(s) ago"."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "R")
        await pilot.pause()
        top = screen_text(app).splitlines()[0].rstrip()
        assert top.endswith("17–23 Nov 2026"), top
        await pilot.press("h")
        await pilot.pause()
        top = screen_text(app).splitlines()[0].rstrip()
        assert "10–16 Nov 2026 · 1 we" in top and "(s)" not in top, top


async def test_goals_says_closed_goals_are_hidden_in_full_at_80_columns(
    demo_store: MasteryStore, frozen: date
) -> None:
    """x on Goals said "achieved & dropped hi…" in the top bar at 80 columns."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "x")
        await pilot.pause()
        top = screen_text(app).splitlines()[0].rstrip()
        assert top.endswith("closed hidden (x)"), top
