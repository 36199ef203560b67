"""Where each table sits in the file as masterytui last wrote it.

The file is one JSON object of tables, written compact, one table after another. Writing it
table by table keeps two things cheap on a large file:

- a change re-serialises only the tables it touched; the others are reused as bytes;
- the byte offsets of every table, with each table's next TinyDB doc id and the lowest and
  highest card position of each board column, are kept beside the lock's generation token
  (in ``<file>.lock``). ``masterytui add`` uses them to insert one document without parsing
  the file, when the file is byte for byte what masterytui last wrote (same inode, size and
  modification time) and every table's bytes still hash to what was written; otherwise it
  reads the whole file as usual. The layout is a cache: a missing, stale or damaged one only
  costs speed.

Nothing in the layout is taken on trust. It carries a SHA-256 of its own text (a layout
damaged in any field is no layout), each table's SHA-256 (a same-size edit with the mtime put
back is seen: ~4 ms at 6 MB), and its spans must tile the file exactly as :func:`assemble`
writes it (``{"goals":{...},"tasks":{...}...}``), so a span can only be a top-level table.

This module uses the standard ``json`` for the layout itself and for the one document quick
capture adds, so quick capture never imports orjson (~30 ms).
"""

from __future__ import annotations

import json
import math
from collections import namedtuple
from collections.abc import Iterable, Mapping

try:  # hashlib's own SHA-256, without hashlib setting up every other algorithm for `add`
    from _hashlib import openssl_sha256 as sha256
except ImportError:  # a Python built without OpenSSL
    from hashlib import sha256

from .files import SCHEMA_VERSION, TABLES

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any, NamedTuple

LAYOUT_VERSION = 2
Signature = tuple[int, int, int]
Bounds = dict[str, tuple[float, float]]
_MAX_LAYOUT = 1 << 16  # a layout is a few hundred bytes; anything much larger is not one


if TYPE_CHECKING:

    class TableBytes(NamedTuple):
        """One table serialised, with what quick capture needs to know about it."""

        raw: bytes | memoryview  # a view of the file's bytes read (see Layout.table_bytes)
        next_id: int
        columns: Bounds | None = None  # tasks only
        digest: str = ""  # SHA-256 of raw, hex ("" until worked out)

else:  # the same tuple, without importing typing for NamedTuple
    TableBytes = namedtuple("TableBytes", "raw next_id columns digest", defaults=(None, ""))
    TableBytes.__doc__ = "One table serialised, with what quick capture needs to know about it."


def digest_of(raw: bytes | memoryview) -> str:
    return sha256(raw).hexdigest()


class Layout:
    """Where each table's object starts and ends (offsets of its ``{`` and ``}``).

    (Plain classes, not dataclasses: quick capture imports this, and each dataclass costs
    about a millisecond to create.)
    """

    __slots__ = ("columns", "digests", "schema", "signature", "spans")

    def __init__(
        self,
        signature: Signature,
        spans: dict[str, list[int]],  # name -> [start, end, next doc id]
        columns: Bounds | None = None,
        digests: dict[str, str] | None = None,  # name -> SHA-256 of the table's bytes
        schema: int = SCHEMA_VERSION,
    ) -> None:
        self.signature = signature
        self.spans = spans
        self.columns = columns or {}
        self.digests = digests or {}
        self.schema = schema

    def encode(self) -> bytes:
        """The layout as JSON, then a newline and the SHA-256 of that JSON."""
        body = json.dumps(
            {
                "v": LAYOUT_VERSION,
                "schema": self.schema,
                "sig": list(self.signature),
                "spans": self.spans,
                "columns": {k: list(v) for k, v in self.columns.items()},
                "digests": self.digests,
            },
            separators=(",", ":"),
            allow_nan=False,
        ).encode()
        return body + b"\n" + digest_of(body).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Layout | None:
        """The layout in ``raw``, or None when there is none this version can trust.

        A layout whose checksum does not match its text, or whose fields are not what
        :meth:`encode` writes (ints, finite bounds, a digest for every span), is none.
        """
        body, _, check = raw.rpartition(b"\n")
        if len(raw) > _MAX_LAYOUT or not body or check != digest_of(body).encode():
            return None
        try:
            data = json.loads(body)
            if data.get("v") != LAYOUT_VERSION or data.get("schema") != SCHEMA_VERSION:
                return None
            signature = _ints(data["sig"], 3)
            spans = {k: _ints(v, 3) for k, v in data["spans"].items()}
            columns = {k: _bounds(v) for k, v in data["columns"].items()}
            digests = dict(data["digests"].items())
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
            return None
        if not set(spans) <= set(TABLES) or set(digests) != set(spans):
            return None
        if not all(isinstance(d, str) and len(d) == 64 for d in digests.values()):
            return None
        if any(not (0 < start <= end and next_id > 0) for start, end, next_id in spans.values()):
            return None
        return cls((signature[0], signature[1], signature[2]), spans, columns, digests)

    def fits(self, raw: bytes) -> bool:
        """True when the spans tile ``raw`` exactly as :func:`assemble` writes a file.

        ``{`` then each table as ``"name":{...}``, comma-separated, then ``}`` and a newline:
        so every span is a whole top-level table (not a field inside a document), and
        nothing lies between them. The tables' bytes themselves are checked by :meth:`verify`.
        """
        if len(raw) != self.signature[1] or raw[:1] != b"{":
            return False
        cursor = 1
        ordered = sorted(self.spans.items(), key=lambda item: item[1][0])
        for number, (name, (start, end, _)) in enumerate(ordered):
            key = (b"," if number else b"") + table_key(name)
            if start != cursor + len(key) or raw[cursor:start] != key:
                return False
            if end >= len(raw) or raw[start] != 0x7B or raw[end] != 0x7D:
                return False
            cursor = end + 1
        return raw[cursor:] == b"}\n"

    def verify(self, raw: bytes, *, split: bool = False) -> dict[str, Any] | None:
        """Each table's SHA-256 of ``raw`` (which :meth:`fits`) but its last ``}``, or None.

        None when any table's bytes are not those the layout was written for. The hashes
        returned can be extended, to hash a table spliced into without hashing it again.
        ``split``: the largest table is hashed in a thread of its own, beside the others
        (SHA-256 releases the GIL: on two cores, ~2 ms less of `add` at 6 MB).
        """
        view = memoryview(raw)
        names = sorted(self.spans, key=lambda name: self.spans[name][0] - self.spans[name][1])
        if split and len(names) > 1:
            from .background import start

            largest = start(lambda: self._hashes(view, names[:1]))
            rest = self._hashes(view, names[1:])
            first = largest()
            if first is None or rest is None:
                return None
            return {**first, **rest}
        return self._hashes(view, names)

    def _hashes(self, view: memoryview, names: list[str]) -> dict[str, Any] | None:
        hashes = {}
        for name in names:
            start, end, _ = self.spans[name]
            hasher = sha256(view[start:end])
            whole = hasher.copy()
            whole.update(b"}")
            if whole.hexdigest() != self.digests.get(name):
                return None
            hashes[name] = hasher
        return hashes

    def tiles(self, raw: bytes, signature: Signature) -> bool:
        """True when ``raw`` (read with ``signature``) is this layout's file, tables not hashed:
        each table's bytes are to be checked against its digest before they are used (see
        :meth:`AtomicJSONStorage.table`)."""
        return signature == self.signature and self.fits(raw)

    def trusted(self, raw: bytes, signature: Signature) -> dict[str, Any] | None:
        """:meth:`verify`'s hashes when ``raw`` (read with ``signature``) is this layout's file."""
        if signature != self.signature or not self.fits(raw):
            return None
        return self.verify(raw)

    def table_bytes(self, raw: bytes) -> dict[str, TableBytes]:
        """Each table's bytes in ``raw`` (which :meth:`fits` and :meth:`verify`), as views of
        it, not copies (6 MB copied at L, before the app's first frame)."""
        view = memoryview(raw)
        return {
            name: TableBytes(
                view[start : end + 1],
                next_id,
                dict(self.columns) if name == "tasks" else None,
                self.digests[name],
            )
            for name, (start, end, next_id) in self.spans.items()
        }


def _ints(value: Any, count: int) -> list[int]:
    """``value`` as a list of ``count`` non-negative ints (not bools, not floats)."""
    if not isinstance(value, list) or len(value) != count:
        raise ValueError("not a list of the right length")
    if not all(type(n) is int and n >= 0 for n in value):
        raise ValueError("not non-negative ints")
    return value


def _bounds(value: Any) -> tuple[float, float]:
    """``value`` as finite (low, high) column bounds (ints stay ints, as the file has them)."""
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("not a pair")
    if not all(type(n) in (int, float) and math.isfinite(n) for n in value):
        raise ValueError("not finite numbers")
    low, high = value
    if low > high:
        raise ValueError("empty bounds")
    return (low, high)


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

    from .base import column_bounds

    next_id = max(map(int, table), default=0) + 1
    if name == "tasks" and columns is None:
        columns = column_bounds(table.values())
    raw = orjson.dumps(table)
    return TableBytes(raw, next_id, columns if name == "tasks" else None, digest_of(raw))


def widen(columns: Bounds, docs: Iterable[dict[str, Any]]) -> Bounds:
    """``columns`` widened to take in the positions of ``docs`` (tasks just written).

    Quick capture only needs a position beyond every card of a column, so bounds that are too
    wide (a card moved away from the end) are as good as exact ones, and much cheaper after a
    change than a pass over every task.
    """
    from .base import column_bounds  # not on the read-only commands' path

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
) -> tuple[bytes, Layout]:
    """The whole file from ``data``, reusing (and filling) ``cache`` table by table.

    ``hints`` are column bounds to reuse for a table serialised again (see :func:`widen`).

    Returns the bytes and their layout (each table's span, next doc id and digest, and the
    board's column bounds), its signature still to be filled in once the file is written.
    """
    parts: list[bytes | memoryview] = [b"{"]
    offset = 1
    spans: dict[str, list[int]] = {}
    digests: dict[str, str] = {}
    columns: Bounds = {}
    for number, (name, table) in enumerate(data.items()):
        entry = cache.get(name)
        if entry is None:
            entry = cache[name] = serialise_table(name, table, (hints or {}).get(name))
        key = (b"," if number else b"") + table_key(name)
        parts += (key, entry.raw)
        offset += len(key)
        spans[name] = [offset, offset + len(entry.raw) - 1, entry.next_id]
        digests[name] = entry.digest or digest_of(entry.raw)
        offset += len(entry.raw)
        if entry.columns is not None:
            columns = entry.columns
    parts.append(b"}\n")
    return b"".join(parts), Layout((0, 0, 0), spans, columns, digests)
