"""Change stamps and tombstones: what a merge of two copies of the file needs (issue #19).

Every document the store writes carries ``changed_at``, the UTC time of its last change to
the microsecond, always later than the stamp it replaces (so an edit beats the version it
edited even on a machine whose clock is behind). A removed document leaves a tombstone in
the ``tombstones`` table for :data:`KEEP_TOMBSTONES`, so a merge without a common base can
tell "deleted there" from "never seen there". Both are written by the store's two
primitives (``put`` and ``remove``), never by the operations themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any

STAMP = "changed_at"
TOMBSTONES = "tombstones"
CONFLICTS = "conflicts"
DATA_TABLES = ("goals", "tasks", "feedback", "practice")
KEEP_TOMBSTONES = timedelta(days=90)
"""How long a tombstone is kept: longer than two machines are expected to go without a sync."""
EPOCH = "1970-01-01T00:00:00.000000Z"
_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def _utc_now() -> datetime:
    return datetime.now(UTC)


clock: Callable[[], datetime] = _utc_now
"""Where stamps get the time (tests replace it to interleave two replicas' changes)."""


def format_stamp(moment: datetime) -> str:
    """``moment`` as a stamp: UTC, microseconds, sortable as text."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).strftime(_FORMAT)


def parse_stamp(value: Any) -> datetime | None:
    """A stamp (or any ISO 8601 time) as an aware datetime, or None when it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def stamp_of(doc: dict[str, Any] | None) -> str:
    """The document's stamp (a missing or odd one counts as the oldest)."""
    value = doc.get(STAMP) if doc is not None else None
    return value if isinstance(value, str) and parse_stamp(value) is not None else EPOCH


def next_stamp(after: Iterable[str | None] = ()) -> str:
    """The time now as a stamp, moved past every stamp in ``after``."""
    moment = clock()
    for previous in after:
        seen = parse_stamp(previous)
        if seen is not None and seen >= moment:
            moment = seen + timedelta(microseconds=1)
    return format_stamp(moment)


def same_apart_from_stamp(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when the two documents differ at most in their stamps."""
    return canonical({**one, STAMP: None}) == canonical({**other, STAMP: None})


def canonical(value: Any) -> str:
    """``value`` as the file holds it, for exact comparison (1 and 1.0 and True differ)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def stamped(doc: dict[str, Any], before: dict[str, Any] | None) -> dict[str, Any]:
    """``doc`` (a copy) stamped as changed now; unchanged from ``before``, it keeps its stamp."""
    if before is not None and same_apart_from_stamp(doc, before) and STAMP in before:
        return {**doc, STAMP: before[STAMP]}
    previous = [before.get(STAMP) if before is not None else None, doc.get(STAMP)]
    return {**doc, STAMP: next_stamp(previous)}


def tombstone_id(table: str, item_id: str) -> str:
    return f"{table}/{item_id}"


def tombstone(table: str, item_id: str, before: dict[str, Any] | None) -> dict[str, Any]:
    """The tombstone a removed document leaves: which one, and when it went."""
    return {
        "id": tombstone_id(table, item_id),
        "table": table,
        "item": item_id,
        STAMP: next_stamp([stamp_of(before)]),
    }


def expired(doc: dict[str, Any], now: datetime | None = None) -> bool:
    """True when tombstone ``doc`` is older than :data:`KEEP_TOMBSTONES`."""
    moment = parse_stamp(doc.get(STAMP))
    return moment is not None and moment < (now or clock()) - KEEP_TOMBSTONES
