"""Bringing older files forward to the current schema, one version at a time.

A migration runs on open, after a forced backup, inside the locked transaction; each step
takes the data of version N and leaves it at version N+1. The same steps bring an import or
a merge's inputs forward in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from .files import SCHEMA_VERSION, Data
from .stamps import DATA_TABLES, STAMP, format_stamp, next_stamp, parse_stamp


def _stamp_documents(data: Data) -> None:
    """Schema 1 → 2: every document gets a change stamp (its own last time, if it has one).

    Tombstones and conflict records start empty (their tables are made on first use).
    """
    fallback = next_stamp()
    for table in DATA_TABLES:
        for doc in data.get(table, {}).values():
            if isinstance(doc, dict) and STAMP not in doc:
                doc[STAMP] = _own_time(doc) or fallback


def _own_time(doc: dict[str, object]) -> str | None:
    for key in ("updated_at", "done_at", "created_at", "at"):
        moment = parse_stamp(doc.get(key))
        if moment is not None:
            return format_stamp(moment)
    return None


MIGRATIONS: dict[int, Callable[[Data], None]] = {1: _stamp_documents}


def migrate(data: Data, version: int, target: int = SCHEMA_VERSION) -> None:
    """Apply every step from ``version`` up to ``target`` in place and stamp the version."""
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from schema {version} to {version + 1}")
        step(data)
        version += 1
    data.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version
