"""Plain-Python domain: the things kept and the rules of the method (no textual, no tinydb).

Names are imported on first use: ``masterytui add`` and ``status`` import
:mod:`.errors` without loading the model.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any

    from .errors import (
        AmbiguousError,
        ConflictError,
        MasteryError,
        NotFoundError,
        ValidationError,
    )
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

_ERRORS = (
    "AmbiguousError",
    "ConflictError",
    "MasteryError",
    "NotFoundError",
    "ValidationError",
)


def __getattr__(name: str) -> Any:
    if name in _ERRORS:
        from . import errors

        return getattr(errors, name)
    if name in __all__:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
