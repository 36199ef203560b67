"""Board reads and moves that stay quick on a file with years of tasks.

``store.snapshot()`` turns every document of every table into a dataclass whenever the file
changed: at 10,000 tasks, 5,000 feedback entries and 20,000 practice sessions that is a few
hundred milliseconds, paid after every card moved. The Board needs only goals and tasks, so
:class:`BoardCache` keeps them as domain objects and, after a change, rebuilds only the
documents that differ from what it saw last.

:func:`move_card` and :func:`reorder_card` are :meth:`TaskOps.move_task` and
:meth:`TaskOps.reorder_task` worked out from the raw documents (sort keys, not a dataclass per
card of the column), with the same rules and the same single undoable, atomic change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Generic, TypeVar

from ..domain import rules
from ..domain.errors import NotFoundError
from ..domain.model import COLUMN_TITLES, COLUMNS, Goal, Task
from .core import StoreCore

Item = TypeVar("Item")
Doc = dict[str, Any]


class _TableCache(Generic[Item]):
    """Domain objects of one table, rebuilt only for documents that changed."""

    def __init__(self, table: str, from_doc: Callable[[Doc], Item]) -> None:
        self.table = table
        self.from_doc = from_doc
        self.seen: dict[str, tuple[Doc, Item]] = {}

    def items(self, docs: dict[str, Doc]) -> list[Item]:
        seen: dict[str, tuple[Doc, Item]] = {}
        items: list[Item] = []
        old = self.seen
        for doc in docs.values():
            key = doc.get("id")
            if not isinstance(key, str):
                continue
            hit = old.get(key)
            if hit is None or hit[0] != doc:
                # A shallow copy is enough: the store replaces documents, never edits values.
                hit = (dict(doc), self.from_doc(doc))
            seen[key] = hit
            items.append(hit[1])
        self.seen = seen
        return items


class BoardCache:
    """Goals and tasks of ``store`` as domain objects, refreshed when the file changed.

    After a change this session announced with :meth:`expect` (a card moved), only the
    announced cards are read again; any other change, here or in another session, compares
    every document with the copy seen last and rebuilds the ones that differ.
    """

    def __init__(self, store: StoreCore) -> None:
        self.store = store
        self._goals = _TableCache("goals", Goal.from_doc)
        self._tasks = _TableCache("tasks", Task.from_doc)
        self._generation = -1
        self._expected: set[str] | None = None
        self._index: dict[str, int] = {}
        self.goals: list[Goal] = []
        self.tasks: list[Task] = []

    def expect(self, task_ids: set[str]) -> None:
        """The next write will be this session's change of exactly these (existing) tasks."""
        self.load()
        self._expected = set(task_ids)

    def forget(self) -> None:
        """The announced change did not happen."""
        self._expected = None

    def load(self) -> BoardCache:
        """Bring :attr:`goals` and :attr:`tasks` up to date with the file; returns self."""
        goal_docs = self.store.docs("goals")  # re-reads the file if another session wrote
        generation = self.store.storage.generation
        expected, self._expected = self._expected, None
        if generation == self._generation:
            return self
        # One commit since the announcement, and nothing read from disk in between: only
        # the announced documents can differ.
        if expected is not None and generation == self._generation + 1 and self._patch(expected):
            self._generation = generation
            return self
        self.goals = self._goals.items(goal_docs)
        self.tasks = self._tasks.items(self.store.docs("tasks"))
        self._index = {task.id: n for n, task in enumerate(self.tasks)}
        self._generation = generation
        return self

    def _patch(self, task_ids: set[str]) -> bool:
        docs = [d for d in self.store.docs("tasks").values() if d.get("id") in task_ids]
        if len(docs) != len(task_ids) or any(d["id"] not in self._index for d in docs):
            return False
        tasks = list(self.tasks)
        for doc in docs:
            task = Task.from_doc(doc)
            tasks[self._index[doc["id"]]] = task
            self._tasks.seen[doc["id"]] = (dict(doc), task)
        self.tasks = tasks
        return True


def _sort_key(doc: Doc) -> tuple[float, str, str]:
    position = doc.get("position")
    if isinstance(position, bool) or not isinstance(position, int | float):
        position = 0
    return (float(position), str(doc.get("created_at") or ""), str(doc["id"]))


def _column_of(doc: Doc) -> str:
    column = doc.get("column")
    return column if column in COLUMNS else "backlog"


def _column_docs(store: StoreCore, column: str) -> list[Doc]:
    """The raw documents of ``column`` in board order (as Task.from_doc would read them)."""
    docs = [d for d in store.docs("tasks").values() if _column_of(d) == column and "id" in d]
    docs.sort(key=_sort_key)
    return docs


def _task(store: StoreCore, task_id: str) -> Task:
    doc = store.find("tasks", task_id)
    if doc is None:
        raise NotFoundError(f"There is no task with id {task_id!r}.")
    return Task.from_doc(doc)


def _tidy(position: float) -> float:
    """Keep whole positions as ints in the file."""
    return int(position) if float(position).is_integer() else position


def move_card(store: StoreCore, task_id: str, column: str, index: int | None = None) -> Task:
    """Move a card to ``column`` at ``index`` (default: the top); stamps or clears done_at."""
    column = rules.check_choice(column, COLUMNS, what="Column", field="column")
    title = _task(store, task_id).title
    with store.change(f"move {title!r} to {COLUMN_TITLES[column]}"):
        task = _task(store, task_id)  # as it is now, under the lock
        peers = [_sort_key(d)[0] for d in _column_docs(store, column) if d["id"] != task_id]
        at = 0 if index is None else max(0, min(index, len(peers)))
        if not peers:
            position: float = 0
        elif at == 0:
            position = peers[0] - 1
        elif at == len(peers):
            position = peers[-1] + 1
        else:
            position = (peers[at - 1] + peers[at]) / 2
        done_at = task.done_at
        if column == "done" and task.column != "done":
            done_at = rules.now_iso()
        elif column != "done":
            done_at = None
        moved = replace(task, column=column, position=_tidy(position), done_at=done_at)
        store.put("tasks", moved.to_doc())
    return moved


def reorder_card(store: StoreCore, task_id: str, delta: int) -> bool:
    """Move a card ``delta`` places within its column; False at either end or for 0."""
    title = _task(store, task_id).title
    with store.change(f"reorder {title!r}"):
        task = _task(store, task_id)
        peers = _column_docs(store, task.column)
        index = next(i for i, d in enumerate(peers) if d["id"] == task_id)
        target = index + delta
        if not 0 <= target < len(peers) or delta == 0:
            return False
        low, high = sorted((index, target))
        # The stretch that moves keeps the positions it already spans, so only it changes.
        slots = [_sort_key(d)[0] for d in peers[low : high + 1]]
        peers.insert(target, peers.pop(index))
        if len(set(slots)) < len(slots):  # ties from an old or hand-edited file
            low, high, slots = 0, len(peers) - 1, [float(n) for n in range(len(peers))]
        for offset, doc in enumerate(peers[low : high + 1]):
            if _sort_key(doc)[0] != slots[offset]:
                peer = Task.from_doc(doc)
                store.put("tasks", replace(peer, position=_tidy(slots[offset])).to_doc())
    return True
