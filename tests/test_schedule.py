"""Practice schedules: named days and rest days, sessions a week, streaks, habit strength,
"don't miss twice", and the plan's days through the forms, the file and doctor."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masterytui.domain import schedule
from masterytui.domain.errors import ValidationError
from masterytui.domain.model import Goal, PracticePlan, PracticeSession, Snapshot
from masterytui.domain.schedule import (
    habit_strength,
    make_plan,
    misses_in_a_row,
    multiplier,
    next_practice,
    parse_days,
    streak,
)
from masterytui.domain.today import today
from masterytui.store import MasteryStore

MON_WED_FRI = PracticePlan(sessions_per_week=3, days=(0, 2, 4))
DAILY = PracticePlan(minutes_per_day=20)
THREE_A_WEEK = PracticePlan(sessions_per_week=3)
WED = date(2026, 11, 25)  # a Wednesday


def days_of(*isos: str) -> set[date]:
    return {date.fromisoformat(d) for d in isos}


# Parsing and describing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("mon,wed,fri", (0, 2, 4)),
        ("Friday monday", (0, 4)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        ("", ()),
        ("any day", ()),
        ("mon,tue,wed,thu,fri,sat,sun", ()),
    ],
)
def test_practice_days_as_typed(typed: str, days: tuple[int, ...]) -> None:
    assert parse_days(typed) == days


@pytest.mark.parametrize("typed", ["2w", "monthly", "someday", "mon,someday"])
def test_what_is_not_a_set_of_days_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="not a set of days"):
        parse_days(typed)


def test_days_alone_ask_for_a_session_on_each() -> None:
    assert make_plan(None, None, (0, 2, 4)) == MON_WED_FRI
    assert make_plan(None, 3, (0, 2, 4)) == MON_WED_FRI
    assert make_plan(20, None, (5, 6)) == PracticePlan(minutes_per_day=20, days=(5, 6))
    with pytest.raises(ValidationError, match="3 days named"):
        make_plan(None, 4, (0, 2, 4))


def test_a_plan_describes_its_days_and_round_trips() -> None:
    assert MON_WED_FRI.describe() == "a session on mon, wed, fri"
    assert PracticePlan(minutes_per_day=20, days=(5, 6)).describe() == "20 min on sat, sun"
    assert MON_WED_FRI.to_doc() == {"sessions_per_week": 3, "days": ["mon", "wed", "fri"]}
    assert PracticePlan.from_doc(MON_WED_FRI.to_doc()) == MON_WED_FRI
    assert DAILY.to_doc() == {"minutes_per_day": 20}  # no days: written as before
    # Days out of order or unknown read as none (doctor reports them).
    assert PracticePlan.from_doc({"sessions_per_week": 3, "days": ["fri", "mon"]}) == THREE_A_WEEK


# Rest days and streaks --------------------------------------------------------------------


def test_a_rest_day_does_not_break_a_streak() -> None:
    practised = days_of("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23")  # M W F M
    assert streak(MON_WED_FRI, practised, date(2026, 11, 24)) == 4  # Tuesday: a rest day
    assert streak(DAILY, practised, date(2026, 11, 24)) == 1  # every day: Sat, Sun missed
    # Wednesday not practised yet: the streak is still alive, and at risk.
    assert streak(MON_WED_FRI, practised, WED) == 4
    assert schedule.at_risk(MON_WED_FRI, practised, WED)
    # Thursday: Wednesday was missed.
    assert streak(MON_WED_FRI, practised, date(2026, 11, 26)) == 0
    assert misses_in_a_row(MON_WED_FRI, practised, date(2026, 11, 27)) == 1


def test_practice_on_a_rest_day_counts_in_the_streak() -> None:
    practised = days_of("2026-11-23", "2026-11-24", "2026-11-25")  # Mon, Tue (rest), Wed
    assert streak(MON_WED_FRI, practised, WED) == 3


def test_sessions_a_week_on_any_days() -> None:
    # Three in the week of Nov 16 (any days), two so far this week with days left.
    practised = days_of("2026-11-17", "2026-11-19", "2026-11-22", "2026-11-23", "2026-11-24")
    assert streak(THREE_A_WEEK, practised, date(2026, 11, 27)) == 5
    assert misses_in_a_row(THREE_A_WEEK, practised, date(2026, 11, 27)) == 0
    # A week that fell short is a miss on its Sunday.
    short = days_of("2026-11-17", "2026-11-24")
    assert misses_in_a_row(THREE_A_WEEK, short, date(2026, 11, 23)) == 2
    assert misses_in_a_row(THREE_A_WEEK, short, date(2026, 11, 25)) == 0  # practised since
    assert streak(THREE_A_WEEK, short, date(2026, 11, 25)) == 1
    # This week: behind once the days left cannot make it up.
    assert schedule.at_risk(THREE_A_WEEK, days_of("2026-11-23"), date(2026, 11, 29)) is False
    assert schedule.week_left(THREE_A_WEEK, days_of("2026-11-23"), date(2026, 11, 28)) == 2


def test_the_next_practice_skips_rest_days_and_month_ends() -> None:
    fri = date(2026, 1, 30)
    assert next_practice(MON_WED_FRI, set(), fri) == fri
    assert next_practice(MON_WED_FRI, {fri}, fri) == date(2026, 2, 2)  # Monday, next month
    sat = date(2026, 2, 28)  # the end of February
    assert next_practice(MON_WED_FRI, set(), sat) == date(2026, 3, 2)
    leap = date(2028, 2, 28)  # a Monday before a leap day
    assert next_practice(PracticePlan(minutes_per_day=10, days=(1,)), set(), leap) == date(
        2028, 2, 29
    )
    assert next_practice(THREE_A_WEEK, days_of("2026-11-23", "2026-11-24", "2026-11-25"), WED) == (
        date(2026, 11, 30)
    )


def test_month_ends_and_year_ends_keep_a_streak() -> None:
    # Mon/Wed/Fri across Jan 31 -> Feb 2 (a weekend of rest in between) and Dec 31 -> Jan 1.
    practised = days_of("2026-01-28", "2026-01-30", "2026-02-02")
    assert streak(MON_WED_FRI, practised, date(2026, 2, 3)) == 3
    new_year = days_of("2025-12-29", "2025-12-31", "2026-01-02")
    assert streak(MON_WED_FRI, new_year, date(2026, 1, 4)) == 3


@pytest.mark.parametrize(
    "zone_change",
    [date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1)],
)
def test_daylight_saving_changes_nothing(zone_change: date) -> None:
    """Days are dates, never clock times: the nights the clocks move are like any other."""
    practised = {zone_change + timedelta(days=d) for d in range(-3, 4)}
    end = zone_change + timedelta(days=3)
    assert streak(DAILY, practised, end) == 7
    assert misses_in_a_row(DAILY, practised, end + timedelta(days=1)) == 0


# Habit strength ---------------------------------------------------------------------------


def test_one_miss_dents_the_strength_and_never_zeroes_it() -> None:
    start = date(2026, 9, 1)
    practised = {start + timedelta(days=d) for d in range(60)}
    day = start + timedelta(days=59)
    full = habit_strength(DAILY, practised, day)
    assert 0.9 < full < 1.0
    missed = practised - {day - timedelta(days=1)}
    dented = habit_strength(DAILY, missed, day)
    assert 0.85 < dented < full
    # Tomorrow is not missed before it ends; the day after, one miss multiplies it by m.
    assert habit_strength(DAILY, practised, day + timedelta(days=1)) == full
    assert habit_strength(DAILY, practised, day + timedelta(days=2)) == pytest.approx(
        full * multiplier(DAILY)
    )


def test_the_half_life_is_thirteen_days_for_a_daily_plan() -> None:
    assert multiplier(DAILY) ** 13 == pytest.approx(0.5)
    # three days a week: about 20 calendar days (8.5 of its practice days)
    assert multiplier(MON_WED_FRI) ** (13 * (3 / 7) ** 0.5) == pytest.approx(0.5)


PLANS = st.sampled_from(
    [
        DAILY,
        MON_WED_FRI,
        THREE_A_WEEK,
        PracticePlan(sessions_per_week=1),
        PracticePlan(10, None, (6,)),
    ]
)
START = date(2026, 1, 1)
OFFSETS = st.sets(st.integers(min_value=1, max_value=120), max_size=90)


@settings(max_examples=150, deadline=None)
@given(plan=PLANS, offsets=OFFSETS, extra=st.integers(min_value=1, max_value=120))
def test_strength_is_bounded_and_monotone_in_practice(
    plan: PracticePlan, offsets: set[int], extra: int
) -> None:
    """More practice (after the first day) never lowers it; it stays within 0..1."""
    day = START + timedelta(days=125)
    practised = {START} | {START + timedelta(days=o) for o in offsets}
    strength = habit_strength(plan, practised, day)
    assert 0.0 <= strength <= 1.0
    more = practised | {START + timedelta(days=extra)}
    assert habit_strength(plan, more, day) >= strength - 1e-12


@settings(max_examples=150, deadline=None)
@given(plan=PLANS, offsets=OFFSETS)
def test_a_miss_never_zeroes_the_strength(plan: PracticePlan, offsets: set[int]) -> None:
    """Once above zero, no run of misses brings it back to zero."""
    practised = {START} | {START + timedelta(days=o) for o in offsets}
    then = habit_strength(plan, practised, START + timedelta(days=121))
    for later in range(1, 60, 3):
        now = habit_strength(plan, practised, START + timedelta(days=121 + later))
        assert now > 0.0 or then == 0.0


# The rest of the app ----------------------------------------------------------------------


def _snapshot(plan: PracticePlan, *isos: str) -> Snapshot:
    goal = Goal("g1", "Lift", "mastery", practice_plan=plan)
    sessions = [PracticeSession(f"p{i}", d, 30, "g1") for i, d in enumerate(isos)]
    return Snapshot(goals=[goal], tasks=[], feedback=[], practice=sessions)


def test_today_skips_a_rest_day_and_says_dont_miss_twice_on_the_next_day() -> None:
    snap = _snapshot(MON_WED_FRI, "2026-11-16", "2026-11-18", "2026-11-20")
    assert today(snap, date(2026, 11, 22)).practice == []  # Sunday: a rest day
    monday = today(snap, date(2026, 11, 23))
    assert [p.goal.id for p in monday.practice] == ["g1"]
    assert [(r.streak, r.missed_yesterday) for r in monday.risks] == [(3, False)]
    wednesday = today(snap, WED)  # Monday missed
    assert [(r.missed_yesterday, r.misses) for r in wednesday.risks] == [(True, 1)]
    assert today(snap, date(2026, 11, 24)).risks == []  # Tuesday: rest, nothing at risk


def test_consistency_counts_practice_days_not_calendar_days() -> None:
    from masterytui.domain.figures import consistency

    snap = _snapshot(
        PracticePlan(minutes_per_day=30, days=(0, 2, 4)), "2026-11-23", WED.isoformat()
    )
    figure = consistency(snap.practice, snap.goals[0].practice_plan, WED, 7)
    assert figure is not None and figure.planned == 90  # Fri, Mon, Wed in the last 7 days
    assert figure.done == 60


def test_the_store_keeps_the_days_and_doctor_checks_them(tmp_path: Path) -> None:
    from masterytui.store.doctor import check_file

    store = MasteryStore(tmp_path / "m.json")
    goal = store.add_goal("Lift", "mastery", practice_plan=MON_WED_FRI)
    assert store.snapshot().goals[0].practice_plan == MON_WED_FRI
    data = json.loads(store.path.read_text())
    doc = next(iter(data["goals"].values()))
    assert doc["practice_plan"] == {"sessions_per_week": 3, "days": ["mon", "wed", "fri"]}
    with pytest.raises(ValidationError):
        store.update_goal(goal.id, practice_plan=PracticePlan(sessions_per_week=2, days=(0, 2, 4)))
    doc["practice_plan"]["days"] = ["fri", "someday"]
    store.path.write_text(json.dumps(data))
    report = "\n".join(check_file(store.path).problems)
    assert "practice_plan" in report


@settings(max_examples=200, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=-60, max_value=3), max_size=40),
    plan=st.sampled_from([None, DAILY, PracticePlan(sessions_per_week=7), MON_WED_FRI]),
)
def test_a_streak_is_the_days_practised_since_the_last_missed_occasion(
    offsets: set[int], plan: PracticePlan | None
) -> None:
    """The every-day shortcut of :func:`streak` says what the occasions say."""
    practised = {WED + timedelta(days=o) for o in offsets}
    misses = [o.day for o in schedule.occasions(plan, practised, WED) if not o.practised]
    last = max(misses, default=date.min)
    assert streak(plan, practised, WED) == sum(1 for d in practised if last < d <= WED)


@settings(max_examples=300, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=-90, max_value=5), max_size=60),
    plan=st.sampled_from(
        [
            None,
            DAILY,
            MON_WED_FRI,
            THREE_A_WEEK,
            PracticePlan(sessions_per_week=1),
            PracticePlan(sessions_per_week=6),
            PracticePlan(10, None, (6,)),
            PracticePlan(minutes_per_day=15, days=(1, 3)),
        ]
    ),
    back=st.integers(min_value=0, max_value=13),
)
def test_the_occasions_walked_back_are_the_occasions_reversed(
    offsets: set[int], plan: PracticePlan | None, back: int
) -> None:
    """``streak`` and ``misses_in_a_row`` look back only as far as they need
    (:func:`schedule.occasions_back`): the same occasions as the whole walk, newest first,
    so they say what the whole history says, on every weekday."""
    day = WED - timedelta(days=back)
    practised = {WED + timedelta(days=o) for o in offsets}
    whole = schedule.occasions(plan, practised, day)
    assert list(schedule.occasions_back(plan, practised, day)) == whole[::-1]
    misses = [o.day for o in whole if not o.practised]
    last = max(misses, default=date.min)
    assert streak(plan, practised, day) == sum(1 for d in practised if last < d <= day)
    before = [o for o in whole if o.day < day]
    run = 0
    for occasion in reversed(before):
        if occasion.practised:
            break
        run += 1
    assert misses_in_a_row(plan, practised, day) == run


ALL_PLANS = st.sampled_from(
    [
        None,
        DAILY,
        MON_WED_FRI,
        THREE_A_WEEK,
        PracticePlan(sessions_per_week=1),
        PracticePlan(sessions_per_week=6),
        PracticePlan(10, None, (6,)),
        PracticePlan(minutes_per_day=15, days=(1, 3)),
    ]
)


@st.composite
def histories(draw: st.DrawFn) -> set[date]:
    """Up to three years of practice, as dense or sparse as a real one, denser or sparser
    in its recent months than before (the part the cut keeps, and the part it leaves)."""
    span = draw(st.sampled_from([20, 120, 400, 1100]))
    recent = draw(st.integers(min_value=0, max_value=span))
    old_rate, new_rate = draw(st.floats(0, 1)), draw(st.floats(0, 1))
    rnd = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    end = WED + timedelta(days=3)
    return {
        end - timedelta(days=k)
        for k in range(span)
        if rnd.random() < (new_rate if k < recent else old_rate)
    }


@settings(max_examples=400, deadline=None)
@given(practised=histories(), plan=ALL_PLANS, back=st.integers(min_value=0, max_value=40))
def test_the_strength_looks_back_only_as_far_as_its_whole_percent_needs(
    practised: set[date], plan: PracticePlan | None, back: int
) -> None:
    """``habit_percent`` stops once what is older cannot move the whole percent (at most
    ``m**i`` from ``i`` occasions back); it says what the whole walk says, rounded, on every
    weekday, for every kind of plan, and the practised occasions it counts are where the
    whole walk has them."""
    day = WED - timedelta(days=back)
    whole = list(schedule.occasions_back(plan, practised, day))
    assert list(schedule._hits_back(plan, practised, day)) == [
        i for i, o in enumerate(whole) if o.practised
    ]
    expected = round(habit_strength(plan, practised, day) * 100)
    assert schedule.habit_percent(plan, practised, day) == expected
    assert schedule.strength_trend(plan, practised, day) == (
        expected,
        expected - round(habit_strength(plan, practised, day - timedelta(days=28)) * 100),
    )


@settings(max_examples=60, deadline=None)
@given(practised=histories(), plan=ALL_PLANS)
def test_a_strength_no_cut_settles_is_the_whole_walks(
    practised: set[date], plan: PracticePlan | None
) -> None:
    """Were every strength near a half percent (a slack too wide for any cut), the whole
    walk answers, and says the same."""
    expected = round(habit_strength(plan, practised, WED) * 100)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schedule, "STRENGTH_SLACK", 1.0)
        assert schedule.habit_percent(plan, practised, WED) == expected


def test_practice_days_between_counts_the_named_days() -> None:
    plan = PracticePlan(sessions_per_week=3, days=(0, 2, 4))
    for length in range(0, 30):
        for start_offset in range(7):
            start = WED + timedelta(days=start_offset)
            end = start + timedelta(days=length - 1)
            expected = sum(
                1 for k in range(length) if (start + timedelta(days=k)).weekday() in plan.days
            )
            assert schedule.practice_days_between(plan, start, end) == expected


def walked_longest_streak(plan: PracticePlan | None, days: set[date], today: date) -> int:
    """The longest streak by the plain walk: every occasion from the first day practised,
    a run of days practised broken by each missed occasion before a day."""
    misses = sorted(o.day for o in schedule.occasions(plan, days, today) if not o.practised)
    best = run = 0
    for day in sorted(d for d in days if d <= today):
        if misses and misses[0] < day:
            run = 0
            misses = [m for m in misses if m >= day]
        run += 1
        best = max(best, run)
    return best


@settings(max_examples=400, deadline=None)
@given(practised=histories(), plan=ALL_PLANS, back=st.integers(min_value=0, max_value=40))
def test_the_longest_streak_is_the_walks(
    practised: set[date], plan: PracticePlan | None, back: int
) -> None:
    """``longest_streak`` counts from the days practised alone (one pass over them), and
    says what the walk over every occasion says: rest days, weeks short, every weekday."""
    day = WED - timedelta(days=back)
    assert schedule.longest_streak(plan, practised, day) == walked_longest_streak(
        plan, practised, day
    )


@settings(max_examples=300, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=-90, max_value=5), max_size=60),
    plan=ALL_PLANS,
    back=st.integers(min_value=0, max_value=13),
)
def test_the_longest_streak_of_short_histories_is_the_walks(
    offsets: set[int], plan: PracticePlan | None, back: int
) -> None:
    day = WED - timedelta(days=back)
    practised = {WED + timedelta(days=o) for o in offsets}
    assert schedule.longest_streak(plan, practised, day) == walked_longest_streak(
        plan, practised, day
    )


def test_the_longest_streak_keeps_rest_days_month_ends_and_the_leap_day() -> None:
    # Mon/Wed/Fri over the end of February 2028 (a leap year), a weekend of rest between.
    practised = days_of("2028-02-23", "2028-02-25", "2028-02-28", "2028-03-01", "2028-03-03")
    assert schedule.longest_streak(MON_WED_FRI, practised, date(2028, 3, 10)) == 5
    assert schedule.longest_streak(DAILY, practised, date(2028, 3, 10)) == 1
    # A rest-day session counts; a missed Wednesday breaks the run.
    practised = days_of("2026-11-16", "2026-11-17", "2026-11-20", "2026-11-23")
    assert schedule.longest_streak(MON_WED_FRI, practised, date(2026, 11, 24)) == 2
    # Three a week: a week short breaks the run at its Sunday.
    short = days_of("2026-11-09", "2026-11-10", "2026-11-11", "2026-11-17", "2026-11-24")
    assert schedule.longest_streak(THREE_A_WEEK, short, date(2026, 11, 25)) == 4
