"""Errors about the file itself: each names the file and says what to do."""

from __future__ import annotations

from ..domain.errors import MasteryError


class StoreError(MasteryError):
    """Something about the data file stopped a read or a write; the file is unchanged."""


class BadFileError(StoreError):
    """The file is unreadable, truncated, empty or not a masterytui file; it is never written."""


class ConflictError(StoreError):
    """What is being edited was changed or deleted in another session since it was read.

    Nothing was written; the caller offers to keep the user's version (save again with
    ``force=True``) or to take the other session's.
    """

    def __init__(self, message: str, *, deleted: bool = False) -> None:
        super().__init__(message)
        self.deleted = deleted


class LockTimeoutError(StoreError):
    """Another session held the file's lock for too long; nothing was written."""


class WriteError(StoreError):
    """The disk refused the write (full, read-only, permissions); the old file is intact."""
