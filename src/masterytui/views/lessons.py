"""Lessons due for spaced review, read from a snapshot (for the review, Feedback and the shell).

:func:`lessons_due` is the one place that says which lessons come back today; the weekly
review, the Feedback screen's ``r`` and ``masterytui list feedback --due`` all show what it
returns.
"""

from __future__ import annotations

from datetime import date

from ..domain.lessons import lesson_schedule
from ..domain.model import FeedbackEntry, Snapshot
from ..domain.record import record
from ..domain.spaced import Schedule


@record
class DueLesson:
    """A lesson that is due, with its schedule and the title of the goal it is linked to."""

    entry: FeedbackEntry
    schedule: Schedule
    goal_title: str

    def overdue_days(self, today: date) -> int:
        """0 when due today, more when it waited longer."""
        assert self.schedule.due is not None
        return (today - self.schedule.due).days


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
