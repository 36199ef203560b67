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
from tests.helpers import screen_text, wait_until

SIZE = (100, 30)


def prepared(store: MasteryStore) -> str:
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", "board")
    return store.add_goal("Guitar", "mastery").id


def on_disk(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    return sorted(doc["title"] for doc in data.get("tasks", {}).values())


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
        waiting = threading.Event()
        take_lock = other.lock.acquire

        def acquire() -> None:
            waiting.set()
            take_lock()

        monkeypatch.setattr(other.lock, "acquire", acquire)
        done: list[str] = []
        thread = threading.Thread(target=lambda: done.append(other.add_task("Theirs", goal_id).id))
        thread.start()
        assert waiting.wait(30)
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
        assert app.writes is not None
        settle = app.writes.settle_before_quit

        def quit_while_held() -> bool:
            pending = store.storage.pending
            assert pending is not None and not pending.done.is_set()  # q came mid-write
            held.release.set()  # from now on, q can only go once the write has run
            return settle()

        monkeypatch.setattr(app.writes, "settle_before_quit", quit_while_held)
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


class Later:
    """A store's write-behind run by hand: each durable write waits in ``jobs``."""

    def __init__(self, store: MasteryStore) -> None:
        self.jobs: list[Any] = []
        self.failed: list[Any] = []
        store.write_behind = self.jobs.append
        store.write_failed = self.failed.append

    def run(self) -> None:
        self.jobs.pop(0)()


def test_a_failed_write_takes_back_its_stamps_and_tombstones(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a merge relies on (#19) is reverted with the change: the stamps it gave, the
    tombstones it left and the ones it lifted, in memory as on disk."""
    goal = store.add_goal("Guitar", "mastery")
    kept = store.add_task("Scales", goal.id)
    gone = store.add_task("Arpeggios", goal.id)
    store.delete_task(gone.id)
    chords = store.add_task("Chords", goal.id)
    before = json.loads(store.path.read_text())
    stamp_of = {d["id"]: d["changed_at"] for d in before["tasks"].values()}
    assert [d["id"] for d in before["tombstones"].values()] == [f"tasks/{gone.id}"]
    later = Later(store)

    def full(path: Path, payload: bytes) -> None:
        raise WriteError(f"Could not save {path}: the disk is full.")

    monkeypatch.setattr(storage_module, "atomic_write", full)
    with store.change("edit, delete and bring back"):
        scales = dict(store.find("tasks", kept.id) or {})
        store.put("tasks", {**scales, "title": "Scales in G"})
        store.remove("tasks", chords.id)
        store.put("tasks", {**scales, "id": gone.id, "title": "Arpeggios"})  # a tombstone lifted
    # Made in memory, stamped and buried there, while its write waits.
    docs = {d["id"]: d for d in store.storage.table("tasks").values()}  # type: ignore[union-attr]
    assert docs[kept.id]["changed_at"] > stamp_of[kept.id]
    buried = {d["id"] for d in store.storage.table("tombstones").values()}  # type: ignore[union-attr]
    assert buried == {f"tasks/{chords.id}"}
    later.run()
    assert later.failed == []  # told on the next read, not from the writer
    snapshot = store.snapshot()
    assert len(later.failed) == 1 and "disk is full" in str(later.failed[0].error)
    assert json.loads(store.path.read_text()) == before  # the file as it was
    assert {d["id"]: d["changed_at"] for d in store.docs("tasks").values()} == stamp_of
    assert [d["id"] for d in store.docs("tombstones").values()] == [f"tasks/{gone.id}"]
    assert sorted(t.title for t in snapshot.tasks) == ["Chords", "Scales"]
    assert store.undo_label == "add task 'Chords'"  # the failed change left nothing to undo


def test_a_written_behind_removal_leaves_its_tombstone_on_disk(store: MasteryStore) -> None:
    goal = store.add_goal("Guitar", "mastery")
    task = store.add_task("Scales", goal.id)
    later = Later(store)
    store.delete_task(task.id)
    assert store.storage.pending is not None
    later.run()
    store.wait_for_writes()
    data = json.loads(store.path.read_text())
    assert [d["id"] for d in data["tombstones"].values()] == [f"tasks/{task.id}"]
    assert data["tasks"] == {}
    assert later.failed == []
    store.undo()  # undone, written behind too: the task is back, its tombstone lifted
    later.run()
    store.wait_for_writes()
    data = json.loads(store.path.read_text())
    assert data["tombstones"] == {} and [d["id"] for d in data["tasks"].values()] == [task.id]


async def test_a_card_moved_on_the_board_goes_back_when_its_write_fails(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from masterytui.screens.board.screen import BoardScreen

    goal_id = prepared(store)
    store.add_task("Scales", goal_id)
    stamp = next(iter(store.docs("tasks").values()))["changed_at"]
    held = HeldWrites(monkeypatch)
    held.fail = True
    app = MasteryApp(store, watch_file=False, write_behind=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("shift+right")
        await pilot.pause()
        assert [t.title for t in board.card_list("next").cards] == ["Scales"]  # at once
        held.release.set()
        await wait_until(
            pilot,
            lambda: [t.title for t in board.card_list("backlog").cards] == ["Scales"],
            "the card back in Backlog",
        )
        assert any("the disk is full" in n.message for n in app._notifications)  # the reason
        assert [t.title for t in board.card_list("next").cards] == []
        [doc] = store.docs("tasks").values()
        assert (doc["column"], doc["changed_at"]) == ("backlog", stamp)  # its stamp too


class NoFrames:
    """An app that never draws a frame: a write waits for one as long as it may."""

    def __init__(self, store: MasteryStore) -> None:
        self.store = store

    def call_from_thread(self, *args: Any) -> None:
        raise RuntimeError("no app loop")


def test_the_next_change_starts_a_write_still_waiting_for_its_frames(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write waits for the frames that show its change (and its notice) to be drawn, but
    whatever needs it (the next change, ``q``) has it start at once instead."""
    from masterytui import writes

    monkeypatch.setattr(writes, "FRAME_WAIT", 3600.0)  # only a hurry can start it
    monkeypatch.setattr(writes, "MOST", 3600.0)
    background = writes.BackgroundWrites(NoFrames(store))  # type: ignore[arg-type]
    store.add_task("Scales")
    assert store.storage.pending is not None  # waiting for a frame that never comes
    store.add_task("Chords")  # waits for the first write, which starts at once
    store.wait_for_writes()
    assert on_disk(store.path) == ["Chords", "Scales"]
    assert background.store is store
