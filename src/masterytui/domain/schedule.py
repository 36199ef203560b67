"""Practice schedules: the days a plan asks for practice, streaks that rest days do not break,
and a habit strength that one miss dents instead of resetting.

A plan asks for practice on **occasions**, counted from the first day the goal was practised:

- a plan that names its days (``mon,wed,fri``) asks on each of those days; the others are
  rest days;
- minutes a day without days asks every day;
- N sessions a week on any days asks N times each week (Monday to Sunday; at most one a
  day counts): the days practised are its occasions, and what a past week fell short by is
  missed on its Sunday. The week of the first practice asks only for what its days left
  room for, and this week's shortfall counts only once the days left cannot make it up.

Today is an occasion once practised, never a miss before it ends. Practice on a rest day
counts toward the streak but is no occasion.

**Streak**: the days practised since the last missed occasion (rest days neither break nor
count). **Habit strength**, as Loop Habit Tracker computes it: over the occasions in order,

    strength ← strength · m + practised · (1 − m),    m = 0.5 ** (1 / H),
    H = 13 · √(k / 7) occasions (k: occasions a week, 7 for every day)

so the half-life is 13 days for a daily plan and about 20 calendar days for three days a
week. It starts at 0, stays within 0..1, only grows with practice, and one miss multiplies
it by ``m`` (a dent: 0.95 for a daily plan), never to zero.

Dates only: no clock time enters, so daylight saving changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Set
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from .errors import ValidationError
from .model import PracticePlan
from .record import record
from .recur import WEEKDAY_NAMES, parse_every
from .text import clean_text
from .words import week_start, weekday_date

DAILY_HALF_LIFE = 13.0
"""Occasions for the strength of a daily plan to halve (or close half the gap to 100 %)."""


@record
class Occasion:
    """A time the plan asked for practice, and whether it was done."""

    day: date
    practised: bool


def per_week(plan: PracticePlan | None) -> int:
    """How many occasions a week the plan has (1 to 7)."""
    if plan is None or (plan.minutes_per_day and not plan.days):
        return 7
    if plan.days:
        return len(plan.days)
    return max(1, min(7, plan.sessions_per_week or 7))


def flexible(plan: PracticePlan | None) -> bool:
    """N sessions a week on any days (not every day, no days named)."""
    return plan is not None and not plan.minutes_per_day and not plan.days and per_week(plan) < 7


def is_practice_day(plan: PracticePlan | None, day: date) -> bool:
    """Whether ``day`` may be asked for: a named day, or any day for other plans."""
    return plan is None or not plan.days or day.weekday() in plan.days


def occasions(plan: PracticePlan | None, days: set[date], today: date) -> list[Occasion]:
    """The plan's occasions from the first day practised up to ``today``, oldest first."""
    return list(_occasions(plan, frozenset(d for d in days if d <= today), today))


@lru_cache(maxsize=512)
def _occasions(
    plan: PracticePlan | None, days: frozenset[date], today: date
) -> tuple[Occasion, ...]:
    """:func:`occasions`, kept: a streak, a miss and a risk each walk the same ones."""
    if not days:
        return ()
    first = min(days)
    if flexible(plan):
        return tuple(_weekly(per_week(plan), days, first, today))
    found = []
    for ordinal in range(first.toordinal(), today.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if is_practice_day(plan, day):
            hit = day in days
            if hit or day < today:
                found.append(Occasion(day, hit))
    return tuple(found)


def _weekly(n: int, days: frozenset[date], first: date, today: date) -> list[Occasion]:
    found: list[Occasion] = []
    by_week: dict[date, list[date]] = {}  # each week's days practised, in order: one pass
    for day in sorted(d for d in days if first <= d <= today):
        by_week.setdefault(week_start(day), []).append(day)
    monday = week_start(first)
    while monday <= today:
        found += _week(n, by_week.get(monday, []), monday, first, today, days)
        monday += timedelta(days=7)
    return found


def _week(
    n: int, done: list[date], monday: date, first: date, today: date, days: Set[date]
) -> list[Occasion]:
    """One week's occasions of ``n`` sessions a week, oldest first (``done``: its days
    practised, in order). Weeks never share a day: this week's miss is dated yesterday only
    once today is past Monday."""
    found: list[Occasion] = []
    sunday = monday + timedelta(days=6)
    start = max(monday, first)
    asked = min(n, (sunday - start).days + 1)
    hits = done[:asked]
    found += [Occasion(d, True) for d in hits]
    if sunday < today:
        short = asked - len(hits)
        found += [Occasion(sunday, False)] * short
    else:  # this week: missed only once the days left cannot make it up
        room = (sunday - today).days + (today not in days)
        short = asked - len(hits) - room
        found += [Occasion(today - timedelta(days=1), False)] * max(0, short)
    return sorted(found, key=lambda o: (o.day, not o.practised))


def half_life(plan: PracticePlan | None) -> float:
    return DAILY_HALF_LIFE * math.sqrt(per_week(plan) / 7)


def multiplier(plan: PracticePlan | None) -> float:
    """What one missed occasion multiplies the strength by."""
    return float(0.5 ** (1 / half_life(plan)))


def habit_strength(plan: PracticePlan | None, days: set[date], today: date) -> float:
    """The habit strength on ``today``, 0.0 to 1.0 (see the module's docstring)."""
    m = multiplier(plan)
    strength = 0.0
    for occasion in occasions(plan, days, today):
        strength = strength * m + (1 - m) * occasion.practised
    return min(1.0, max(0.0, strength))


STRENGTH_SLACK = 1e-9
"""More than float rounding could move a strength: each step of a walk errs by about 1e-16,
a walk of a million occasions by 1e-10 at most."""


def habit_percent(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """``round(habit_strength(…) * 100)``, the strength in whole percent, looking back only
    as far as the whole percent needs: the same answer, every time.

    The occasion ``i`` places before the newest adds ``(1 − m) · m**i`` to the strength if
    practised, 0 if not, so all those ``i`` or more places back add between 0 and ``m**i``
    (the tail of a geometric sum). Walking back over the occasions practised
    (:func:`_hits_back`), once every strength from the sum so far to that sum plus
    ``m**i`` (widened by :data:`STRENGTH_SLACK` either side) rounds to the same whole
    percent, the whole history's does too, and the walk stops: within the last 90-150
    occasions for a daily plan (a half-life of 13), instead of every day since the first
    practice. A strength so close to a half percent that no cut settles it is worked out
    by the whole walk, :func:`habit_strength`.
    """
    m = multiplier(plan)
    total = 0.0
    for index in _hits_back(plan, days, today):
        tail = m**index  # what this occasion and all older ones can add, at most
        if tail < 0.01 and _settled(total, tail):
            return round(min(1.0, total) * 100)
        total += (1 - m) * tail
    if _settled(total, 0.0):
        return round(min(1.0, total) * 100)
    return round(habit_strength(plan, days, today) * 100)


def _settled(total: float, tail: float) -> bool:
    """Whether every strength from ``total`` to ``total + tail`` (and :data:`STRENGTH_SLACK`
    either side) rounds to the whole percent ``total`` rounds to."""
    percent = round(min(1.0, total) * 100)
    low = (percent - 0.5) / 100 if percent > 0 else -math.inf
    high = (percent + 0.5) / 100 if percent < 100 else math.inf
    return low < total - STRENGTH_SLACK and total + tail + STRENGTH_SLACK < high


def _hits_back(plan: PracticePlan | None, days: set[date], today: date) -> Iterator[int]:
    """Where the occasions practised fall in :func:`occasions_back` (0: the newest), in
    order: counted from the days practised, not by walking every day or week between."""
    newest = sorted(days, reverse=True)
    while newest and newest[0] > today:  # the sessions after the day asked about
        del newest[0]
    if not newest:
        return
    if flexible(plan):
        yield from _weekly_hits_back(per_week(plan), newest, today)
        return
    lead = int(newest[0] == today and is_practice_day(plan, today))
    if lead:
        yield 0
    yesterday = today - timedelta(days=1)
    for day in newest[lead:]:
        if day < today and is_practice_day(plan, day):
            yield lead + practice_days_between(plan, day, yesterday) - 1


def _weekly_hits_back(n: int, newest: list[date], today: date) -> Iterator[int]:
    """:func:`_hits_back` of ``n`` sessions a week (``newest``: the days practised up to
    today, newest first): this week as :func:`_week` says; each week before asks ``n``
    times (the first week what its days left room for), its misses dated its Sunday, so
    newest first its misses come before its practice."""
    first = newest[-1]
    monday = week_start(today)
    taken = 0
    while taken < len(newest) and newest[taken] >= monday:
        taken += 1
    this = _week(n, newest[:taken][::-1], monday, first, today, set(newest[:taken]))
    yield from (i for i, o in enumerate(reversed(this)) if o.practised)
    place = len(this)
    while taken < len(newest):
        week = week_start(newest[taken])
        place += n * ((monday - week).days // 7 - 1)  # the weeks between, none practised
        monday = week
        done = taken
        while done < len(newest) and newest[done] >= monday:
            done += 1
        asked = min(n, (monday + timedelta(days=6) - max(monday, first)).days + 1)
        hits = min(asked, done - taken)
        yield from range(place + asked - hits, place + asked)
        place += asked
        taken = done


def strength_trend(
    plan: PracticePlan | None, days: set[date], today: date, back: int = 28
) -> tuple[int, int]:
    """The strength now and its change over ``back`` days, both in whole percent."""
    now = habit_percent(plan, days, today)
    then = habit_percent(plan, days, today - timedelta(days=back))
    return now, now - then


def current_streak(days: Set[date], today: date) -> int:
    """Consecutive practice days ending today, or yesterday if today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def streak(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """Days practised since the last missed occasion, up to ``today``."""
    if per_week(plan) == 7:  # every day asks: the run back from today (or yesterday)
        return current_streak(days, today)
    last = next((o.day for o in occasions_back(plan, days, today) if not o.practised), date.min)
    return sum(1 for d in days if last < d <= today)


def misses_in_a_row(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """How many of the occasions before today were missed in a row (0: the last was done)."""
    count = 0
    for occasion in occasions_back(plan, days, today):
        if occasion.day >= today:
            continue
        if occasion.practised:
            break
        count += 1
    return count


def occasions_back(plan: PracticePlan | None, days: set[date], today: date) -> Iterator[Occasion]:
    """:func:`occasions` newest first, made as they are asked for: a streak or a run of misses
    looks back only to the last miss or practice, not over the whole history."""
    practised = days if not days or max(days) <= today else {d for d in days if d <= today}
    if not practised:
        return
    first = min(practised)
    if flexible(plan):
        n = per_week(plan)
        newest = sorted(practised, reverse=True)  # each week's days are taken from its head
        taken = 0
        monday = week_start(today)
        while monday + timedelta(days=6) >= first:
            done = taken
            while done < len(newest) and newest[done] >= monday:
                done += 1
            week = newest[taken:done][::-1]
            taken = done
            yield from reversed(_week(n, week, monday, first, today, practised))
            monday -= timedelta(days=7)
        return
    for ordinal in range(today.toordinal(), first.toordinal() - 1, -1):
        day = date.fromordinal(ordinal)
        if is_practice_day(plan, day):
            hit = day in practised
            if hit or day < today:
                yield Occasion(day, hit)


def week_left(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """Sessions a flexible plan still asks for this week (0 for other plans)."""
    if not flexible(plan):
        return 0
    monday = week_start(today)
    done = sum(1 for d in days if monday <= d <= today)
    return max(0, per_week(plan) - done)


def asks_today(plan: PracticePlan | None, days: set[date], today: date) -> bool:
    """Whether the plan asks for practice today (practised already or not)."""
    if plan is None:
        return False
    if flexible(plan):
        return today in days or week_left(plan, days, today) > 0
    return is_practice_day(plan, today)


def at_risk(plan: PracticePlan | None, days: set[date], today: date) -> bool:
    """A live streak that ends unless practised today."""
    if plan is None or today in days or not streak(plan, days, today):
        return False
    if flexible(plan):
        return week_left(plan, days, today) >= (week_start(today) + timedelta(6) - today).days + 1
    return is_practice_day(plan, today)


def next_practice(plan: PracticePlan | None, days: set[date], today: date) -> date | None:
    """The next day the plan asks for practice not yet done: today, or a day after."""
    if plan is None:
        return None
    if flexible(plan):
        if week_left(plan, days, today) == 0:
            return week_start(today) + timedelta(days=7)
        if today not in days:
            return today
        return today + timedelta(days=1)
    day = today if today not in days else today + timedelta(days=1)
    while not is_practice_day(plan, day):
        day += timedelta(days=1)
    return day


def longest_streak(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """The most days practised between two missed occasions, ever.

    Worked out from the days practised alone, in one pass over them (not over every day
    since the first): a run breaks between two days practised in a row when an occasion
    between them was missed (:func:`_breaks`), so rest days between never break it.
    """
    practised = sorted(d for d in days if d <= today)
    if not practised:
        return 0
    best = run = 1
    for broken in _breaks(plan, practised, today):
        if broken:
            run = 1
        else:
            run += 1
            if run > best:
                best = run
    return best


def _breaks(plan: PracticePlan | None, practised: list[date], today: date) -> Iterator[bool]:
    """For each day of ``practised`` (sorted, up to ``today``) after the first, whether a
    missed occasion (of :func:`occasions`) falls from the day practised before it (a week's
    miss is dated its Sunday, which may be practised) up to the day before it."""
    if not flexible(plan):
        # A missed occasion between two days practised is a practice day strictly between
        # them (both are practised, so neither is a miss, and it is before today).
        if plan is None or not plan.days or per_week(plan) == 7:
            for before, day in pairwise(practised):
                yield (day - before).days > 1
        else:
            one = timedelta(days=1)
            for before, day in pairwise(practised):
                yield (day - before).days > 1 and (
                    practice_days_between(plan, before + one, day - one) > 0
                )
        return
    ordinals = [d.toordinal() for d in practised]
    misses = _weekly_misses(per_week(plan), ordinals, today)
    at, end = 0, len(misses)
    for since, until in pairwise(ordinals):
        while at < end and misses[at] < since:
            at += 1
        broken = at < end and misses[at] < until
        while at < end and misses[at] < until:
            at += 1
        yield broken


def _weekly_misses(n: int, practised: list[int], today: date) -> list[int]:
    """Enough of the days :func:`_weekly` dates a miss on (as ordinals, in order) to say
    which days practised (``practised``: sorted ordinals, up to today) have a miss before
    them: a past week practised misses on its Sunday when it fell short; this week as
    :func:`_week` says; a stretch of weeks not practised between two that were, on its
    first Sunday (each of them misses on its Sunday, all between the same two days)."""
    first = practised[0]
    now = today.toordinal()
    this_monday = now - (now + 6) % 7  # ordinal 1 (1 January of year 1) is a Monday
    misses: list[int] = []
    monday = -1
    count = 0
    for day in practised:
        week = day - (day + 6) % 7
        if week != monday:
            if monday >= 0:
                misses += _past_week_miss(n, monday, count, first)
                if week - monday > 7:
                    misses.append(monday + 13)  # the Sunday of the first week not practised
            monday, count = week, 0
        count += 1
    if monday == this_monday:
        done = [date.fromordinal(d) for d in practised if d >= this_monday]
        start = date.fromordinal(this_monday)
        found = _week(n, done, start, date.fromordinal(first), today, frozenset(done))
        misses += [o.day.toordinal() for o in found if not o.practised]
    elif monday >= 0:
        misses += _past_week_miss(n, monday, count, first)
    return misses


def _past_week_miss(n: int, monday: int, count: int, first: int) -> list[int]:
    """:func:`_week`'s miss of a week before this one with ``count`` days practised (its
    Sunday, as an ordinal, once however short), or none."""
    asked = min(n, monday + 6 - max(monday, first) + 1)
    return [monday + 6] if count < asked else []


def practice_days_between(plan: PracticePlan | None, start: date, end: date) -> int:
    """The days from ``start`` to ``end`` (both included) the plan may ask for practice."""
    total = (end - start).days + 1
    if plan is None or not plan.days or total <= 0:
        return max(0, total)
    weeks, rest = divmod(total, 7)  # each whole week holds every named day once
    first = start.weekday()
    weekly = sum(1 for d in range(7) if d in plan.days)
    return weeks * weekly + sum(1 for k in range(rest) if (first + k) % 7 in plan.days)


def describe_days(plan: PracticePlan | None) -> str:
    """``mon, wed, fri``, or ``any day`` / ``every day``."""
    if plan is None:
        return ""
    if plan.days:
        return ", ".join(WEEKDAY_NAMES[d] for d in plan.days)
    return "any days" if flexible(plan) else "every day"


def next_due_text(plan: PracticePlan, days: set[date], today: date) -> str:
    """The next practice the plan asks for, in words: ``today``, ``tomorrow (thu)``…"""
    due = next_practice(plan, days, today)
    if due is None:
        return "no plan"
    ahead = (due - today).days
    name = WEEKDAY_NAMES[due.weekday()]
    when = "today" if ahead == 0 else f"tomorrow, {name}" if ahead == 1 else weekday_date(due)
    if flexible(plan):
        left = week_left(plan, days, today)
        week = f"{left} more this week" if left else "this week's done"
        return f"{when} ({week}, {describe_days(plan)})"
    return f"{when} (practice days: {describe_days(plan)})"


def strength_text(plan: PracticePlan, days: set[date], today: date) -> str:
    """``72% (+8 in 4 weeks)``: the habit strength and its trend."""
    return trend_text(*strength_trend(plan, days, today))


def trend_text(now: int, change: int) -> str:
    """:func:`strength_text` of a :func:`strength_trend` already worked out."""
    trend = (
        f"+{change} in 4 weeks" if change > 0 else f"{change} in 4 weeks" if change else "steady"
    )
    return f"{now}% ({trend})"


def parse_days(value: str | None, *, field: str = "days") -> tuple[int, ...]:
    """The practice days ``value`` names (``mon,wed,fri``, ``weekdays``), as weekday numbers;
    empty, ``any`` or ``every day`` for none (every day, or any days for a sessions plan)."""
    text = " ".join((value or "").lower().split())
    if text in ("", "any", "any day", "any days", "every day", "daily", "none"):
        return ()
    try:
        rule = parse_every(text, field=field)
    except ValidationError:
        rule = None
    names = (rule or "").split(",")
    if not rule or not all(n in WEEKDAY_NAMES for n in names):
        raise ValidationError(
            f"{clean_text(value or '')!r} is not a set of days: name them (mon,wed,fri, "
            "weekdays, weekends), or leave it empty for any day.",
            field,
        )
    days = tuple(WEEKDAY_NAMES.index(n) for n in names)
    return () if len(days) == 7 else days


def make_plan(
    minutes: int | None, sessions: int | None, days: tuple[int, ...], *, field: str = "days"
) -> PracticePlan | None:
    """The plan a form or the shell asks for; days alone mean a session on each of them."""
    if minutes:
        return PracticePlan(minutes_per_day=minutes, days=days)
    if days:
        if sessions and sessions != len(days):
            raise ValidationError(
                f"{len(days)} days named ask for {len(days)} sessions a week, not {sessions}: "
                "leave one of the two empty.",
                field,
            )
        return PracticePlan(sessions_per_week=len(days), days=days)
    if sessions:
        return PracticePlan(sessions_per_week=sessions)
    return None
