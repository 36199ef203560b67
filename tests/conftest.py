"""Shared fixtures: a store on a temporary file, the demo data on a fixed day, frozen time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from masterytui.demo import seed_demo
from masterytui.store import MasteryStore

FROZEN_NOW = datetime(2026, 11, 23, 10, 0, 0)
"""The moment every UI test and snapshot lives in (a Monday)."""
TODAY = FROZEN_NOW.date()


@pytest.fixture
def frozen() -> Iterator[date]:
    """Freeze the calendar (the clock still ticks, so asyncio and Textual timers work)."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield TODAY


@pytest.fixture
def store(tmp_path: Path) -> MasteryStore:
    """An empty store on a file in a temporary folder."""
    return MasteryStore(tmp_path / "masterytui.json")


@pytest.fixture
def demo_store(tmp_path: Path, frozen: date) -> MasteryStore:
    """A store holding the sample story, seeded as of the frozen day."""
    demo = MasteryStore(tmp_path / "demo.json")
    seed_demo(demo, today=frozen)
    return demo
