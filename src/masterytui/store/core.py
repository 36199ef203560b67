"""The core of the store: transactions, undo and snapshots over TinyDB (DESIGN §2, §6)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import compress, count
from operator import is_not
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from ..domain.figures import own_task_counts
from ..domain.model import COLUMNS, FeedbackEntry, Goal, PracticeSession, Snapshot, Task
from ..domain.reading import ref
from .backups import Backups
from .base import Doc, StoreBase, column_of, position_of, sort_key
from .checks import schema_problem
from .errors import BadFileError, StoreError
from .files import SCHEMA_VERSION
from .lock import FileLock
from .migrations import migrate
from .stamps import TOMBSTONES, expired, stamped, tombstone, tombstone_id
from .storage import AtomicJSONStorage, PendingWrite
from .task_counts import counts_of_bytes, counts_of_docs
from .undo import UndoStep, check

UNDO_DEPTH = 50
Item = TypeVar("Item")


class _Table(Table):
    """A TinyDB table safe for many processes: no cached ids or query results.

    Another session may have inserted documents since this one last looked, so the next id
    is always worked out from the table as it is now, and query results are never reused.
    """

    default_query_cache_capacity = 0

    def _get_next_id(self) -> int:
        self._next_id = None
        return int(super()._get_next_id())  # type: ignore[no-untyped-call]

    def _read_table(self) -> dict[str, Any]:
        """This table only (the storage parses tables as they are used)."""
        storage: AtomicJSONStorage = self._storage  # type: ignore[assignment]
        storage.sync()
        return storage.table(self.name) or {}

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        """TinyDB's update, done on the table itself instead of two copies of it.

        TinyDB copies the whole table to int keys and back for every insert, update or
        remove: O(n) per change, ~10 ms at 20,000 documents. The storage is told which table
        changed, so it re-serialises only that one.
        """
        storage: AtomicJSONStorage = self._storage  # type: ignore[assignment]
        tables = storage.tables_for(self.name)
        raw = tables.setdefault(self.name, {})
        docs = _DocIds(raw)
        updater(docs)  # type: ignore[arg-type]
        storage.write_table(tables, self.name, docs.written)


class _DocIds(MutableMapping[int, Doc]):
    """A table's documents as TinyDB's updaters see them (int doc ids), changed in place.

    A document is replaced by a copy before an updater can edit it, so a document once read
    is never edited in place: caches tell a changed document from an unchanged one by identity.
    """

    def __init__(self, raw: dict[str, Doc]) -> None:
        self.raw = raw
        self.written: list[Doc] = []

    def __getitem__(self, doc_id: int) -> Doc:
        doc = dict(self.raw[str(doc_id)])
        self.raw[str(doc_id)] = doc
        self.written.append(doc)
        return doc

    def __setitem__(self, doc_id: int, doc: Doc) -> None:
        self.raw[str(doc_id)] = doc
        self.written.append(doc)

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class _TinyDB(TinyDB):
    table_class = _Table


@dataclass(slots=True)
class _IdIndex:
    """A table's ids and their TinyDB doc ids (the first, as ``find`` would see it)."""

    version: int
    keys: dict[str, str]
    last: int
    twins: set[str]
    """Ids held by more than one document (a hand-edited file)."""

    @classmethod
    def build(cls, docs: dict[str, Doc], version: int) -> _IdIndex:
        keys: dict[str, str] = {}
        twins: set[str] = set()
        for key, doc in docs.items():
            item_id = doc.get("id")
            if keys.setdefault(item_id, key) != key:  # type: ignore[arg-type]
                twins.add(item_id)  # type: ignore[arg-type]
        return cls(version, keys, max(map(int, docs), default=0), twins)


@dataclass(slots=True)
class _ColumnIndex:
    """The tasks table's cards by column (:meth:`StoreBase.column_keys`), for board moves.

    Built once per version of the table and patched by this session's own writes
    (:meth:`StoreCore._write`, :meth:`StoreCore._delete`), which keep its version; any other
    change of the table (a file another session changed, an undo's rollback, an import, a
    merge) gives the table a new version, and the index is built again from the documents.
    """

    version: int
    columns: dict[str, dict[str, tuple[tuple[float, str, str], Any]]]
    where: dict[str, str]
    """TinyDB doc id -> the column it is filed under."""
    positions: dict[str, dict[str, float]]
    """Column -> TinyDB doc id -> the card's position as stored (for :meth:`bounds`)."""

    @classmethod
    def build(cls, docs: dict[str, Doc], version: int) -> _ColumnIndex:
        index = cls(version, {column: {} for column in COLUMNS}, {}, {c: {} for c in COLUMNS})
        columns, positions, where = index.columns, index.positions, index.where
        for key, doc in docs.items():  # put() inlined: 10,000 cards on a first move
            if "id" in doc:
                column = column_of(doc)
                columns[column][key] = (sort_key(doc), doc["id"])
                positions[column][key] = position_of(doc)
                where[key] = column
        return index

    def put(self, key: str, doc: Doc) -> None:
        self.drop(key)
        if "id" in doc:
            column = column_of(doc)
            self.columns[column][key] = (sort_key(doc), doc["id"])
            self.positions[column][key] = position_of(doc)
            self.where[key] = column

    def drop(self, key: str) -> None:
        column = self.where.pop(key, None)
        if column is not None:
            del self.columns[column][key]
            del self.positions[column][key]

    def bounds(self, column: str) -> tuple[float, float] | None:
        """The lowest and highest position of ``column``'s cards (None: it has none)."""
        positions = self.positions.get(column)
        if not positions:
            return None
        return min(positions.values()), max(positions.values())


class _Objects(Generic[Item]):
    """One table's documents as domain objects, rebuilt only for the documents that changed.

    A document the store changed is a new dict (see :class:`_DocIds`), so after this
    session's own change the changed documents are found by identity, position by position,
    at C speed. A table read again from disk is matched by id and compared by value.
    """

    FEW = 64
    """Up to this many changed positions, only those are looked at."""

    def __init__(self, from_doc: Callable[[Doc], Item]) -> None:
        self.from_doc = from_doc
        self.version = -1
        self.items: list[Item] = []
        self._docs: list[Doc] = []
        self._slots: list[Item | None] = []  # aligned with _docs (None: a document with no id)
        self._seen: dict[str, tuple[Doc, Item]] = {}

    def update(self, new: list[Doc], version: int) -> list[Item]:
        """The objects of the documents ``new``, the table's contents at ``version``."""
        if version == self.version:
            return self.items
        old = self._docs
        changed = list(compress(count(), map(is_not, old, new))) if len(new) >= len(old) else None
        if changed is not None and len(changed) <= min(self.FEW, len(old) // 4):
            slots = list(self._slots)
            for position in changed:
                slots[position] = self._convert(new[position])
            slots += [self._convert(doc) for doc in new[len(old) :]]
        else:
            seen, self._seen = self._seen, {}
            slots = [self._reuse(doc, seen) for doc in new]
        self._docs, self._slots, self.version = new, slots, version
        self.items = [item for item in slots if item is not None]
        return self.items

    def _convert(self, doc: Doc) -> Item | None:
        key = doc.get("id")
        if not isinstance(key, str):
            return None
        item = self.from_doc(doc)
        self._seen[key] = (doc, item)
        return item

    def _reuse(self, doc: Doc, seen: dict[str, tuple[Doc, Item]]) -> Item | None:
        key = doc.get("id")
        if not isinstance(key, str):
            return None
        hit = seen.get(key)
        if hit is None or (hit[0] is not doc and hit[0] != doc):
            return self._convert(doc)
        self._seen[key] = (doc, hit[1])
        return hit[1]


class StoreCore(StoreBase):
    """The one way to read and change a masterytui file.

    Every change runs as one transaction: take the file lock, re-read the file if another
    session changed it, apply, write atomically, release. Reads use a cache that is rebuilt
    only when the file changed. Domain rules are applied by the modules in :mod:`.ops`.
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = 5.0) -> None:
        self.path = Path(path).expanduser()
        self.lock = FileLock(self.path, timeout=lock_timeout)
        self.backups = Backups(self.path)
        self._db = _TinyDB(
            self.path, storage=AtomicJSONStorage, lock=self.lock, backups=self.backups
        )
        self.storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._undo: list[UndoStep] = []
        self._step: UndoStep | None = None
        self._pruned: UndoStep | None = None
        self._snapshot: Snapshot | None = None
        self._snapshot_generation = -1
        self._indexes: dict[str, _IdIndex] = {}
        self._columns: _ColumnIndex | None = None
        self._objects: dict[str, _Objects[Any]] = {
            "goals": _Objects(Goal.from_doc),
            "tasks": _Objects(Task.from_doc),
            "feedback": _Objects(FeedbackEntry.from_doc),
            "practice": _Objects(PracticeSession.from_doc),
        }
        self._task_counts: tuple[int, dict[str, tuple[int, int]]] | None = None
        self.write_behind: Callable[[Callable[[], None]], None] | None = None
        """Set by the app: runs a change's durable write in another thread, so the change
        returns once made in memory (None: a change returns once it is on disk). The file
        stays locked until the write has run; the next change waits for it."""
        self.write_failed: Callable[[PendingWrite], None] | None = None
        """Told (on the thread that reads next) when a pending write failed and was undone."""
        self.hurry_write: Callable[[], None] | None = None
        """Called before waiting for a pending write: it should start now if it waits."""
        self.open_check()

    # Opening ---------------------------------------------------------------------------------

    def open_check(self) -> None:
        """Read the file once; refuse a bad one (naming the newest good backup); migrate."""
        try:
            self.storage.sync()
            meta = self.storage.table("meta")
        except BadFileError as exc:
            raise BadFileError(f"{exc} {self._backup_hint()}") from None
        version = (meta or {}).get("1", {}).get("schema_version", SCHEMA_VERSION)
        problem = schema_problem(version) if self.storage.has_data() else None
        if problem:
            raise BadFileError(f"{self.path} {problem}. {self._backup_hint()}")
        if self.storage.has_data() and version < SCHEMA_VERSION:
            with self._transaction(force_backup=True):
                tables = self.storage.read()
                assert tables is not None
                migrate(tables, version)
                self.storage.write(tables)

    def _backup_hint(self) -> str:
        try:
            good = self.backups.newest_good()
        except StoreError:  # a backups folder that is refused (a link, another user's)
            return "It was left untouched."
        if good is None:
            return "It was left untouched. There is no backup to restore."
        return (
            f"It was left untouched. The newest good backup is {good.path} "
            f"({good.taken:%Y-%m-%d %H:%M}); restore it with `masterytui doctor --restore 1` "
            f"or by copying it over the file."
        )

    # Transactions ----------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, *, force_backup: bool = False) -> Iterator[None]:
        if self.lock.held:
            yield  # joins the change already under way
            return
        self.wait_for_writes()  # a change starts from data that is on disk
        self.lock.acquire()
        handed_over = False
        try:
            self.storage.begin()
            refused = False
            try:
                try:
                    yield
                except BaseException:
                    refused = not self.storage.dirty  # before it wrote anything
                    raise
                if self.storage.dirty:
                    self._ensure_meta()
                if self.write_behind is not None and self.storage.dirty:
                    write = self.storage.commit_later(force_backup=force_backup)
                    assert self.storage.pending is not None
                    self.storage.pending.step = self._step
                    self.lock.detach()  # the file stays locked until the write has run
                    handed_over = True
                    self.write_behind(write)
                else:
                    self.storage.commit(force_backup=force_backup)
            except BaseException:
                if refused:
                    self.storage.commit()  # nothing to write or forget: no re-read of the file
                elif not handed_over:
                    self.storage.rollback()
                raise
        finally:
            if not handed_over:
                self.lock.release()

    def wait_for_writes(self) -> None:
        """Wait until this session's pending write (see :attr:`write_behind`) is on disk, and
        take in its outcome: a failed one undoes its change in memory and is reported."""
        pending = self.storage.pending
        if pending is not None:
            if self.hurry_write is not None and not pending.done.is_set():
                self.hurry_write()
            pending.done.wait()
            self._settle()

    def _settle(self) -> None:
        settled = self.storage.settle()
        if settled is None or settled.error is None:
            return
        if settled.step is not None and settled.step in self._undo:
            self._undo.remove(settled.step)  # its change is not in the file
        self._snapshot = None
        if self.write_failed is not None:
            self.write_failed(settled)

    @contextmanager
    def change(self, label: str) -> Iterator[None]:
        """One undoable change: everything put or removed inside is written once, atomically."""
        if self._step is not None:
            yield
            return
        self._step = UndoStep(label)
        try:
            with self._transaction():
                yield
                self._step.after = [self._copy(t, i) for t, i, _ in self._step.before]
            if self._step.before:
                self._undo.append(self._step)
                del self._undo[:-UNDO_DEPTH]
        finally:
            self._step = None

    def _ensure_meta(self) -> None:
        meta = self._db.table("meta")
        if not meta.contains(doc_id=1):
            meta.insert(Document({"schema_version": SCHEMA_VERSION}, doc_id=1))

    # Primitives (used by the ops modules) ----------------------------------------------------

    def docs(self, table: str) -> dict[str, Doc]:
        """The raw documents of ``table`` keyed by TinyDB doc id (read-only by convention)."""
        if self.storage.pending is not None:
            self._settle()
        self.storage.sync()
        return self.storage.table(table) or {}

    def _ids(self, table: str) -> _IdIndex:
        """Where each id of ``table`` is, built once per version of the table."""
        docs = self.docs(table)  # re-reads the file first if another session changed it
        version = self.storage.table_version(table)
        index = self._indexes.get(table)
        if index is None or index.version != version:
            index = self._indexes[table] = _IdIndex.build(docs, version)
        return index

    def _column_index(self) -> _ColumnIndex:
        docs = self.docs("tasks")  # re-reads the file first if another session changed it
        version = self.storage.table_version("tasks")
        index = self._columns
        if index is None or index.version != version:
            index = self._columns = _ColumnIndex.build(docs, version)
        return index

    def column_keys(self, column: str) -> dict[str, tuple[tuple[float, str, str], Any]]:
        return self._column_index().columns.get(column, {})

    def column_bounds(self, column: str) -> tuple[float, float] | None:
        """The lowest and highest position of ``column``'s cards (those with an id), from the
        column index rather than a scan of every task (each new task asks)."""
        return self._column_index().bounds(column)

    def _doc_id(self, table: str, item_id: str) -> int | None:
        key = self._ids(table).keys.get(item_id)
        return None if key is None else int(key)

    def find(self, table: str, item_id: str) -> Doc | None:
        key = self._ids(table).keys.get(item_id)
        return None if key is None else self.docs(table).get(key)

    def id_taken(self, table: str, item_id: str) -> bool:
        return item_id in self._ids(table).keys

    def put(self, table: str, doc: Doc) -> None:
        """Insert or replace the document with ``doc['id']``; must run inside :meth:`change`.

        The document is stamped with the time of the change and any tombstone of its id is
        lifted (:mod:`.stamps`): every write of every operation goes through here.
        """
        self._require_change()
        before = self._copy(table, doc["id"])
        self._record(table, doc["id"], before)
        self._write(table, stamped(doc, before))
        buried = tombstone_id(table, doc["id"])
        if table != TOMBSTONES and self.id_taken(TOMBSTONES, buried):
            self._delete(TOMBSTONES, buried)

    def remove(self, table: str, item_id: str) -> None:
        """Remove the document ``item_id``, leaving a tombstone; must run inside :meth:`change`."""
        self._require_change()
        before = self._copy(table, item_id)
        if before is None:
            return
        self._record(table, item_id, before)
        self._delete(table, item_id)
        if table != TOMBSTONES:
            self._write(TOMBSTONES, tombstone(table, item_id, before))
            if self._pruned is not self._step:  # once per change, however much it removes
                self._pruned = self._step
                self._prune_tombstones()

    def _write(self, table: str, doc: Doc) -> None:
        """Insert or replace ``doc`` as it is (no stamp, no undo record)."""
        index = self._ids(table)
        before = self.storage.table_version(table)
        key = index.keys.get(doc["id"])
        tinydb_table = self._db.table(table)
        if key is None:
            doc_id = index.last + 1
            tinydb_table.insert(Document(doc, doc_id=doc_id))
            index.keys[doc["id"]] = str(doc_id)
            index.last = doc_id
        else:
            tinydb_table.update(_replace_with(doc), doc_ids=[int(key)])
        index.version = self.storage.table_version(table)  # still true after this change
        if table == "tasks":
            self._patch_columns(str(doc_id) if key is None else key, before)

    def _patch_columns(self, key: str, before: int) -> None:
        """Bring the column index up to date with the tasks document ``key`` just written or
        removed, if it was up to date with the table's version ``before`` that change."""
        columns = self._columns
        if columns is None:
            return
        if columns.version != before:
            self._columns = None  # built from some other version: rebuilt on next use
            return
        doc = (self.storage.table("tasks") or {}).get(key)
        if doc is None:
            columns.drop(key)
        else:
            columns.put(key, doc)
        columns.version = self.storage.table_version("tasks")

    def _delete(self, table: str, item_id: str) -> None:
        """Remove the document with ``item_id`` as it is (no tombstone, no undo record)."""
        doc_id = self._doc_id(table, item_id)
        if doc_id is None:
            return
        before = self.storage.table_version(table)
        self._db.table(table).remove(doc_ids=[doc_id])
        if table == "tasks":
            self._patch_columns(str(doc_id), before)
        index = self._indexes.get(table)
        if index is None or item_id in index.twins:
            self._indexes.pop(table, None)  # rebuilt on next use: a twin id may now be first
        else:
            del index.keys[item_id]
            index.version = self.storage.table_version(table)  # still true after this change

    def _prune_tombstones(self) -> None:
        """Forget tombstones older than :data:`~.stamps.KEEP_TOMBSTONES`."""
        old = [d["id"] for d in self.docs(TOMBSTONES).values() if expired(d)]
        for item_id in old:
            self._delete(TOMBSTONES, item_id)

    def _record(self, table: str, item_id: str, before: Doc | None) -> None:
        assert self._step is not None
        if (table, item_id) not in self._step.touched:
            self._step.touched.add((table, item_id))
            self._step.before.append((table, item_id, before))

    def _require_change(self) -> None:
        if self._step is None:
            raise RuntimeError("store writes must run inside `with store.change(label):`")

    # Undo ------------------------------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        """What :meth:`undo` would undo, or None when there is nothing."""
        return self._undo[-1].label if self._undo else None

    def undo(self, *, force: bool = False) -> str | None:
        """Undo this session's last change; returns its label, or None if there was none.

        All or nothing, under the lock: if another session changed, deleted or re-created
        any record of the change since, UndoConflictError says so and nothing is written,
        unless ``force`` (undo anyway, overwriting theirs). See :meth:`drop_undo`.
        """
        if not self._undo:
            return None
        step = self._undo.pop()
        self._step = UndoStep(f"undo {step.label}")
        try:
            with self._transaction():
                if not force:
                    check(step, self.find)
                for table, item_id, before in reversed(step.before):
                    if before is None:
                        self.remove(table, item_id)
                    else:
                        self.put(table, before)
        except BaseException:
            self._undo.append(step)
            raise
        finally:
            self._step = None
        return step.label

    def drop_undo(self) -> str | None:
        """Forget the last undo step, keeping the file as it is (keep the other session's)."""
        return self._undo.pop().label if self._undo else None

    def _copy(self, table: str, item_id: str) -> Doc | None:
        doc = self.find(table, item_id)
        return None if doc is None else copy.deepcopy(doc)

    # Snapshot for the screens ----------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Everything in the file as domain objects, the same object until the file changes.

        Each table is turned into objects the first time a screen reads it, and after a
        change only the tables it touched are looked at again, and in them only the documents
        that changed are converted.
        """
        if self.storage.pending is not None:
            self._settle()
        self.storage.sync()
        if self._snapshot is None or self._snapshot_generation != self.storage.generation:
            self._snapshot = Snapshot(
                **{name: self._table_maker(name) for name in self._objects},
                versions={name: self.storage.table_version(name) for name in self._objects},
                pickers={name: self._picker(name) for name in ("tasks", "feedback", "practice")},
            )
            self._snapshot_generation = self.storage.generation
        return self._snapshot

    def _table_maker(self, name: str) -> Callable[[], list[Any]]:
        """What makes table ``name``'s objects as they are now, whenever it is called."""
        objects = self._objects[name]
        version = self.storage.table_version(name)
        if version == objects.version:
            items = objects.items
            return lambda: items
        if not self.storage.is_parsed(name):  # parsed (and so changed) only when first used
            return lambda: objects.update(list(self.docs(name).values()), version)
        docs = list(self.docs(name).values())  # documents are replaced, never edited in place
        return lambda: objects.update(docs, version)

    def _picker(self, name: str) -> Callable[[Collection[str]], list[Any]]:
        """What makes the objects of table ``name`` linked to some goals, as the table is now,
        converting only those documents (a document without an id is left out, as in the
        table's objects)."""
        objects = self._objects[name]
        docs = None if not self.storage.is_parsed(name) else list(self.docs(name).values())

        def pick(goal_ids: Collection[str]) -> list[Any]:
            found = docs if docs is not None else self.docs(name).values()
            return [
                objects.from_doc(doc)
                for doc in found
                if ref(doc.get("goal_id")) in goal_ids and isinstance(doc.get("id"), str)
            ]

        return pick

    def task_counts(self) -> dict[str, tuple[int, int]]:
        """Each goal's own tasks, (done, all), by goal id: what the goal tree's progress needs,
        without making task objects (see :mod:`.task_counts`); kept until the tasks change."""
        self.storage.sync()
        version = self.storage.table_version("tasks")
        if self._task_counts is not None and self._task_counts[0] == version:
            return self._task_counts[1]
        objects = self._objects["tasks"]
        raw = self.storage.unparsed("tasks")
        counts = None if raw is None else counts_of_bytes(raw)
        if counts is None and objects.version == version:
            counts = own_task_counts(objects.items)
        if counts is None:
            counts = counts_of_docs(self.docs("tasks").values())
        self._task_counts = (version, counts)
        return counts

    @property
    def data_version(self) -> int:
        """A number that changes whenever the data this store holds changes: a write of this
        session, or the file re-read after another session's change (by any read)."""
        return self.storage.generation

    def changed_on_disk(self) -> bool:
        """True when another session changed the file since this one last read it (a stat)."""
        return self.storage.changed_on_disk()

    # Settings --------------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        settings = self.docs("meta").get("1", {}).get("settings")
        return settings.get(key, default) if isinstance(settings, dict) else default

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a setting (theme, last screen) in ``meta``; not part of undo."""
        if self.setting(key) == value:
            return
        with self._transaction():
            self._ensure_meta()
            current = self.docs("meta")["1"].get("settings")
            settings = dict(current) if isinstance(current, dict) else {}
            settings[key] = value
            self._db.table("meta").update({"settings": settings}, doc_ids=[1])


def _replace_with(doc: Doc) -> Callable[[MutableMapping[Any, Any]], None]:
    def replace(existing: MutableMapping[Any, Any]) -> None:
        existing.clear()
        existing.update(copy.deepcopy(doc))

    return replace
