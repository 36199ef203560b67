"""The only package that imports tinydb: storage, locking, backups, migrations, changes.

Names are imported on first use, so ``masterytui add`` can use :mod:`.quick` without paying
for TinyDB and the whole store.
"""

from __future__ import annotations

from .errors import BadFileError, LockTimeoutError, StoreError, WriteError

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any

    from .backups import Backup, Backups
    from .mastery import MasteryStore


def __getattr__(name: str) -> Any:
    if name == "MasteryStore":
        from .mastery import MasteryStore

        return MasteryStore
    if name in ("Backup", "Backups"):  # the shell's read-only commands never take a backup
        from . import backups

        return getattr(backups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Backup",
    "Backups",
    "BadFileError",
    "LockTimeoutError",
    "MasteryStore",
    "StoreError",
    "WriteError",
]
