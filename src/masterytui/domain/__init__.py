"""Plain-Python domain: the things kept and the rules of the method (no textual, no tinydb)."""

from __future__ import annotations

from .errors import AmbiguousError, ConflictError, MasteryError, NotFoundError, ValidationError
from .model import (
    COLUMN_TITLES,
    COLUMNS,
    FEEDBACK_KINDS,
    GOAL_KINDS,
    GOAL_STATUSES,
    PRIORITIES,
    RWA,
    SOURCES,
    FeedbackEntry,
    Goal,
    Measure,
    PracticePlan,
    PracticeSession,
    ProficiencyRating,
    Snapshot,
    Task,
)

__all__ = [
    "COLUMNS",
    "COLUMN_TITLES",
    "FEEDBACK_KINDS",
    "GOAL_KINDS",
    "GOAL_STATUSES",
    "PRIORITIES",
    "RWA",
    "SOURCES",
    "AmbiguousError",
    "ConflictError",
    "FeedbackEntry",
    "Goal",
    "MasteryError",
    "Measure",
    "NotFoundError",
    "PracticePlan",
    "PracticeSession",
    "ProficiencyRating",
    "Snapshot",
    "Task",
    "ValidationError",
]
