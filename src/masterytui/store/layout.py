"""Where each table sits in the file as masterytui last wrote it.

The file is one JSON object of tables, written compact, one table after another. Writing it
table by table keeps two things cheap on a large file:

- a change re-serialises only the tables it touched; the others are reused as bytes;
- the byte offsets of every table, with each table's next TinyDB doc id and the lowest and
  highest card position of each board column, are kept beside the lock's generation token
  (in ``<file>.lock``). ``masterytui add`` uses them to insert one document without parsing
  the file, when the file is byte for byte what masterytui last wrote (same inode, size and
  modification time, and the offsets land on the expected keys); otherwise it reads the whole
  file as usual. The layout is a cache: a missing, stale or damaged one only costs speed.

This module uses the standard ``json`` for the layout itself and for the one document quick
capture adds, so quick capture never imports orjson (~30 ms).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .base import column_bounds
from .files import SCHEMA_VERSION

LAYOUT_VERSION = 1
Signature = tuple[int, int, int]
Bounds = dict[str, tuple[float, float]]


class TableBytes(NamedTuple):
    """One table serialised, with what quick capture needs to know about it."""

    raw: bytes
    next_id: int
    columns: Bounds | None = None  # tasks only


class Layout:
    """Where each table's object starts and ends (offsets of its ``{`` and ``}``).

    (Plain classes, not dataclasses: quick capture imports this, and each dataclass costs
    about a millisecond to create.)
    """

    __slots__ = ("columns", "schema", "signature", "spans")

    def __init__(
        self,
        signature: Signature,
        spans: dict[str, list[int]],  # name -> [start, end, next doc id]
        columns: Bounds | None = None,
        schema: int = SCHEMA_VERSION,
    ) -> None:
        self.signature = signature
        self.spans = spans
        self.columns = columns or {}
        self.schema = schema

    def encode(self) -> bytes:
        return json.dumps(
            {
                "v": LAYOUT_VERSION,
                "schema": self.schema,
                "sig": list(self.signature),
                "spans": self.spans,
                "columns": {k: list(v) for k, v in self.columns.items()},
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Layout | None:
        """The layout in ``raw``, or None when there is none this version can trust."""
        try:
            data = json.loads(raw)
            if data.get("v") != LAYOUT_VERSION or data.get("schema") != SCHEMA_VERSION:
                return None
            signature = tuple(int(n) for n in data["sig"])
            spans = {str(k): [int(n) for n in v] for k, v in data["spans"].items()}
            columns = {str(k): (float(v[0]), float(v[1])) for k, v in data["columns"].items()}
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            return None
        if len(signature) != 3 or any(len(v) != 3 for v in spans.values()):
            return None
        return cls((signature[0], signature[1], signature[2]), spans, columns)

    def fits(self, raw: bytes) -> bool:
        """True when every table span of this layout lands where it should in ``raw``."""
        if len(raw) != self.signature[1] or not raw.endswith(b"}\n"):
            return False
        for name, (start, end, _) in self.spans.items():
            key = table_key(name)
            if not (0 < start <= end < len(raw)):
                return False
            if raw[start - len(key) : start] != key or raw[start] != 0x7B or raw[end] != 0x7D:
                return False
        return True

    def table_bytes(self, raw: bytes) -> dict[str, TableBytes]:
        """Each table's bytes cut from ``raw`` (which :meth:`fits`)."""
        return {
            name: TableBytes(
                raw[start : end + 1], next_id, dict(self.columns) if name == "tasks" else None
            )
            for name, (start, end, next_id) in self.spans.items()
        }


def table_key(name: str) -> bytes:
    return json.dumps(name).encode() + b":"


def serialise_table(
    name: str, table: Mapping[str, Any], columns: Bounds | None = None
) -> TableBytes:
    """One table as compact JSON bytes, with its next doc id (and, for tasks, the columns).

    ``columns``, when known, are bounds at least as wide as the real ones (see
    :func:`widen`); otherwise they are worked out from every task.
    """
    import orjson

    next_id = max(map(int, table), default=0) + 1
    if name == "tasks" and columns is None:
        columns = column_bounds(table.values())
    return TableBytes(orjson.dumps(table), next_id, columns if name == "tasks" else None)


def widen(columns: Bounds, docs: Iterable[dict[str, Any]]) -> Bounds:
    """``columns`` widened to take in the positions of ``docs`` (tasks just written).

    Quick capture only needs a position beyond every card of a column, so bounds that are too
    wide (a card moved away from the end) are as good as exact ones, and much cheaper after a
    change than a pass over every task.
    """
    wider = dict(columns)
    for column, (low, high) in column_bounds(docs).items():
        old = wider.get(column)
        wider[column] = (low, high) if old is None else (min(old[0], low), max(old[1], high))
    return wider


def serialise_doc(doc: Mapping[str, Any]) -> bytes:
    """One document as compact JSON, as orjson would write it (for quick capture)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def assemble(
    data: Mapping[str, Mapping[str, Any]],
    cache: dict[str, TableBytes],
    hints: dict[str, Bounds] | None = None,
) -> tuple[bytes, dict[str, list[int]], Bounds]:
    """The whole file from ``data``, reusing (and filling) ``cache`` table by table.

    ``hints`` are column bounds to reuse for a table serialised again (see :func:`widen`).

    Returns the bytes, each table's span and next doc id, and the board's column bounds.
    """
    parts = [b"{"]
    offset = 1
    spans: dict[str, list[int]] = {}
    columns: Bounds = {}
    for number, (name, table) in enumerate(data.items()):
        entry = cache.get(name)
        if entry is None:
            entry = cache[name] = serialise_table(name, table, (hints or {}).get(name))
        key = (b"," if number else b"") + table_key(name)
        parts += (key, entry.raw)
        offset += len(key)
        spans[name] = [offset, offset + len(entry.raw) - 1, entry.next_id]
        offset += len(entry.raw)
        if entry.columns is not None:
            columns = entry.columns
    parts.append(b"}\n")
    return b"".join(parts), spans, columns
