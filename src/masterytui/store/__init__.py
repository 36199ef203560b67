"""The only package that imports tinydb: storage, locking, backups, migrations, changes."""

from __future__ import annotations

from .backups import Backup, Backups
from .errors import BadFileError, LockTimeoutError, StoreError, WriteError
from .goals import GoalOps
from .log import LogOps


class MasteryStore(GoalOps, LogOps):
    """Read and change a masterytui file: atomic, locked, backed up, undoable."""


__all__ = [
    "Backup",
    "Backups",
    "BadFileError",
    "LockTimeoutError",
    "MasteryStore",
    "StoreError",
    "WriteError",
]
