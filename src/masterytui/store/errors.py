"""Errors about the file itself: each names the file and says what to do."""

from __future__ import annotations

from ..domain.errors import ConflictError, MasteryError

__all__ = ["BadFileError", "ConflictError", "LockTimeoutError", "StoreError", "WriteError"]
"""``ConflictError`` is a user's error (two sessions edited one thing): it lives in
:mod:`masterytui.domain.errors`, and the store, which raises it, re-exports it."""


class StoreError(MasteryError):
    """Something about the data file stopped a read or a write; the file is unchanged."""


class BadFileError(StoreError):
    """The file is unreadable, truncated, empty or not a masterytui file; it is never written."""


class LockTimeoutError(StoreError):
    """Another session held the file's lock for too long; nothing was written."""


class WriteError(StoreError):
    """The disk refused the write (full, read-only, permissions); the old file is intact."""
