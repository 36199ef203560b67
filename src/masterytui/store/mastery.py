"""The whole store: every change, on the whole file, through TinyDB."""

from __future__ import annotations

from .core import StoreCore
from .goals import GoalOps
from .log import LogOps


class MasteryStore(GoalOps, LogOps, StoreCore):
    """Read and change a masterytui file: atomic, locked, backed up, undoable."""
