"""Lessons due for spaced review on the Today list: the screen (r and enter start Feedback's
review), ``masterytui today`` text and JSON, the report's Today section, ``list feedback
--due``; and the one "don't miss twice" rule the status line shares."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from masterytui.cli import main
from masterytui.dialogs.lesson_review import LessonReviewDialog
from masterytui.domain.model import Goal
from masterytui.domain.today import StreakRisk
from masterytui.store import MasteryStore
from masterytui.views.lessons import lessons_due
from masterytui.views.report_today import today_section
from masterytui.views.today import risk_label, risk_state, today_view

from .test_today_screen import select, shown, today_screen

ELBOWS = "Elbows flare on the way up."
ALOUD = "Reading sales letters aloud shows the clunky lines."


def cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    assert main(["--db", str(db), *args]) == 0
    return capsys.readouterr().out


def test_the_today_view_holds_the_lessons_due(demo_store: MasteryStore, frozen: date) -> None:
    snapshot = demo_store.snapshot()
    view = today_view(snapshot, frozen)
    assert [d.entry.id for d in view.lessons] == [d.entry.id for d in lessons_due(snapshot, frozen)]
    assert [d.entry.text for d in view.lessons] == [ELBOWS, ALOUD]  # the longest waiting first


async def test_today_shows_the_lessons_and_r_reviews_them(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        rows = shown(screen)
        assert "Lessons to review · 2 due" in rows
        assert ELBOWS in rows and ALOUD in rows
        assert rows.index("Lessons to review") < rows.index("Tasks")
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LessonReviewDialog) and dialog.due.entry.text == ELBOWS
        await pilot.press("a")  # applied
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LessonReviewDialog) and dialog.due.entry.text == ALOUD
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, LessonReviewDialog)
        assert "Lessons to review" not in shown(screen)  # both wait for their next interval
        assert any("2 lessons reviewed: 2 applied" in n.message for n in app._notifications)
        await pilot.press("r")
        await pilot.pause()
        assert any("No lesson is due" in n.message for n in app._notifications)
    assert lessons_due(demo_store.snapshot(), date.today()) == []


async def test_enter_on_a_lesson_row_starts_from_that_lesson(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (app, pilot, screen):
        await select(pilot, screen, ALOUD)
        text = str(screen.query_one("#today-detail").render())
        assert "r review it" in text
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LessonReviewDialog) and dialog.due.entry.text == ALOUD
        await pilot.press("escape")  # stops: nothing answered
        await pilot.pause()
        assert not isinstance(app.screen, LessonReviewDialog)
    assert len(lessons_due(demo_store.snapshot(), date.today())) == 2


async def test_a_lesson_reviewed_as_applied_comes_back_later(demo_store: MasteryStore) -> None:
    async with today_screen(demo_store) as (_app, pilot, screen):
        await select(pilot, screen, ALOUD)
        await pilot.press("enter", "a", "escape")  # applied, then stop before the next
        await pilot.pause()
        assert ALOUD not in shown(screen) and ELBOWS in shown(screen)
    back = datetime.combine(date.today() + timedelta(days=3), datetime.min.time())
    with time_machine.travel(back.replace(hour=10), tick=True):
        view = today_view(demo_store.snapshot(), date.today())
        assert ALOUD in [d.entry.text for d in view.lessons]  # its second interval: 3 days
        async with today_screen(demo_store) as (_app, _pilot, screen):
            assert ALOUD in shown(screen)


def test_today_text_json_and_report_list_the_lessons(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore, frozen: date
) -> None:
    out = cli(capsys, demo_store.path, "today")
    part = out.split("## Lessons to review (2): still true? did I apply it?\n")[1]
    lines = part.splitlines()[:2]
    assert ELBOWS in lines[0] and "waiting 3 days" in lines[0]
    assert ALOUD in lines[1] and "due today" in lines[1]
    data = json.loads(cli(capsys, demo_store.path, "today", "--json"))
    assert [d["text"] for d in data["lessons_due"]] == [ELBOWS, ALOUD]
    assert [d["waiting_days"] for d in data["lessons_due"]] == [3, 0]
    assert data["lessons_due"][0]["goal"] == "Strength in accessory muscles"
    section = "\n".join(today_section(demo_store.snapshot(), frozen))
    assert "### Lessons to review (2)" in section
    assert f"- {ELBOWS} · *Strength in accessory muscles* · waiting 3 days" in section


def test_no_lessons_due_no_section(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    assert "Lessons to review" not in cli(capsys, store.path, "today")
    assert json.loads(cli(capsys, store.path, "today", "--json"))["lessons_due"] == []
    assert not any("Lessons" in line for line in today_section(store.snapshot(), frozen))


def test_lesson_text_is_shown_literally(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    at = (frozen - timedelta(days=2)).isoformat() + "T09:00"
    store.add_feedback("*bold* \x1b[31mred [b]x[/b]", "lesson", at=at)
    out = cli(capsys, store.path, "today")
    assert "\x1b" not in out and "[b]x[/b]" in out
    section = "\n".join(today_section(store.snapshot(), frozen))
    assert r"\*bold\*" in section


def test_a_lesson_logged_two_days_ago_is_due_on_its_first_interval(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    two_days = (frozen - timedelta(days=2)).isoformat() + "T18:30"
    lesson = store.add_feedback("Warm up before the fast reps", "lesson", at=two_days)
    store.add_feedback("Not a lesson", "win", at=two_days)
    yesterday = (frozen - timedelta(days=1)).isoformat()
    docs = json.loads(cli(capsys, store.path, "list", "feedback", "--due", "--json"))
    assert [(d["id"], d["review_due"]) for d in docs] == [(lesson.id, yesterday)]
    lines = cli(capsys, store.path, "list", "feedback", "--due").splitlines()
    assert len(lines) == 1 and lines[0].startswith(lesson.id)
    assert "Warm up before the fast reps" in cli(capsys, store.path, "today")


# "don't miss twice": one rule for the Today list and the status line ------------------------


@pytest.mark.parametrize(
    ("missed", "misses", "again", "label"),
    [
        (False, 0, False, "3d ends tonight"),
        (True, 0, True, "don't miss twice"),
        (True, 1, True, "don't miss twice"),
        (True, 2, False, "fresh start"),
        (True, 5, False, "fresh start"),
    ],
)
def test_dont_miss_twice_is_one_rule(missed: bool, misses: int, again: bool, label: str) -> None:
    goal = Goal(id="g1", title="Run", kind="mastery")
    risk = StreakRisk(goal, 0 if missed else 3, missed, misses)
    assert risk.dont_miss_twice is again
    assert risk_label(risk) == label
    assert ("Don't miss twice" in risk_state(risk)) is again


def test_status_says_dont_miss_twice_as_today_does(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore, frozen: date
) -> None:
    view = today_view(demo_store.snapshot(), frozen)
    expected = any(r.dont_miss_twice for r in view.found.risks)
    assert expected  # the demo's gym day before today was missed
    line = cli(capsys, demo_store.path, "status")
    assert line.endswith(" · don't miss twice\n")
    assert cli(capsys, demo_store.path, "status", "-f", "[{again}]") == "[ · don't miss twice]\n"


@pytest.mark.parametrize("command", [("add", "task", "x"), ("today",), ("status",)])
def test_demo_with_a_command_never_touches_the_users_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    """``--demo`` is "never your own file": with a command it says so and does nothing."""
    own = tmp_path / "own.json"
    monkeypatch.setenv("MASTERYTUI_DB", str(own))
    with pytest.raises(SystemExit) as exited:
        main(["--demo", *command])
    assert exited.value.code == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "--demo opens the app" in err
    assert not own.exists()
