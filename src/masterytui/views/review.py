"""The weekly review: the last seven days gathered from a snapshot (no textual, no tinydb).

A review looks back over ``start``..``end`` (seven days ending on ``end``): practice against
plan for each mastery goal, tasks finished, wins, lessons and setbacks with their next steps,
and the one adjustment chosen for the week to come. The Feedback screen draws it and
:mod:`.review_markdown` writes it as Markdown for a mentor or coach.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain import schedule
from ..domain.figures import (
    consistency,
    practice_days,
    tree_order,
)
from ..domain.model import FeedbackEntry, Goal, PracticePlan, PracticeSession, Snapshot, Task
from ..domain.plans import PlanRate, has_plan, plan_rate, plan_sentence, week_of
from ..domain.words import period_label
from .lessons import DueLesson, lessons_due
from .memo import memoised

REVIEW_DAYS = 7
ADJUSTMENT_KIND = "improve"
_ADJUSTMENT_TEXT = re.compile(r"^Weekly review of .+: one adjustment for next week\.$")


@dataclass(frozen=True, slots=True)
class PracticeLine:
    """One goal's practice in the review window, against its plan when it has one."""

    goal: Goal | None
    minutes: int
    sessions: int
    days: int
    plan: PracticePlan | None
    done: float | None
    planned: float | None
    unit: str
    streak: int

    @property
    def title(self) -> str:
        return self.goal.title if self.goal else "(no goal)"

    @property
    def ratio(self) -> float | None:
        """Done against planned (1.0 = on plan); None without a plan."""
        if self.done is None or not self.planned:
            return None
        return self.done / self.planned


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """A feedback entry of the window with the title of what it is linked to."""

    entry: FeedbackEntry
    linked: str


@dataclass(frozen=True, slots=True)
class PlanLine:
    """A goal's if-then plan: this week's answer and how it fared over the weeks."""

    goal: Goal
    sentence: str
    answer: str | None
    """This week's: ``yes``, ``no``, ``no_cue``, or None (not asked yet)."""
    rate: PlanRate


@dataclass(frozen=True, slots=True)
class FinishedTask:
    task: Task
    goal_title: str
    day: str


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    """Everything the weekly review shows, oldest first within each part."""

    start: date
    end: date
    practice: list[PracticeLine]
    tasks_done: list[FinishedTask]
    wins: list[ReviewEntry]
    lessons: list[ReviewEntry]
    setbacks: list[ReviewEntry]
    notes: list[ReviewEntry]
    adjustments: list[ReviewEntry]
    weeks_back: int = 0
    """0 for the seven days ending today, 1 for the week before, ..."""
    plans: tuple[PlanLine, ...] = ()
    """Each open goal's if-then plan, in tree order."""
    lessons_due: tuple[DueLesson, ...] = ()
    """Lessons due for spaced review on the review's last day."""

    @property
    def seven_days(self) -> str:
        """What the review covers, in words: ``the last seven days`` or ``10–16 Nov 2026``."""
        return "the last seven days" if self.weeks_back == 0 else self.period

    @property
    def which_week(self) -> str:
        """``this week``, or ``that week`` for a past one."""
        return "this week" if self.weeks_back == 0 else "that week"

    @property
    def none_yet(self) -> str:
        """What an empty part says: ``None this week.`` (``None that week.`` for a past one)."""
        return f"None {self.which_week}."

    @property
    def total_minutes(self) -> int:
        return sum(line.minutes for line in self.practice)

    @property
    def total_sessions(self) -> int:
        return sum(line.sessions for line in self.practice)

    @property
    def period(self) -> str:
        """``17–23 Nov 2026``."""
        return period_label(self.start, self.end)


def adjustment_text(start: date, end: date) -> str:
    """The text of the feedback entry that records a review's chosen adjustment."""
    return f"Weekly review of {period_label(start, end)}: one adjustment for next week."


def is_adjustment(entry: FeedbackEntry) -> bool:
    """True for an entry written by the review's "one adjustment" prompt."""
    return entry.kind == ADJUSTMENT_KIND and bool(_ADJUSTMENT_TEXT.match(entry.text))


def review_window(today: date, weeks_back: int = 0) -> tuple[date, date]:
    """The seven days ending ``today`` (or ``weeks_back`` whole weeks earlier)."""
    end = today - timedelta(days=REVIEW_DAYS * weeks_back)
    return end - timedelta(days=REVIEW_DAYS - 1), end


@memoised("goals", "tasks", "feedback", "practice")
def weekly_review(snapshot: Snapshot, today: date, weeks_back: int = 0) -> WeeklyReview:
    """Gather the review of the seven days ending ``today`` (``weeks_back`` weeks earlier)."""
    start, end = review_window(today, weeks_back)
    low, high = start.isoformat(), end.isoformat()
    goals = {g.id: g for g in snapshot.goals}
    tasks = {t.id: t for t in snapshot.tasks}

    def within(day: str) -> bool:
        return low <= day[:10] <= high

    def title_of(goal_id: str | None) -> str:
        goal = goals.get(goal_id) if goal_id else None
        return goal.title if goal else ""

    buckets: dict[str, list[ReviewEntry]] = defaultdict(list)
    for entry in sorted(snapshot.feedback, key=lambda e: (e.at, e.id)):
        if not within(entry.at):
            continue
        task = tasks.get(entry.task_id) if entry.task_id else None
        linked = task.title if task else title_of(entry.goal_id)
        if is_adjustment(entry):
            bucket = "adjustment"
        elif entry.kind in ("lesson", "improve"):
            bucket = "lesson"
        else:
            bucket = entry.kind
        buckets[bucket].append(ReviewEntry(entry, linked))

    finished = sorted(
        (
            FinishedTask(t, title_of(t.goal_id), (t.done_at or "")[:10])
            for t in snapshot.tasks
            if t.column == "done" and t.done_at and within(t.done_at)
        ),
        key=lambda f: (f.day, f.task.title.lower()),
    )
    return WeeklyReview(
        start=start,
        end=end,
        practice=_practice_lines(snapshot, goals, start, end),
        tasks_done=finished,
        wins=buckets["win"],
        lessons=buckets["lesson"],
        setbacks=buckets["setback"],
        notes=buckets["note"],
        adjustments=buckets["adjustment"],
        weeks_back=weeks_back,
        plans=plan_lines(snapshot, end),
        lessons_due=tuple(lessons_due(snapshot, end)),
    )


def plan_lines(snapshot: Snapshot, end: date) -> tuple[PlanLine, ...]:
    """The if-then plans of the open goals, each with the answer of ``end``'s week."""
    week = week_of(end)
    return tuple(
        PlanLine(
            goal,
            plan_sentence(goal.cue, goal.commitment),
            next((c.answer for c in goal.plan_checks if c.week == week), None),
            plan_rate(goal.plan_checks, end),
        )
        for goal in tree_order(snapshot.goals)
        if goal.is_open and has_plan(goal.cue, goal.commitment)
    )


def _practice_lines(
    snapshot: Snapshot, goals: dict[str, Goal], start: date, end: date
) -> list[PracticeLine]:
    """A line for every open mastery goal with a plan and every goal practised this week."""
    by_goal: dict[str | None, list[PracticeSession]] = defaultdict(list)
    for session in snapshot.practice:
        by_goal[session.goal_id].append(session)
    low, high = start.isoformat(), end.isoformat()
    week = {
        goal_id: [s for s in sessions if low <= s.date <= high]
        for goal_id, sessions in by_goal.items()
    }
    wanted: list[str | None] = [
        g.id
        for g in snapshot.goals
        if g.kind == "mastery" and g.status == "active" and g.practice_plan is not None
    ]
    wanted += [goal_id for goal_id, sessions in week.items() if sessions]
    lines: list[PracticeLine] = []
    for goal_id in dict.fromkeys(wanted):  # keeps order, drops repeats
        goal = goals.get(goal_id) if goal_id else None
        sessions = week.get(goal_id, [])
        plan = goal.practice_plan if goal else None
        figure = consistency(sessions, plan, end, REVIEW_DAYS)
        lines.append(
            PracticeLine(
                goal=goal,
                minutes=sum(s.minutes for s in sessions),
                sessions=len(sessions),
                days=len(practice_days(sessions)),
                plan=plan,
                done=figure.done if figure else None,
                planned=figure.planned if figure else None,
                unit=figure.unit if figure else "min",
                streak=schedule.streak(
                    plan, {d for d in practice_days(by_goal.get(goal_id, [])) if d <= end}, end
                ),
            )
        )
    order = {goal.id: index for index, goal in enumerate(tree_order(snapshot.goals))}
    lines.sort(
        key=lambda line: (
            line.goal is None,
            line.plan is None,
            order.get(line.goal.id, 0) if line.goal else 0,
        )
    )
    return lines
