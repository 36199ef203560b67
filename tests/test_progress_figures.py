"""Every figure the Progress screen draws, pinned on fixed days (domain.progress)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from masterytui.domain.model import (
    FeedbackEntry,
    Goal,
    Measure,
    PracticePlan,
    PracticeSession,
    ProficiencyRating,
    Snapshot,
    Task,
)
from masterytui.screens.progress.heatmap import month_row, render_heat_map
from masterytui.views.progress import (
    FUTURE,
    elapsed_share,
    goal_practice,
    heat_level,
    heat_map,
    heat_top,
    outcome,
    outcomes,
    proficiency_trend,
    progress_figures,
    scope_for,
    tasks_done_per_week,
    week_against_plan,
    week_start,
    wins_summary,
)

MONDAY = date(2026, 11, 23)
THURSDAY = date(2026, 11, 26)


def sessions_on(goal_id: str, *days: date | str, minutes: int = 20) -> list[PracticeSession]:
    return [
        PracticeSession(f"p{i}-{goal_id}", str(day), minutes, goal_id) for i, day in enumerate(days)
    ]


def daterange(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Streaks -------------------------------------------------------------------------------------


def test_streak_runs_across_a_month_end() -> None:
    goal = Goal("g1", "Cadence", "mastery")
    days = daterange(date(2026, 10, 28), date(2026, 11, 3))  # Oct 28 .. Nov 3: 7 days
    figure = goal_practice(goal, sessions_on("g1", *days), date(2026, 11, 3))
    assert (figure.current, figure.longest) == (7, 7)


def test_streak_across_a_year_end_and_a_leap_day() -> None:
    goal = Goal("g1", "Cadence", "mastery")
    year_end = daterange(date(2026, 12, 30), date(2027, 1, 2))
    leap = daterange(date(2028, 2, 27), date(2028, 3, 1))  # 27, 28, 29 Feb, 1 Mar
    figure = goal_practice(goal, sessions_on("g1", *year_end, *leap), date(2028, 3, 1))
    assert figure.current == 4
    assert figure.longest == 4


def test_a_gap_breaks_the_streak_but_not_the_longest() -> None:
    goal = Goal("g1", "Cadence", "mastery")
    old_run = daterange(date(2026, 10, 1), date(2026, 10, 10))  # 10 days
    new_run = daterange(date(2026, 11, 20), date(2026, 11, 22))  # 3 days, gap before
    figure = goal_practice(goal, sessions_on("g1", *old_run, *new_run), MONDAY)
    # today (Monday) has no practice yet: the streak still counts up to yesterday
    assert figure.current == 3
    assert figure.longest == 10
    assert figure.last_day == date(2026, 11, 22)


def test_two_days_missed_ends_the_streak() -> None:
    goal = Goal("g1", "Cadence", "mastery")
    figure = goal_practice(goal, sessions_on("g1", "2026-11-20", "2026-11-21"), MONDAY)
    assert figure.current == 0
    assert figure.longest == 2


def test_streaks_ignore_other_goals_bad_dates_and_future_days() -> None:
    goal = Goal("g1", "Cadence", "mastery")
    sessions = [
        *sessions_on("g1", MONDAY),
        *sessions_on("g2", MONDAY - timedelta(days=1)),
        PracticeSession("bad", "2026-13-45", 20, "g1"),
        PracticeSession("future", "2026-11-24", 20, "g1"),
    ]
    figure = goal_practice(goal, sessions, MONDAY)
    assert (figure.current, figure.longest) == (1, 1)


# This week against the plan ------------------------------------------------------------------


def test_minutes_against_plan_this_week() -> None:
    sessions = sessions_on("g1", "2026-11-22", "2026-11-23", "2026-11-24", minutes=25)
    plan = PracticePlan(minutes_per_day=20)
    week = week_against_plan(sessions, plan, THURSDAY)
    assert week is not None
    # Sunday the 22nd belongs to last week; Mon and Tue count
    assert (week.done, week.planned, week.expected, week.unit) == (50, 140, 80, "min")
    assert not week.on_track
    assert week.ratio == pytest.approx(50 / 140)
    assert week.describe() == "50/140 min"


def test_sessions_against_plan_this_week() -> None:
    sessions = sessions_on("g1", "2026-11-23", "2026-11-24", "2026-11-25")
    week = week_against_plan(sessions, PracticePlan(sessions_per_week=3), THURSDAY)
    assert week is not None
    assert (week.done, week.planned, week.unit) == (3, 3, "sessions")
    assert week.expected == pytest.approx(round(3 * 4 / 7, 1))
    assert week.on_track and week.ratio == 1.0


def test_no_plan_no_week_figure() -> None:
    assert week_against_plan(sessions_on("g1", MONDAY), None, MONDAY) is None


def test_week_starts_on_monday() -> None:
    assert week_start(date(2026, 11, 29)) == MONDAY  # a Sunday
    assert week_start(MONDAY) == MONDAY


# The heat map --------------------------------------------------------------------------------


def test_heat_levels_are_quarters_of_the_top() -> None:
    assert [heat_level(m, 60) for m in (0, 1, 15, 16, 30, 31, 45, 46, 60, 500)] == [
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        4,
    ]
    assert heat_level(5, 0) == 4  # no scale yet: any practice is a full cell


def test_heat_top_is_the_90th_percentile_so_one_long_day_does_not_wash_out() -> None:
    values = [20] * 19 + [600]
    assert heat_top(values) == 20
    assert heat_top([]) == 0
    assert heat_top([0, 0, 30]) == 30


def test_heat_map_grid_dates_levels_and_future() -> None:
    sessions = [
        *sessions_on("g1", "2026-11-23", minutes=40),  # today: Monday
        *sessions_on("g2", "2026-11-23", minutes=20),  # same day, another goal: 60 min
        *sessions_on("g1", "2026-11-22", minutes=15),  # Sunday of last week
        *sessions_on("g1", "2026-06-01", minutes=60),  # the first cell of the map
        *sessions_on("g1", "2026-05-31", minutes=60),  # before the map: not counted
    ]
    heat = heat_map(sessions, MONDAY)
    assert heat.first_day == date(2026, 6, 1)  # 25 weeks before this Monday
    assert len(heat.levels) == 7 and all(len(row) == 26 for row in heat.levels)
    assert heat.top == 60
    assert heat.levels[0][25] == 4  # today, 60 min
    assert heat.levels[6][24] == 1  # Sunday 22nd, 15 min of 60
    assert heat.levels[0][0] == 4  # 1 June
    assert heat.levels[1][25] == FUTURE  # tomorrow
    assert heat.levels[6][25] == FUTURE
    assert heat.levels[3][10] == 0
    assert heat.total == 60 + 15 + 60
    assert heat.active_days == 3
    assert heat.legend() == [(1, "1-15"), (2, "16-30"), (3, "31-45"), (4, "46+")]


def test_heat_map_drawing_has_a_cell_per_day_and_month_names() -> None:
    heat = heat_map(sessions_on("g1", "2026-11-23", minutes=30), MONDAY)
    lines = render_heat_map(heat).plain.splitlines()
    assert len(lines) == 9  # months, 7 days, legend
    assert lines[1].startswith("Mo ") and lines[7].startswith("Su ")
    assert lines[1].split()[-1] == "█"  # today, a full cell
    assert lines[2].rstrip().count("·") == 25  # Tuesdays: 25 past, 1 to come (blank)
    months = month_row(heat)
    assert months.split() == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
    assert months.index("Jun") == 3  # above the first column
    assert all(len(line) <= 80 for line in lines)


# Proficiency ---------------------------------------------------------------------------------


def test_trend_first_and_latest_in_date_order() -> None:
    goal = Goal(
        "g1",
        "Cadence",
        proficiency=(
            ProficiencyRating("2026-10-15", 6),
            ProficiencyRating("2026-09-01", 3),
            ProficiencyRating("2026-11-20", 5),
        ),
    )
    trend = proficiency_trend(goal)
    assert trend is not None
    assert trend.levels == (3, 6, 5)
    assert (trend.first, trend.latest, trend.change) == (3, 5, 2)
    assert (trend.first_date, trend.latest_date) == ("2026-09-01", "2026-11-20")
    assert proficiency_trend(Goal("g2", "Unrated")) is None


# Outcomes ------------------------------------------------------------------------------------


def perf(measure: Measure | None, created: str = "2026-10-01T09:00:00+01:00") -> Goal:
    return Goal("p1", "Bench 200 lb", "performance", measure=measure, created_at=created)


def test_elapsed_share() -> None:
    start, deadline = date(2026, 10, 1), date(2026, 12, 30)  # 90 days
    assert elapsed_share(start, deadline, date(2026, 10, 1)) == 0.0
    assert elapsed_share(start, deadline, date(2026, 11, 15)) == pytest.approx(0.5)
    assert elapsed_share(start, deadline, date(2027, 1, 5)) == 1.0
    assert elapsed_share(start, start, start) == 1.0
    assert elapsed_share(deadline, start, date(2026, 9, 1)) == 0.0


def test_lagging_when_progress_is_behind_the_time_gone() -> None:
    # created 1 Oct, deadline 30 Dec: on 15 Nov half the time is gone
    behind = outcome(perf(Measure(200, "lb", 160, "2026-12-30", start=150)), date(2026, 11, 15))
    assert behind.progress == pytest.approx(0.2)
    assert behind.elapsed == pytest.approx(0.5)
    assert behind.lagging and not behind.overdue and behind.days_left == 45
    ahead = outcome(perf(Measure(200, "lb", 180, "2026-12-30", start=150)), date(2026, 11, 15))
    assert ahead.progress == pytest.approx(0.6)
    assert not ahead.lagging


def test_overdue_reached_and_undated_measures() -> None:
    late = outcome(perf(Measure(200, "lb", 190, "2026-11-01", start=150)), MONDAY)
    assert late.overdue and late.days_left == -22 and late.lagging
    done = outcome(perf(Measure(200, "lb", 205, "2026-11-01", start=150)), MONDAY)
    assert done.reached and not done.overdue and not done.lagging
    undated = outcome(perf(Measure(200, "lb", 160)), MONDAY)
    assert undated.elapsed is None and not undated.lagging and undated.days_left is None
    no_created = outcome(perf(Measure(200, "lb", 160, "2026-12-30"), created=""), MONDAY)
    assert no_created.elapsed is None and not no_created.lagging


def test_outcomes_nearest_deadline_first_active_only() -> None:
    snapshot = Snapshot(
        goals=[
            Goal("a", "Far", "performance", measure=Measure(1, deadline="2027-06-01")),
            Goal("b", "Near", "performance", measure=Measure(1, deadline="2026-12-01")),
            Goal("c", "No deadline", "performance", measure=Measure(1)),
            Goal("d", "No measure", "performance"),
            Goal("e", "Done", "performance", status="achieved", measure=Measure(1)),
            Goal("f", "A skill", "mastery", measure=Measure(1, deadline="2026-11-30")),
        ],
        tasks=[Task("t1", "x", "d", "done"), Task("t2", "y", "d")],
    )
    found = outcomes(snapshot, scope_for(snapshot, None), MONDAY)
    assert [o.goal.title for o in found] == ["Near", "Far", "No deadline", "No measure"]
    assert (found[-1].task_done, found[-1].task_total) == (1, 2)


# Wins and tasks ------------------------------------------------------------------------------


def test_wins_this_week_this_month_and_latest_three() -> None:
    entries = [
        FeedbackEntry("f1", "2026-10-31T20:00:00", "last month", "win"),
        FeedbackEntry("f2", "2026-11-02T20:00:00", "this month", "win"),
        FeedbackEntry("f3", "2026-11-22T23:59:00", "Sunday before", "win"),
        FeedbackEntry("f4", "2026-11-23T08:00:00", "this Monday", "win"),
        FeedbackEntry("f5", "2026-11-25T08:00:00", "Wednesday", "win"),
        FeedbackEntry("f6", "2026-11-24T08:00:00", "a lesson", "lesson"),
        FeedbackEntry("f7", "2026-12-01T08:00:00", "still to come", "win"),
    ]
    wins = wins_summary(entries, THURSDAY)
    assert (wins.this_week, wins.this_month, wins.total) == (2, 4, 5)
    assert [e.text for e in wins.latest] == ["Wednesday", "this Monday", "Sunday before"]


def test_tasks_done_per_week_for_twelve_weeks() -> None:
    tasks = [
        Task("t1", "today", column="done", done_at="2026-11-26T09:00:00+01:00"),
        Task("t2", "Monday", column="done", done_at="2026-11-23T00:10:00"),
        Task("t3", "Sunday before", column="done", done_at="2026-11-22T23:50:00"),
        Task("t4", "11 weeks ago", column="done", done_at="2026-09-07T12:00:00"),
        Task("t5", "12 weeks ago", column="done", done_at="2026-08-31T12:00:00"),
        Task("t6", "moved back", column="next", done_at=None),
        Task("t7", "done, no date", column="done", done_at=None),
    ]
    weeks = tasks_done_per_week(tasks, THURSDAY)
    assert len(weeks) == 12
    assert weeks[0] == (date(2026, 9, 7), 1)
    assert weeks[-1] == (MONDAY, 2)
    assert weeks[-2] == (date(2026, 11, 16), 1)
    assert sum(count for _, count in weeks) == 4


# Narrowing -----------------------------------------------------------------------------------


def test_narrowing_to_a_goal_keeps_only_its_subtree() -> None:
    snapshot = Snapshot(
        goals=[
            Goal("area", "Running", "area"),
            Goal("perf", "Marathon", "performance", "area", measure=Measure(220, "min", 228)),
            Goal("m1", "Cadence", "mastery", "perf", practice_plan=PracticePlan(20)),
            Goal("m2", "Sales copy", "mastery", practice_plan=PracticePlan(20)),
        ],
        tasks=[
            Task("t1", "drills", "m1", "done", done_at="2026-11-23T09:00:00"),
            Task("t2", "headline", "m2", "done", done_at="2026-11-23T09:00:00"),
        ],
        feedback=[
            FeedbackEntry("f1", "2026-11-23T09:00:00", "cadence win", "win", goal_id="m1"),
            FeedbackEntry("f2", "2026-11-23T09:00:00", "copy win", "win", goal_id="m2"),
            FeedbackEntry("f3", "2026-11-23T09:00:00", "task win", "win", task_id="t1"),
        ],
        practice=[*sessions_on("m1", MONDAY, minutes=30), *sessions_on("m2", MONDAY)],
    )
    everything = progress_figures(snapshot, MONDAY)
    assert everything.heat.minutes[MONDAY] == 50
    assert [p.goal.id for p in everything.practice] == ["m1", "m2"]
    assert everything.wins.this_week == 3
    assert everything.tasks_per_week[-1][1] == 2

    running = progress_figures(snapshot, MONDAY, "area")
    assert running.scope.goal is not None and running.scope.goal.title == "Running"
    assert running.heat.minutes[MONDAY] == 30
    assert [p.goal.id for p in running.practice] == ["m1"]
    assert [o.goal.id for o in running.outcomes] == ["perf"]
    assert running.wins.this_week == 2  # the cadence win and the win on its task
    assert running.tasks_per_week[-1][1] == 1

    cadence = progress_figures(snapshot, MONDAY, "m1")  # a skill shows the outcome it serves
    assert [o.goal.id for o in cadence.outcomes] == ["perf"]
    assert [p.goal.id for p in cadence.practice] == ["m1"]
    assert progress_figures(snapshot, MONDAY, "m2").outcomes == []

    gone = progress_figures(snapshot, MONDAY, "deleted-goal")
    assert gone.scope.goal is None and gone.heat.minutes[MONDAY] == 50
