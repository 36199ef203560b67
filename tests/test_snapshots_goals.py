"""Snapshots of the Goals screen and the app's dialogs on the demo data, time frozen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


def steady_cursors(app: Any) -> None:
    """Stop text cursors blinking so a snapshot is the same every run."""
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def keys(*presses: str) -> Callable[[Pilot[None]], Any]:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
        await pilot.pause()
        steady_cursors(pilot.app)
        await pilot.pause()

    return run


def test_goals_on_demo(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_goals_on_demo_80x24(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys())


def test_detail_of_a_performance_goal(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j"))


def test_detail_of_a_mastery_goal(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("j", "j"))


def test_edit_form_with_an_error(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    presses = ["j", "e", "ctrl+a", "ctrl+k", "enter"]
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def test_welcome(snap_compare: SnapCompare, store: MasteryStore, frozen: date) -> None:
    app = MasteryApp(store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_help(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("question_mark"))


def ansi(demo_store: MasteryStore) -> MasteryApp:
    """The app as a 16-colour terminal shows it: the ANSI theme, the terminal's own colours."""
    app = MasteryApp(demo_store, watch_file=False)
    app.theme = "ansi-dark"
    return app


def test_goals_in_16_colours_80x24(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    assert snap_compare(ansi(demo_store), terminal_size=(80, 24), run_before=keys("j", "j"))


def test_board_in_16_colours_80x24(snap_compare: SnapCompare, demo_store: MasteryStore) -> None:
    assert snap_compare(ansi(demo_store), terminal_size=(80, 24), run_before=keys("2"))


def test_goals_in_ascii_mode_80x24(
    snap_compare: SnapCompare, monkeypatch: pytest.MonkeyPatch, demo_store: MasteryStore
) -> None:
    """The Goals screen as the Linux console shows it: ASCII mode, and the ANSI theme."""
    monkeypatch.delenv("MASTERYTUI_ASCII", raising=False)
    monkeypatch.setenv("TERM", "linux")
    app = MasteryApp(demo_store, watch_file=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("j", "j"))
