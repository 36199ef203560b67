"""Spaced review of lessons: when a lesson comes back, and what an answer does to that.

A lesson (feedback of kind ``lesson`` or ``improve``, or any entry the user marked) comes
back at growing intervals: 1, 3, 7, 21, then every 60 days. Reviewing it asks "still true?
did I apply it?": *applied* moves it one interval on, *again* starts it over at one day,
*retire* takes it out of the review (a later answer brings it back). The schedule is worked
out from the day it started and its answers alone, so it can never disagree with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .reading import choice, day
from .record import record
from .words import days, weekday_date

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any, Final

INTERVALS: Final = (1, 3, 7, 21, 60)
"""Days until the next review, by step: a lesson at step 2 comes back 7 days after the last."""
ANSWERS: Final = ("applied", "again", "retire")
LESSON_KINDS: Final = ("lesson", "improve")
"""The kinds of feedback that come back for review without being marked."""
ANSWER_WORDS: Final = {
    "applied": "applied",
    "again": "again (from the start)",
    "retire": "retired",
}


@record
class ReviewAnswer:
    """One review of a lesson: the day, and applied, again or retire."""

    on: str
    answer: str

    def to_doc(self) -> dict[str, str]:
        return {"on": self.on, "answer": self.answer}


@record
class LessonReview:
    """What a feedback entry keeps of its spaced review (the ``review`` field).

    ``since`` is the day the user marked an entry that is no lesson (None for a lesson: its
    review starts the day it was logged); ``answers`` the reviews, oldest first.
    """

    since: str | None = None
    answers: tuple[ReviewAnswer, ...] = ()

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"answers": [a.to_doc() for a in self.answers]}
        if self.since is not None:
            doc["since"] = self.since
        return doc

    @classmethod
    def from_doc(cls, doc: Any) -> LessonReview | None:
        if not isinstance(doc, dict):
            return None
        answers = []
        raw = doc.get("answers")
        for item in raw if type(raw) is list else ():
            if type(item) is dict:
                on, answer = day(item.get("on")), choice(item.get("answer"), ANSWERS, None)
                if on is not None and answer is not None:
                    answers.append(ReviewAnswer(on, answer))
        return cls(since=day(doc.get("since")), answers=tuple(answers))


@record
class Schedule:
    """Where a lesson's review stands."""

    step: int
    """Index into :data:`INTERVALS` of the interval it waits now."""
    due: date | None
    """The day it comes back; None once retired."""
    last: date | None
    """The day of the last review (None before the first)."""
    applied: int
    again: int

    @property
    def retired(self) -> bool:
        return self.due is None

    @property
    def interval(self) -> int:
        return INTERVALS[self.step]

    def is_due(self, today: date) -> bool:
        return self.due is not None and self.due <= today


def next_step(step: int, answer: str) -> int | None:
    """The step after ``answer`` at ``step``: one on for applied (the last one repeats), the
    first for again, None (out of the review) for retire."""
    if answer == "applied":
        return min(step + 1, len(INTERVALS) - 1)
    if answer == "again":
        return 0
    if answer == "retire":
        return None
    raise ValueError(f"unknown answer {answer!r}")


def schedule(start: date, answers: Iterable[tuple[date, str]]) -> Schedule:
    """The schedule of a lesson that started on ``start`` and got ``answers`` (in order).

    Each answer counts from its own day: applied on day D at step s brings it back on
    D + INTERVALS[s + 1]. An answer after a retire brings the lesson back into the review.
    """
    step: int | None = 0
    base = start
    last: date | None = None
    applied = again = 0
    for on, answer in answers:
        step = next_step(step or 0, answer)
        base = last = on
        applied += answer == "applied"
        again += answer == "again"
    due = None if step is None else base + timedelta(days=INTERVALS[step])
    return Schedule(step or 0, due, last, applied, again)


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def entry_schedule(kind: str, at: str, review: LessonReview | None) -> Schedule | None:
    """The schedule of a feedback entry, or None when it is not in the spaced review.

    A lesson or improve entry is in it from the day it was logged; another kind only once
    marked (``review.since``).
    """
    if kind in LESSON_KINDS:
        start = parse_day(at)
    elif review is not None and review.since is not None:
        start = parse_day(review.since)
    else:
        return None
    if start is None:
        return None
    answers = review.answers if review else ()
    return schedule(start, ((date.fromisoformat(a.on), a.answer) for a in answers))


def describe_schedule(plan: Schedule, today: date) -> str:
    """``due today``, ``2 days overdue``, ``next in 7 days (Fri 12 Dec)``, ``retired``."""
    if plan.due is None:
        return "retired from the review"
    left = (plan.due - today).days
    if left < 0:
        return f"due for review, {days(-left)} overdue"
    if left == 0:
        return "due for review today"
    return f"next review in {days(left)} ({weekday_date(plan.due)})"
