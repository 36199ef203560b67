"""Change stamps and tombstones, written by the store's put and remove for every operation."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from masterytui.store import MasteryStore, stamps
from masterytui.store.backups import Backups
from masterytui.store.files import SCHEMA_VERSION
from masterytui.store.quick import QuickStore


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(stamps, "clock", fake)
    return fake


def raw(store: MasteryStore, table: str) -> dict[str, dict[str, object]]:
    store.snapshot()
    return {str(d["id"]): d for d in store.docs(table).values()}


def test_every_operation_stamps_what_it_writes(store: MasteryStore, clock: Clock) -> None:
    goal = store.add_goal("Guitar")
    task = store.add_task("Strings", goal.id)
    store.log_practice(20, goal.id)
    store.add_feedback("Slow down", "lesson", task_id=task.id)
    for table in ("goals", "tasks", "feedback", "practice"):
        assert all(
            d["changed_at"] == "2026-12-01T09:00:00.000000Z" for d in raw(store, table).values()
        )
    clock.now += timedelta(minutes=5)
    store.move_task(task.id, "doing")
    assert raw(store, "tasks")[task.id]["changed_at"] == "2026-12-01T09:05:00.000000Z"
    assert raw(store, "goals")[goal.id]["changed_at"] == "2026-12-01T09:00:00.000000Z"  # untouched


def test_a_stamp_always_moves_past_the_one_it_replaces(store: MasteryStore, clock: Clock) -> None:
    task = store.add_task("Strings")
    clock.now -= timedelta(hours=3)  # this machine's clock was set back
    store.update_task(task.id, title="Strings, 10s")
    assert raw(store, "tasks")[task.id]["changed_at"] == "2026-12-01T09:00:00.000001Z"


def test_a_delete_leaves_a_tombstone_and_its_undo_lifts_it(
    store: MasteryStore, clock: Clock
) -> None:
    task = store.add_task("Strings")
    clock.now += timedelta(seconds=1)
    store.delete_task(task.id)
    graves = raw(store, "tombstones")
    assert graves == {
        f"tasks/{task.id}": {
            "id": f"tasks/{task.id}",
            "table": "tasks",
            "item": task.id,
            "changed_at": "2026-12-01T09:00:01.000000Z",
        }
    }
    store.undo()
    assert raw(store, "tombstones") == {} and task.id in raw(store, "tasks")


def test_old_tombstones_are_forgotten(store: MasteryStore, clock: Clock) -> None:
    first, second = store.add_task("a"), store.add_task("b")
    store.delete_task(first.id)
    clock.now += stamps.KEEP_TOMBSTONES + timedelta(days=1)
    store.delete_task(second.id)
    assert list(raw(store, "tombstones")) == [f"tasks/{second.id}"]


def test_quick_capture_stamps_too(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("first")  # the whole store writes the layout quick add needs
    with QuickStore(path) as quick:
        task = quick.add_task("quick")
    data = orjson.loads(path.read_bytes())
    doc = next(d for d in data["tasks"].values() if d["id"] == task.id)
    assert stamps.parse_stamp(doc["changed_at"]) is not None


def test_a_schema_1_file_is_stamped_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    old = {
        "goals": {"1": {"id": "g1", "title": "Old", "updated_at": "2026-11-01T10:00:00+01:00"}},
        "tasks": {"1": {"id": "t1", "title": "Task", "created_at": "2026-11-02T08:00:00"}},
        "feedback": {"1": {"id": "f1", "text": "Note"}},
        "meta": {"1": {"schema_version": 1}},
    }
    path.write_bytes(orjson.dumps(old))
    store = MasteryStore(path)
    assert Backups(path).list()[0].path.read_bytes() == orjson.dumps(old)
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert data["goals"]["1"]["changed_at"] == "2026-11-01T09:00:00.000000Z"
    assert stamps.parse_stamp(data["tasks"]["1"]["changed_at"]) is not None
    assert stamps.parse_stamp(data["feedback"]["1"]["changed_at"]) is not None
    assert store.goal("g1").title == "Old"


def test_the_merge_modules_never_import_textual_or_tinydb() -> None:
    code = (
        "import sys, masterytui.store.merge, masterytui.store.merge_files, masterytui.sync; "
        "bad = [m for m in ('textual', 'tinydb') if m in sys.modules]; assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
