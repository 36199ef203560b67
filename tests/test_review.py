"""The weekly review's data (views/review.py) and its Markdown report (views/review_markdown.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import time_machine

from masterytui.domain.model import PracticePlan
from masterytui.domain.words import md, period_label
from masterytui.store import MasteryStore
from masterytui.views.review import (
    adjustment_text,
    is_adjustment,
    review_window,
    weekly_review,
)
from masterytui.views.review_markdown import markdown, review_section

TODAY = date(2026, 11, 23)


def planned_store(store: MasteryStore) -> dict[str, str]:
    """Goals with and without plans, practice in and out of the window."""
    area = store.add_goal("Music", "area")
    perf = store.add_goal("Play a gig", "performance", area.id)
    daily = store.add_goal(
        "Scales", "mastery", perf.id, practice_plan=PracticePlan(minutes_per_day=20)
    )
    weekly = store.add_goal(
        "Sight reading", "mastery", perf.id, practice_plan=PracticePlan(sessions_per_week=3)
    )
    idle = store.add_goal(
        "Ear training", "mastery", perf.id, practice_plan=PracticePlan(minutes_per_day=10)
    )
    store.add_goal(
        "Paused skill",
        "mastery",
        perf.id,
        practice_plan=PracticePlan(minutes_per_day=10),
        status="paused",
    )
    for day in ("2026-11-23", "2026-11-22", "2026-11-21"):
        store.log_practice(30, daily.id, on=day)
    store.log_practice(60, daily.id, on="2026-11-16")  # 8 days ago: outside the window
    store.log_practice(45, weekly.id, on="2026-11-20")
    store.log_practice(40, weekly.id, on="2026-11-17")  # first day of the window
    store.log_practice(25, perf.id, on="2026-11-19")  # practice on a goal with no plan
    store.log_practice(15, None, on="2026-11-18")  # practice linked to nothing
    return {"daily": daily.id, "weekly": weekly.id, "idle": idle.id, "perf": perf.id}


def test_the_window_is_the_seven_days_ending_today() -> None:
    assert review_window(TODAY) == (date(2026, 11, 17), TODAY)
    assert review_window(TODAY, weeks_back=1) == (date(2026, 11, 10), date(2026, 11, 16))


def test_period_labels_read_naturally() -> None:
    assert period_label(date(2026, 11, 17), TODAY) == "17–23 Nov 2026"
    assert period_label(date(2026, 11, 28), date(2026, 12, 4)) == "28 Nov – 4 Dec 2026"
    assert period_label(date(2026, 12, 29), date(2027, 1, 4)) == "29 Dec 2026 – 4 Jan 2027"


def test_practice_against_plan_per_goal(store: MasteryStore, frozen: date) -> None:
    ids = planned_store(store)
    review = weekly_review(store.snapshot(), TODAY)
    lines = {line.goal.id if line.goal else None: line for line in review.practice}
    # Goals with a plan first, in tree order; then practised goals without a plan; then none.
    assert [line.title for line in review.practice] == [
        "Scales",
        "Sight reading",
        "Ear training",
        "Play a gig",
        "(no goal)",
    ]
    daily = lines[ids["daily"]]
    assert (daily.minutes, daily.sessions, daily.days) == (90, 3, 3)
    assert (daily.done, daily.planned, daily.unit) == (90, 140, "min")
    assert daily.ratio is not None and round(daily.ratio, 3) == round(90 / 140, 3)
    assert daily.streak == 3
    weekly = lines[ids["weekly"]]
    assert (weekly.done, weekly.planned, weekly.unit, weekly.minutes) == (2, 3, "sessions", 85)
    idle = lines[ids["idle"]]
    assert (idle.minutes, idle.ratio, idle.streak) == (0, 0.0, 0)
    no_plan = lines[ids["perf"]]
    assert (no_plan.minutes, no_plan.plan, no_plan.ratio) == (25, None, None)
    assert lines[None].minutes == 15
    assert review.total_minutes == 90 + 85 + 25 + 15
    assert review.total_sessions == 7


def test_tasks_finished_in_the_window_only(store: MasteryStore, frozen: date) -> None:
    goal = store.add_goal("Scales", "mastery")
    with time_machine.travel(datetime(2026, 11, 14, 9, 0), tick=False):
        old = store.add_task("Finished long ago", goal.id, "done")
    with time_machine.travel(datetime(2026, 11, 18, 9, 0), tick=False):
        mid = store.add_task("Finished on Wednesday", goal.id, "doing")
        store.move_task(mid.id, "done")
    store.add_task("Finished today", None, "done")
    store.add_task("Still doing", goal.id, "doing")
    review = weekly_review(store.snapshot(), TODAY)
    assert [(f.task.title, f.goal_title, f.day) for f in review.tasks_done] == [
        ("Finished on Wednesday", "Scales", "2026-11-18"),
        ("Finished today", "", "2026-11-23"),
    ]
    assert old.id not in {f.task.id for f in review.tasks_done}
    earlier = weekly_review(store.snapshot(), TODAY, weeks_back=1)
    assert [f.task.title for f in earlier.tasks_done] == ["Finished long ago"]


def test_feedback_grouped_with_next_steps(store: MasteryStore, frozen: date) -> None:
    goal = store.add_goal("Scales", "mastery")
    task = store.add_task("Metronome at 120", goal.id)
    store.add_feedback("Clean at 100 bpm", "win", at="2026-11-20T18:00:00", goal_id=goal.id)
    store.add_feedback(
        "Tension in the wrist", "lesson", "coach", next_step="Relax", at="2026-11-19"
    )
    store.add_feedback("Rushed the run", "improve", "peer", at="2026-11-21", task_id=task.id)
    store.add_feedback("Skipped two days", "setback", next_step="Practise first", at="2026-11-22")
    store.add_feedback("Bought a metronome", "note", at="2026-11-18")
    store.add_feedback("Too old to count", "win", at="2026-11-16T23:59:00")
    review = weekly_review(store.snapshot(), TODAY)
    assert [(r.entry.text, r.linked) for r in review.wins] == [("Clean at 100 bpm", "Scales")]
    assert [(r.entry.text, r.linked) for r in review.lessons] == [
        ("Tension in the wrist", ""),
        ("Rushed the run", "Metronome at 120"),  # linked to its task, by the task's title
    ]
    assert [(r.entry.text, r.entry.next_step) for r in review.setbacks] == [
        ("Skipped two days", "Practise first")
    ]
    assert [r.entry.text for r in review.notes] == ["Bought a metronome"]
    assert review.adjustments == []


def test_the_chosen_adjustment_is_recognised(store: MasteryStore, frozen: date) -> None:
    start, end = review_window(TODAY)
    chosen = store.add_feedback(
        adjustment_text(start, end), "improve", next_step="Practise before email"
    )
    look_alike = store.add_feedback(adjustment_text(start, end), "note")
    ordinary = store.add_feedback("Weekly review went fine", "improve")
    assert is_adjustment(chosen)
    assert not is_adjustment(look_alike)
    assert not is_adjustment(ordinary)
    review = weekly_review(store.snapshot(), TODAY)
    assert [r.entry.id for r in review.adjustments] == [chosen.id]
    assert chosen.id not in {r.entry.id for r in review.lessons}


def test_markdown_of_the_review(store: MasteryStore, frozen: date) -> None:
    planned_store(store)
    store.add_feedback("Skipped two days", "setback", next_step="Practise first", at="2026-11-22")
    text = review_section(store.snapshot(), TODAY)
    assert text == markdown(weekly_review(store.snapshot(), TODAY))
    assert text.startswith("# Weekly review: 17–23 Nov 2026\n")
    for heading in (
        "## Practice against plan",
        "## Tasks finished (0)",
        "## Wins (0)",
        "## Lessons (0)",
        "## Setbacks (1)",
        "## One adjustment for next week",
    ):
        assert f"\n{heading}\n" in text
    assert "| Scales | 90 min | 140 min | 64% | 3/7 | 3 |" in text
    assert "| Sight reading | 2 sessions (85 min) | 3 sessions | 67% | 2/7 | 0 |" in text
    assert "| Play a gig | 25 min | no plan | – | 1/7 | 0 |" in text
    assert "Total: 215 min in 7 sessions." in text
    assert "- **Sun 22 Nov, self**: Skipped two days\n  - Next time: Practise first" in text
    assert "_Not chosen yet." in text


def test_markdown_shows_the_chosen_adjustment(store: MasteryStore, frozen: date) -> None:
    goal = store.add_goal("Scales", "mastery")
    start, end = review_window(TODAY)
    store.add_feedback(
        adjustment_text(start, end), "improve", next_step="Practise at 7:00", goal_id=goal.id
    )
    text = review_section(store.snapshot(), TODAY)
    tail = text.split("## One adjustment for next week\n", 1)[1]
    assert tail.strip() == "- Practise at 7:00 (Scales)"


def test_markdown_escapes_hostile_text(store: MasteryStore, frozen: date) -> None:
    goal = store.add_goal("[red]x[/] | *goal*", "mastery")
    store.add_task("- 1. not a list", goal.id, "done")
    store.add_feedback(
        "[link=x]y `code` <b>bold</b> \x1b[2J end",
        "lesson",
        next_step="# not a heading\n- not an item",
        goal_id=goal.id,
        at="2026-11-22",
    )
    text = review_section(store.snapshot(), TODAY)
    assert "\x1b" not in text
    assert "\\[link=x\\]y \\`code\\` \\<b\\>bold\\</b\\>" in text
    assert "\\[red\\]x\\[/\\] \\| \\*goal\\*" in text
    assert "- \\- 1. not a list" in text
    assert "  - Next time: \\# not a heading\n    \\- not an item" in text
    # No line is an unintended heading or table row.
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# Weekly", "## ")) for line in headings)


def test_md_escaping_rules() -> None:
    assert md("a*b_c") == "a\\*b\\_c"
    assert md("1. first", starts_line=True) == "1\\. first"
    assert md("+ plus", starts_line=True) == "\\+ plus"
    assert md("+ plus") == "+ plus"
    assert md("two\nlines") == "two lines"


def test_the_report_never_imports_textual(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from datetime import date
        from masterytui.store import MasteryStore
        from masterytui.views.review_markdown import review_section
        store = MasteryStore(sys.argv[1])
        store.add_feedback("x", "win")
        review_section(store.snapshot(), date.today())
        print("textual" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
