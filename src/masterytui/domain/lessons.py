"""Whether a feedback entry is in the spaced review, and its schedule.

Which lessons are due on a day, read from a snapshot, is :mod:`masterytui.views.lessons`.
"""

from __future__ import annotations

from .model import FeedbackEntry
from .spaced import Schedule, entry_schedule


def lesson_schedule(entry: FeedbackEntry) -> Schedule | None:
    """The entry's spaced review schedule, or None when it is not in the review."""
    return entry_schedule(entry.kind, entry.at, entry.review)
