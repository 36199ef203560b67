"""Two replicas change one file apart, then merge both ways: nothing lost, same result (#19).

Each replica applies a random sequence of the store's own operations (add, edit, move,
reparent, delete, undo) from a common base, their changes interleaved in time by a fake
clock. Merging A into B and B into A must give the same documents and conflict records,
keep every document either side added or edited, pass doctor's reference checks, and keep
every field change unless a later change to the same field superseded it (then a conflict
record holds it).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masterytui.domain.errors import MasteryError
from masterytui.store import MasteryStore, stamps
from masterytui.store.base import ID_PREFIX, StoreBase
from masterytui.store.checks import parse
from masterytui.store.doctor import reference_problems
from masterytui.store.merge import QUIET, merge

TABLES = ("goals", "tasks", "feedback", "practice")
OPS = (
    "add_task",
    "edit_task",
    "move_task",
    "delete_task",
    "add_goal",
    "edit_goal",
    "reparent",
    "delete_goal",
    "add_feedback",
    "log_practice",
    "undo",
)


class Clock:
    """Stamps' clock, moved on one second per operation, whichever replica runs it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=1)


@contextmanager
def replicas() -> Iterator[tuple[Path, MasteryStore, MasteryStore]]:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.json"
        store = MasteryStore(base)
        area = store.add_goal("Music", "area")
        guitar = store.add_goal("Guitar", "mastery", area.id)
        store.add_goal("Scales", "mastery", guitar.id)
        store.add_goal("Running", "area")
        for title in ("Buy strings", "Learn Am", "Book a lesson"):
            store.add_task(title, guitar.id)
        store.add_task("No goal")
        store.log_practice(20, guitar.id)
        copies = []
        for name in ("a", "b"):
            (Path(folder) / name).mkdir()
            shutil.copy(base, Path(folder) / name / "m.json")
            copies.append(MasteryStore(Path(folder) / name / "m.json"))
        yield base, copies[0], copies[1]


def ids(store: MasteryStore, table: str) -> list[str]:
    return sorted(d["id"] for d in store.docs(table).values())


def apply(store: MasteryStore, op: str, data: st.DataObject) -> None:
    """One operation with arguments drawn from what the replica holds; refusals are fine."""
    goals, tasks = ids(store, "goals"), ids(store, "tasks")
    pick_goal = st.sampled_from([None, *goals])
    word = st.text("abcxyz ", min_size=1, max_size=6).filter(str.strip)
    try:
        if op == "add_task":
            store.add_task(data.draw(word), data.draw(pick_goal))
        elif op == "edit_task" and tasks:
            field = data.draw(st.sampled_from(["title", "notes", "priority"]))
            value = data.draw(word) if field != "priority" else data.draw(st.sampled_from("HML"))
            store.update_task(data.draw(st.sampled_from(tasks)), **{field: value})
        elif op == "move_task" and tasks:
            column = data.draw(st.sampled_from(["backlog", "next", "doing", "done"]))
            store.move_task(data.draw(st.sampled_from(tasks)), column, data.draw(st.integers(0, 3)))
        elif op == "delete_task" and tasks:
            store.delete_task(data.draw(st.sampled_from(tasks)))
        elif op == "add_goal":
            store.add_goal(data.draw(word), "mastery", data.draw(pick_goal))
        elif op == "edit_goal" and goals:
            store.update_goal(data.draw(st.sampled_from(goals)), title=data.draw(word))
        elif op == "reparent" and goals:
            store.reparent_goal(data.draw(st.sampled_from(goals)), data.draw(pick_goal))
        elif op == "delete_goal" and goals:
            store.delete_goal(
                data.draw(st.sampled_from(goals)), with_items=data.draw(st.booleans())
            )
        elif op == "add_feedback":
            task = data.draw(st.sampled_from([None, *tasks]))
            store.add_feedback(
                data.draw(word), "lesson", goal_id=data.draw(pick_goal), task_id=task
            )
        elif op == "log_practice":
            store.log_practice(data.draw(st.integers(1, 60)), data.draw(pick_goal))
        elif op == "undo":
            store.undo(force=True)
    except MasteryError:
        pass  # a refused move (under its own sub-goal) changes nothing


def by_id(data: dict[str, Any], table: str) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in data.get(table, {}).values()}


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and value:
        found: dict[str, Any] = {}
        for key, inner in value.items():
            found.update(leaves(inner, f"{path}{key}."))
        return found
    return {path.rstrip("."): value}


def check_merge(base: dict[str, Any], one: dict[str, Any], two: dict[str, Any]) -> None:
    merged, _ = merge(base, one, two)
    again, _ = merge(base, two, one)
    for table in (*TABLES, "conflicts", "tombstones"):
        assert by_id(merged, table) == by_id(again, table), table
    assert reference_problems(merged) == []
    records = list(by_id(merged, "conflicts").values())
    for side, other in ((one, two), (two, one)):
        for table in TABLES:
            before, after, there = by_id(base, table), by_id(merged, table), by_id(other, table)
            for item_id, doc in by_id(side, table).items():
                old = before.get(item_id)
                if old is not None and stamps.same_apart_from_stamp(old, doc):
                    continue
                assert item_id in after, f"{table} {item_id} added or edited, then lost"
                kept, was = leaves(after[item_id]), leaves(old or {})
                theirs = leaves(there.get(item_id) or {})
                for path, value in leaves(doc).items():
                    if path.split(".")[0] in QUIET or was.get(path, object()) == value:
                        continue
                    if kept.get(path, object()) == value:
                        continue
                    recorded = any(
                        r["item"] == item_id
                        and (path == r["field"] or path.startswith(r["field"] + "."))
                        for r in records
                    )
                    superseded = path in theirs and theirs[path] != was.get(path, object())
                    # A loop of parents broken by the merge keeps the undone move in a record.
                    held = any(
                        r["item"] == item_id and r["field"] == path and r["other"] == value
                        for r in records
                    )
                    assert (recorded and superseded) or held, (
                        f"{table} {item_id}: {path}={value!r} lost"
                    )


def run_replicas(data: st.DataObject, steps: int, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(stamps, "clock", clock)
    numbers = itertools.count(1)  # ids as random ones are: never the same on two replicas
    monkeypatch.setattr(
        StoreBase, "new_id", lambda self, table: f"{ID_PREFIX[table]}{next(numbers):06x}"
    )
    with replicas() as (base_path, a, b):
        for _ in range(data.draw(st.integers(0, steps))):
            store = a if data.draw(st.booleans()) else b
            apply(store, data.draw(st.sampled_from(OPS)), data)
            clock.tick()
        base, one, two = (parse(p.read_bytes(), p) for p in (base_path, a.path, b.path))
        check_merge(base, one, two)
        merged, _ = merge(base, one, two)
        from masterytui.store.files import atomic_write, dump

        atomic_write(a.path, dump(merged))
        MasteryStore(a.path).snapshot()  # the merged file opens and reads


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_two_replicas_merge_both_ways_to_the_same_file_losing_nothing(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_replicas(data, 8, monkeypatch)


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_two_replicas_long_runs(data: st.DataObject, monkeypatch: pytest.MonkeyPatch) -> None:
    run_replicas(data, 30, monkeypatch)
