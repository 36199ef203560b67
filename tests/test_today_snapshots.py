"""A snapshot of the Today screen on the demo data at 80x24, time frozen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.pilot import Pilot

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

SnapCompare = Callable[..., bool]


async def _today(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("0")
    await pilot.pause()
    await pilot.press("j")
    await pilot.pause()


def test_today_on_demo(snap_compare: SnapCompare, demo_store: MasteryStore, frozen: date) -> None:
    demo_store.set_setting("welcomed", True)
    app: Any = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_today)


async def _lesson_selected(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("0")
    await pilot.pause()
    await pilot.press(*"j" * 8)  # past practice and the streaks at risk: the first lesson due
    await pilot.pause()


def test_today_with_lessons_due(
    snap_compare: SnapCompare, demo_store: MasteryStore, frozen: date
) -> None:
    """The lessons due for review, the longest waiting selected: its text and schedule below."""
    demo_store.set_setting("welcomed", True)
    app: Any = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_lesson_selected)
