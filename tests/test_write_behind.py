"""In-app writes run in a thread (issue #16): shown at once, durable before the next change
and before quitting; a failed write reverts on screen and reopens its form as typed."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.store import MasteryStore
from masterytui.store import storage as storage_module
from masterytui.store.errors import WriteError
from tests.helpers import screen_text

SIZE = (100, 30)


def prepared(store: MasteryStore) -> str:
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", "board")
    return store.add_goal("Guitar", "mastery").id


def on_disk(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    return sorted(doc["title"] for doc in data.get("tasks", {}).values())


async def wait_until(pilot: Any, condition: Any, what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


class HeldWrites:
    """Makes each durable write wait until the test lets it go (or fail, if told)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.fail = False
        original = storage_module.atomic_write

        def atomic_write(path: Path, payload: bytes) -> None:
            self.started.set()
            assert self.release.wait(30), "the test never let the write go"
            if self.fail:
                raise WriteError(f"Could not save {path}: the disk is full.")
            original(path, payload)

        monkeypatch.setattr(storage_module, "atomic_write", atomic_write)


async def test_a_task_shows_at_once_and_is_on_disk_before_the_next_change(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    held = HeldWrites(monkeypatch)
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Scales in G", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert "Scales in G" in screen_text(app)  # shown while its write is still held
        assert held.started.is_set() and on_disk(store.path) == []
        assert store.storage.pending is not None
        held.release.set()
        await wait_until(pilot, lambda: store.storage.pending is None, "the write settled")
        assert on_disk(store.path) == ["Scales in G"]
        await pilot.press("t", *"Arpeggios", "enter")
        await wait_until(pilot, lambda: store.storage.pending is None, "the second write")
        assert on_disk(store.path) == ["Arpeggios", "Scales in G"]
        store.undo()  # undo still works on written-behind changes
        store.wait_for_writes()
        assert on_disk(store.path) == ["Scales in G"]


async def test_another_session_waits_for_the_pending_write(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal_id = prepared(store)
    held = HeldWrites(monkeypatch)
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Mine", "enter")
        await pilot.pause()
        other = MasteryStore(store.path, lock_timeout=30)
        done: list[str] = []
        thread = threading.Thread(target=lambda: done.append(other.add_task("Theirs", goal_id).id))
        thread.start()
        await pilot.pause(0.05)
        assert not done  # the file is still locked by the write under way
        held.release.set()
        thread.join(30)
        assert done and on_disk(store.path) == ["Mine", "Theirs"]  # neither change lost


async def test_a_failed_write_reverts_and_reopens_the_form_as_typed(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    held = HeldWrites(monkeypatch)
    held.fail = True
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Scales in G", "tab")
        await pilot.press("enter")
        await pilot.pause()
        assert "Scales in G" in screen_text(app)
        held.release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog), "the form reopened")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.values()["title"] == "Scales in G"
        await wait_until(pilot, lambda: "the disk is full" in screen_text(app), "the reason")
        assert [t.title for t in store.snapshot().tasks] == []
        # Nothing of it to undo: the change never reached the file.
        assert [step.label for step in store._undo] == ["add goal 'Guitar'"]
        held.fail = False
        await pilot.press("enter")  # saved again, this time to disk
        await wait_until(pilot, lambda: store.storage.pending is None, "the write settled")
        assert on_disk(store.path) == ["Scales in G"]
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert "Scales in G" in screen_text(app)


async def test_quit_waits_for_the_pending_write(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    held = HeldWrites(monkeypatch)
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Scales in G", "enter")
        await pilot.pause()
        threading.Timer(0.1, held.release.set).start()
        await pilot.press("q")
        await pilot.pause()
    assert on_disk(store.path) == ["Scales in G"]
    assert MasteryStore(store.path).setting("last_screen") == "board"


async def test_quit_after_a_failed_write_keeps_the_app_open_with_the_form(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    held = HeldWrites(monkeypatch)
    held.fail = True
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", *"Scales in G", "enter")
        await pilot.pause()
        held.release.set()
        await app.run_action("quit")
        await wait_until(pilot, lambda: isinstance(app.screen, FormDialog), "the form reopened")
        assert app.is_running
        form = app.screen
        assert isinstance(form, FormDialog) and form.values()["title"] == "Scales in G"
