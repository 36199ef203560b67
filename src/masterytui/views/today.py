"""What the Today list says, for the Today screen, ``masterytui today`` and the report.

One list, :func:`today_view`: :func:`masterytui.domain.today.today` (practice due, streaks
at risk, tasks, commitments, the week) and the lessons due for spaced review
(:func:`.lessons.lessons_due`). Each of the three writes it in its own form, in these words,
so the screen, the shell and the report never disagree on what is due or how to say it.
The screen also needs each listed goal's streak, habit strength and next practice day:
:func:`today_view` works them out once per version of the tables (:mod:`.memo`).
"""

from __future__ import annotations

from datetime import date

from ..domain import schedule
from ..domain.model import Snapshot, Task
from ..domain.record import record
from ..domain.today import GoalDays, PracticeDue, StreakRisk, Today, goal_days, today
from ..domain.words import days, number, plural
from .board import done_this_week
from .lessons import DueLesson, lessons_due
from .memo import memoised

DONT_MISS_TWICE = "missed last time. Don't miss twice: even a short session today counts."
FRESH_START = "a few practice days missed. Today is a fresh start: one short session counts."
LESSONS = "Lessons to review"
LESSONS_ASK = "still true? did I apply it?"


def practice_state(due: PracticeDue) -> str:
    """What is done and left of a goal's practice today: ``5 min today, 15 min left``,
    ``a session today (mon, wed, fri)``, ``2 sessions left this week, 3 days to go (…)``."""
    plan = due.goal.practice_plan
    if plan is not None and plan.days and not plan.minutes_per_day:
        state = "practised today" if due.minutes_done else "a session today"
        return f"{state} ({schedule.describe_days(plan)})"
    if plan is not None and plan.minutes_per_day:
        left = "done" if not due.minutes_left else f"{number(due.minutes_left)} min left"
        return f"{number(due.minutes_done)} min today, {left}"
    state = "practised today" if due.minutes_done else "not yet today"
    return (
        f"{plural(due.sessions_left, 'session')} left this week, "
        f"{days(due.days_to_go)} to go ({state})"
    )


def risk_state(risk: StreakRisk) -> str:
    """Why a goal is at risk: a streak that ends tonight, one miss, or several."""
    if risk.dont_miss_twice:
        return DONT_MISS_TWICE
    if risk.missed_yesterday:
        return FRESH_START
    return f"a {number(risk.streak)}-day streak ends tonight"


def risk_label(risk: StreakRisk) -> str:
    """The short form, for a row of the screen: ``fresh start``, ``don't miss twice``."""
    if risk.dont_miss_twice:
        return "don't miss twice"
    if risk.missed_yesterday:
        return "fresh start"
    return f"{risk.streak}d ends tonight"


def lesson_state(due: DueLesson, day: date) -> str:
    """When a lesson came due: ``due today``, ``waiting 3 days``."""
    waited = due.overdue_days(day)
    return "due today" if waited <= 0 else f"waiting {days(waited)}"


def as_sentence(words: str) -> str:
    """``words`` as a sentence of its own (its first letter a capital)."""
    return words[:1].upper() + words[1:]


@record
class Habit:
    """A listed goal's practice figures, as the Today screen shows them."""

    streak: int
    strength: int
    """Habit strength, 0-100 (see :mod:`masterytui.domain.schedule`)."""
    strength_text: str
    """``72% (+8 in 4 weeks)``."""
    next_due: str
    """The next practice the plan asks for, in words."""


@record
class TodayView:
    """The Today list of a day, with what the screen shows beside it."""

    found: Today
    habits: dict[str, Habit]
    """Each goal listed under practice or streaks at risk, by id."""
    tasks: dict[str, Task]
    """The tasks listed (overdue, due today, in Doing), by id."""
    done_this_week: int
    """Cards finished since Monday (the celebration's count)."""
    lessons: tuple[DueLesson, ...] = ()
    """The lessons due for spaced review, the longest waiting first."""

    def risk_of(self, goal_id: str | None) -> StreakRisk | None:
        return next((r for r in self.found.risks if r.goal.id == goal_id), None)


@memoised("goals", "tasks", "feedback", "practice")
def today_view(snapshot: Snapshot, day: date) -> TodayView:
    """The Today list of ``day`` and each listed goal's streak and habit strength.

    Its parts are kept per version of the tables each reads: a moved card recounts the
    tasks, not 20,000 practice sessions or each goal's habit strength.
    """
    figures = practice_figures(snapshot, day)
    found = today(snapshot, day, figures)
    listed_goals = dict.fromkeys(g.id for g in [p.goal for p in found.practice + found.risks])
    habits = habits_of(snapshot, day, tuple(listed_goals))
    listed = {t.id: t for t in found.overdue + found.due + found.doing}
    lessons = _lessons(snapshot, day)
    return TodayView(found, habits, listed, done_this_week(snapshot.tasks, day), lessons)


@memoised("practice")
def practice_figures(snapshot: Snapshot, day: date) -> dict[str, GoalDays]:
    """:func:`~masterytui.domain.today.goal_days`, kept per version of the practice."""
    return goal_days(snapshot, day)


@memoised("goals", "practice")
def habits_of(snapshot: Snapshot, day: date, goal_ids: tuple[str, ...]) -> dict[str, Habit]:
    """The streak, habit strength and next practice of each of ``goal_ids`` with a plan."""
    figures = practice_figures(snapshot, day)
    goals = {g.id: g for g in snapshot.goals}
    habits: dict[str, Habit] = {}
    for goal_id in goal_ids:
        goal = goals.get(goal_id)
        plan = goal.practice_plan if goal is not None else None
        if plan is None:
            continue
        practised = (figures.get(goal_id) or GoalDays()).days
        strength, change = schedule.strength_trend(plan, practised, day)
        habits[goal_id] = Habit(
            streak=schedule.streak(plan, practised, day),
            strength=strength,
            strength_text=schedule.trend_text(strength, change),
            next_due=schedule.next_due_text(plan, practised, day),
        )
    return habits


@memoised("feedback", "goals")
def _lessons(snapshot: Snapshot, day: date) -> tuple[DueLesson, ...]:
    return tuple(lessons_due(snapshot, day))
