"""Sync from the app: the palette's Sync, sync on open and quit, a note of what arrived (#19)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from masterytui import sync
from masterytui.app import MasteryApp
from masterytui.app_sync import SETTING
from masterytui.store import MasteryStore

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path]:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    a, b = tmp_path / "a" / "m.json", tmp_path / "b" / "m.json"
    MasteryStore(a).add_task("First")
    store = MasteryStore(a)
    store.set_setting("welcomed", True)
    sync.init(a, f"file://{bare}")
    assert sync.sync(a).ok
    sync.init(b, f"file://{bare}")
    return a, b


def notes(app: MasteryApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_palette_sync_brings_in_the_other_machines_change(
    machines: tuple[Path, Path],
) -> None:
    a, b = machines
    MasteryStore(b).add_task("From the desktop")
    assert sync.sync(b).ok
    store = MasteryStore(a)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        app.action_sync()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.startswith("Received: 1 task.") for n in notes(app)), notes(app)
        board_titles = {t.title for t in app.screen.data.tasks}  # type: ignore[attr-defined]
        assert "From the desktop" in board_titles  # the open Board redrew with it
        assert {t.title for t in store.snapshot().tasks} == {"First", "From the desktop"}


async def test_sync_on_open_and_quit(machines: tuple[Path, Path]) -> None:
    a, b = machines
    store = MasteryStore(a)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_sync_auto()
        await pilot.pause()
        assert store.setting(SETTING) is True
        assert any("Sync on open and quit is on" in n for n in notes(app)), notes(app)
        store.add_task("Made before quitting")
        await pilot.press("q")
        assert any("Syncing before quitting" in n for n in notes(app))
        with contextlib.suppress(WorkerCancelled):  # the app quits as the sync ends
            await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 0
    assert sync.sync(b).ok
    assert "Made before quitting" in {t.title for t in MasteryStore(b).snapshot().tasks}
    MasteryStore(b).add_task("Arrives on open")
    assert sync.sync(b).ok
    store = MasteryStore(a)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(n.startswith("Received: 1 task.") for n in notes(app)), notes(app)


async def test_sync_not_set_up_says_how(tmp_path: Path) -> None:
    store = MasteryStore(tmp_path / "m.json")
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_sync()
        await pilot.pause()
        assert any("masterytui sync --init" in n for n in notes(app))
