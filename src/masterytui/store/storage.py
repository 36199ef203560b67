"""A TinyDB ``Storage`` that is atomic, lock-aware and does not re-parse an unchanged file."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .backups import Backups
from .errors import BadFileError
from .files import Data, atomic_write, parse, read_bytes
from .layout import Bounds, Layout, Signature, TableBytes, assemble, widen
from .lock import FileLock

_versions = itertools.count(1)


class AtomicJSONStorage(Storage):
    """TinyDB's JSON file format with the guarantees of DESIGN §6.

    Reads outside a transaction return the cached data while the file's (inode, size, mtime)
    are unchanged. Writes are only accepted inside a transaction (``begin`` ... ``commit``),
    which the store opens while holding the file lock: ``begin`` re-reads the file if any other
    session changed it, TinyDB's writes land in memory, and ``commit`` takes a backup when one
    is due and atomically replaces the file, once per change however many tables it touched.

    Each table is kept serialised (:mod:`.layout`): a commit re-serialises only the tables
    written since, and records where every table sits for quick capture. Each table also has
    a version, changed whenever its documents may have, so readers can keep derived data per
    table.
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
        self._tables: dict[str, TableBytes] = {}
        self._hints: dict[str, Bounds] = {}
        self._versions: dict[str, int] = {}
        self._base_version = next(_versions)
        self.generation = 0
        """Bumped whenever the data this storage holds changes, to key derived caches."""

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._in_transaction:
            self.refresh()
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Accept new data for the whole file (every table counts as changed)."""
        self.write_table(data, None)

    def write_table(
        self,
        data: dict[str, dict[str, Any]],
        name: str | None,
        written: Iterable[dict[str, Any]] = (),
    ) -> None:
        """Accept ``data`` in which only table ``name`` changed (None: any table may have).

        ``written``: the documents of ``name`` inserted or replaced (for the board's bounds).
        """
        if not self._in_transaction:
            raise RuntimeError("masterytui writes only inside a locked store transaction")
        self._data = data
        self._dirty = True
        if name is None:
            self._forget_tables()
            return
        old = self._tables.pop(name, None)
        columns = old.columns if old is not None else self._hints.get(name)
        if columns is not None:
            self._hints[name] = widen(columns, written)
        self._versions[name] = next(_versions)

    def table_version(self, name: str) -> int:
        """A number that changes whenever table ``name`` may have changed."""
        return self._versions.get(name, self._base_version)

    def _forget_tables(self) -> None:
        self._tables = {}
        self._hints = {}
        self._versions = {}
        self._base_version = next(_versions)

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
        self._forget_tables()
        raw, signature = self._read_file()
        self._data = None if raw is None else parse(raw, self.path)
        self._signature = signature
        self._token = token if token is not None else self._lock.read_token()
        self._loaded = True
        self.generation += 1
        if raw is not None and signature is not None:
            layout = Layout.decode(self._lock.read_layout())
            if layout is not None and layout.signature == signature and layout.fits(raw):
                self._tables = layout.table_bytes(raw)
        return True

    def _read_file(self) -> tuple[bytes | None, Signature | None]:
        """The file's bytes and the signature of exactly the file they were read from."""
        try:
            with open(self.path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise BadFileError(f"Cannot read {self.path}: {exc.strerror}.") from exc
        return raw, (stat.st_ino, stat.st_size, stat.st_mtime_ns)

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
                payload, spans, columns = assemble(self._data, self._tables, self._hints)
                self._hints = {}
                atomic_write(self.path, payload)
                self._signature = self.signature()
                layout = None
                if self._signature is not None:
                    layout = Layout(self._signature, spans, columns).encode()
                self._token = self._lock.write_token(layout or b"")
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
        self._forget_tables()
        self.generation += 1

    def _backup(self, force: bool) -> None:
        if self._signature is None:
            return  # nothing on disk yet
        if force or self._backups.due():
            raw = read_bytes(self.path)
            if raw:
                self._backups.take(raw, force=True)
