"""A TinyDB ``Storage`` that is atomic, lock-aware and does not re-parse an unchanged file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .backups import Backups
from .files import Data, atomic_write, dump, parse, read_bytes
from .lock import FileLock

Signature = tuple[int, int, int]


class AtomicJSONStorage(Storage):
    """TinyDB's JSON file format with the guarantees of DESIGN §6.

    Reads outside a transaction return the cached data while the file's (inode, size, mtime)
    are unchanged. Writes are only accepted inside a transaction (``begin`` ... ``commit``),
    which the store opens while holding the file lock: ``begin`` re-reads the file if any other
    session changed it, TinyDB's writes land in memory, and ``commit`` takes a backup when one
    is due and atomically replaces the file, once per change however many tables it touched.
    """

    def __init__(self, path: str | Path, lock: FileLock, backups: Backups) -> None:
        self.path = Path(path)
        self._lock = lock
        self._backups = backups
        self._data: Data | None = None
        self._signature: Signature | None = None
        self._token = b""
        self._loaded = False
        self._in_transaction = False
        self._dirty = False
        self.generation = 0
        """Bumped whenever the data this storage holds changes, to key derived caches."""

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._in_transaction:
            self.refresh()
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._in_transaction:
            raise RuntimeError("masterytui writes only inside a locked store transaction")
        self._data = data
        self._dirty = True

    def close(self) -> None:
        self._data = None
        self._loaded = False

    # Change detection ------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """A cheap fingerprint of the file on disk; None when there is no file."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def changed_on_disk(self) -> bool:
        """True when the file differs from what this storage last read or wrote."""
        return not self._loaded or self.signature() != self._signature

    def refresh(self, token: bytes | None = None) -> bool:
        """Re-read the file if it changed; True when the data was reloaded."""
        signature = self.signature()
        unchanged = self._loaded and signature == self._signature
        if unchanged and (token is None or token == self._token):
            return False
        if signature is None:
            self._data = None
        else:
            raw = read_bytes(self.path)
            self._data = None if raw is None else parse(raw, self.path)
        self._signature = signature
        self._token = token if token is not None else self._lock.read_token()
        self._loaded = True
        self.generation += 1
        return True

    # Transactions ----------------------------------------------------------------------------

    def begin(self) -> None:
        """Start a change; the caller holds the file lock."""
        self.refresh(self._lock.read_token())
        self._in_transaction = True
        self._dirty = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    def commit(self, *, force_backup: bool = False) -> None:
        """Write the changed data atomically (after a backup when due) and end the change."""
        try:
            if self._dirty and self._data is not None:
                self._backup(force_backup)
                atomic_write(self.path, dump(self._data))
                self._signature = self.signature()
                self._token = self._lock.write_token()
                self.generation += 1
        finally:
            self._in_transaction = False
            self._dirty = False

    def rollback(self) -> None:
        """Forget a failed change: the next read comes from the file again."""
        self._in_transaction = False
        self._dirty = False
        self._data = None
        self._loaded = False
        self.generation += 1

    def _backup(self, force: bool) -> None:
        if self._signature is None:
            return  # nothing on disk yet
        if force or self._backups.due():
            raw = read_bytes(self.path)
            if raw:
                self._backups.take(raw, force=True)
