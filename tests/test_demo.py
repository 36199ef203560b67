"""The sample story behind `--demo`: what it promises to show is really there."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from masterytui.demo import seed_demo
from masterytui.domain.figures import (
    children_map,
    consistency,
    current_streak,
    measure_progress,
    practice_days,
)
from masterytui.domain.model import COLUMNS, FEEDBACK_KINDS, SOURCES, Goal, Snapshot
from masterytui.store import MasteryStore

TODAY = date(2025, 6, 16)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[MasteryStore, Snapshot]:
    store = MasteryStore(tmp_path_factory.mktemp("demo") / "demo.json")
    seed_demo(store, today=TODAY)
    return store, store.snapshot()


def by_title(snapshot: Snapshot, prefix: str) -> Goal:
    (goal,) = [g for g in snapshot.goals if g.title.startswith(prefix)]
    return goal


def test_three_areas(demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    areas = [g for g in children_map(snap.goals)[None]]
    assert [g.title for g in areas] == ["Running", "Sales pages", "Strength"]
    assert all(g.kind == "area" and g.why for g in areas)
    assert all(g.kind != "area" for g in snap.goals if g.parent_id is not None)


@pytest.mark.parametrize(
    ("performance", "mastery"),
    [
        ("Beat last year's marathon time", ["A consistent running cadence"]),
        (
            "+$30,000 a year",
            ["Sales copywriting", "Coding custom page layouts", "The Adobe creative tools"],
        ),
        ("Bench press 200 lb", ["Strength in accessory muscles"]),
    ],
)
def test_pairings_in_the_docstring(
    demo: tuple[MasteryStore, Snapshot], performance: str, mastery: list[str]
) -> None:
    _, snap = demo
    outcome = by_title(snap, performance)
    assert outcome.kind == "performance"
    assert outcome.measure is not None and outcome.commitment.startswith("I'm going to")
    children = children_map(snap.goals)[outcome.id]
    for prefix in mastery:
        skill = by_title(snap, prefix)
        assert skill.kind == "mastery"
        assert skill.parent_id == outcome.id
        assert skill in children


def test_measures_show_progress_including_lower_is_better(
    demo: tuple[MasteryStore, Snapshot],
) -> None:
    _, snap = demo
    marathon = by_title(snap, "Beat last year's marathon time").measure
    assert marathon is not None and marathon.start is not None
    assert marathon.target < marathon.start
    assert measure_progress(marathon) == pytest.approx(0.5)
    assert measure_progress(by_title(snap, "Deadlift").measure) == 1.0


def test_every_status_and_an_rwa_that_asks_to_scale_back(
    demo: tuple[MasteryStore, Snapshot],
) -> None:
    _, snap = demo
    assert {g.status for g in snap.goals} == {"active", "paused", "achieved", "dropped"}
    assert any(g.rwa and g.rwa.needs_scaling_back for g in snap.goals)


def test_tasks_in_every_column(demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    assert {t.column for t in snap.tasks} == set(COLUMNS)
    assert all(t.goal_id for t in snap.tasks)
    assert all((t.column == "done") == (t.done_at is not None) for t in snap.tasks)
    assert any(t.due and t.due < TODAY.isoformat() for t in snap.tasks if t.column != "done")


def test_feedback_of_every_kind_and_source(demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    assert {f.kind for f in snap.feedback} == set(FEEDBACK_KINDS)
    assert {f.source for f in snap.feedback} == set(SOURCES)
    assert any(f.next_step for f in snap.feedback if f.kind == "setback")
    dates = sorted(f.at[:10] for f in snap.feedback)
    assert dates[-1] == TODAY.isoformat()
    assert dates[0] >= (TODAY - timedelta(days=60)).isoformat()


def test_practice_on_sixty_days_with_a_live_streak(demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    all_days = practice_days(snap.practice)
    assert all_days == {TODAY - timedelta(days=n) for n in range(60)}
    cadence = by_title(snap, "A consistent running cadence")
    sessions = [p for p in snap.practice if p.goal_id == cadence.id]
    assert current_streak(practice_days(sessions), TODAY) >= 7
    week = consistency(sessions, cadence.practice_plan, TODAY, 7)
    assert week is not None and week.done > 0 and week.unit == "min"
    # the streak is live whichever day the demo is opened on
    assert current_streak(practice_days(sessions), TODAY + timedelta(days=1)) >= 7
    # the other skills have gaps, so streaks differ
    adobe = by_title(snap, "The Adobe creative tools")
    adobe_days = practice_days(p for p in snap.practice if p.goal_id == adobe.id)
    assert current_streak(adobe_days, TODAY) < 60
    assert all(1 <= p.minutes <= 1440 for p in snap.practice)


def test_proficiency_history(demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    rated = [g for g in snap.goals if g.proficiency]
    assert len(rated) >= 3
    assert all(g.kind == "mastery" for g in rated)
    cadence = by_title(snap, "A consistent running cadence")
    levels = [p.level for p in cadence.proficiency]
    assert len(levels) >= 3 and levels == sorted(levels) and levels[-1] > levels[0]


def test_seeded_in_one_undoable_change(demo: tuple[MasteryStore, Snapshot]) -> None:
    store, snap = demo
    assert store.undo_label == "load the sample data"
    assert store.backups.list() == []  # one write: nothing to back up yet
    other = MasteryStore(store.path)
    assert len(other.snapshot().practice) == len(snap.practice)


def test_same_seed_same_story(tmp_path: Path, demo: tuple[MasteryStore, Snapshot]) -> None:
    _, snap = demo
    again = MasteryStore(tmp_path / "again.json")
    seed_demo(again, today=TODAY)
    other = again.snapshot()
    assert sorted((p.date, p.minutes, p.note) for p in other.practice) == sorted(
        (p.date, p.minutes, p.note) for p in snap.practice
    )
    assert sorted(g.title for g in other.goals) == sorted(g.title for g in snap.goals)
