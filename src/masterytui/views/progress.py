"""The figures the Progress screen draws (DESIGN §3, key 4), as pure functions.

Everything here is a function of a :class:`Snapshot`, a ``today`` and an optional goal to
narrow to, so the tests can pin every number the screen shows with a frozen calendar.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..domain import schedule
from ..domain.figures import (
    children_map,
    days_left,
    measure_progress,
    practice_days,
    subtree_ids,
    subtree_task_counts,
    task_progress,
    tree_order,
)
from ..domain.model import FeedbackEntry, Goal, PracticePlan, PracticeSession, Snapshot, Task
from ..domain.schedule import practice_days_between
from ..domain.words import number, week_start
from .memo import memoised

HEAT_WEEKS = 26
TASK_WEEKS = 12
FUTURE = -1
"""Heat map level of a day still to come (drawn blank)."""


@lru_cache(maxsize=8192)
def parse_day(text: str | None) -> date | None:
    """The calendar day of an ISO date or timestamp (its local date as written), or None.

    Cached: 20,000 practice sessions fall on a few thousand days.
    """
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# Narrowing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    """What the screen is narrowed to: every goal (``goal_ids`` None) or one goal's subtree."""

    goal_ids: frozenset[str] | None = None
    goal: Goal | None = None

    def has(self, goal_id: str | None) -> bool:
        return self.goal_ids is None or goal_id in self.goal_ids


def scope_for(snapshot: Snapshot, goal_id: str | None, text: str = "") -> Scope:
    """The scope of ``goal_id``'s subtree; everything when None or when the goal is gone.

    ``text`` narrows it further to the goals whose title holds it, each with its subtree
    (the ``/`` filter of the Progress screen): no match, an empty scope.
    """
    goal = next((g for g in snapshot.goals if g.id == goal_id), None) if goal_id else None
    children = children_map(snapshot.goals)
    scope = Scope() if goal is None else Scope(frozenset(subtree_ids(goal.id, children)), goal)
    needle = text.strip().lower()
    if not needle:
        return scope
    matched: set[str] = set()
    for candidate in snapshot.goals:
        if scope.has(candidate.id) and needle in candidate.title.lower():
            matched |= subtree_ids(candidate.id, children)
    return Scope(frozenset(matched), scope.goal)


# Consistency: the calendar heat map --------------------------------------------------------


def daily_minutes(sessions: Iterable[PracticeSession]) -> dict[date, int]:
    """Practice minutes per day (bad dates and empty sessions ignored)."""
    totals: dict[date, int] = defaultdict(int)
    for session in sessions:
        day = parse_day(session.date)
        if day is not None and session.minutes > 0:
            totals[day] += session.minutes
    return dict(totals)


def heat_top(values: Sequence[int]) -> int:
    """The minutes that fill a cell: the 90th percentile of the practice days (nearest rank).

    A percentile rather than the maximum, so that one marathon day does not make every
    ordinary day look faint.
    """
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return 0
    return positive[max(0, math.ceil(0.9 * len(positive)) - 1)]


def heat_level(minutes: int, top: int) -> int:
    """0 for no practice, else 1-4: a quarter of ``top`` per level, at least 1, at most 4."""
    if minutes <= 0:
        return 0
    if top <= 0:
        return 4
    return max(1, min(4, math.ceil(4 * minutes / top)))


@dataclass(frozen=True, slots=True)
class HeatMap:
    """Practice minutes of the last ``weeks`` weeks, one cell a day, Monday to Sunday."""

    first_day: date
    """The Monday of the first (left-most) week."""
    today: date
    weeks: int
    minutes: dict[date, int]
    top: int
    levels: tuple[tuple[int, ...], ...]
    """Seven rows (Monday first) of ``weeks`` levels; FUTURE for days still to come."""

    def day(self, row: int, column: int) -> date:
        return self.first_day + timedelta(weeks=column, days=row)

    @property
    def total(self) -> int:
        """Minutes in the whole window."""
        return sum(m for d, m in self.minutes.items() if self.first_day <= d <= self.today)

    @property
    def active_days(self) -> int:
        """Days in the window with any practice."""
        return sum(1 for d, m in self.minutes.items() if self.first_day <= d <= self.today and m)

    def legend(self) -> list[tuple[int, str]]:
        """(level, minutes range) for the levels that can occur with this ``top``."""
        if self.top <= 0:
            return []
        bounds = [math.floor(k * self.top / 4) for k in range(5)]
        rows: list[tuple[int, str]] = []
        for level in range(1, 5):
            low, high = max(1, bounds[level - 1] + 1), bounds[level]
            if level == 4:
                rows.append((level, f"{low}+"))
            elif low <= high:
                rows.append((level, f"{low}" if low == high else f"{low}-{high}"))
        return rows


def heat_map(sessions: Iterable[PracticeSession], today: date, weeks: int = HEAT_WEEKS) -> HeatMap:
    """The heat map of ``sessions`` for the ``weeks`` weeks ending with this one."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    minutes = daily_minutes(sessions)
    window = [m for d, m in minutes.items() if first <= d <= today]
    top = heat_top(window)
    rows = []
    for row in range(7):
        cells = []
        for column in range(weeks):
            day = first + timedelta(weeks=column, days=row)
            cells.append(FUTURE if day > today else heat_level(minutes.get(day, 0), top))
        rows.append(tuple(cells))
    return HeatMap(first, today, weeks, minutes, top, tuple(rows))


# Consistency: streaks and this week against the plan ---------------------------------------


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """This week's practice (Monday to today) against what the plan asks for the week."""

    done: float
    planned: float
    expected: float
    """What the plan asks for by the end of today."""
    unit: str

    @property
    def ratio(self) -> float:
        return min(1.0, self.done / self.planned) if self.planned else 0.0

    @property
    def on_track(self) -> bool:
        return self.done >= self.expected

    def describe(self) -> str:
        return f"{number(self.done)}/{number(self.planned)} {self.unit}"


def week_against_plan(
    sessions: Iterable[PracticeSession], plan: PracticePlan | None, today: date
) -> WeekPlan | None:
    """Minutes (or sessions) since Monday against the plan's week; None without a plan."""
    if plan is None or not (plan.minutes_per_day or plan.sessions_per_week):
        return None
    monday = week_start(today)
    days_so_far = (today - monday).days + 1
    week = [
        s
        for s in sessions
        if s.minutes > 0 and (d := parse_day(s.date)) is not None and monday <= d <= today
    ]
    asked = practice_days_between(plan, monday, monday + timedelta(days=6))
    asked_so_far = practice_days_between(plan, monday, today)
    if plan.minutes_per_day:
        per_day = plan.minutes_per_day
        return WeekPlan(
            float(sum(s.minutes for s in week)),
            float(per_day * asked),
            float(per_day * asked_so_far),
            "min",
        )
    if plan.days:  # a session on each named day
        return WeekPlan(float(len(week)), float(asked), float(asked_so_far), "sessions")
    per_week = plan.sessions_per_week or 0
    return WeekPlan(
        float(len(week)), float(per_week), round(per_week * days_so_far / 7, 1), "sessions"
    )


@dataclass(frozen=True, slots=True)
class GoalPractice:
    """One mastery goal's practice: streaks, minutes and this week against the plan."""

    goal: Goal
    current: int
    longest: int
    minutes_week: int
    week: WeekPlan | None
    last_day: date | None
    strength: int = 0
    """Habit strength, 0-100 (see :mod:`.schedule`)."""
    strength_change: int = 0
    """Its change over the last 4 weeks, in points."""


def goal_practice(goal: Goal, sessions: Sequence[PracticeSession], today: date) -> GoalPractice:
    """``goal``'s practice figures from ``sessions`` (any goal's; only its own count)."""
    return _goal_practice(goal, [s for s in sessions if s.goal_id == goal.id], today)


def _goal_practice(goal: Goal, mine: Sequence[PracticeSession], today: date) -> GoalPractice:
    days = {d for d in practice_days(mine) if d <= today}
    monday = week_start(today)
    # This week's sessions, found once: the minutes and the week against the plan read them.
    this_week = [s for s in mine if (d := parse_day(s.date)) is not None and monday <= d <= today]
    minutes_week = sum(s.minutes for s in this_week)
    plan = goal.practice_plan
    strength, change = schedule.strength_trend(plan, days, today)
    return GoalPractice(
        goal=goal,
        current=schedule.streak(plan, days, today),
        longest=schedule.longest_streak(plan, days, today),
        minutes_week=minutes_week,
        week=week_against_plan(this_week, plan, today),
        last_day=max(days, default=None),
        strength=strength,
        strength_change=change,
    )


def practice_goals(snapshot: Snapshot, scope: Scope) -> list[Goal]:
    """Active mastery goals in scope that have a plan or any practice, in tree order."""
    practised = {s.goal_id for s in snapshot.practice}
    return [
        g
        for g in tree_order(snapshot.goals)
        if g.kind == "mastery"
        and g.status == "active"
        and scope.has(g.id)
        and (g.practice_plan is not None or g.id in practised)
    ]


# Proficiency -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trend:
    """A mastery goal's self-ratings in date order, first and latest."""

    goal: Goal
    levels: tuple[int, ...]
    first_date: str
    latest_date: str

    @property
    def first(self) -> int:
        return self.levels[0]

    @property
    def latest(self) -> int:
        return self.levels[-1]

    @property
    def change(self) -> int:
        return self.latest - self.first


def proficiency_trend(goal: Goal) -> Trend | None:
    """The goal's rating history, or None when it has never been rated."""
    ratings = sorted(goal.proficiency, key=lambda p: p.date)
    if not ratings:
        return None
    return Trend(goal, tuple(p.level for p in ratings), ratings[0].date, ratings[-1].date)


def trends(snapshot: Snapshot, scope: Scope) -> list[Trend]:
    """Trends of the open mastery goals in scope that have been rated, in tree order."""
    found = []
    for goal in tree_order(snapshot.goals):
        if goal.kind == "mastery" and goal.is_open and scope.has(goal.id):
            trend = proficiency_trend(goal)
            if trend is not None:
                found.append(trend)
    return found


# Outcomes ----------------------------------------------------------------------------------


def elapsed_share(start: date, deadline: date, today: date) -> float:
    """How much of the time from ``start`` to ``deadline`` has gone by, from 0.0 to 1.0."""
    span = (deadline - start).days
    if span <= 0:
        return 1.0 if today >= deadline else 0.0
    return max(0.0, min(1.0, (today - start).days / span))


@dataclass(frozen=True, slots=True)
class Outcome:
    """An active performance goal's measure: progress, time gone, and whether it lags."""

    goal: Goal
    progress: float | None
    days_left: int | None
    elapsed: float | None
    task_done: int = 0
    task_total: int = 0

    @property
    def reached(self) -> bool:
        return self.progress is not None and self.progress >= 1.0

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0 and not self.reached

    @property
    def lagging(self) -> bool:
        """Progress behind the share of time gone (and not yet reached)."""
        if self.progress is None or self.elapsed is None or self.reached:
            return False
        return self.progress < self.elapsed


def outcome(
    goal: Goal, today: date, tasks: Sequence[Task] = (), ids: set[str] | None = None
) -> Outcome:
    """The outcome figures of ``goal``; time is measured from when the goal was created."""
    counts = task_progress(ids or {goal.id}, tasks)
    return _outcome(goal, today, counts.done, counts.total)


def _outcome(goal: Goal, today: date, done: int, total: int) -> Outcome:
    measure = goal.measure
    progress = measure_progress(measure)
    deadline = parse_day(measure.deadline) if measure else None
    start = parse_day(goal.created_at)
    elapsed = None
    if deadline is not None and start is not None:
        elapsed = elapsed_share(start, deadline, today)
    return Outcome(
        goal,
        progress,
        days_left(measure.deadline if measure else None, today),
        elapsed,
        done,
        total,
    )


def supported_outcome(goal: Goal, goals: Sequence[Goal]) -> Goal | None:
    """The nearest performance goal above ``goal``: the outcome a skill serves."""
    by_id = {g.id: g for g in goals}
    seen = {goal.id}
    parent = by_id.get(goal.parent_id or "")
    while parent is not None and parent.id not in seen:
        if parent.kind == "performance":
            return parent
        seen.add(parent.id)
        parent = by_id.get(parent.parent_id or "")
    return None


def outcomes(snapshot: Snapshot, scope: Scope, today: date) -> list[Outcome]:
    """Active performance goals in scope, nearest deadline first, those without one last.

    Narrowed to a skill, the outcome it supports is shown too: the pair belongs together.
    """
    served = supported_outcome(scope.goal, snapshot.goals) if scope.goal else None
    shown = [
        g
        for g in tree_order(snapshot.goals)
        if g.kind == "performance"
        and g.status == "active"
        and (scope.has(g.id) or (served is not None and g.id == served.id))
    ]
    children = children_map(snapshot.goals)
    counts = subtree_task_counts(children, snapshot.tasks) if shown else {}
    found = []
    for goal in shown:
        count = counts.get(goal.id) or task_progress(subtree_ids(goal.id, children), snapshot.tasks)
        found.append(_outcome(goal, today, count.done, count.total))
    far = 10**9
    return sorted(
        found,
        key=lambda o: (
            o.goal.measure is None,
            o.days_left if o.days_left is not None else far,
        ),
    )


# Small wins and finished tasks -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wins:
    """Wins of this week (since Monday), this month, and the latest few."""

    this_week: int
    this_month: int
    total: int
    latest: tuple[FeedbackEntry, ...]


def wins_summary(entries: Iterable[FeedbackEntry], today: date, latest: int = 3) -> Wins:
    monday, first = week_start(today), today.replace(day=1)
    wins = [e for e in entries if e.kind == "win" and (d := parse_day(e.at)) and d <= today]
    days = [parse_day(e.at) for e in wins]
    newest = sorted(wins, key=lambda e: (e.at, e.id), reverse=True)[:latest]
    return Wins(
        this_week=sum(1 for d in days if d and d >= monday),
        this_month=sum(1 for d in days if d and d >= first),
        total=len(wins),
        latest=tuple(newest),
    )


def tasks_done_per_week(
    tasks: Iterable[Task], today: date, weeks: int = TASK_WEEKS
) -> list[tuple[date, int]]:
    """(Monday, tasks finished that week) for the ``weeks`` weeks ending with this one."""
    this_monday = week_start(today)
    mondays = [this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    counts = dict.fromkeys(mondays, 0)
    week_of: dict[str, date | None] = {}  # a finished day's Monday in the window, by its text
    for task in tasks:
        if task.column != "done" or not task.done_at:
            continue
        text = task.done_at[:10]  # all parse_day reads: the day, once per day
        if text not in week_of:
            day = parse_day(text)
            week_of[text] = None if day is None or day > today else week_start(day)
        monday = week_of[text]
        if monday is not None and monday in counts:
            counts[monday] += 1
    return list(counts.items())


# Everything the screen shows ---------------------------------------------------------------


@dataclass(slots=True)
class ProgressFigures:
    """All the figures of the Progress screen for one scope and day."""

    today: date
    scope: Scope
    heat: HeatMap
    practice: list[GoalPractice] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    wins: Wins = field(default_factory=lambda: Wins(0, 0, 0, ()))
    tasks_per_week: list[tuple[date, int]] = field(default_factory=list)
    goal_titles: dict[str, str] = field(default_factory=dict)


@memoised("goals", "tasks", "feedback", "practice")
def progress_figures(
    snapshot: Snapshot, today: date, goal_id: str | None = None, text: str = ""
) -> ProgressFigures:
    """Every figure of the Progress screen, narrowed to ``goal_id``'s subtree when given,
    and to the goals whose title holds ``text`` (with their subtrees)."""
    scope = scope_for(snapshot, goal_id, text)
    ids = scope.goal_ids
    practice = snapshot.practice
    sessions = practice if ids is None else [s for s in practice if s.goal_id in ids]
    by_goal: dict[str | None, list[PracticeSession]] = defaultdict(list)
    for session in sessions:
        by_goal[session.goal_id].append(session)
    tasks = snapshot.tasks if ids is None else [t for t in snapshot.tasks if t.goal_id in ids]
    if ids is None:
        entries = snapshot.feedback
    else:
        task_ids = {t.id for t in tasks}
        entries = [e for e in snapshot.feedback if e.goal_id in ids or e.task_id in task_ids]
    return ProgressFigures(
        today=today,
        scope=scope,
        heat=heat_map(sessions, today),
        practice=[
            _goal_practice(g, by_goal.get(g.id, []), today) for g in practice_goals(snapshot, scope)
        ],
        trends=trends(snapshot, scope),
        outcomes=outcomes(snapshot, scope, today),
        wins=wins_summary(entries, today),
        tasks_per_week=tasks_done_per_week(tasks, today),
        goal_titles={g.id: g.title for g in snapshot.goals},
    )
