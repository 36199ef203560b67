"""Snapshots of the learning loop's screen states on the demo data, time frozen: the WOOP
prompt's plan step, a lesson due for review, the review's plan check and its new parts."""

from __future__ import annotations

from collections.abc import Callable

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

from .test_snapshots_feedback import keys

SIZE = (100, 30)
SnapCompare = Callable[..., bool]
CADENCE_ROW = ("j", "j")
"""From the top of the demo's tree to the runner's cadence goal."""


def test_woop_plan_step(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    """The fourth step: when (the cue) and I'm going to (the action) for the obstacle."""
    app = MasteryApp(demo_store, watch_file=False)
    presses = (*CADENCE_ROW, "W", "enter", "enter", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def test_lesson_review(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    """The first lesson due: still true? did I apply it? and what each key does."""
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "r"))


def test_plan_check(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    """The weekly review asking whether the runner's cue came and the plan ran."""
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "R", "i"))


def test_weekly_review_plans_and_lessons_due(
    snap_compare: SnapCompare, demo_store: MasteryStore
) -> None:
    """The review's if-then plans with their weeks, and the lessons due."""
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "R", *"j" * 14))
