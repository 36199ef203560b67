"""Board moves that stay quick on a file with years of tasks.

The work behind :meth:`TaskOps.move_task` and :meth:`TaskOps.reorder_task` (call those): worked
out from the raw documents (sort keys, not a dataclass per card of the column), each one
undoable, atomic change.
"""

from __future__ import annotations

from itertools import pairwise

from ..domain import rules
from ..domain.errors import NotFoundError
from ..domain.model import COLUMN_TITLES, COLUMNS, Task
from ..domain.record import replace
from .base import Doc, StoreBase, sort_key
from .recurring import next_occurrence

_sort_key = sort_key


def _column_docs(store: StoreBase, column: str) -> list[Doc]:
    """The raw documents of ``column`` in board order (as Task.from_doc would read them):
    sort keys that tie keep the table's order."""
    docs = store.docs("tasks")
    keys = store.column_keys(column)
    order = sorted(keys, key=lambda key: keys[key][0])
    if any(keys[a][0] == keys[b][0] for a, b in pairwise(order)):
        # ties (an old or hand-edited file): the table's order decides, as a scan sees it
        order = [key for key in docs if key in keys]
        order.sort(key=lambda key: keys[key][0])
    return [docs[key] for key in order]


def _positions(store: StoreBase, column: str, leaving: str) -> list[float]:
    """The positions of ``column``'s cards other than ``leaving``, unsorted (a hand-edited
    unknown column reads as the Backlog)."""
    return [key[0] for key, item_id in store.column_keys(column).values() if item_id != leaving]


MIN_GAP = 2.0**-20
"""The closest two cards' positions come before a move between them renumbers the column."""


def _renumber(store: StoreBase, column: str, moving: str, at: int) -> int:
    """Give ``column``'s cards (without ``moving``) the positions 0, 1, 2... in board order,
    leaving a place for ``moving`` at ``at``; return that place."""
    others = [d for d in _column_docs(store, column) if d["id"] != moving]
    for index, doc in enumerate(others):
        slot = index if index < at else index + 1
        if _sort_key(doc)[0] != slot:
            store.put("tasks", replace(Task.from_doc(doc), position=slot).to_doc())
    return at


def _task(store: StoreBase, task_id: str) -> Task:
    doc = store.find("tasks", task_id)
    if doc is None:
        raise NotFoundError(f"There is no task with id {task_id!r}.")
    return Task.from_doc(doc)


def _tidy(position: float) -> float:
    """Keep whole positions as ints in the file."""
    return int(position) if float(position).is_integer() else position


def _place(store: StoreBase, task: Task, column: str, index: int | None) -> float:
    """The position that puts ``task`` at ``index`` among ``column``'s other cards (None:
    the top), renumbering the column when there is no room left there."""
    if index is None and task.column != column:
        # A key move to the top of another column: below its lowest card, found without a
        # scan of the column (the store keeps its bounds).
        bounds = store.column_bounds(column)
        return 0 if bounds is None else bounds[0] - 1
    peers = _positions(store, column, task.id)
    at = 0 if index is None else max(0, min(index, len(peers)))
    if not peers:
        return 0
    if at == 0:
        return min(peers) - 1  # the top: no sort needed
    if at == len(peers):
        return max(peers) + 1
    peers.sort()
    position = (peers[at - 1] + peers[at]) / 2
    if not peers[at - 1] + MIN_GAP <= position <= peers[at] - MIN_GAP:
        # No room left between the two (or they tie): number the column afresh, in the same
        # change, so the card lands exactly where it was dropped.
        return _renumber(store, column, task.id, at)
    return position


def move_card(store: StoreBase, task_id: str, column: str, index: int | None = None) -> Task:
    """Move a card to ``column`` at ``index`` (default: the top); stamps or clears done_at."""
    column = rules.check_choice(column, COLUMNS, what="Column", field="column")
    title = _task(store, task_id).title
    with store.change(f"move {title!r} to {COLUMN_TITLES[column]}"):
        task = _task(store, task_id)  # as it is now, under the lock
        position = _place(store, task, column, index)
        done_at = task.done_at
        if column == "done" and task.column != "done":
            done_at = rules.now_iso()
        elif column != "done":
            done_at = None
        moved = replace(task, column=column, position=_tidy(position), done_at=done_at)
        if column == "done" and task.column != "done" and done_at and task.recur:
            following = next_occurrence(store, task, done_at)
            if following is not None:
                moved = replace(moved, recur=replace(task.recur, next=following.id))
        store.put("tasks", moved.to_doc())
    return moved


def reorder_card(store: StoreBase, task_id: str, delta: int) -> bool:
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
        positions = [_sort_key(d)[0] for d in peers]
        if len(set(positions)) < len(positions):  # ties from an old or hand-edited file
            # (a tie just outside the stretch matters too: the card moved to its end would
            # take a position some other card also has)
            low, high, slots = 0, len(peers) - 1, [float(n) for n in range(len(peers))]
        for offset, doc in enumerate(peers[low : high + 1]):
            if _sort_key(doc)[0] != slots[offset]:
                peer = Task.from_doc(doc)
                store.put("tasks", replace(peer, position=_tidy(slots[offset])).to_doc())
    return True
