"""The rules of the method and the figures derived from the data (no store, no UI)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masterytui.domain import rules
from masterytui.domain.errors import ValidationError
from masterytui.domain.figures import (
    children_map,
    consistency,
    current_streak,
    days_left,
    longest_streak,
    measure_progress,
    practice_days,
    proficiency_levels,
    subtree_ids,
    task_progress,
)
from masterytui.domain.model import (
    RWA,
    Goal,
    Measure,
    PracticePlan,
    PracticeSession,
    ProficiencyRating,
    Task,
)
from masterytui.domain.text import REPLACEMENT, clean_text

TODAY = date(2026, 3, 11)  # a Wednesday
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Text rich in escape-sequence pieces and C0/C1 bytes, so the property is tested where it matters.
FRAGMENTS = ["\x1b", "\x1b[", "\x1b]", "\x1bP", "\x9b", "\x9d", "\x07", "\x1b\\", "\r\n", "\x9c"]
hostile_text = st.lists(
    st.one_of(st.text(), st.sampled_from(FRAGMENTS), st.characters(max_codepoint=0xA0))
).map("".join)


def iso(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


# Text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["\x1b[2J", "\x1b]0;t\x07", "\x9b31m", "\x1b]0;title\x1b\\", "\x1bPq#0\x1b\\", "\x1bM"],
)
def test_escape_sequences_are_replaced_whole(raw: str) -> None:
    assert clean_text(raw) == REPLACEMENT
    assert clean_text(f"a{raw}b", multiline=True) == f"a{REPLACEMENT}b"


def test_other_escapes_lose_their_escape_byte() -> None:
    # ESC c (full reset) and ESC 7 are not removed whole, but without ESC they are plain text.
    assert clean_text("\x1bc\x1b7") == f"{REPLACEMENT}c{REPLACEMENT}7"


def test_colour_codes_leave_the_words_but_not_the_codes() -> None:
    assert clean_text("a\x1b[31mred\x1b[0m b") == f"a{REPLACEMENT}red{REPLACEMENT} b"


def test_lone_control_bytes_are_replaced() -> None:
    assert clean_text("x\x00y\x7fz\x85") == f"x{REPLACEMENT}y{REPLACEMENT}z{REPLACEMENT}"


def test_one_line_text_flattens_newlines_and_tabs() -> None:
    assert clean_text("a\tb\nc\r\nd\re") == "a b c d e"


def test_multiline_text_keeps_newlines_and_expands_tabs() -> None:
    assert clean_text("a\tb\nc\r\nd\re", multiline=True) == "a    b\nc\nd\ne"


@given(hostile_text)
def test_clean_text_never_outputs_control_characters(text: str) -> None:
    assert not FORBIDDEN.search(clean_text(text))
    assert not FORBIDDEN.search(clean_text(text, multiline=True))
    assert "\n" not in clean_text(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_printable_text_passes_unchanged(text: str) -> None:
    assert clean_text(text) == text
    assert clean_text(text, multiline=True) == text


@given(st.one_of(hostile_text, st.text(min_size=190, max_size=210)))
def test_clean_title_is_one_safe_trimmed_line_or_refused(text: str) -> None:
    try:
        title = rules.clean_title(text)
    except ValidationError as exc:
        assert exc.field == "title"
        return
    assert title and title == title.strip()
    assert len(title) <= rules.TITLE_MAX
    assert not FORBIDDEN.search(title) and "\n" not in title


# Titles, bodies, choices ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "   ", "\n\t ", "\r\n"])
def test_empty_titles_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="cannot be empty") as info:
        rules.clean_title(value)
    assert info.value.field == "title"


def test_title_length_limit() -> None:
    assert rules.clean_title("x" * rules.TITLE_MAX) == "x" * rules.TITLE_MAX
    with pytest.raises(ValidationError, match="limit is 200"):
        rules.clean_title("x" * (rules.TITLE_MAX + 1))


def test_title_is_trimmed_and_cleaned() -> None:
    assert rules.clean_title("  Run \x1b[2J fast \n") == f"Run {REPLACEMENT} fast"


def test_title_of_only_a_control_sequence_is_kept_visible() -> None:
    # Not empty: the replacement character shows the user something was there.
    assert rules.clean_title("\x1b[2J") == REPLACEMENT


def test_body_may_be_empty_and_is_bounded() -> None:
    assert rules.clean_body(None) == ""
    assert rules.clean_body("  line one\nline two  ") == "line one\nline two"
    with pytest.raises(ValidationError, match="limit is 5000") as info:
        rules.clean_body("y" * (rules.TEXT_MAX + 1), what="Notes", field="notes")
    assert info.value.field == "notes"


def test_check_choice_ignores_case_and_spaces() -> None:
    assert rules.check_choice(" Doing ", ("backlog", "doing"), what="Column", field="c") == "doing"
    with pytest.raises(ValidationError, match="Column must be one of backlog, doing"):
        rules.check_choice("later", ("backlog", "doing"), what="Column", field="c")


def test_check_choice_message_shows_bad_value_safely() -> None:
    with pytest.raises(ValidationError) as info:
        rules.check_choice("\x1b[2J", ("a",), what="Kind", field="kind")
    assert "\x1b" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", None), (None, None), ("h", "H"), ("High", "H"), ("m", "M"), (" low ", "L")],
)
def test_parse_priority(value: str | None, expected: str | None) -> None:
    assert rules.parse_priority(value) == expected


def test_parse_priority_refuses_others() -> None:
    with pytest.raises(ValidationError, match="Priority must be H, M or L"):
        rules.parse_priority("urgent")


# Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-28", "2026-02-28"),
        ("2024-02-29", "2024-02-29"),
        ("today", iso(0)),
        ("TODAY", iso(0)),
        ("tomorrow", iso(1)),
        ("yesterday", iso(-1)),
        ("+3d", iso(3)),
        ("3d", iso(3)),
        ("-1w", iso(-7)),
        ("2w", iso(14)),
        ("-10d", iso(-10)),
        ("thursday", iso(1)),
        ("fri", iso(2)),
        ("monday", iso(5)),
        ("wednesday", iso(7)),  # the next one to come, not today
        ("tue", iso(6)),
    ],
)
def test_parse_date_accepts(value: str, expected: str) -> None:
    assert rules.parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize("value", ["", "   ", None])
def test_parse_date_empty_means_none(value: str | None) -> None:
    assert rules.parse_date(value, today=TODAY) is None


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31"])
def test_impossible_dates_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="not a real calendar date") as info:
        rules.parse_date(value, today=TODAY, field="due")
    assert info.value.field == "due"


@pytest.mark.parametrize("value", ["soon", "mo", "2026/03/01", "12-03-2026", "+3x", "3 days"])
def test_unreadable_dates_are_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="is not a date"):
        rules.parse_date(value, today=TODAY)


def test_parse_datetime() -> None:
    assert rules.parse_datetime("2026-03-01") == "2026-03-01T12:00:00"
    assert rules.parse_datetime("2026-03-01T08:30:15.123") == "2026-03-01T08:30:15"
    assert rules.parse_datetime("2026-03-01T08:30:00+02:00") == "2026-03-01T08:30:00+02:00"
    with pytest.raises(ValidationError):
        rules.parse_datetime("2026-03-01T25:00")
    with pytest.raises(ValidationError):
        rules.parse_datetime("2026-02-30")


# Numbers -----------------------------------------------------------------------------------


def test_parse_number_reads_numbers() -> None:
    assert rules.parse_number("12.5", what="Target", field="target") == 12.5
    assert rules.parse_number(" 30,000 ", what="Target", field="target") == 30000
    assert rules.parse_number(7, what="Target", field="target") == 7.0
    assert rules.parse_number("", what="Target", field="target") is None


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-inf", "1e999"])
def test_parse_number_refuses_non_numbers(value: str) -> None:
    with pytest.raises(ValidationError, match="Target must be"):
        rules.parse_number(value, what="Target", field="target")


def bounded(value: str) -> float | None:
    return rules.parse_number(value, what="Target", field="target", minimum=0, maximum=10)


def test_parse_number_bounds_and_required() -> None:
    assert bounded("0") == 0
    assert bounded("10") == 10
    with pytest.raises(ValidationError, match="at least 0; got -1"):
        bounded("-1")
    with pytest.raises(ValidationError, match=r"at most 10; got 10\.5"):
        bounded("10.5")
    with pytest.raises(ValidationError, match="Target is required"):
        rules.parse_number(" ", what="Target", field="target", allow_empty=False)


def test_parse_int_bounds() -> None:
    assert rules.parse_int("3", what="Ready", field="ready", minimum=1, maximum=5) == 3
    assert rules.parse_int("5.0", what="Ready", field="ready", minimum=1, maximum=5) == 5
    assert rules.parse_int(None, what="Ready", field="ready", minimum=1, maximum=5) is None
    with pytest.raises(ValidationError, match="whole number"):
        rules.parse_int("3.5", what="Ready", field="ready", minimum=1, maximum=5)
    with pytest.raises(ValidationError, match="at most 5"):
        rules.parse_int("6", what="Ready", field="ready", minimum=1, maximum=5)
    with pytest.raises(ValidationError, match="at least 1"):
        rules.parse_int(0, what="Ready", field="ready", minimum=1, maximum=5)


@pytest.mark.parametrize("value", [0, "0", 1441, "1441", -5, "", None, "ten", "2.5"])
def test_check_minutes_refuses(value: str | int | None) -> None:
    with pytest.raises(ValidationError) as info:
        rules.check_minutes(value)
    assert info.value.field == "minutes"


@pytest.mark.parametrize(("value", "expected"), [(1, 1), ("45", 45), (1440, 1440)])
def test_check_minutes_accepts(value: str | int, expected: int) -> None:
    assert rules.check_minutes(value) == expected


def test_check_level() -> None:
    assert rules.check_level(1) == 1
    assert rules.check_level("10") == 10
    for bad in (0, 11, "", "seven", "5.5"):
        with pytest.raises(ValidationError) as info:
            rules.check_level(bad)
        assert info.value.field == "level"


def test_rwa_score_and_scaling_back() -> None:
    assert rules.check_rwa_score("4", "Ready") == 4
    with pytest.raises(ValidationError):
        rules.check_rwa_score(6, "Able")
    assert RWA(3, 2, 5).needs_scaling_back
    assert not RWA(3, 3, 5).needs_scaling_back


# Goal tree ---------------------------------------------------------------------------------


PARENTS: dict[str, str | None] = {"a": None, "b": "a", "c": "b", "d": "a", "e": None}


def test_ancestors_nearest_first() -> None:
    assert rules.ancestors("c", PARENTS) == ["b", "a"]
    assert rules.ancestors("a", PARENTS) == []
    assert rules.ancestors(None, PARENTS) == []


def test_ancestors_survive_a_loop_in_a_bad_file() -> None:
    assert rules.ancestors("x", {"x": "y", "y": "x"}) == ["y"]


@pytest.mark.parametrize(("goal", "parent"), [("a", "a"), ("a", "b"), ("a", "c"), ("b", "c")])
def test_check_new_parent_refuses_cycles(goal: str, parent: str) -> None:
    with pytest.raises(ValidationError, match="under itself") as info:
        rules.check_new_parent(goal, parent, PARENTS)
    assert info.value.field == "parent"


@pytest.mark.parametrize(("goal", "parent"), [("c", "a"), ("c", "d"), ("b", "e"), ("a", None)])
def test_check_new_parent_allows_other_moves(goal: str, parent: str | None) -> None:
    rules.check_new_parent(goal, parent, PARENTS)


# Figures: measures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (Measure(target=200, current=50), 0.25),
        (Measure(target=200, current=175, start=150), 0.5),
        (Measure(target=220, current=228, start=236), 0.5),  # lower is better
        (Measure(target=220, current=210, start=236), 1.0),  # beyond target: clamped
        (Measure(target=220, current=240, start=236), 0.0),  # worse than start: clamped
        (Measure(target=200, current=250), 1.0),
        (Measure(target=200, current=-10), 0.0),
        (Measure(target=5, current=5, start=5), 1.0),
        (Measure(target=5, current=4, start=5), 0.0),
    ],
)
def test_measure_progress(measure: Measure, expected: float) -> None:
    assert measure_progress(measure) == pytest.approx(expected)


def test_measure_progress_unknown() -> None:
    assert measure_progress(None) is None
    assert measure_progress(Measure(target=0, current=3)) is None


def test_days_left() -> None:
    assert days_left(iso(10), TODAY) == 10
    assert days_left(iso(-2), TODAY) == -2
    assert days_left(None, TODAY) is None
    assert days_left("2026-02-30", TODAY) is None


# Figures: streaks and consistency ----------------------------------------------------------


def days(*offsets: int) -> set[date]:
    return {TODAY + timedelta(days=o) for o in offsets}


def test_current_streak_ending_today() -> None:
    assert current_streak(days(0, -1, -2, -4), TODAY) == 3


def test_current_streak_ending_yesterday_is_still_alive() -> None:
    assert current_streak(days(-1, -2, -3, -4, -6), TODAY) == 4


def test_current_streak_broken() -> None:
    assert current_streak(days(-2, -3, -4), TODAY) == 0
    assert current_streak(set(), TODAY) == 0


def test_current_streak_ignores_the_future() -> None:
    assert current_streak(days(1, 0), TODAY) == 1


def test_longest_streak() -> None:
    assert longest_streak(days(-20, -19, -18, -17, -10, -9, 0)) == 4
    assert longest_streak(days(5)) == 1
    assert longest_streak(set()) == 0


def session(
    offset: int, minutes: int = 20, goal: str | None = "g1", sid: str = ""
) -> PracticeSession:
    return PracticeSession(
        id=sid or f"p{offset}{minutes}", date=iso(offset), minutes=minutes, goal_id=goal
    )


def test_practice_days_ignores_bad_dates() -> None:
    sessions = [session(0), session(-1), session(-1, 5), PracticeSession("px", "someday", 10)]
    assert practice_days(sessions) == days(0, -1)


def test_consistency_minutes_per_day_over_a_week() -> None:
    plan = PracticePlan(minutes_per_day=20)
    sessions = [
        session(0, 20),
        session(-3, 30),
        session(-6, 10),  # first day of the window
        session(-7, 60),  # just outside
        session(1, 45),  # tomorrow: not counted
    ]
    result = consistency(sessions, plan, TODAY, 7)
    assert result is not None
    assert (result.done, result.planned, result.unit) == (60.0, 140.0, "min")
    assert result.ratio == pytest.approx(60 / 140)
    assert result.describe() == "60/140 min (43%)"


def test_consistency_minutes_per_day_over_four_weeks() -> None:
    plan = PracticePlan(minutes_per_day=15)
    sessions = [session(-o, 15) for o in range(0, 28, 2)] + [session(-28, 500)]
    result = consistency(sessions, plan, TODAY, 28)
    assert result is not None
    assert (result.done, result.planned) == (14 * 15.0, 28 * 15.0)
    assert result.ratio == pytest.approx(0.5)


def test_consistency_sessions_per_week() -> None:
    plan = PracticePlan(sessions_per_week=4)
    week = consistency([session(0), session(-2), session(-9)], plan, TODAY, 7)
    assert week is not None
    assert (week.done, week.planned, week.unit) == (2.0, 4.0, "sessions")
    month = consistency([session(-o) for o in range(0, 28, 3)], plan, TODAY, 28)
    assert month is not None
    assert (month.done, month.planned) == (10.0, 16.0)
    assert month.describe() == "10/16 sessions (62%)"


def test_consistency_without_a_plan() -> None:
    assert consistency([session(0)], None, TODAY, 7) is None
    assert consistency([session(0)], PracticePlan(), TODAY, 7) is None


def test_consistency_with_nothing_planned_has_zero_ratio() -> None:
    from masterytui.domain.figures import Consistency

    assert Consistency(7, 10.0, 0.0, "min").ratio == 0.0


# Figures: goal tree and tasks ----------------------------------------------------------------


def goal(gid: str, parent: str | None = None, position: int = 0) -> Goal:
    return Goal(id=gid, title=gid.upper(), parent_id=parent, position=position)


GOALS = [
    goal("area"),
    goal("perf", "area", 1),
    goal("m1", "perf", 0),
    goal("m2", "perf", 1),
    goal("m2a", "m2"),
    goal("other", "area", 0),
    goal("elsewhere"),
]


def test_children_map_keeps_user_order() -> None:
    children = children_map(GOALS)
    assert [g.id for g in children["area"]] == ["other", "perf"]
    assert [g.id for g in children[None]] == ["area", "elsewhere"]


def test_subtree_ids() -> None:
    children = children_map(GOALS)
    assert subtree_ids("perf", children) == {"perf", "m1", "m2", "m2a"}
    assert subtree_ids("m2a", children) == {"m2a"}


def test_task_progress_over_a_subtree() -> None:
    tasks = [
        Task("t1", "a", goal_id="perf", column="done"),
        Task("t2", "b", goal_id="m1", column="doing"),
        Task("t3", "c", goal_id="m2a", column="done"),
        Task("t4", "d", goal_id="other", column="done"),
        Task("t5", "e", goal_id=None, column="done"),
        Task("t6", "f", goal_id="m2", column="backlog"),
    ]
    progress = task_progress(subtree_ids("perf", children_map(GOALS)), tasks)
    assert (progress.done, progress.total) == (2, 4)
    assert progress.ratio == 0.5
    empty = task_progress({"elsewhere"}, tasks)
    assert (empty.done, empty.total, empty.ratio) == (0, 0, None)


def test_proficiency_levels_in_date_order() -> None:
    g = Goal(
        id="g",
        title="G",
        proficiency=(
            ProficiencyRating(iso(-1), 6),
            ProficiencyRating(iso(-30), 3),
            ProficiencyRating(iso(-10), 5),
        ),
    )
    assert proficiency_levels(g) == [3, 5, 6]


# Model documents ---------------------------------------------------------------------------


def test_goal_round_trips_through_its_document() -> None:
    g = Goal(
        id="g1",
        title="Bench 200",
        kind="performance",
        parent_id="g0",
        position=2,
        status="paused",
        why="why",
        commitment="I'm going to",
        measure=Measure(target=200, unit="lb", current=175, deadline=iso(30), start=150),
        rwa=RWA(5, 4, 3),
        practice_plan=PracticePlan(sessions_per_week=3),
        proficiency=(ProficiencyRating(iso(0), 4),),
        created_at="c",
        updated_at="u",
    )
    assert Goal.from_doc(g.to_doc()) == g


def test_from_doc_is_lenient_with_bad_fields() -> None:
    g = Goal.from_doc({"id": "g1", "kind": "wizard", "status": "??", "measure": "x", "rwa": {}})
    assert (g.kind, g.status, g.measure, g.rwa, g.title) == ("mastery", "active", None, None, "")
    t = Task.from_doc({"id": "t1", "column": "later", "priority": "Z", "position": True})
    assert (t.column, t.priority, t.position) == ("backlog", None, 0)
