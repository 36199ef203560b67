"""The store's indexes, patched by each write, are what a fresh build from the file gives.

The id index of every table and the tasks' cards by column with their bounds are kept up
to date by the store's own writes instead of being built again after each one (issue #16).
After any mix of puts, removes, undos, another session's changes, hand edits and failed
changes, with writes on the spot or in a thread, each index must equal one built afresh
from the documents (a cache may cost speed, never show stale data).
"""

from __future__ import annotations

import json
import os
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from masterytui.domain.errors import MasteryError
from masterytui.domain.model import COLUMNS
from masterytui.store import MasteryStore
from masterytui.store import storage as storage_module
from masterytui.store.base import column_bounds, column_keys
from masterytui.store.core import _IdIndex
from masterytui.store.errors import WriteError

TABLES = ("goals", "tasks", "feedback", "practice", "tombstones")
DAYS = [(date.today() - timedelta(days=n)).isoformat() for n in range(3)]


def check(store: MasteryStore) -> None:
    for table in TABLES:
        docs = store.docs(table)
        index = store._ids(table)
        fresh = _IdIndex.build(docs, index.version)
        assert (index.keys, index.twins) == (fresh.keys, fresh.twins), table
        assert index.last >= fresh.last, table  # a new id is never one in use
    tasks = store.docs("tasks")
    carded = [doc for doc in tasks.values() if "id" in doc]
    for column in COLUMNS:
        assert store.column_keys(column) == column_keys(tasks, column)
        assert store.column_bounds(column) == column_bounds(carded).get(column)


def hand_edit(path: Path, rng: random.Random) -> None:
    """Another program changes the file: twin ids, odd columns, days and minutes."""
    data = json.loads(path.read_text())
    tasks = list(data.get("tasks", {}).values())
    practice = list(data.get("practice", {}).values())
    if len(tasks) >= 2:
        a, b = rng.sample(tasks, 2)
        b["column"] = rng.choice([*COLUMNS, "someday", None])
        if rng.random() < 0.3:
            b["id"] = a.get("id")  # twins
    if len(practice) >= 2:
        a, b = rng.sample(practice, 2)
        b["date"] = rng.choice([*DAYS, 7, None])
        b["minutes"] = rng.choice([5, "ten", 30.5, None])
        if rng.random() < 0.3:
            b["id"] = a.get("id")
    temporary = path.with_suffix(".edit")
    temporary.write_text(json.dumps(data))
    os.replace(temporary, path)


def step(store: MasteryStore, other: MasteryStore, path: Path, rng: random.Random) -> None:
    snapshot = store.snapshot()
    tasks = [t.id for t in snapshot.tasks]
    sessions = [s.id for s in snapshot.practice]
    roll = rng.random()
    try:
        if roll < 0.2 or not tasks:
            store.add_task("card", column=rng.choice(COLUMNS), top=rng.random() < 0.5)
        elif roll < 0.4:
            store.move_task(rng.choice(tasks), rng.choice(COLUMNS), rng.choice([None, 0, 2, 99]))
        elif roll < 0.45:
            store.reorder_task(rng.choice(tasks), rng.choice([-1, 1, 2]))
        elif roll < 0.5:
            store.delete_task(rng.choice(tasks))
        elif roll < 0.62 or not sessions:
            store.log_practice(rng.choice([5, 20, 45, 2000]), on=rng.choice(DAYS))
        elif roll < 0.68:
            store.update_practice(
                rng.choice(sessions), minutes=rng.choice([10, 30]), date=rng.choice(DAYS)
            )
        elif roll < 0.72:
            store.delete_practice(rng.choice(sessions))
        elif roll < 0.82:
            store.undo(force=True)
        elif roll < 0.9:
            if rng.random() < 0.5:
                other.log_practice(15, on=rng.choice(DAYS))
            else:
                other.move_task(rng.choice(tasks), rng.choice(COLUMNS))
        else:
            hand_edit(path, rng)
    except MasteryError:
        pass  # refused (a day full, a card gone under the other session): nothing changed


@pytest.mark.parametrize("behind", [False, True], ids=["on the spot", "write behind"])
@pytest.mark.parametrize("seed", range(4))
def test_patched_indexes_match_a_fresh_build(tmp_path: Path, seed: int, behind: bool) -> None:
    rng = random.Random(seed)
    path = tmp_path / "masterytui.json"
    store = MasteryStore(path)
    if behind:
        store.write_behind = lambda write: write()  # run at once, as a thread would, later
    for n in range(10):
        store.add_task(f"card {n}", column=COLUMNS[n % 4])
        store.log_practice(10 + n, on=DAYS[n % 3])
    other = MasteryStore(path)
    for _ in range(150):
        step(store, other, path, rng)
        if rng.random() < 0.3:
            continue  # some changes follow others unseen
        check(store)
    check(store)


def test_a_failed_write_leaves_no_stale_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails is undone in memory: the indexes show the file, not the change."""
    path = tmp_path / "masterytui.json"
    store = MasteryStore(path)
    card = store.add_task("first")
    store.log_practice(30)
    check(store)
    jobs: list[Any] = []
    store.write_behind = jobs.append
    store.write_failed = lambda pending: None

    def full(path: Path, payload: bytes) -> None:
        raise WriteError(f"Could not save {path}: the disk is full.")

    monkeypatch.setattr(storage_module, "atomic_write", full)
    with store.change("move and log"):
        store.move_task(card.id, "done")
        store.log_practice(45)
    check(store)  # the change, in memory, while its write waits
    jobs.pop()()
    check(store)  # the write failed: the file as it was
    assert store.column_bounds("done") is None
    assert store.practice_minutes(DAYS[0]) == 30


def test_a_change_refused_before_it_wrote_keeps_what_was_read(tmp_path: Path) -> None:
    """Bad input is refused with nothing changed, and nothing forgotten either: the next read
    does not parse the file again (at L, a refused change cost a re-read of 6 MB)."""
    store = MasteryStore(tmp_path / "masterytui.json")
    store.log_practice(1440)
    card = store.add_task("Scales")
    snapshot = store.snapshot()
    version = store.data_version
    with pytest.raises(MasteryError):
        store.log_practice(5)  # the day is full
    with pytest.raises(MasteryError):
        store.add_task("Chords", goal_id="g-none")
    assert store.data_version == version
    assert store.snapshot() is snapshot
    check(store)
    store.move_task(card.id, "next")  # and the next change goes through
    assert [t.column for t in store.snapshot().tasks] == ["next"]
