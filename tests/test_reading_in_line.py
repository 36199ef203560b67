"""``from_doc`` of tasks, feedback and practice decides the common case of each field in line
(a value of the right type, an optional field absent), for speed: here it is held to the
rules of :mod:`masterytui.domain.reading`, read one call per field as they were before, for
documents of every kind of value, right, wrong and missing."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from masterytui.domain.model import (
    COLUMNS,
    FEEDBACK_KINDS,
    PRIORITIES,
    SCORE_RANGE,
    SOURCES,
    FeedbackEntry,
    PracticeSession,
    Recur,
    Task,
)
from masterytui.domain.reading import choice, day, moment, number, ref, text, whole
from masterytui.domain.spaced import LessonReview


def task_by_rules(doc: dict[str, Any]) -> Task:
    return Task(
        id=str(doc["id"]),
        title=text(doc.get("title")),
        goal_id=ref(doc.get("goal_id")),
        column=choice(doc.get("column"), COLUMNS, "backlog"),
        position=number(doc.get("position"), 0),
        due=day(doc.get("due")),
        priority=choice(doc.get("priority"), PRIORITIES, None),
        notes=text(doc.get("notes")),
        created_at=text(doc.get("created_at")),
        done_at=moment(doc.get("done_at")) or None,
        recur=Recur.from_doc(doc.get("recur")),
    )


def entry_by_rules(doc: dict[str, Any]) -> FeedbackEntry:
    return FeedbackEntry(
        id=str(doc["id"]),
        at=moment(doc.get("at")),
        text=text(doc.get("text")),
        kind=choice(doc.get("kind"), FEEDBACK_KINDS, "note"),
        source=choice(doc.get("source"), SOURCES, "other"),
        next_step=text(doc.get("next_step")),
        goal_id=ref(doc.get("goal_id")),
        task_id=ref(doc.get("task_id")),
        step_task_id=ref(doc.get("step_task_id")),
        obstacle=text(doc.get("obstacle")),
        review=LessonReview.from_doc(doc.get("review")),
    )


def session_by_rules(doc: dict[str, Any]) -> PracticeSession:
    low, high = SCORE_RANGE
    return PracticeSession(
        id=str(doc["id"]),
        date=day(doc.get("date")) or "",
        minutes=whole(doc.get("minutes"), 0, 24 * 60) or 0,
        goal_id=ref(doc.get("goal_id")),
        note=text(doc.get("note")),
        focus=text(doc.get("focus")),
        quality=whole(doc.get("quality"), low, high),
        difficulty=whole(doc.get("difficulty"), low, high),
        next_fix=text(doc.get("next_fix")),
    )


WORDS = (
    *("", "2026-11-25", "2026-02-30", "2026-11-25T10:00:00", "20261125", "2026-W48-3"),
    *("x2026-11-25", "mon,thu", "1w", *COLUMNS, *FEEDBACK_KINDS, *SOURCES, *PRIORITIES),
)
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.sampled_from([0, 1, 5, 6, 1440, 1441, -1, 10**15, 10**15 + 1, -(10**15) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 3.0, 3.5, 1e15, 1e16, -0.0, math.inf, math.nan]),
    st.text(max_size=12),
    st.sampled_from(WORDS),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["every", "answers", "since", "from"]), st.text(max_size=4)),
    st.just({"every": "1w", "from": "done", "anchor": 3.0}),
    st.just({"answers": [{"on": "2026-11-20", "answer": "applied"}], "since": "2026-11-01"}),
)
"""Values of every kind a hand-edited file may hold, and the edges of each rule."""


def docs(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": st.one_of(st.text(min_size=1, max_size=6), st.integers())},
        optional=dict.fromkeys(fields, ODD),
    )


def written(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """Documents of exactly the fields ``to_doc`` always writes, each of any value (the
    shape ``from_doc`` reads in one look-up when every value is of the right type)."""
    return st.fixed_dictionaries(
        {"id": st.one_of(st.text(max_size=6), ODD), **dict.fromkeys(fields, ODD)}
    )


def same(made: Any, expected: Any) -> None:
    """Equal, and each field of the same type (``0 == 0.0 == False`` would hide one)."""
    assert made == expected
    for name in type(expected).__record_fields__:
        assert type(getattr(made, name)) is type(getattr(expected, name)), name


TASK_FIELDS = (
    "title",
    "goal_id",
    "column",
    "position",
    "due",
    "priority",
    "notes",
    "created_at",
    "done_at",
    "recur",
)
ENTRY_FIELDS = (
    "at",
    "text",
    "kind",
    "source",
    "next_step",
    "goal_id",
    "task_id",
    "step_task_id",
    "obstacle",
    "review",
)
SESSION_FIELDS = (
    "date",
    "minutes",
    "goal_id",
    "note",
    "focus",
    "quality",
    "difficulty",
    "next_fix",
)


@settings(max_examples=400, deadline=None)
@given(doc=st.one_of(docs(TASK_FIELDS), written(TASK_FIELDS)))
def test_a_task_reads_by_the_rules(doc: dict[str, Any]) -> None:
    same(Task.from_doc(doc), task_by_rules(doc))


@settings(max_examples=400, deadline=None)
@given(doc=st.one_of(docs(ENTRY_FIELDS), written(ENTRY_FIELDS)))
def test_a_feedback_entry_reads_by_the_rules(doc: dict[str, Any]) -> None:
    same(FeedbackEntry.from_doc(doc), entry_by_rules(doc))


@settings(max_examples=400, deadline=None)
@given(doc=st.one_of(docs(SESSION_FIELDS), written(("date", "minutes", "goal_id", "note"))))
def test_a_practice_session_reads_by_the_rules(doc: dict[str, Any]) -> None:
    same(PracticeSession.from_doc(doc), session_by_rules(doc))


def test_a_practice_session_as_written_reads_as_it_was() -> None:
    session = PracticeSession("p1", "2026-11-25", 30, "g1", "scales")
    assert PracticeSession.from_doc(session.to_doc()) == session
    assert PracticeSession.from_doc({**session.to_doc(), "minutes": True}).minutes == 0
    assert PracticeSession.from_doc({**session.to_doc(), "goal_id": ""}).goal_id is None
    assert PracticeSession.from_doc({**session.to_doc(), "date": "2026-02-30"}).date == ""


def test_a_record_made_from_its_fields_is_the_one_its_class_makes() -> None:
    """``maker``: the same object as the class's call, frozen, hashed and compared alike."""
    made = Task.from_doc({"id": "t1", "title": "Scales", "position": 2})
    assert made == Task("t1", "Scales", position=2)
    assert hash(made) == hash(Task("t1", "Scales", position=2))
    assert type(made) is Task
    try:
        made.title = "other"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a record made from its fields must stay frozen")
