"""Many sessions on one file: concurrent writers, writers killed mid-change, held locks."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from masterytui.store import LockTimeoutError, MasteryStore

# A writer that waits for a "go" file, adds N tasks and acknowledges each one after its add
# returned (so the id is on disk by the time the parent reads it).
ADDER = """
import os, sys, time
from masterytui.store import MasteryStore
path, count, tag, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
store = MasteryStore(path, lock_timeout=30)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for i in range(count):
    print(store.add_task(f"{tag} {i}").id, flush=True)
"""

# A writer that never stops: adds tasks and now and then deletes one (a shrinking write),
# printing "add ID" / "del ID" once the change is on disk ("try ID" before a delete, since a
# kill between the delete and its acknowledgement leaves the outcome open).
ENDLESS = """
import sys
from masterytui.store import MasteryStore
store = MasteryStore(sys.argv[1])
mine = []
i = 0
print("ready", flush=True)
while True:
    i += 1
    if i % 4 == 0 and mine:
        victim = mine.pop(0)
        print("try", victim, flush=True)
        store.delete_task(victim)
        print("del", victim, flush=True)
    else:
        task = store.add_task(f"task {i} " + "x" * (i % 50), notes="n" * (i % 300))
        mine.append(task.id)
        print("add", task.id, flush=True)
"""

# Holds the file's lock until its stdin closes (or it is killed).
HOLDER = """
import sys
from pathlib import Path
from masterytui.store.lock import FileLock
lock = FileLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""


def spawn(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == word, (
        f"child said {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
    )


def task_ids(path: Path) -> set[str]:
    return {t.id for t in MasteryStore(path).snapshot().tasks}


def test_four_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    go = tmp_path / "go"
    procs = [spawn(ADDER, str(path), "25", f"p{n}", str(go)) for n in range(4)]
    for proc in procs:
        wait_for(proc, "ready")
    go.touch()
    printed: set[str] = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        ids = out.split()
        assert len(ids) == 25
        printed.update(ids)
    assert len(printed) == 100
    data = orjson.loads(path.read_bytes())  # plain JSON, whole
    assert len(data["tasks"]) == 100
    snapshot = MasteryStore(path).snapshot()
    assert {t.id for t in snapshot.tasks} == printed
    titles = {t.title for t in snapshot.tasks}
    assert titles == {f"p{n} {i}" for n in range(4) for i in range(25)}


def test_concurrent_cli_adds_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "masterytui", "--db", str(path), "add", "task", f"cli {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    printed = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and err == ""
        printed.add(out.strip())
    assert len(printed) == 6
    assert task_ids(path) == printed


def test_writer_killed_at_random_moments_never_tears_the_file(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    rng = random.Random(20260311)
    added: set[str] = set()
    deleted: set[str] = set()
    tried: set[str] = set()
    for kills in range(1, 21):
        proc = spawn(ENDLESS, str(path))
        wait_for(proc, "ready")
        time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        complete = out[: out.rfind("\n") + 1].splitlines()  # a cut-off last line is not an ack
        acks: dict[str, set[str]] = {"add": set(), "del": set(), "try": set()}
        for line in complete:
            action, task_id = line.split()
            acks[action].add(task_id)
        assert len(acks["try"] - acks["del"]) <= 1  # at most the delete the kill cut short
        added |= acks["add"]
        deleted |= acks["del"]
        tried |= acks["try"]
        # The file parses and opens, and every acknowledged change is in it.
        on_disk = task_ids(path) if path.exists() else set()
        assert added - tried <= on_disk
        assert not deleted & on_disk
        # an add cut off before its acknowledgement may be there: at most one per kill
        assert len(on_disk - added) <= kills
    assert len(added) > 20  # the writers did get work done between kills
    assert len(deleted) > 0
    # A session after all that works normally (no lock was left behind).
    store = MasteryStore(path, lock_timeout=1)
    store.add_task("after")
    assert "after" in {t.title for t in store.snapshot().tasks}


def test_lock_of_a_killed_process_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    holder = spawn(HOLDER, str(path))
    wait_for(holder, "locked")
    holder.kill()
    holder.wait(timeout=10)
    store = MasteryStore(path, lock_timeout=0.5)  # a stale lock would time out
    task = store.add_task("after the crash")
    assert task_ids(path) == {task.id}


def test_lock_held_by_a_live_process_times_out_clearly(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store = MasteryStore(path, lock_timeout=0.3)
    store.add_task("before")
    raw = path.read_bytes()
    holder = spawn(HOLDER, str(path))
    try:
        wait_for(holder, "locked")
        started = time.monotonic()
        with pytest.raises(LockTimeoutError) as info:
            store.add_task("blocked")
        waited = time.monotonic() - started
        assert 0.3 <= waited < 3
        message = str(info.value)
        assert str(store.lock.path) in message
        assert "nothing was written" in message
        assert "0.3 s" in message
        assert path.read_bytes() == raw
        assert [t.title for t in store.snapshot().tasks] == ["before"]
        assert store.undo_label == "add task 'before'"
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    store.add_task("after")  # once the other session lets go, changes go through
    assert sorted(t.title for t in store.snapshot().tasks) == ["after", "before"]


def test_lock_is_released_between_changes(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("a")
    assert not store.lock.held
    # another process can take the lock right away
    holder = spawn(HOLDER, str(path))
    try:
        wait_for(holder, "locked")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    assert os.path.exists(store.lock.path)


# Quick capture's writer: adds through QuickStore (the file spliced, not parsed), falling back
# to the whole store when the file is not as masterytui wrote it; every fourth change goes
# through the whole store, so the two paths take turns writing the file and its layout.
QUICK = """
import sys
from masterytui.store import MasteryStore
from masterytui.store.quick import NeedsWholeFile, QuickStore
path = sys.argv[1]
i = 0
print("ready", flush=True)
while True:
    i += 1
    title = f"quick {i} " + "y" * (i % 40)
    if i % 4 == 0:
        task = MasteryStore(path).add_task(title, column="next")
    else:
        try:
            with QuickStore(path) as quick:
                task = quick.add_task(title)
        except NeedsWholeFile:
            task = MasteryStore(path).add_task(title)
    print("add", task.id, flush=True)
"""


def test_quick_capture_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    from .test_store_layout import assert_layout_matches, layout_of

    path = tmp_path / "m.json"
    MasteryStore(path).add_task("first")
    rng = random.Random(20261123)
    added: set[str] = set()
    for kills in range(1, 16):
        proc = spawn(QUICK, str(path))
        wait_for(proc, "ready")
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        complete = out[: out.rfind("\n") + 1].splitlines()
        added |= {line.split()[1] for line in complete}
        on_disk = task_ids(path)
        assert added <= on_disk, "every acknowledged add is in the file"
        assert len(on_disk - added) <= kills + 1
        layout = layout_of(path)
        stat = os.stat(path)
        if layout is not None and layout.signature == (
            stat.st_ino,
            stat.st_size,
            stat.st_mtime_ns,
        ):
            assert_layout_matches(path)  # a layout that claims the file is right about it
    assert len(added) > 15
