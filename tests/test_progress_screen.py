"""Pilot tests of the Progress screen: what it shows, narrowing with g, export, import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Select

from masterytui.app import MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.dialogs.form import FormDialog
from masterytui.dialogs.goal_picker import GoalPicker
from masterytui.domain.figures import current_streak, practice_days
from masterytui.domain.model import Goal
from masterytui.screens.progress.charts import CHANGE, spark_line, weekly_chart
from masterytui.screens.progress.screen import ProgressScreen
from masterytui.store import MasteryStore
from masterytui.views.progress import GoalPractice
from masterytui.widgets.glyphs import glyph
from masterytui.widgets.topbar import TopBar
from tests.helpers import text_of

SIZE = (100, 30)
FIXTURE = Path(__file__).parent / "fixtures" / "taskwarrior_export.json"


def goal_by_title(store: MasteryStore, title: str) -> Goal:
    return next(g for g in store.snapshot().goals if g.title == title)


def screen_of(app: MasteryApp) -> ProgressScreen:
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


def shown(app: MasteryApp, selector: str) -> str:
    return text_of(app.screen.query_one(selector))


async def open_progress(pilot: object) -> None:
    await pilot.press("4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def narrow_to(pilot: object, text: str) -> None:
    await pilot.press("g")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_progress_shows_every_section_on_demo_data(
    demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        heat = shown(app, "#progress-heatmap").splitlines()
        assert [line[:2] for line in heat[1:8]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        assert "min a day" in heat[8]
        minutes_today = sum(
            s.minutes for s in demo_store.snapshot().practice if s.date == str(frozen)
        )
        assert shown(app, "#progress-glance").startswith(f"Today {minutes_today} min")

        practice = shown(app, "#progress-practice")
        cadence = goal_by_title(
            demo_store, "A consistent running cadence and efficient foot strikes"
        )
        sessions = [s for s in demo_store.snapshot().practice if s.goal_id == cadence.id]
        streak = current_streak(practice_days(sessions), frozen)
        row = next(line for line in practice.splitlines() if "A consistent running" in line)
        assert f"{streak} days" in row and "/140 min" in row
        assert "Illustrator icons" not in practice  # paused goals have no streak row

        assert screen.figures is not None
        outcomes = [o.goal.title for o in screen.figures.outcomes]
        shown_outcomes = shown(app, "#progress-outcome-rows")
        positions = [shown_outcomes.index(title) for title in outcomes]
        assert positions == sorted(positions), "drawn in the order of the figures"
        assert outcomes == [
            "+$30,000 a year from the website",  # 45 days left
            "Bench press 200 lb",  # 95
            "Beat last year's marathon time",  # 130
        ]
        trends = {t.goal.title: t.levels for t in screen.figures.trends}
        assert trends["A consistent running cadence and efficient foot strikes"] == (3, 4, 5, 6, 7)
        cadence_line = next(
            line
            for line in shown(app, "#progress-trend-rows").splitlines()
            if "A consistent running" in line
        )
        assert spark_line((3, 4, 5, 6, 7)).plain in cadence_line and "3 → 7/10" in cadence_line
        wins = shown(app, "#progress-wins-text")
        assert "The pricing page headline test is already ahead." in wins
        weekly = shown(app, "#progress-weekly").splitlines()
        assert len(weekly) == 12 and weekly[-1].startswith("23 Nov") and weekly[-1].endswith("1 ")
        assert sum(int(line.split()[-1]) for line in weekly) == 21  # all finished in 12 weeks


async def test_g_narrows_to_a_goal_and_escape_widens(
    demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        await narrow_to(pilot, "bench")
        bench = goal_by_title(demo_store, "Bench press 200 lb")
        assert screen.goal_id == bench.id
        assert app.screen.query_one(TopBar).status == "goal: Bench press 200 lb (esc: all)"
        assert screen.figures is not None
        assert [o.goal.title for o in screen.figures.outcomes] == ["Bench press 200 lb"]
        assert "Beat last year" not in shown(app, "#progress-outcome-rows")
        practice = shown(app, "#progress-practice")
        assert "Strength in accessory muscles" in practice and "Sales copywriting" not in practice
        wins = shown(app, "#progress-wins-text")
        assert "Benched 175 lb" in wins and "pricing page" not in wins
        assert screen.context_goal_id() == bench.id

        await pilot.press("escape")
        await pilot.pause()
        assert screen.goal_id is None
        assert app.screen.query_one(TopBar).status == ""
        assert screen.figures is not None and len(screen.figures.outcomes) == 3
        assert "Beat last year" in shown(app, "#progress-outcome-rows")


async def test_picker_keys_filter_move_cancel_and_all_goals(
    demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        await pilot.press("g")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, GoalPicker)
        listing = picker.query_one(OptionList)
        assert listing.option_count == len(demo_store.snapshot().goals) + 1  # + "All goals"
        await pilot.press(*"zzzz")
        assert listing.option_count == 1 and listing.get_option_at_index(0).disabled
        await pilot.press("enter")  # nothing matches: stays open
        assert isinstance(app.screen, GoalPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.goal_id is None

        await narrow_to(pilot, "sales")  # "Sales pages" (area) and "Sales copywriting"
        assert screen.goal_id == goal_by_title(demo_store, "Sales pages").id
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down")  # from the current goal to the one below it
        await pilot.press("enter")
        await pilot.pause()
        assert screen.goal_id == goal_by_title(demo_store, "+$30,000 a year from the website").id
        await pilot.press("g")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert listing.highlighted is not None
        await pilot.press(*["up"] * listing.highlighted)
        assert listing.highlighted == 0
        await pilot.press("enter")  # "All goals"
        await pilot.pause()
        assert screen.goal_id is None


async def test_quick_capture_links_to_the_narrowed_goal(
    demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        await narrow_to(pilot, "Strength in")
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        goal = goal_by_title(demo_store, "Strength in accessory muscles")
        assert dialog.query_one("#field-goal_id", Select).value == goal.id
        await pilot.press("3", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        minutes = sum(
            s.minutes
            for s in demo_store.snapshot().practice
            if s.goal_id == goal.id and s.date == str(frozen)
        )
        assert minutes >= 35
        assert shown(app, "#progress-glance").startswith(f"Today {minutes} min")


async def test_a_deleted_goal_stops_the_narrowing(demo_store: MasteryStore, frozen: date) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        await narrow_to(pilot, "Illustrator")
        screen = screen_of(app)
        assert screen.goal_id is not None
        demo_store.delete_goal(screen.goal_id)
        app.data_changed()
        await pilot.pause()
        assert screen.goal_id is None and app.screen.query_one(TopBar).status == ""


async def test_empty_store_shows_hints_not_errors(store: MasteryStore, frozen: date) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        assert "No mastery goal with a practice plan" in shown(app, "#progress-practice")
        assert "no practice logged yet" in shown(app, "#progress-heatmap")
        assert "No wins yet" in shown(app, "#progress-wins-text")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)  # no picker without goals


async def test_hostile_titles_are_shown_literally(store: MasteryStore, frozen: date) -> None:
    store.set_setting("welcomed", True)
    goal = store.add_goal("[bold red]x[/] [@click=app.quit]q[/]", "mastery")
    store.log_practice(20, goal.id)
    store.log_win("[/] win", goal.id)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        assert "[bold red]x[/] [@click=app.quit]q[/]" in shown(app, "#progress-practice")
        assert "[/] win" in shown(app, "#progress-wins-text")
        await narrow_to(pilot, "[bold")
        assert "[bold red]x[/]" in app.screen.query_one(TopBar).status


async def test_layout_stacks_below_80_columns(demo_store: MasteryStore, frozen: date) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        assert not screen.has_class("-narrow")
        heat = screen.query_one("#progress-heat")
        tasks = screen.query_one("#progress-tasks")
        assert tasks.region.x > heat.region.x and tasks.region.right <= 80
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert tasks.region.y > heat.region.y
        await pilot.press("j")  # scrolls, never crashes
        await pilot.pause()


async def test_export_from_the_app_writes_beside_the_data_file(
    demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        titles = [c.title for c in screen.commands()]
        assert "Export as Markdown" in titles and "Export as JSON" in titles
        screen.transfers.export_as("md")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reports = list(demo_store.path.parent.glob("demo-export-*.md"))
        assert len(reports) == 1
        assert reports[0].read_text().startswith("# masterytui report, 2026-11-23")
        assert any(str(reports[0]) in n.message for n in app._notifications)

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exports = list(demo_store.path.parent.glob("demo-export-*.json"))
        assert len(exports) == 1 and b'"schema_version"' in exports[0].read_bytes()


async def test_import_from_the_app_and_undo(store: MasteryStore, frozen: date) -> None:
    store.set_setting("welcomed", True)
    store.add_goal("Mine")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        screen = screen_of(app)
        screen.action_import()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        before = store.path.read_bytes()
        await pilot.press(*"/nonexistent/tasks.json", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # refused: stays open, says why
        assert "does not exist" in text_of(dialog.query_one("#error-path"))
        assert store.path.read_bytes() == before

        dialog.query_one("#field-path").value = str(FIXTURE)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert len(store.snapshot().tasks) == 8
        assert any("8 tasks added" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert store.snapshot().tasks == []
        assert [g.title for g in store.snapshot().goals] == ["Mine"]


@pytest.mark.parametrize("ascii_only", ["0", "1"])
def test_the_weekly_counts_stand_apart_from_the_bars_and_the_edge(
    monkeypatch: pytest.MonkeyPatch, ascii_only: str
) -> None:
    """Two cells between the busiest week's bar and its count, one after every count (the
    scrollbar comes next), the counts right-aligned."""
    monkeypatch.setenv("MASTERYTUI_ASCII", ascii_only)
    weeks = [(date(2026, 11, 2), 1), (date(2026, 11, 9), 3), (date(2026, 11, 16), 10)]
    console = Console(width=40, color_system=None, legacy_windows=False)
    with console.capture() as out:
        console.print(weekly_chart(weeks))
    lines = out.get().splitlines()
    assert [line[-4:] for line in lines] == ["  1 ", "  3 ", " 10 "]
    assert all(len(line) == 40 for line in lines)
    if ascii_only == "0":  # the busiest week's bar takes the width the counts leave
        assert lines[-1].endswith(f"{glyph('full')}  10 ")


async def test_the_streak_table_heads_the_habit_and_its_change(
    demo_store: MasteryStore, frozen: date
) -> None:
    """ "Habit" ends over the strength (95%) and "Change" over its change in 4 weeks (+18)."""
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        lines = shown(app, "#progress-practice").splitlines()
        head = lines[0]
        row = next(line for line in lines if "A consistent running" in line)
        assert head.index("Habit") < head.index(CHANGE) < head.index("This week")
        habit = practice_row(app, "A consistent running")
        strength = f"{habit.strength}% "
        change = f"{habit.strength_change:+d} "
        assert row.index(strength) + len(strength) == head.index("Habit") + len("Habit") + 1
        assert row.index(change) + len(change) == head.index(CHANGE) + len(CHANGE) + 1


def practice_row(app: MasteryApp, words: str) -> GoalPractice:
    figures = screen_of(app).figures
    assert figures is not None
    return next(row for row in figures.practice if words in row.goal.title)
