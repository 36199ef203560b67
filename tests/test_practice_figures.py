"""The deliberate-practice figures of the Progress screen: quality by day, focus areas."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from masterytui.domain.model import Goal, PracticeSession
from masterytui.store import MasteryStore
from masterytui.views.practice import (
    UNRATED,
    focus_figures,
    goal_focus,
    practice_figures,
    quality_map,
    score_level,
    weighted_quality,
)
from masterytui.views.progress import FUTURE

TODAY = date(2026, 11, 25)  # a Wednesday
GOAL = Goal("g1", "Guitar")


def ago(days: int, minutes: int = 20, **fields: Any) -> PracticeSession:
    day = (TODAY - timedelta(days=days)).isoformat()
    return PracticeSession(f"p{days}-{minutes}-{len(fields)}", day, minutes, "g1", **fields)


@given(st.lists(st.tuples(st.integers(1, 300), st.none() | st.integers(1, 5)), max_size=8))
def test_weighted_quality_stays_within_the_scores_given(
    pairs: list[tuple[int, int | None]],
) -> None:
    sessions = [ago(0, minutes, quality=q) for minutes, q in pairs]
    average = weighted_quality(sessions)
    scores = [q for _, q in pairs if q is not None]
    if not scores:
        assert average is None
    else:
        assert average is not None and min(scores) <= average <= max(scores)
        assert 1 <= score_level(average) <= 5


def test_quality_counts_each_session_for_its_minutes() -> None:
    assert weighted_quality([ago(0, 60, quality=2), ago(0, 20, quality=4)]) == 2.5
    assert score_level(2.5) == 3 and score_level(2.49) == 2


def test_quality_map_cells() -> None:
    sessions = [
        ago(0, 30, quality=4),
        ago(1, 20),  # practised, not rated
        ago(2, 60, quality=2),
        ago(2, 20, quality=5),  # (120 + 100) / 80 = 2.75 -> 3
        ago(400, 20, quality=1),  # before the window
    ]
    qmap = quality_map(sessions, TODAY, weeks=2)
    cell = {qmap.day(r, c): qmap.levels[r][c] for r in range(7) for c in range(2)}
    assert cell[TODAY] == 4
    assert cell[TODAY - timedelta(days=1)] == UNRATED
    assert cell[TODAY - timedelta(days=2)] == 3
    assert cell[TODAY - timedelta(days=3)] == 0
    assert cell[TODAY + timedelta(days=1)] == FUTURE
    assert qmap.rated == 3


def test_focus_areas_most_and_least_in_the_last_four_weeks() -> None:
    sessions = [
        ago(1, 40, focus="left-hand legato", quality=4),
        ago(3, 30, focus="Left-hand  legato", quality=3),
        ago(5, 20, focus="scales", quality=5),
        ago(10, 10, focus="arpeggios"),
        ago(27, 15, focus="sight reading"),  # the first day of the window
        ago(40, 60, focus="tremolo", quality=1),  # before it: neglected since
        ago(45, 60, quality=2),
    ]
    focus = goal_focus(GOAL, sessions, TODAY)
    assert [(a.name, a.minutes, a.sessions) for a in focus.most] == [
        ("left-hand legato", 70, 2),
        ("scales", 20, 1),
    ]
    assert [(a.name, a.minutes) for a in focus.least] == [("tremolo", 0), ("arpeggios", 10)]
    assert focus.least[0].last == TODAY - timedelta(days=40)
    assert focus.minutes == 115 and focus.sessions == 5
    assert focus.quality == (160 + 90 + 100) / 90
    assert focus.previous == 1.5
    assert len(focus.weekly) == 8 and focus.weekly[-1] is not None


def test_only_goals_with_a_focus_or_a_score_are_listed() -> None:
    other = Goal("g2", "Running")
    sessions = [ago(1, focus="scales"), PracticeSession("px", TODAY.isoformat(), 30, "g2")]
    assert [f.goal.id for f in focus_figures([GOAL, other], sessions, TODAY)] == ["g1"]


def test_practice_figures_are_kept_until_practice_or_goals_change(store: MasteryStore) -> None:
    """The Progress panel's figures (views/practice.py) follow the table versions, and narrow
    to a goal's subtree as the rest of Progress does."""
    guitar = store.add_goal("Guitar", "mastery")
    piano = store.add_goal("Piano", "mastery")
    today = date(2026, 11, 23)
    store.log_practice(30, guitar.id, on="2026-11-23", focus="legato", quality=4)
    store.log_practice(20, piano.id, on="2026-11-22", focus="scales", quality=2)
    first = store.snapshot()
    figures = practice_figures(first, today)
    assert [row.goal.title for row in figures.goals] == ["Guitar", "Piano"]
    assert figures.quality.rated == 2
    store.add_feedback("A win", "win", at="2026-11-23")  # feedback only: kept
    assert practice_figures(store.snapshot(), today) is figures
    narrowed = practice_figures(store.snapshot(), today, piano.id)
    assert [row.goal.title for row in narrowed.goals] == ["Piano"]
    assert narrowed.quality.rated == 1
    store.log_practice(10, guitar.id, on="2026-11-23", quality=5)
    again = practice_figures(store.snapshot(), today)
    assert again is not figures and again.quality.rated == 3
