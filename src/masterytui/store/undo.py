"""Undo steps: what one change did, and whether undoing it would overwrite someone else.

A step keeps, for every record the change touched, the document before it (what undo puts
back) and the document this session wrote (its after-image). Undo is safe only while each
record is still what this session wrote: if another session changed or deleted one since, or
created one with the id of a record this change removed, undoing would silently throw their
work away, so :func:`check` raises :class:`UndoConflictError` and the caller asks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .base import Doc
from .errors import ConflictError
from .stamps import STAMP

WHAT = {"goals": "goal", "tasks": "task", "feedback": "feedback entry", "practice": "session"}
NAMED = 3
"""At most this many records are named in a conflict's message."""


@dataclass(slots=True)
class UndoStep:
    """What one change did: (table, id, document before or None), and what it wrote.

    ``after`` is aligned with ``before``: the document this session left (None: removed).
    """

    label: str
    before: list[tuple[str, str, Doc | None]] = field(default_factory=list)
    after: list[Doc | None] = field(default_factory=list)
    touched: set[tuple[str, str]] = field(default_factory=set)
    """The (table, id) pairs of ``before``, to record each record once, in O(1)."""


class UndoConflictError(ConflictError):
    """Another session changed records the undo would put back; nothing was written.

    The caller offers to keep their version (:meth:`.StoreCore.drop_undo`) or to undo
    anyway (``undo(force=True)``).
    """

    def __init__(self, message: str, *, label: str, records: list[str]) -> None:
        super().__init__(message)
        self.label = label
        self.records = records


BOOKKEEPING = frozenset({"updated_at", "created_at", STAMP})
"""Fields the store stamps itself, not what a person changed."""


def check(step: UndoStep, find: Callable[[str, str], Doc | None]) -> None:
    """Raise UndoConflictError unless every record of ``step`` is still what it wrote."""
    stale: list[str] = []
    for (table, item_id, _), wrote in zip(step.before, step.after, strict=True):
        now = find(table, item_id)
        if _same(now, wrote):
            continue
        if wrote is None:
            assert now is not None
            stale.append(f"{_name(table, now)} was created again")
        elif now is None:
            stale.append(f"{_name(table, wrote)} was deleted")
        else:
            fields = sorted(k for k in now.keys() | wrote.keys() if now.get(k) != wrote.get(k))
            # A timestamp moves with every change: name it only when nothing else differs.
            fields = [k for k in fields if k not in BOOKKEEPING] or fields
            shown = ", ".join(fields[:NAMED]) + (", ..." if len(fields) > NAMED else "")
            stale.append(f"{_name(table, now)} was changed ({shown})")
    if not stale:
        return
    shown = "; ".join(stale[:NAMED])
    if len(stale) > NAMED:
        shown += f"; and {len(stale) - NAMED} more"
    touched = len(step.before)
    scope = "it" if touched == 1 else f"{len(stale)} of the {touched} records it touches"
    raise UndoConflictError(
        f"Undo {step.label}: since then, in another session, {shown}. Undoing now would "
        f"overwrite {scope}.",
        label=step.label,
        records=stale,
    )


def _same(now: Doc | None, wrote: Doc | None) -> bool:
    if now is None or wrote is None:
        return now is wrote
    if now is wrote or now == wrote:
        return True
    # An undo re-stamps what it puts back (:mod:`.stamps`): the stamp alone is no change.
    return bool(_canonical({**now, STAMP: None}) == _canonical({**wrote, STAMP: None}))


def _canonical(doc: Doc) -> Any:
    """The document as the file holds it (tuples are lists, keys are strings)."""
    return json.loads(json.dumps(doc, sort_keys=True, default=str))


def _name(table: str, doc: Doc) -> str:
    what = WHAT.get(table, "record")
    text = doc.get("title") or doc.get("text") or doc.get("note")
    if not isinstance(text, str) or not text.strip():
        return f"the {what} {doc.get('id')}"
    text = " ".join(text.split())
    if len(text) > 40:
        text = text[:39] + "…"
    return f"the {what} '{text}'"
