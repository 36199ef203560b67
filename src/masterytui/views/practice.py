"""What Progress shows of deliberate practice: quality over time and the focus areas.

Pure functions of the sessions and a ``today``, like :mod:`.progress`: the quality heat map
(one cell a day, the day's quality as a score), and for each mastery goal the minutes and
quality of the last four weeks and the focus areas practised most and least in them.
:func:`practice_figures` is what the screen asks for, kept per version of the tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ..domain.deliberate import focus_key, in_order
from ..domain.model import Goal, PracticeSession, Snapshot
from ..domain.words import week_start
from .memo import memoised
from .progress import FUTURE, HEAT_WEEKS, parse_day, practice_goals, scope_for

FOCUS_DAYS: Final = 28
"""The window of the focus areas and the quality figures: the last four weeks."""
TREND_WEEKS: Final = 8
UNRATED: Final = 6
"""Quality map level of a day practised without a quality score."""


def weighted_quality(sessions: Iterable[PracticeSession]) -> float | None:
    """The rated sessions' quality, each counting for its minutes (None: none rated)."""
    total = weight = 0
    for session in sessions:
        if session.quality is not None:
            minutes = max(session.minutes, 1)
            total += session.quality * minutes
            weight += minutes
    return total / weight if weight else None


def score_level(quality: float) -> int:
    """A quality average as the score it is nearest to (a half rounds up), 1 to 5."""
    return max(1, min(5, int(quality + 0.5)))


@dataclass(frozen=True, slots=True)
class QualityMap:
    """How deliberate each day of the last ``weeks`` weeks was, Monday to Sunday.

    ``levels`` holds 0 for a day without practice, 1-5 for the day's quality (minute-weighted,
    rounded), :data:`UNRATED` for a day practised without a score, FUTURE for days to come.
    """

    first_day: date
    today: date
    weeks: int
    quality: dict[date, float]
    levels: tuple[tuple[int, ...], ...]
    rated: int
    """Rated sessions in the window."""
    average: float | None
    """Their quality, minute-weighted."""

    def day(self, row: int, column: int) -> date:
        return self.first_day + timedelta(weeks=column, days=row)


def quality_map(
    sessions: Iterable[PracticeSession], today: date, weeks: int = HEAT_WEEKS
) -> QualityMap:
    """The quality map of ``sessions`` for the ``weeks`` weeks ending with this one."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    by_day: dict[date, list[PracticeSession]] = defaultdict(list)
    for session in sessions:
        day = parse_day(session.date)
        if day is not None and first <= day <= today and session.minutes > 0:
            by_day[day].append(session)
    quality = {d: q for d, s in by_day.items() if (q := weighted_quality(s)) is not None}
    rows = []
    for row in range(7):
        cells = []
        for column in range(weeks):
            day = first + timedelta(weeks=column, days=row)
            if day > today:
                cells.append(FUTURE)
            elif day in quality:
                cells.append(score_level(quality[day]))
            else:
                cells.append(UNRATED if day in by_day else 0)
        rows.append(tuple(cells))
    window = [s for group in by_day.values() for s in group]
    return QualityMap(
        first_day=first,
        today=today,
        weeks=weeks,
        quality=quality,
        levels=tuple(rows),
        rated=sum(1 for s in window if s.quality is not None),
        average=weighted_quality(window),
    )


@dataclass(frozen=True, slots=True)
class FocusArea:
    """A sub-skill of a goal: its minutes and sessions in the last four weeks."""

    name: str
    minutes: int
    sessions: int
    last: date | None
    """The last day it was practised, ever."""


@dataclass(frozen=True, slots=True)
class GoalFocus:
    """One mastery goal's deliberate practice over the last four weeks."""

    goal: Goal
    minutes: int
    sessions: int
    quality: float | None
    """Minute-weighted quality of the last four weeks (None: nothing rated)."""
    previous: float | None
    """The same for the four weeks before, to see the way it goes."""
    weekly: tuple[float | None, ...]
    """Quality per week, oldest first, this week last."""
    areas: tuple[FocusArea, ...]
    """Every focus the goal's sessions ever named, most practised in the window first."""

    @property
    def most(self) -> tuple[FocusArea, ...]:
        """The two focus areas given the most minutes in the window."""
        return tuple(a for a in self.areas if a.minutes)[:2]

    @property
    def least(self) -> tuple[FocusArea, ...]:
        """Up to two of the rest, least practised first (none in the window comes first)."""
        rest = [a for a in self.areas if a not in self.most]
        return tuple(sorted(rest, key=lambda a: (a.minutes, a.last or date.min)))[:2]


def goal_focus(
    goal: Goal, sessions: Sequence[PracticeSession], today: date, days: int = FOCUS_DAYS
) -> GoalFocus:
    """``goal``'s focus areas and quality from its own ``sessions``."""
    start = today - timedelta(days=days - 1)
    before = start - timedelta(days=days)
    window: list[PracticeSession] = []
    earlier: list[PracticeSession] = []
    names: dict[str, str] = {}
    minutes: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    last: dict[str, date] = {}
    for session in in_order(sessions):
        day = parse_day(session.date)
        if day is None or day > today:
            continue
        if start <= day:
            window.append(session)
        elif before <= day:
            earlier.append(session)
        key = focus_key(session.focus)
        if not key:
            continue
        names[key] = " ".join(session.focus.split())  # the latest spelling
        last[key] = max(day, last.get(key, day))
        if start <= day:
            minutes[key] += session.minutes
            counts[key] += 1
    areas = sorted(
        (FocusArea(names[k], minutes[k], counts[k], last.get(k)) for k in names),
        key=lambda a: (-a.minutes, -(a.last or date.min).toordinal(), a.name),
    )
    monday = week_start(today)
    weekly = []
    for back in range(TREND_WEEKS - 1, -1, -1):
        first = monday - timedelta(weeks=back)
        week = [
            s
            for s in sessions
            if (d := parse_day(s.date)) is not None and first <= d < first + timedelta(days=7)
        ]
        weekly.append(weighted_quality(week))
    return GoalFocus(
        goal=goal,
        minutes=sum(s.minutes for s in window),
        sessions=len(window),
        quality=weighted_quality(window),
        previous=weighted_quality(earlier),
        weekly=tuple(weekly),
        areas=tuple(areas),
    )


def focus_figures(
    goals: Iterable[Goal], sessions: Iterable[PracticeSession], today: date
) -> list[GoalFocus]:
    """:func:`goal_focus` of each of ``goals`` whose sessions ever named a focus or a quality."""
    by_goal: dict[str | None, list[PracticeSession]] = defaultdict(list)
    for session in sessions:
        by_goal[session.goal_id].append(session)
    found = []
    for goal in goals:
        mine = by_goal.get(goal.id, [])
        if any(s.focus.strip() or s.quality is not None for s in mine):
            found.append(goal_focus(goal, mine, today))
    return found


@dataclass(frozen=True, slots=True)
class PracticeFigures:
    """What Progress shows of deliberate practice for one scope and day."""

    quality: QualityMap
    """The heat map by quality (``v``)."""
    goals: tuple[GoalFocus, ...]
    """The focus panel: each mastery goal in scope with a focus or a quality logged."""


@memoised("goals", "practice")
def practice_figures(
    snapshot: Snapshot, today: date, goal_id: str | None = None, text: str = ""
) -> PracticeFigures:
    """The quality map and focus areas, narrowed as :func:`.progress.progress_figures` is."""
    scope = scope_for(snapshot, goal_id, text)
    ids = scope.goal_ids
    practice = snapshot.practice  # unnarrowed, as it is: not copied through a filter
    sessions = practice if ids is None else [s for s in practice if s.goal_id in ids]
    return PracticeFigures(
        quality=quality_map(sessions, today),
        goals=tuple(focus_figures(practice_goals(snapshot, scope), sessions, today)),
    )
