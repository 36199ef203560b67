"""Snapshots of the Progress screen on the demo data, time frozen (100x30)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.pilot import Pilot

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


def keys(*presses: str) -> Callable[[Pilot[None]], Any]:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run


def test_progress_on_demo(
    snap_compare: SnapCompare, demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("4"))


def test_progress_narrowed_to_one_goal(
    snap_compare: SnapCompare, demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    presses = ("4", "g", *"sales copy", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def test_progress_heat_map_by_quality(
    snap_compare: SnapCompare, demo_store: MasteryStore, frozen: date
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("4", "v"))
