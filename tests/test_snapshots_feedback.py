"""Snapshots of the Feedback screen and the weekly review on the demo data, time frozen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

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
        for widget in pilot.app.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        await pilot.pause()

    return run


def test_feedback_log_on_demo(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3"))


def test_feedback_log_filtered(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    """Wins that mention "page": the search bar, the kind filter and both in the header."""
    app = MasteryApp(demo_store, watch_file=False)
    presses = ["3", "slash", *"page", "enter", "right_square_bracket"]
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def test_feedback_entry_detail(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    """A setback with its "what can I learn" next step."""
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", *"jjjjj"))


def test_weekly_review(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("3", "R"))
