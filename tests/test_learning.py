"""If-then plans and the spaced review of lessons: the schedule, the store, the shell."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masterytui.cli import main
from masterytui.domain.errors import ValidationError
from masterytui.domain.lessons import lesson_schedule
from masterytui.domain.plans import plan_rate, plan_sentence, week_of
from masterytui.domain.spaced import INTERVALS, schedule
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file
from masterytui.store.export import export_csv, export_json
from masterytui.store.importers import import_data
from masterytui.store.merge_files import merge_files
from masterytui.views.lessons import lessons_due
from masterytui.views.report import export_markdown
from masterytui.views.review import weekly_review
from masterytui.views.review_markdown import markdown

START = date(2026, 11, 2)
answers = st.lists(st.sampled_from(("applied", "again", "retire")), max_size=12)
gaps = st.lists(st.integers(min_value=0, max_value=90), min_size=12, max_size=12)


def dated(seq: list[str], gap: list[int]) -> list[tuple[date, str]]:
    out, day = [], START
    for answer, days in zip(seq, gap, strict=False):
        day += timedelta(days=days)
        out.append((day, answer))
    return out


# The interval schedule --------------------------------------------------------------------


def test_a_new_lesson_comes_back_after_one_day() -> None:
    plan = schedule(START, [])
    assert plan.due == START + timedelta(days=1) and plan.step == 0 and plan.last is None


def test_applied_again_and_again_walks_the_intervals_then_keeps_the_last() -> None:
    day, seen = START, []
    history: list[tuple[date, str]] = []
    for _ in range(7):
        plan = schedule(START, history)
        assert plan.due is not None
        seen.append((plan.due - (plan.last or START)).days)
        day = plan.due
        history.append((day, "applied"))
    assert seen == [1, 3, 7, 21, 60, 60, 60]
    assert list(INTERVALS) == [1, 3, 7, 21, 60]


@given(answers, gaps)
def test_every_schedule_follows_its_last_answer(seq: list[str], gap: list[int]) -> None:
    history = dated(seq, gap)
    plan = schedule(START, history)
    if not history:
        assert plan.due == START + timedelta(days=1)
        return
    last_day, last = history[-1]
    assert plan.last == last_day
    if last == "retire":
        assert plan.retired and not plan.is_due(date(2100, 1, 1))
        return
    assert plan.due is not None and plan.due > last_day  # never due on the day it was reviewed
    assert plan.due == last_day + timedelta(days=INTERVALS[plan.step])
    if last == "again":
        assert plan.step == 0 and plan.interval == 1


@given(answers, gaps, st.sampled_from(("applied", "again")))
def test_applied_never_shortens_and_again_always_resets(
    seq: list[str], gap: list[int], answer: str
) -> None:
    history = dated(seq, gap)
    before = schedule(START, history)
    on = (history[-1][0] if history else START) + timedelta(days=5)
    after = schedule(START, [*history, (on, answer)])
    assert not after.retired
    if answer == "again":
        assert after.interval == 1
    elif not before.retired:
        assert after.interval >= before.interval
        assert after.step == min(before.step + 1, len(INTERVALS) - 1)
    assert after.applied + after.again == before.applied + before.again + 1


# The store ------------------------------------------------------------------------------


def test_a_lesson_logged_two_days_ago_is_due_and_applied_sends_it_three_days_on(
    store: MasteryStore,
) -> None:
    today = date.today()
    lesson = store.add_feedback("Warm up first", "lesson", at=str(today - timedelta(days=2)))
    note = store.add_feedback("Just a note", "note", at=str(today - timedelta(days=2)))
    store.add_feedback("A win", "win", at=str(today - timedelta(days=2)))
    due = lessons_due(store.snapshot(), today)
    assert [d.entry.id for d in due] == [lesson.id]
    assert due[0].overdue_days(today) == 1
    reviewed = store.review_lesson(lesson.id, "applied")
    plan = lesson_schedule(reviewed)
    assert plan is not None and plan.due == today + timedelta(days=3)
    assert lessons_due(store.snapshot(), today) == []
    assert lessons_due(store.snapshot(), today + timedelta(days=3))[0].entry.id == lesson.id
    with pytest.raises(ValidationError, match="not in the spaced review"):
        store.review_lesson(note.id, "applied")
    with pytest.raises(ValidationError, match="Answer must be one of"):
        store.review_lesson(lesson.id, "maybe")
    assert store.undo() is not None  # the review is one undoable change
    assert lesson_schedule(store.feedback_entry(lesson.id)).due == today - timedelta(days=1)  # type: ignore[union-attr]


def test_marking_an_entry_and_retiring_a_lesson(store: MasteryStore) -> None:
    today = date.today()
    note = store.add_feedback("Breathe out on the push", "note")
    marked = store.toggle_review(note.id)
    assert lesson_schedule(marked).due == today + timedelta(days=1)  # type: ignore[union-attr]
    assert lesson_schedule(store.toggle_review(note.id)) is None
    assert "review" not in store.find("feedback", note.id)  # type: ignore[operator]
    lesson = store.add_feedback("Sleep before a long run", "improve")
    retired = store.toggle_review(lesson.id)
    assert lesson_schedule(retired).retired  # type: ignore[union-attr]
    back = store.review_lesson(lesson.id, "again")
    assert lesson_schedule(back).due == today + timedelta(days=1)  # type: ignore[union-attr]


def test_plan_checks_one_answer_a_week_and_the_rate(store: MasteryStore) -> None:
    goal = store.add_goal("Cadence", "mastery", cue="I get home", commitment="drills")
    monday = date(2026, 11, 23)
    store.check_plan(goal.id, "yes", monday - timedelta(weeks=2))
    store.check_plan(goal.id, "no_cue", monday - timedelta(weeks=1))
    store.check_plan(goal.id, "no", monday + timedelta(days=2))
    goal = store.check_plan(goal.id, "yes", monday + timedelta(days=6))  # same week: replaces
    assert [(c.week, c.answer) for c in goal.plan_checks] == [
        ("2026-11-09", "yes"),
        ("2026-11-16", "no_cue"),
        ("2026-11-23", "yes"),
    ]
    rate = plan_rate(goal.plan_checks, monday)
    assert (rate.ran, rate.missed, rate.no_cue, rate.rate) == (2, 0, 1, 1.0)
    assert rate.weeks[-1] == "yes" and len(rate.weeks) == 8
    assert "ran 2 of 2 weeks" in rate.describe()
    plain = store.add_goal("No plan", "mastery", commitment="I'm going to read")
    with pytest.raises(ValidationError, match="no if-then plan"):
        store.check_plan(plain.id, "yes")
    with pytest.raises(ValidationError):
        store.check_plan(goal.id, "perhaps")


def test_new_goal_fields_are_validated_and_optional(store: MasteryStore) -> None:
    goal = store.add_goal("Plain", "mastery")
    assert not {"cue", "outcome", "obstacle", "plan_checks"} & set(store.find("goals", goal.id))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="When \\(the cue\\) is 5001"):
        store.update_goal(goal.id, cue="x" * 5001)
    assert store.goal(goal.id).cue == ""
    changed = store.update_goal(goal.id, cue=" after\x1b[2J lunch ", obstacle="email")
    assert changed.cue == "after\ufffd lunch" and changed.obstacle == "email"
    entry = store.add_feedback("Skipped", "setback", obstacle="email first")
    assert store.feedback_entry(entry.id).obstacle == "email first"
    with pytest.raises(ValidationError, match="Obstacle is 5001"):
        store.update_feedback(entry.id, obstacle="y" * 5001)


def test_the_merge_keeps_the_new_fields_of_both_machines(tmp_path: Path) -> None:
    """Sync (#19): one machine plans a goal and checks it, the other renames it and reviews a
    lesson; the 3-way merge by document keeps all of it, and a plan removed on one side goes."""
    base_path = tmp_path / "base.json"
    base = MasteryStore(base_path)
    goal = base.add_goal("Cadence", "mastery", cue="I get home", commitment="drills")
    lesson = base.add_feedback("Warm up first", "lesson", at=str(date.today() - timedelta(days=2)))
    ours_path, theirs_path = tmp_path / "ours.json", tmp_path / "theirs.json"
    shutil.copy(base_path, ours_path)
    shutil.copy(base_path, theirs_path)
    ours, theirs = MasteryStore(ours_path), MasteryStore(theirs_path)
    ours.update_goal(goal.id, outcome="Light feet", obstacle="Tired legs")
    ours.check_plan(goal.id, "yes", date(2026, 11, 23))
    ours.update_feedback(lesson.id, obstacle="cold mornings")
    theirs.update_goal(goal.id, title="Cadence 178")
    theirs.review_lesson(lesson.id, "applied")
    merge_files(base_path, ours_path, theirs_path, tmp_path / "merged.json")
    merged = MasteryStore(tmp_path / "merged.json")
    got = merged.goal(goal.id)
    assert (got.title, got.cue, got.outcome, got.obstacle) == (
        "Cadence 178",
        "I get home",
        "Light feet",
        "Tired legs",
    )
    assert [(c.week, c.answer) for c in got.plan_checks] == [("2026-11-23", "yes")]
    entry = merged.feedback_entry(lesson.id)
    assert entry.obstacle == "cold mornings"
    assert entry.review is not None and [a.answer for a in entry.review.answers] == ["applied"]
    assert check_file(tmp_path / "merged.json").problems == []
    theirs.update_goal(goal.id, cue="")  # the plan's cue taken out on one side only
    merge_files(base_path, tmp_path / "merged.json", theirs_path, tmp_path / "again.json")
    assert MasteryStore(tmp_path / "again.json").goal(goal.id).cue == ""


def test_plan_sentence() -> None:
    assert plan_sentence("I get home", "I'm going to do drills.") == (
        "When I get home, I'm going to do drills."
    )
    assert plan_sentence("I get home", "do drills") == "When I get home, I'm going to do drills"
    assert plan_sentence("", "I'm going to run") == "I'm going to run"
    assert week_of(date(2026, 11, 29)) == "2026-11-23"


# The demo, the review, export and import --------------------------------------------------


def test_the_demo_tells_the_story(demo_store: MasteryStore, frozen: date) -> None:
    snapshot = demo_store.snapshot()
    due = lessons_due(snapshot, frozen)
    assert len(due) == 2
    review = weekly_review(snapshot, frozen)
    runner = next(p for p in review.plans if p.goal.title.startswith("A consistent running"))
    assert runner.answer is None and runner.rate.ran == 4 and runner.rate.no_cue == 1
    assert len(review.lessons_due) == 2
    text = markdown(review)
    assert "## If-then plans (2)" in text and "## Lessons due for review (2)" in text
    assert any(e.obstacle for e in snapshot.feedback)


def test_export_and_import_keep_the_new_fields(demo_store: MasteryStore, tmp_path: Path) -> None:
    empty = MasteryStore(tmp_path / "empty.json")
    import_data(empty, export_json(demo_store), "export.json")
    assert empty.snapshot() == demo_store.snapshot()
    csv_goals = export_csv(demo_store.snapshot(), "goals")
    assert "cue,outcome,obstacle,plan_checks" in csv_goals.splitlines()[0]
    assert "I get home from work" in csv_goals
    feedback = export_csv(demo_store.snapshot(), "feedback")
    assert feedback.splitlines()[0].endswith("obstacle,review_due,review_answers")
    report = export_markdown(demo_store)
    assert "If-then plan: *When I get home" in report and "Spaced review: due" in report


def test_list_feedback_due(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore, frozen: date
) -> None:
    assert main(["--db", str(demo_store.path), "list", "feedback", "--due", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["review_due"] for d in docs] == ["2026-11-20", "2026-11-23"]
    assert main(["--db", str(demo_store.path), "list", "feedback", "--due"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[1] == "2026-11-20"
    with pytest.raises(SystemExit):
        main(["--db", str(demo_store.path), "list", "tasks", "--due"])
    assert "--due does not go with `list tasks`" in capsys.readouterr().err
