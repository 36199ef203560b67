"""Quick capture's store: add a document without parsing the file.

``masterytui add`` on a file of 35,000 documents spent most of its time parsing 6 MB of JSON
and writing it back. When the file is exactly as masterytui last wrote it (its layout,
:mod:`.layout`, passes its checksum, tiles the file, and every table hashes as written),
:class:`QuickStore` runs the same change
(:meth:`~.tasks.TaskOps.add_task`, :meth:`~.log.LogOps.add_feedback`, ...) with only what
it needs: the goals table (parsed from its slice of the file, for ``--goal``), the board's
column bounds and next doc ids from the layout, and a byte search for id clashes. The new
document is spliced into its table and the file is replaced atomically, under the lock, after
a backup when one is due, exactly as the whole store would.

The tables' hashes (~4 ms at 6 MB, the largest table in a thread of its own) and the changed
tables' next doc ids are checked while the new copy is fsynced, the disk's wait, and always
before the file is replaced or anything reported: a refused copy is removed, and a change that
went wrong on a file not as its layout says is done again on the whole file.

Anything it cannot do that way raises :class:`NeedsWholeFile` before anything is written, and
the caller does the change through :class:`~masterytui.store.MasteryStore` instead.
"""

from __future__ import annotations

import json
import os
import re
from types import TracebackType

from .backups import Backups
from .base import Doc, minutes_of
from .errors import BadFileError
from .files import atomic_write, table_problem
from .fs import path_text, read_regular
from .layout import Bounds, Layout, serialise_doc, table_key, widen
from .lock import FileLock
from .log import LogOps
from .stamps import stamped

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any

    from .fs import StrPath


class NeedsWholeFile(Exception):
    """The quick path cannot make this change; nothing was written."""


class QuickStore(LogOps):
    """Adds documents to a file it never parses whole. Use as a context manager (holds the lock).

    ``with QuickStore(path) as store: store.add_task(...)``
    """

    def __init__(self, path: StrPath, *, lock_timeout: float = 5.0) -> None:
        self.path = path_text(path, expand=True)  # text: pathlib is not imported for `add`
        self.lock = FileLock(self.path, timeout=lock_timeout)
        self.backups = Backups(self.path)
        self._bytes = b""
        self._pieces: list[bytes | memoryview] = []  # the file as last written, unjoined
        self._layout = Layout((0, 0, 0), {})
        self._hashes: dict[str, Any] | None = None  # each table's SHA-256 but its last "}"
        self._absent: set[tuple[str, str]] = set()  # ids searched for and not in the file
        self._goals: dict[str, Doc] | None = None
        self._pending: list[tuple[str, Doc]] = []
        self._depth = 0

    def __enter__(self) -> QuickStore:
        if not (os.path.isfile(self.path) and os.path.isfile(self.lock.file)):
            raise NeedsWholeFile("no file, or no layout, yet")  # and create nothing
        self.lock.acquire()
        try:
            self._load()
        except BaseException:
            self.lock.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if isinstance(error, Exception) and not isinstance(error, NeedsWholeFile):
                self._verify()  # a file not as the layout says: the whole store decides
        finally:
            self.lock.release()

    def _load(self) -> None:
        layout = Layout.decode(self.lock.read_layout())
        if layout is None or "meta" not in layout.spans:
            raise NeedsWholeFile("the file's layout is unknown")
        try:
            found = read_regular(self.path)
        except BadFileError:
            found = None
        if found is None:
            raise NeedsWholeFile("the file cannot be read here")  # the whole store says why
        raw, stat = found
        signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if signature != layout.signature or not layout.fits(raw):
            raise NeedsWholeFile("the file changed since masterytui last wrote it")
        self._bytes, self._layout = raw, layout  # its hashes are checked by _verify

    def _verify(self) -> dict[str, Any]:
        """The tables' hashes, once every table is checked to hash as the layout says."""
        if self._hashes is None:
            hashes = self._layout.verify(self._raw, split=True)
            if hashes is None:
                raise NeedsWholeFile("the file changed since masterytui last wrote it")
            self._hashes = hashes
        return self._hashes

    @property
    def _raw(self) -> bytes:
        """The file's bytes: as read, or as last written (joined only if asked again)."""
        if self._pieces:
            self._bytes, self._pieces = b"".join(self._pieces), []
        return self._bytes

    # The primitives, as far as adding goes ---------------------------------------------------

    def docs(self, table: str) -> dict[str, Doc]:
        if table != "goals":
            raise NeedsWholeFile(f"reading every document of {table!r}")
        if self._goals is None:
            span = self._layout.spans.get("goals")
            try:
                goals = {} if span is None else json.loads(self._raw[span[0] : span[1] + 1])
            except (ValueError, RecursionError):
                raise NeedsWholeFile("the goals table is not as expected") from None
            if not isinstance(goals, dict) or table_problem("goals", goals):
                raise NeedsWholeFile("the goals table is not as expected")
            self._goals = goals
        return self._goals

    def id_taken(self, table: str, item_id: str) -> bool:
        # Compact JSON writes a document's id as "id":"t3fa9c1"; inside user text the quotes
        # would be escaped, so a hit anywhere else can only make the caller pick another id.
        if table == "goals":
            return super().id_taken(table, item_id)
        if any(d.get("id") == item_id for t, d in self._pending if t == table):
            return True
        if (table, item_id) in self._absent:  # put() asks again about the id new_id chose
            return False
        marker = b'"id":' + json.dumps(item_id).encode()
        span = self._layout.spans.get(table)
        found = span is not None and self._raw.find(marker, span[0], span[1] + 1) != -1
        if not found:
            self._absent.add((table, item_id))
        return found

    def practice_minutes(self, day: str, *, excluding: str | None = None) -> int:
        # The day's sessions found by bytes, as id_taken does: '"date":"2026-12-01"' with its
        # quotes unescaped can only be a document's key and value. Each must be a session as
        # masterytui writes one ({"id":..,"date":..,"minutes":N..), else parse the whole file.
        if excluding is not None:
            raise NeedsWholeFile("changing a session")
        marker = b'"date":' + json.dumps(day).encode()
        span = self._layout.spans.get("practice")
        pending = sum(
            minutes_of(d) for t, d in self._pending if t == "practice" and d.get("date") == day
        )
        if span is None:
            return pending
        start, end = span[0], span[1] + 1
        pattern = re.compile(rb'\{"id":"[^"\\]*",' + re.escape(marker) + rb',"minutes":(\d+)[,}]')
        found = [int(m.group(1)) for m in pattern.finditer(self._raw, start, end)]
        if len(found) != self._raw.count(marker, start, end):
            raise NeedsWholeFile("a practice session is not as expected")
        return sum(found) + pending

    def column_bounds(self, column: str) -> tuple[float, float] | None:
        return self._columns().get(column)

    def _columns(self) -> Bounds:
        """The board's column bounds with the pending tasks taken in."""
        return widen(self._layout.columns, [d for t, d in self._pending if t == "tasks"])

    def change(self, label: str) -> _Change:
        return _Change(self)

    def put(self, table: str, doc: Doc) -> None:
        span = self._layout.spans.get(table)
        if span is None:
            raise NeedsWholeFile(f"the file has no {table!r} table yet")
        if self.id_taken(table, str(doc.get("id"))):
            raise NeedsWholeFile("replacing a document")
        self._pending.append((table, stamped(doc, None)))

    def _check_next_id(self, table: str, span: list[int]) -> None:
        """The layout's next doc id is checksummed; still, look at what a wrong one would do
        (checked, with the hashes, while the new file syncs: it is replaced only if both hold).

        The id must not be a key already (the splice would silently shadow a document), and
        the one before it must be (or the table empty), as the whole store would number it
        after its highest key. A false hit (a field named like a number) only costs speed.
        Every writer writes a table compact, each document an object (``{"1":{..},"2":{..}``):
        a key is the table's first, or follows a comma and opens a document (a longer needle,
        found in two thirds of the time).
        """
        start, end, next_id = span
        key = table_key(str(next_id))
        raw = self._raw
        if raw.startswith(key, start + 1) or raw.find(b"," + key + b"{", start, end + 1) != -1:
            raise NeedsWholeFile(f"doc id {next_id} of {table!r} is taken")
        if next_id == 1 and end != start + 1:
            raise NeedsWholeFile(f"{table!r} has documents but its next doc id is 1")
        # The highest key is written last: searching from the end finds it at once.
        if next_id > 1 and raw.rfind(table_key(str(next_id - 1)), start, end + 1) == -1:
            raise NeedsWholeFile(f"doc id {next_id - 1} of {table!r} is missing")

    def remove(self, table: str, item_id: str) -> None:
        raise NeedsWholeFile("removing a document")

    # Writing ---------------------------------------------------------------------------------

    def _commit(self) -> None:
        """Splice the pending documents into their tables and replace the file atomically."""
        raw, layout = self._raw, self._layout
        view = memoryview(raw)  # slices of it are not copies
        pieces: list[bytes | memoryview] = []
        spans: dict[str, list[int]] = {}
        additions: dict[str, bytes] = {}
        copied = shift = 0
        for name, (start, end, next_id) in sorted(layout.spans.items(), key=lambda s: s[1][0]):
            added = b""
            for table, doc in self._pending:
                if table != name:
                    continue
                comma = b"," if end > start + 1 or added else b""
                try:
                    body = serialise_doc(doc)
                except (TypeError, ValueError, RecursionError):
                    raise NeedsWholeFile("a document the quick path cannot write") from None
                added += comma + json.dumps(str(next_id)).encode() + b":" + body
                next_id += 1
            if added:
                pieces += (view[copied:end], added)
                copied = end
                additions[name] = added
            spans[name] = [start + shift, end + shift + len(added), next_id]
            shift += len(added)
        pieces.append(view[copied:])
        if self.backups.due():
            self._verify()  # a backup is a copy of a file masterytui wrote
            self.backups.take(raw, force=True)
        self.lock.check()

        # Written piece by piece (6 MB not copied to join them); the tables are hashed and the
        # next doc ids checked while the disk syncs: if either fails, nothing is replaced.
        def check() -> None:
            self._verify()
            for name in additions:
                self._check_next_id(name, layout.spans[name])

        atomic_write(self.path, pieces, while_syncing=check)
        hashes = self._verify()
        digests = dict(layout.digests)
        for name, added in additions.items():
            hasher = hashes[name]
            hasher.update(added)  # still without the last "}", for the next change
            whole = hasher.copy()
            whole.update(b"}")
            digests[name] = whole.hexdigest()
        stat = os.stat(self.path)
        signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        self._layout = Layout(signature, spans, self._columns(), digests)
        self._pieces = pieces
        self._goals = None
        self._absent = set()
        self.lock.write_token(self._layout.encode())


class _Change:
    """One change of a QuickStore (:meth:`QuickStore.change`): what is put inside is
    written when the outermost change ends (a class, not ``contextlib.contextmanager``,
    which ``add`` would import for this alone)."""

    __slots__ = ("store",)

    def __init__(self, store: QuickStore) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._depth += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        store = self.store
        try:
            if error is None and store._depth == 1 and store._pending:
                store._commit()
        finally:
            store._depth -= 1
            if not store._depth:
                store._pending = []
