"""What every change needs from a store, whichever way the file is read and written.

The changes (:mod:`.goals`, :mod:`.tasks`, :mod:`.log`) are written against these few
primitives. :class:`.core.StoreCore` provides them on the whole file through TinyDB; the quick
path of ``masterytui add`` (:mod:`.quick`) provides the ones an added document needs without
parsing the file, and asks for the whole store for anything else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..domain.errors import NotFoundError
from ..domain.model import COLUMNS, Goal, Task
from ..domain.reading import number
from .errors import ConflictError

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from typing import Any

Doc = dict[str, "Any"]
ID_PREFIX = {"goals": "g", "tasks": "t", "feedback": "f", "practice": "p"}


class StoreBase:
    """The primitives of a store and the look-ups built on them."""

    # Primitives ------------------------------------------------------------------------------

    def docs(self, table: str) -> dict[str, Doc]:
        """The raw documents of ``table`` keyed by TinyDB doc id (read-only by convention)."""
        raise NotImplementedError

    def change(self, label: str) -> AbstractContextManager[None]:
        """One undoable change: everything put or removed inside is written once, atomically."""
        raise NotImplementedError

    def put(self, table: str, doc: Doc) -> None:
        """Insert or replace the document with ``doc['id']``; must run inside :meth:`change`."""
        raise NotImplementedError

    def remove(self, table: str, item_id: str) -> None:
        """Remove the document with ``id`` ``item_id``; must run inside :meth:`change`."""
        raise NotImplementedError

    def id_taken(self, table: str, item_id: str) -> bool:
        """True when ``table`` has a document with this id."""
        return self.find(table, item_id) is not None

    def column_keys(self, column: str) -> dict[str, tuple[tuple[float, str, str], Any]]:
        """``column``'s task documents (those with an id): TinyDB doc id -> (board sort key,
        the raw id), in no particular order. A scan here; the store keeps an index."""
        return column_keys(self.docs("tasks"), column)

    def column_bounds(self, column: str) -> tuple[float, float] | None:
        """The lowest and highest card position in ``column``, or None when it is empty."""
        return column_bounds(self.docs("tasks").values()).get(column)

    def practice_minutes(self, day: str, *, excluding: str | None = None) -> int:
        """The minutes of practice logged on ``day`` (ISO), leaving out session ``excluding``."""
        return sum(
            minutes_of(d)
            for d in self.docs("practice").values()
            if d.get("date") == day and d.get("id") != excluding
        )

    # Look-ups --------------------------------------------------------------------------------

    def holds_data(self) -> bool:
        """True when the file has any goal, task, feedback entry or practice session.

        (Settings do not count.) Tables are read one at a time and only until one has a
        document, so a full file answers from its first table.
        """
        return any(self.docs(table) for table in ("goals", "tasks", "feedback", "practice"))

    def find(self, table: str, item_id: str) -> Doc | None:
        """The raw document with ``id`` equal to ``item_id``, or None."""
        return next((d for d in self.docs(table).values() if d.get("id") == item_id), None)

    def new_id(self, table: str) -> str:
        """A short id, unique in ``table``, that a person can type (``t3fa9c1``)."""
        while True:
            candidate = ID_PREFIX[table] + os.urandom(3).hex()
            if not self.id_taken(table, candidate):
                return candidate

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
        """The goal ``ref`` names: id, title, title start or word start (:mod:`.matching`)."""
        from ..domain.matching import match_goal  # only `add --goal` needs it

        return match_goal(ref, (Goal.from_doc(d) for d in self.docs("goals").values()))


def minutes_of(doc: Doc) -> int:
    """A practice document's minutes (anything but a whole number counts as 0)."""
    value = doc.get("minutes")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return 0
    return int(value) if abs(value) < 1e12 else 0


def position_of(doc: Doc) -> float:
    """A stored position as a number (anything else in a hand-edited file counts as 0)."""
    return number(doc.get("position"), 0)


def column_of(doc: Doc) -> str:
    """A task document's column, as ``Task.from_doc`` reads it."""
    column = doc.get("column")
    return column if column in COLUMNS else "backlog"


def sort_key(doc: Doc) -> tuple[float, str, str]:
    """A task document's place in its column (as ``Task.from_doc`` would order it)."""
    return (float(position_of(doc)), str(doc.get("created_at") or ""), str(doc["id"]))


def column_keys(docs: dict[str, Doc], column: str) -> dict[str, tuple[tuple[float, str, str], Any]]:
    """See :meth:`StoreBase.column_keys`: the scan of every document."""
    return {
        key: (sort_key(doc), doc["id"])
        for key, doc in docs.items()
        if "id" in doc and column_of(doc) == column
    }


def column_bounds(docs: Iterable[Doc]) -> dict[str, tuple[float, float]]:
    """For each column with cards, its lowest and highest position."""
    bounds: dict[str, tuple[float, float]] = {}
    for doc in docs:
        column = column_of(doc)
        position = position_of(doc)
        seen = bounds.get(column)
        if seen is None:
            bounds[column] = (position, position)
        elif position < seen[0]:
            bounds[column] = (position, seen[1])
        elif position > seen[1]:
            bounds[column] = (seen[0], position)
    return bounds
