"""Bringing older files forward to the current schema, one version at a time.

A migration runs on open, after a forced backup, inside the locked transaction; each step
takes the data of version N and leaves it at version N+1. Schema 1 is the first released
schema, so there are no steps yet; the next schema change adds ``MIGRATIONS[1]``.
"""

from __future__ import annotations

from collections.abc import Callable

from .files import SCHEMA_VERSION, Data

MIGRATIONS: dict[int, Callable[[Data], None]] = {}


def migrate(data: Data, version: int, target: int = SCHEMA_VERSION) -> None:
    """Apply every step from ``version`` up to ``target`` in place and stamp the version."""
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from schema {version} to {version + 1}")
        step(data)
        version += 1
    data.setdefault("meta", {}).setdefault("1", {})["schema_version"] = version
