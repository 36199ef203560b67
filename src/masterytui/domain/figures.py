"""Figures derived from the data: progress, streaks, consistency (DESIGN §1).

Pure functions of domain objects and a ``today``; the screens draw them, the tests pin them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from .model import Goal, Measure, PracticePlan, PracticeSession, Task
from .record import record
from .schedule import current_streak as current_streak
from .schedule import practice_days_between
from .words import number


def measure_progress(measure: Measure | None) -> float | None:
    """How far along a measure is, from 0.0 to 1.0; None when it cannot be said.

    With a ``start`` baseline the distance covered is ``(current-start)/(target-start)``, which
    also serves goals where lower is better; without one it is ``current/target``.
    """
    if measure is None:
        return None
    if measure.start is not None:
        span = measure.target - measure.start
        if span == 0:
            return 1.0 if measure.current == measure.target else 0.0
        ratio = (measure.current - measure.start) / span
    else:
        if measure.target == 0:
            return None
        ratio = measure.current / measure.target
    return max(0.0, min(1.0, ratio))


def days_left(deadline: str | None, today: date) -> int | None:
    """Days from ``today`` to ``deadline`` (negative once past); None without a deadline."""
    if not deadline:
        return None
    try:
        return (date.fromisoformat(deadline) - today).days
    except ValueError:
        return None


def children_map(goals: Iterable[Goal]) -> dict[str | None, list[Goal]]:
    """Goals grouped by parent id, each group in the user's order."""
    groups: dict[str | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        groups[goal.parent_id].append(goal)
    for group in groups.values():
        group.sort(key=lambda g: (g.position, g.created_at, g.id))
    return groups


def tree_order(goals: Iterable[Goal]) -> list[Goal]:
    """Goals in the order of the goal tree: depth first, the user's order among siblings.

    Goals whose parent is missing (a hand-edited file) come last rather than vanish.
    """
    pool = list(goals)
    children = children_map(pool)
    ordered: list[Goal] = []
    seen: set[str] = set()

    def walk(parent: str | None) -> None:
        for goal in children.get(parent, ()):
            if goal.id not in seen:
                seen.add(goal.id)
                ordered.append(goal)
                walk(goal.id)

    walk(None)
    ordered += [g for g in pool if g.id not in seen]
    return ordered


def subtree_ids(goal_id: str, children: Mapping[str | None, Sequence[Goal]]) -> set[str]:
    """``goal_id`` and the ids of every goal below it."""
    seen = {goal_id}
    stack = [goal_id]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child.id not in seen:
                seen.add(child.id)
                stack.append(child.id)
    return seen


@record
class TaskProgress:
    """Tasks of a goal's subtree: how many are done out of how many."""

    done: int
    total: int

    @property
    def ratio(self) -> float | None:
        return self.done / self.total if self.total else None


def task_progress(goal_ids: set[str], tasks: Iterable[Task]) -> TaskProgress:
    """Done and total tasks among those linked to any goal in ``goal_ids``."""
    done = total = 0
    for task in tasks:
        if task.goal_id in goal_ids:
            total += 1
            done += task.column == "done"
    return TaskProgress(done, total)


def practice_days(sessions: Iterable[PracticeSession]) -> set[date]:
    """The days on which any of ``sessions`` took place (bad dates ignored)."""
    days: set[date] = set()
    for text in {session.date for session in sessions}:  # each day once, however many
        try:
            days.add(date.fromisoformat(text))
        except ValueError:
            continue
    return days


def longest_streak(days: set[date]) -> int:
    """The longest run of consecutive practice days ever."""
    ordinals = {day.toordinal() for day in days}
    best = 0
    for day in ordinals:
        if day - 1 in ordinals:
            continue
        length = 1
        while day + length in ordinals:
            length += 1
        best = max(best, length)
    return best


@record
class Consistency:
    """Practice done against the plan over a window of days ending today."""

    days: int
    done: float
    planned: float
    unit: str

    @property
    def ratio(self) -> float:
        return self.done / self.planned if self.planned else 0.0

    def describe(self) -> str:
        done, planned = number(self.done), number(self.planned)
        return f"{done}/{planned} {self.unit} ({self.ratio:.0%})"


def consistency(
    sessions: Iterable[PracticeSession], plan: PracticePlan | None, today: date, days: int
) -> Consistency | None:
    """Minutes (or sessions) in the last ``days`` days against what the plan asks for."""
    if plan is None:
        return None
    start = today - timedelta(days=days - 1)
    window = [
        s for s in sessions if start.isoformat() <= s.date <= today.isoformat() and s.minutes > 0
    ]
    scheduled = practice_days_between(plan, start, today)  # rest days ask for nothing
    if plan.minutes_per_day:
        return Consistency(
            days,
            float(sum(s.minutes for s in window)),
            float(plan.minutes_per_day * scheduled),
            "min",
        )
    if plan.days:
        return Consistency(days, float(len(window)), float(scheduled), "sessions")
    if plan.sessions_per_week:
        planned = plan.sessions_per_week * days / 7
        return Consistency(days, float(len(window)), round(planned, 1), "sessions")
    return None


def proficiency_levels(goal: Goal) -> list[int]:
    """The goal's proficiency ratings in date order, for a trend line."""
    return [p.level for p in sorted(goal.proficiency, key=lambda p: p.date)]


def own_task_counts(tasks: Iterable[Task]) -> dict[str, tuple[int, int]]:
    """Each goal's own tasks, (done, all), by goal id (tasks with no goal left out)."""
    own: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for task in tasks:
        if task.goal_id is not None:
            counts = own[task.goal_id]
            counts[1] += 1
            counts[0] += task.column == "done"
    return {goal_id: (done, total) for goal_id, (done, total) in own.items()}


def subtree_task_counts(
    children: Mapping[str | None, Sequence[Goal]],
    tasks: Iterable[Task] | Mapping[str, tuple[int, int]],
) -> dict[str, TaskProgress]:
    """Task progress of every goal's subtree at once, from the tasks or from each goal's own
    counts (:func:`own_task_counts`, or the store's ``task_counts``, made without objects)."""
    own = tasks if isinstance(tasks, Mapping) else own_task_counts(tasks)
    result: dict[str, TaskProgress] = {}

    def visit(goal: Goal, seen: set[str]) -> tuple[int, int]:
        done, total = own.get(goal.id, (0, 0))
        seen.add(goal.id)
        for child in children.get(goal.id, ()):
            if child.id not in seen:
                child_done, child_total = visit(child, seen)
                done += child_done
                total += child_total
        result[goal.id] = TaskProgress(done, total)
        return done, total

    seen: set[str] = set()
    for root in children.get(None, ()):
        visit(root, seen)
    return result
