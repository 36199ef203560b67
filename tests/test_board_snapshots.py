"""Snapshots of the Board on the demo data, time frozen; and the README's screenshot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

SIZE = (100, 30)
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the screen, and stop text cursors blinking so every run draws the same."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def on_board(*presses: str, then: Callable[[Pilot[None]], Awaitable[Any]] | None = None) -> Any:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press("2")
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
        if then is not None:
            await then(pilot)
        await settle(pilot)

    return run


def test_demo_board(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=on_board("l", "l", "j"))


def test_demo_board_80x24(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=on_board())


def test_board_filtered_by_goal_and_text(
    snap_compare: SnapCompare, demo_store: MasteryStore
) -> None:
    async def filters(pilot: Pilot[None]) -> None:
        await pilot.press("g")
        await pilot.pause()
        pilot.app.screen.query_one("#picker-filter", Input).value = "sales pages"
        await pilot.press("enter", "slash")
        pilot.app.screen.query_one("#board-filter", Input).value = "page"
        await pilot.press("enter")

    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=on_board(then=filters))


def test_card_form_with_an_error(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    async def bad_due(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#field-due", Input).value = "2026-02-30"
        await pilot.press("enter")

    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=on_board("l", "e", then=bad_due))


def test_empty_board(snap_compare: SnapCompare, store: MasteryStore, frozen: date) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=on_board())
