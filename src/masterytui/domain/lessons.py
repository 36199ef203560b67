"""Lessons due for spaced review, read from a snapshot (for Today, the review and the shell).

:func:`lessons_due` is the one place that says which lessons come back today; the Today
screen, the weekly review, the Feedback screen's ``r`` and ``masterytui list feedback --due``
all show what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import FeedbackEntry, Snapshot
from .spaced import Schedule, entry_schedule


@dataclass(frozen=True, slots=True)
class DueLesson:
    """A lesson that is due, with its schedule and the title of the goal it is linked to."""

    entry: FeedbackEntry
    schedule: Schedule
    goal_title: str

    def overdue_days(self, today: date) -> int:
        """0 when due today, more when it waited longer."""
        assert self.schedule.due is not None
        return (today - self.schedule.due).days


def lesson_schedule(entry: FeedbackEntry) -> Schedule | None:
    """The entry's spaced review schedule, or None when it is not in the review."""
    return entry_schedule(entry.kind, entry.at, entry.review)


def lessons_due(snapshot: Snapshot, today: date) -> list[DueLesson]:
    """Every lesson due on or before ``today``, the longest waiting first."""
    titles = {goal.id: goal.title for goal in snapshot.goals}
    due: list[DueLesson] = []
    for entry in snapshot.feedback:
        plan = lesson_schedule(entry)
        if plan is not None and plan.is_due(today):
            due.append(DueLesson(entry, plan, titles.get(entry.goal_id or "", "")))
    due.sort(key=lambda d: (d.schedule.due or today, d.entry.at, d.entry.id))
    return due
