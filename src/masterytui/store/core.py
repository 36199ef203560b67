"""The core of the store: transactions, undo, snapshots and look-ups (DESIGN §2, §6)."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from ..domain.errors import AmbiguousError, NotFoundError
from ..domain.model import FeedbackEntry, Goal, PracticeSession, Snapshot, Task
from .backups import Backups
from .errors import BadFileError, ConflictError
from .files import SCHEMA_VERSION, Data
from .lock import FileLock
from .migrations import migrate
from .storage import AtomicJSONStorage

Doc = dict[str, Any]
ID_PREFIX = {"goals": "g", "tasks": "t", "feedback": "f", "practice": "p"}
UNDO_DEPTH = 50


class _Table(Table):
    """A TinyDB table safe for many processes: no cached ids or query results.

    Another session may have inserted documents since this one last looked, so the next id
    is always worked out from the table as it is now, and query results are never reused.
    """

    default_query_cache_capacity = 0

    def _get_next_id(self) -> int:
        self._next_id = None
        return int(super()._get_next_id())  # type: ignore[no-untyped-call]


class _TinyDB(TinyDB):
    table_class = _Table


@dataclass(slots=True)
class UndoStep:
    """What one change did, as before-images: (table, id, document before or None)."""

    label: str
    before: list[tuple[str, str, Doc | None]] = field(default_factory=list)


class StoreCore:
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
        self._snapshot: Snapshot | None = None
        self._snapshot_generation = -1
        self.open_check()

    # Opening ---------------------------------------------------------------------------------

    def open_check(self) -> None:
        """Read the file once; refuse a bad one (naming the newest good backup); migrate."""
        try:
            data = self.storage.read()
        except BadFileError as exc:
            raise BadFileError(f"{exc} {self._backup_hint()}") from None
        version = _schema_version(data)
        if data and version < SCHEMA_VERSION:
            with self._transaction(force_backup=True):
                tables = self.storage.read()
                assert tables is not None
                migrate(tables, version)
                self.storage.write(tables)

    def _backup_hint(self) -> str:
        good = self.backups.newest_good()
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
        self.lock.acquire()
        try:
            self.storage.begin()
            try:
                yield
                if self.storage.dirty:
                    self._ensure_meta()
                self.storage.commit(force_backup=force_backup)
            except BaseException:
                self.storage.rollback()
                raise
        finally:
            self.lock.release()

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
            if self._step.before:
                self._undo.append(self._step)
                del self._undo[:-UNDO_DEPTH]
        finally:
            self._step = None

    def _ensure_meta(self) -> None:
        meta = self._db.table("meta")
        if not meta.contains(doc_id=1):
            meta.insert(Document({"schema_version": SCHEMA_VERSION}, doc_id=1))

    # Low-level reads and writes (used by the ops modules) ------------------------------------

    def docs(self, table: str) -> dict[str, Doc]:
        """The raw documents of ``table`` keyed by TinyDB doc id (read-only by convention)."""
        data = self.storage.read()
        return (data or {}).get(table, {})

    def find(self, table: str, item_id: str) -> Doc | None:
        """The raw document with ``id`` equal to ``item_id``, or None."""
        return next((d for d in self.docs(table).values() if d.get("id") == item_id), None)

    def _doc_id(self, table: str, item_id: str) -> int | None:
        for doc_id, doc in self.docs(table).items():
            if doc.get("id") == item_id:
                return int(doc_id)
        return None

    def new_id(self, table: str) -> str:
        """A short id, unique in ``table``, that a person can type (``t3fa9c1``)."""
        taken = {d.get("id") for d in self.docs(table).values()}
        while True:
            candidate = ID_PREFIX[table] + os.urandom(3).hex()
            if candidate not in taken:
                return candidate

    def put(self, table: str, doc: Doc) -> None:
        """Insert or replace the document with ``doc['id']``; must run inside :meth:`change`."""
        self._require_change()
        doc_id = self._doc_id(table, doc["id"])
        before = None
        if doc_id is not None:
            before = copy.deepcopy(self.docs(table)[str(doc_id)])
        self._record(table, doc["id"], before)
        tinydb_table = self._db.table(table)
        if doc_id is None:
            tinydb_table.insert(doc)
        else:
            tinydb_table.update(_replace_with(doc), doc_ids=[doc_id])

    def remove(self, table: str, item_id: str) -> None:
        """Remove the document with ``id`` ``item_id``; must run inside :meth:`change`."""
        self._require_change()
        doc_id = self._doc_id(table, item_id)
        if doc_id is None:
            return
        self._record(table, item_id, copy.deepcopy(self.docs(table)[str(doc_id)]))
        self._db.table(table).remove(doc_ids=[doc_id])

    def _record(self, table: str, item_id: str, before: Doc | None) -> None:
        assert self._step is not None
        if not any(t == table and i == item_id for t, i, _ in self._step.before):
            self._step.before.append((table, item_id, before))

    def editable(self, table: str, item_id: str, expected: Any, force: bool, what: str) -> Doc:
        """The document to edit, read under the lock, refusing an edit of a stale copy.

        ``expected`` is the domain object the user's form was opened on (None: no check). If
        another session changed or deleted it since, a ConflictError says so, unless
        ``force``, which keeps the user's version (and brings back a deleted one).
        """
        doc = self.find(table, item_id)
        if expected is not None and not force:
            if doc is None:
                raise ConflictError(
                    f"This {what} was deleted in another session after you opened it.",
                    deleted=True,
                )
            if type(expected).from_doc(doc) != expected:
                raise ConflictError(
                    f"This {what} was changed in another session after you opened it."
                )
        if doc is None:
            if force and expected is not None:
                return dict(expected.to_doc())
            raise NotFoundError(f"There is no {what} with id {item_id!r}.")
        return doc

    def _require_change(self) -> None:
        if self._step is None:
            raise RuntimeError("store writes must run inside `with store.change(label):`")

    # Undo ------------------------------------------------------------------------------------

    @property
    def undo_label(self) -> str | None:
        """What :meth:`undo` would undo, or None when there is nothing."""
        return self._undo[-1].label if self._undo else None

    def undo(self) -> str | None:
        """Undo this session's last change; returns its label, or None if there was none."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._step = UndoStep(f"undo {step.label}")
        try:
            with self._transaction():
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

    # Snapshot for the screens ----------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Everything in the file as domain objects; rebuilt only when the file changed."""
        self.storage.read()
        if self._snapshot is None or self._snapshot_generation != self.storage.generation:
            self._snapshot = Snapshot(
                goals=[Goal.from_doc(d) for d in self.docs("goals").values()],
                tasks=[Task.from_doc(d) for d in self.docs("tasks").values()],
                feedback=[FeedbackEntry.from_doc(d) for d in self.docs("feedback").values()],
                practice=[PracticeSession.from_doc(d) for d in self.docs("practice").values()],
            )
            self._snapshot_generation = self.storage.generation
        return self._snapshot

    def changed_on_disk(self) -> bool:
        """True when another session changed the file since this one last read it (a stat)."""
        return self.storage.changed_on_disk()

    # Settings --------------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        meta = self.docs("meta").get("1", {})
        return meta.get("settings", {}).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a setting (theme, last screen) in ``meta``; not part of undo."""
        if self.setting(key) == value:
            return
        with self._transaction():
            self._ensure_meta()
            settings = dict(self.docs("meta")["1"].get("settings", {}))
            settings[key] = value
            self._db.table("meta").update({"settings": settings}, doc_ids=[1])

    # Look-ups --------------------------------------------------------------------------------

    def goal(self, goal_id: str) -> Goal:
        doc = self.find("goals", goal_id)
        if doc is None:
            raise NotFoundError(f"There is no goal with id {goal_id!r}.")
        return Goal.from_doc(doc)

    def task(self, task_id: str) -> Task:
        doc = self.find("tasks", task_id)
        if doc is None:
            raise NotFoundError(f"There is no task with id {task_id!r}.")
        return Task.from_doc(doc)

    def resolve_goal(self, ref: str) -> Goal:
        """A goal by id, exact title, or unique title prefix (any case)."""
        text = ref.strip()
        goals = [Goal.from_doc(d) for d in self.docs("goals").values()]
        for goal in goals:
            if goal.id == text:
                return goal
        lowered = text.lower()
        exact = [g for g in goals if g.title.lower() == lowered]
        matches = exact or [g for g in goals if g.title.lower().startswith(lowered)]
        if not text or not matches:
            raise NotFoundError(f"No goal has the id or a title starting with {text!r}.")
        if len(matches) > 1:
            names = [f"{g.id}  {g.title}" for g in sorted(matches, key=lambda g: g.title)]
            raise AmbiguousError(
                f"{text!r} matches {len(matches)} goals: " + "; ".join(names) + ".", names
            )
        return matches[0]


def _replace_with(doc: Doc) -> Callable[[MutableMapping[Any, Any]], None]:
    def replace(existing: MutableMapping[Any, Any]) -> None:
        existing.clear()
        existing.update(copy.deepcopy(doc))

    return replace


def _schema_version(data: Data | None) -> int:
    version = (data or {}).get("meta", {}).get("1", {}).get("schema_version")
    return version if isinstance(version, int) else SCHEMA_VERSION
