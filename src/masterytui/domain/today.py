"""What today asks of you: practice due, streaks at risk, tasks, commitments, wins, deadlines.

:func:`today` works it out from a :class:`~.model.Snapshot` and a date, for ``masterytui
today`` (and the Today screen). The practice part is computed from small per-goal figures
(:class:`GoalDays`: the days practised, the minutes of today, this week's sessions) by
:func:`practice_due` and :func:`streak_risks`, which ``masterytui status`` feeds straight from
the file's bytes, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from . import schedule
from .model import Goal, Snapshot, Task
from .record import record
from .words import week_start


class GoalDays:
    """One goal's practice, as the Today figures need it: the days practised, today's
    minutes and this week's sessions with minutes (Monday to today). Changed as sessions
    are counted in (:func:`add_session`), so a plain class, not a record."""

    __slots__ = ("days", "minutes_today", "sessions_week")

    def __init__(
        self, days: set[date] | None = None, minutes_today: int = 0, sessions_week: int = 0
    ) -> None:
        self.days: set[date] = set() if days is None else days
        self.minutes_today = minutes_today
        self.sessions_week = sessions_week

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GoalDays):
            return NotImplemented
        return (self.days, self.minutes_today, self.sessions_week) == (
            other.days,
            other.minutes_today,
            other.sessions_week,
        )

    __hash__ = None  # type: ignore[assignment]  # changed in place, as the dataclass was

    def __repr__(self) -> str:
        return (
            f"GoalDays(days={self.days!r}, minutes_today={self.minutes_today!r}, "
            f"sessions_week={self.sessions_week!r})"
        )


@record
class PracticeDue:
    """A goal whose plan asks for practice today, and how much of it is left."""

    goal: Goal
    minutes_done: int
    minutes_left: int  # minutes a day: what is left of today's
    sessions_left: int  # sessions: what is left of this week's (a named day: today's one)
    days_to_go: int  # days left in the week that may hold practice, today included

    @property
    def done(self) -> bool:
        return self.minutes_left == 0 and (self.sessions_left == 0 or self.minutes_done > 0)


@record
class StreakRisk:
    """A goal whose streak ends tonight, or that missed its last practice day."""

    goal: Goal
    streak: int  # days practised up to the last practice day; 0 after a miss
    missed_yesterday: bool
    """The last day the plan asked for practice (yesterday, or before rest days) was missed."""
    misses: int = 0
    """How many of the plan's last practice days were missed in a row."""

    @property
    def dont_miss_twice(self) -> bool:
        """The last practice day was missed, once: "don't miss twice" today, on the Today
        screen, in ``masterytui today``, the report and the status line's ``{again}`` (the one
        rule for all four). Two misses or more in a row are a fresh start instead."""
        return self.missed_yesterday and self.misses < 2


@record
class Today:
    day: date
    practice: list[PracticeDue]
    risks: list[StreakRisk]
    overdue: list[Task]
    due: list[Task]
    doing: list[Task]
    commitments: list[tuple[Goal, str]]
    wins_week: int
    deadline: tuple[Goal, str] | None
    streak: int  # the longest live streak of any goal

    @property
    def minutes_left(self) -> int:
        return sum(p.minutes_left for p in self.practice)

    @property
    def sessions_left(self) -> int:
        return sum(1 for p in self.practice if p.sessions_left and not p.minutes_done)


def planned_goals(goals: Iterable[Goal]) -> list[Goal]:
    """Active mastery goals with a practice plan, in title order."""
    found = [g for g in goals if g.kind == "mastery" and g.status == "active" and g.practice_plan]
    return sorted(found, key=lambda g: (g.title.casefold(), g.id))


def practice_due(
    goals: Iterable[Goal], figures: Mapping[str, GoalDays], day: date
) -> list[PracticeDue]:
    """The planned goals that ask for practice today (done today or not); a rest day of a
    plan that names its days asks for nothing, unless practised anyway."""
    found = []
    for goal in planned_goals(goals):
        plan = goal.practice_plan
        assert plan is not None
        mine = figures.get(goal.id) or GoalDays()
        on_days = plan.days or range(7)
        days_to_go = sum(1 for d in on_days if d >= day.weekday())
        if not schedule.asks_today(plan, mine.days, day) and not mine.minutes_today:
            continue
        if plan.minutes_per_day:
            left = max(0, plan.minutes_per_day - mine.minutes_today)
            if not schedule.is_practice_day(plan, day):
                left = 0  # practised on a rest day: nothing was asked
            found.append(PracticeDue(goal, mine.minutes_today, left, 0, days_to_go))
        elif plan.days:
            left = int(schedule.is_practice_day(plan, day) and not mine.minutes_today)
            found.append(PracticeDue(goal, mine.minutes_today, 0, left, days_to_go))
        elif plan.sessions_per_week:
            left = max(0, plan.sessions_per_week - mine.sessions_week)
            if left or mine.minutes_today:
                found.append(PracticeDue(goal, mine.minutes_today, 0, left, days_to_go))
    return found


def streak_risks(
    goals: Iterable[Goal], figures: Mapping[str, GoalDays], day: date
) -> list[StreakRisk]:
    """Planned goals not yet practised today whose streak ends tonight, or that missed the
    last day their plan asked for ("don't miss twice" on the next day it asks)."""
    risks = []
    for goal in planned_goals(goals):
        plan = goal.practice_plan
        days = (figures.get(goal.id) or GoalDays()).days
        if day in days or not days or not schedule.asks_today(plan, days, day):
            continue
        misses = schedule.misses_in_a_row(plan, days, day)
        if misses:
            risks.append(StreakRisk(goal, 0, True, misses))
        elif schedule.at_risk(plan, days, day):
            risks.append(StreakRisk(goal, schedule.streak(plan, days, day), False))
    return risks


def live_streak(figures: Mapping[str, GoalDays], day: date, goals: Iterable[Goal] = ()) -> int:
    """The longest streak still alive today, each goal's plan's rest days kept."""
    plans = {g.id: g.practice_plan for g in goals}
    return max(
        (schedule.streak(plans.get(goal_id), f.days, day) for goal_id, f in figures.items()),
        default=0,
    )


def goal_days(snapshot: Snapshot, day: date) -> dict[str, GoalDays]:
    """Each goal's practice figures as of ``day`` (sessions after it are left out)."""
    figures: dict[str, GoalDays] = {}
    today, monday = day.isoformat(), week_start(day).isoformat()
    parsed: dict[str, date] = {}  # years of sessions fall on a thousand-odd days
    for session in snapshot.practice:  # add_session, inline: 20,000 sessions at L
        on, minutes, goal_id = session.date, session.minutes, session.goal_id
        if goal_id is None or not on or on > today:
            continue
        mine = figures.get(goal_id)
        if mine is None:
            mine = figures[goal_id] = GoalDays()
        if minutes <= 0:
            continue
        found = parsed.get(on)
        if found is None:
            found = parsed[on] = date.fromisoformat(on)
        mine.days.add(found)
        if on >= monday:
            mine.sessions_week += 1
            if on == today:
                mine.minutes_today += minutes
    return figures


def add_session(
    mine: GoalDays,
    on: str,
    minutes: int,
    today: str,
    monday: str,
    parsed: dict[str, date] | None = None,
) -> None:
    """Count one session of ``minutes`` on ISO day ``on`` (not after ``today``) into ``mine``
    (``parsed``: days already parsed, kept by the caller across sessions)."""
    if minutes <= 0:
        return
    if parsed is None:
        mine.days.add(date.fromisoformat(on))
    else:
        found = parsed.get(on)
        if found is None:
            found = parsed[on] = date.fromisoformat(on)
        mine.days.add(found)
    if on == today:
        mine.minutes_today += minutes
    if on >= monday:
        mine.sessions_week += 1


def today(snapshot: Snapshot, day: date, figures: Mapping[str, GoalDays] | None = None) -> Today:
    """Everything the Today list shows for ``day`` (``figures``: :func:`goal_days` of the
    same snapshot and day, when the caller has them)."""
    if figures is None:
        figures = goal_days(snapshot, day)
    goals = snapshot.goals
    iso = day.isoformat()
    open_tasks = [t for t in snapshot.tasks if t.column != "done"]
    by_due = sorted((t for t in open_tasks if t.due), key=lambda t: (t.due or "", t.title))
    practice = practice_due(goals, figures, day)
    practising = {p.goal.id for p in practice} | {g for g, f in figures.items() if day in f.days}
    commitments = [
        (g, g.commitment)
        for g in planned_goals(goals) + [g for g in goals if not g.practice_plan]
        if g.status == "active" and g.commitment.strip() and g.id in practising
    ]
    monday = week_start(day).isoformat()
    wins = sum(1 for f in snapshot.feedback if f.kind == "win" and monday <= f.at[:10] <= iso)
    deadlines = sorted(
        (g.measure.deadline, g.title, g.id, g)
        for g in goals
        if g.kind == "performance"
        and g.status == "active"
        and g.measure is not None
        and g.measure.deadline is not None
        and g.measure.deadline >= iso
    )
    return Today(
        day=day,
        practice=practice,
        risks=streak_risks(goals, figures, day),
        overdue=[t for t in by_due if (t.due or "") < iso],
        due=[t for t in by_due if t.due == iso],
        # In Doing and not already listed as overdue or due today: each task shows once.
        doing=sorted(
            (t for t in open_tasks if t.column == "doing" and not (t.due and t.due <= iso)),
            key=lambda t: t.position,
        ),
        commitments=commitments,
        wins_week=wins,
        deadline=(deadlines[0][3], deadlines[0][0]) if deadlines else None,
        streak=live_streak(figures, day, goals),
    )
