"""What the app says: counts in the singular, undo naming the change, the review's week,
what a percentage is of, Done's history in date order, notifications kept off the help."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from masterytui.app import MasteryApp
from masterytui.dialogs.help import HelpScreen
from masterytui.domain.model import Measure
from masterytui.domain.words import plural
from masterytui.screens.feedback.review_view import render_review
from masterytui.screens.goals.detail import GoalDetail
from masterytui.store import MasteryStore
from masterytui.views.board import build_board
from masterytui.views.review import weekly_review
from masterytui.views.review_markdown import markdown
from tests.helpers import screen_text, text_of

SIZE = (100, 30)


def test_plural() -> None:
    assert plural(1, "rating") == "1 rating"
    assert plural(0, "rating") == "0 ratings"
    assert plural(2, "feedback entry", "feedback entries") == "2 feedback entries"
    assert plural(1, "feedback entry", "feedback entries") == "1 feedback entry"


def detail_head(app: MasteryApp) -> str:
    return text_of(app.screen.query_one(GoalDetail).query_one("#detail-head", Static))


async def test_the_detail_pane_counts_in_the_singular_and_says_what_its_percent_is_of(
    store: MasteryStore, frozen: date
) -> None:
    store.set_setting("welcomed", True)
    area = store.add_goal("Guitar", "area")
    skill = store.add_goal(
        "Barre chords",
        "mastery",
        area.id,
        measure=Measure(target=10, current=5, deadline=(frozen + timedelta(days=1)).isoformat()),
    )
    store.log_proficiency(skill.id, "4")
    store.log_practice("20", skill.id)
    done = store.add_task("Learn F", skill.id)
    store.move_task(done.id, "done")
    store.add_task("Learn B flat", skill.id)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        head = " ".join(detail_head(app).split())
        assert "50% of tasks done (1 of 2)" in head  # the area: its tasks
        await pilot.press("j")
        await pilot.pause()
        head = " ".join(detail_head(app).split())
        assert "50% of target" in head  # the skill: its measure
        assert "(1 rating)" in head
        assert "(1 day left)" in head
        assert "streak 1 day" in head and "1 days" not in head


async def test_undoing_a_status_change_says_so(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    store.add_goal("Guitar", "area")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "p")  # status: paused
        await pilot.pause()
        assert store.snapshot().goals[0].status == "paused"
        await pilot.press("u")
        await pilot.pause()
        assert store.snapshot().goals[0].status == "active"
        messages = [n.message for n in app._notifications]
        assert "Undone: set 'Guitar' to paused" in messages


def plain(renderable: object) -> str:
    console = Console(width=120, color_system=None, record=True, file=None)
    with console.capture() as capture:
        console.print(renderable)
    return " ".join(capture.get().split())


def test_a_past_week_of_the_review_says_which_week(demo_store: MasteryStore, frozen: date) -> None:
    empty = MasteryStore(Path(demo_store.path).with_name("empty.json")).snapshot()
    this_week = plain(render_review(weekly_review(empty, frozen)))
    assert "The last seven days at a glance" in this_week and "None this week." in this_week
    past = weekly_review(empty, frozen, weeks_back=2)
    shown = plain(render_review(past))
    assert "last seven days" not in shown and "this week" not in shown
    assert f"{past.period} at a glance" in shown and "None that week." in shown
    assert "_None that week._" in markdown(past)


def test_done_with_all_is_newest_first(store: MasteryStore) -> None:
    for n, day in enumerate(["2026-11-20", "2026-09-01", "2026-11-22", "2025-01-05"]):
        task = store.add_task(f"card {n}", column="done")
        store.update_task(task.id, title=f"card {n} ({day})")
        doc = store.find("tasks", task.id)
        assert doc is not None
        with store.change("date it"):
            store.put("tasks", {**doc, "done_at": f"{day}T12:00:00"})
    # a drop into the middle of Done puts board order out of date order
    last = next(t for t in store.snapshot().tasks if t.title.startswith("card 3"))
    store.move_task(last.id, "done", 1)
    snapshot = store.snapshot()
    board = build_board(snapshot.goals, snapshot.tasks, date(2026, 11, 23), show_all_done=True)
    days = [t.done_at for t in board.columns["done"].cards]
    assert days == sorted(days, reverse=True)


async def test_a_notification_waits_for_the_help_to_close(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        app.notify("Another session changed the file.")
        await pilot.pause()
        assert "Another session" not in screen_text(app)
        assert screen_text(app) == help_text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert "Another session changed the file." in screen_text(app)


def test_a_moment_or_a_day_reads_in_the_one_date_style() -> None:
    """The Goals detail, a done card and the lesson review showed "2026-11-30"."""
    from masterytui.domain.words import iso_day

    today = date(2026, 12, 2)
    assert iso_day("2026-11-30T07:15:00", today) == "30 Nov"
    assert iso_day("2026-11-30", today) == "30 Nov"
    assert iso_day("2025-11-30T07:15", today) == "30 Nov 2025"
    assert iso_day("soon", today) == "soon"  # text that is no date is shown as it is
