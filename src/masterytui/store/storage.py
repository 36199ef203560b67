"""A TinyDB ``Storage`` that is atomic, lock-aware and does not re-parse an unchanged file."""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.storages import Storage

from .backups import Backups
from .checks import parse, unsavable_problem
from .errors import BadFileError, WriteError
from .files import atomic_write, parse_table, read_bytes
from .fs import read_regular
from .layout import Bounds, Layout, Signature, TableBytes, assemble, digest_of, widen
from .lock import FileLock

_versions = itertools.count(1)


class _Unparsed(NamedTuple):
    """Where a table not parsed yet sits in the file's bytes."""

    start: int
    end: int


class PendingWrite:
    """A change made in memory whose durable write runs in another thread."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.step: Any = None
        """The undo step of the change (the store forgets it if the write fails)."""
        self.on_failure: list[Callable[[str], Any]] = []
        """Called (with the reason) on the app's thread if the write fails: reopen the form."""


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
        self._data: dict[str, Any] | None = None  # a table may still be _Unparsed
        self._raw: bytes | None = None  # the file's bytes, while a table is unparsed
        self._signature: Signature | None = None
        self._token = b""
        self._loaded = False
        self._in_transaction = False
        self.pending: PendingWrite | None = None
        self._dirty = False
        self._tables: dict[str, TableBytes] = {}
        self._unchecked: set[str] = set()
        """Tables of :attr:`_tables` whose bytes are not checked against their digest yet."""
        self._hints: dict[str, Bounds] = {}
        self._versions: dict[str, int] = {}
        self._base_version = next(_versions)
        self.generation = 0
        """Bumped whenever the data this storage holds changes, to key derived caches."""

    # TinyDB's Storage interface -------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Every table, parsed (re-reading the file first if it changed, outside a change)."""
        self.sync()
        for name in list(self._data or {}):
            self.table(name)
        return self._data

    # Table by table -------------------------------------------------------------------------

    def sync(self) -> None:
        """Re-read the file if another session changed it (outside a change); parse nothing.

        Not while a write of this session's is pending: the data is newer than the file."""
        if not self._in_transaction and self.pending is None:
            self.refresh()

    def table(self, name: str) -> dict[str, Any] | None:
        """Table ``name``'s documents (None: no such table), parsed the first time they are used.

        A file whose layout fits is read without parsing: each table's bytes are parsed when
        the table is first used, so the app paints its first screen from goals and tasks
        before it has parsed 25,000 feedback and practice documents.
        """
        data = self._data
        if data is None:
            return None
        value = data.get(name)
        if isinstance(value, _Unparsed):
            assert self._raw is not None
            checked = self._checked(name)
            value = data[name] = parse_table(
                memoryview(self._raw)[value.start : value.end + 1], name, self.path
            )
            if not checked:
                # Not the bytes the layout was written for (edited in place, the size and
                # time put back): read and checked as any file's table, and written anew.
                problem = unsavable_problem(value, inside=1)
                if problem:
                    raise BadFileError(f"{self.path} {problem}.")
            if not any(isinstance(v, _Unparsed) for v in data.values()):
                self._raw = None  # every table parsed: the file's bytes are not needed now
        return value

    def unparsed(self, name: str) -> memoryview | None:
        """Table ``name``'s bytes while it waits unparsed in a file masterytui wrote, else None."""
        value = (self._data or {}).get(name)
        if isinstance(value, _Unparsed) and self._raw is not None:
            if not self._checked(name):
                self.table(name)  # not as the layout says: parsed and checked instead
                return None
            return memoryview(self._raw)[value.start : value.end + 1]
        return None

    def _checked(self, name: str) -> bool:
        """True when table ``name``'s bytes are those its layout was written for (each is
        hashed once, when first used: the first frame needs goals, not 6 MB hashed); when
        they are not, the table is no longer kept as bytes (it is serialised again)."""
        if name not in self._unchecked:
            return True
        self._unchecked.discard(name)
        entry = self._tables.get(name)
        if entry is not None and digest_of(entry.raw) == entry.digest:
            return True
        self._tables.pop(name, None)
        return False

    def is_parsed(self, name: str) -> bool:
        """False while table ``name`` waits in the file's bytes to be parsed."""
        return not isinstance((self._data or {}).get(name), _Unparsed)

    def has_data(self) -> bool:
        """True when the file exists and has any table."""
        return bool(self._data)

    def tables_for(self, name: str) -> dict[str, dict[str, Any]]:
        """The data to change table ``name`` in (it parsed; others maybe not); for writers."""
        self.table(name)
        if self._data is None:
            self._data = {}
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
        self._unchecked = set()
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
        layout = None
        if raw is not None and signature is not None:
            # Trusted only when its checksum and the tiling of the file agree (anything else,
            # stale, damaged or lying, means parsing the whole file), and each table only
            # once its bytes hash to its digest, checked when the table is first used.
            layout = Layout.decode(self._lock.read_layout())
            if layout is not None and not layout.tiles(raw, signature):
                layout = None
        if layout is not None and raw is not None and "meta" in layout.spans:
            # What masterytui last wrote: keep the bytes, check and parse tables as used.
            self._raw = raw
            self._tables = layout.table_bytes(raw)
            self._unchecked = set(self._tables)
            self._data = {
                name: _Unparsed(start, end) for name, (start, end, _) in layout.spans.items()
            }
            self.table("meta")
        else:
            self._raw = None
            self._data = None if raw is None else parse(raw, self.path)
        self._signature = signature
        self._token = token if token is not None else self._lock.read_token()
        self._loaded = True
        self.generation += 1
        return True

    def _read_file(self) -> tuple[bytes | None, Signature | None]:
        """The file's bytes and the signature of exactly the file they were read from."""
        found = read_regular(self.path)  # a FIFO or a folder is refused, never waited on
        if found is None:
            return None, None
        raw, stat = found
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
                self._parse_all()
                self._write(force_backup)
                self.generation += 1
        finally:
            self._in_transaction = False
            self._dirty = False

    def commit_later(self, *, force_backup: bool = False) -> Callable[[], None]:
        """End the change now, in memory, and return the write that makes it durable.

        The data read from here on is the changed data; the returned job (run in another
        thread while the file stays locked, see :meth:`FileLock.detach`) backs up, writes and
        fsyncs exactly as :meth:`commit` would. :attr:`pending` is set until it has run; while
        it is, nothing re-reads the file (it is older than the data) and nothing else changes.
        """
        try:
            self._parse_all()
            self.generation += 1
            pending = self.pending = PendingWrite()
        finally:
            self._in_transaction = False
            self._dirty = False

        def write() -> None:
            try:
                self._write(force_backup)
            except BaseException as exc:  # reported to the store, which undoes the change
                pending.error = exc
            finally:
                self._lock.release_detached()
                pending.done.set()

        return write

    def settle(self) -> PendingWrite | None:
        """The write that was pending, once it has run (None: none, or still running).

        A failed one is forgotten with the change: the data is read from the file again."""
        pending = self.pending
        if pending is None or not pending.done.is_set():
            return None
        self.pending = None
        if pending.error is not None:
            self.rollback()
        return pending

    def _parse_all(self) -> None:
        for name in list(self._data or {}):
            # A table written again as the bytes read must be those bytes the layout says.
            if name not in self._tables or not self._checked(name):
                self.table(name)  # to serialise it again, it must be parsed

    def _write(self, force_backup: bool) -> None:
        assert self._data is not None
        self._backup(force_backup)
        try:
            payload, layout = assemble(self._data, self._tables, self._hints)
        except (TypeError, ValueError, RecursionError) as exc:  # orjson cannot write it
            raise WriteError(
                f"Could not save {self.path}: the data cannot be written as JSON "
                f"({exc}). The file was left as it was; nothing was lost."
            ) from None
        self._hints = {}
        self._lock.check()
        atomic_write(self.path, payload)
        self._signature = self.signature()
        encoded = b""
        if self._signature is not None:
            layout.signature = self._signature
            encoded = layout.encode()
        self._token = self._lock.write_token(encoded)

    def rollback(self) -> None:
        """Forget a failed change: the next read comes from the file again."""
        self._in_transaction = False
        self._dirty = False
        self._data = None
        self._raw = None
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
