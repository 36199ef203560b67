"""The file written table by table, its layout, the incremental snapshot and quick capture."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import orjson
import pytest

from masterytui.cli import main
from masterytui.domain.errors import NotFoundError, ValidationError
from masterytui.store import MasteryStore
from masterytui.store.files import dump
from masterytui.store.layout import Layout
from masterytui.store.lock import TOKEN_SIZE
from masterytui.store.quick import NeedsWholeFile, QuickStore


def layout_of(path: Path) -> Layout | None:
    raw = path.with_name(path.name + ".lock").read_bytes()[TOKEN_SIZE:]
    return Layout.decode(raw)


def assert_layout_matches(path: Path) -> None:
    """The layout beside ``path`` fits it, and each span holds exactly that table."""
    raw = path.read_bytes()
    layout = layout_of(path)
    assert layout is not None, "a file masterytui wrote has a layout"
    stat = os.stat(path)
    assert layout.signature == (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    assert layout.fits(raw)
    data = orjson.loads(raw)
    assert set(layout.spans) == set(data)
    for name, (start, end, next_id) in layout.spans.items():
        assert orjson.loads(raw[start : end + 1]) == data[name]
        assert next_id == max(map(int, data[name]), default=0) + 1
    bounds: dict[str, tuple[float, float]] = {}
    for doc in data.get("tasks", {}).values():
        low, high = bounds.get(doc["column"], (doc["position"], doc["position"]))
        bounds[doc["column"]] = (min(low, doc["position"]), max(high, doc["position"]))
    assert set(layout.columns) >= set(bounds)
    for column, (low, high) in bounds.items():  # may be wider (cheap to keep), never narrower
        assert layout.columns[column][0] <= low and layout.columns[column][1] >= high


def test_the_file_is_what_a_whole_dump_would_write(demo_store: MasteryStore) -> None:
    raw = demo_store.path.read_bytes()
    assert orjson.loads(raw) == orjson.loads(dump(demo_store.storage.read() or {}))
    assert raw == dump(orjson.loads(raw)), "compact, in table order, like orjson's own dump"
    assert_layout_matches(demo_store.path)


def test_a_change_reserialises_only_its_table(demo_store: MasteryStore) -> None:
    demo_store.add_task("warm up")  # fills the cache of every table
    cached = dict(demo_store.storage._tables)
    demo_store.add_task("another")
    after = demo_store.storage._tables
    assert after["practice"] is cached["practice"] and after["feedback"] is cached["feedback"]
    assert after["tasks"] is not cached["tasks"]
    assert_layout_matches(demo_store.path)
    assert "another" in {t.title for t in MasteryStore(demo_store.path).snapshot().tasks}


def test_a_file_read_again_reuses_its_tables_when_the_layout_fits(
    demo_store: MasteryStore,
) -> None:
    other = MasteryStore(demo_store.path)
    assert set(other.storage._tables) == {"goals", "tasks", "feedback", "practice", "meta"}
    other.log_practice(20)
    assert_layout_matches(demo_store.path)
    assert len(demo_store.snapshot().practice) == len(other.snapshot().practice)


def test_a_file_edited_by_hand_is_not_trusted(demo_store: MasteryStore) -> None:
    data = orjson.loads(demo_store.path.read_bytes())
    first = next(iter(data["tasks"].values()))
    first["title"] = "edited by hand"
    demo_store.path.write_text(json.dumps(data, indent=2))
    other = MasteryStore(demo_store.path)
    assert other.storage._tables == {}
    assert "edited by hand" in {t.title for t in other.snapshot().tasks}
    other.add_task("after the edit")
    assert_layout_matches(demo_store.path)
    titles = {t.title for t in MasteryStore(demo_store.path).snapshot().tasks}
    assert {"edited by hand", "after the edit"} <= titles


# The snapshot -------------------------------------------------------------------------------


def test_the_snapshot_converts_only_what_changed(demo_store: MasteryStore) -> None:
    before = demo_store.snapshot()
    task = before.tasks[0]
    demo_store.move_task(task.id, "done" if task.column != "done" else "next")
    after = demo_store.snapshot()
    assert after is not before
    moved = next(t for t in after.tasks if t.id == task.id)
    assert moved.column != task.column
    same = {t.id: t for t in before.tasks if t.id != task.id}
    assert all(t is same[t.id] for t in after.tasks if t.id != task.id)
    assert after.practice is before.practice, "an untouched table is not looked at"
    assert demo_store.snapshot() is after, "nothing changed: the same snapshot"


def test_the_snapshot_sees_another_session_and_keeps_the_rest(demo_store: MasteryStore) -> None:
    before = demo_store.snapshot()
    MasteryStore(demo_store.path).add_task("from another session")
    after = demo_store.snapshot()
    assert "from another session" in {t.title for t in after.tasks}
    kept = {t.id: t for t in before.tasks}
    assert all(t is kept[t.id] for t in after.tasks if t.id in kept)
    assert [g.id for g in after.goals] == [g.id for g in before.goals]


def test_the_snapshot_after_undo_and_a_failed_change(demo_store: MasteryStore) -> None:
    count = len(demo_store.snapshot().tasks)
    demo_store.add_task("undo me")
    assert len(demo_store.snapshot().tasks) == count + 1
    demo_store.undo()
    assert len(demo_store.snapshot().tasks) == count
    with pytest.raises(RuntimeError), demo_store.change("fails half way"):
        demo_store.put("tasks", {"id": "tzzzzzz", "title": "half", "column": "next"})
        raise RuntimeError("boom")
    assert "half" not in {t.title for t in demo_store.snapshot().tasks}
    assert_layout_matches(demo_store.path)


# Quick capture ------------------------------------------------------------------------------


def quick(path: Path) -> QuickStore:
    return QuickStore(path)


def test_quick_adds_are_what_the_whole_store_would_write(demo_store: MasteryStore) -> None:
    goal = demo_store.snapshot().goals[2]
    with quick(demo_store.path) as store:
        task = store.add_task("quick one", goal.id, "next", due="2026-12-01", priority="H")
        top = store.add_task("on top", None, "next", top=True)
        entry = store.add_feedback("sharp", "lesson", "mentor", next_step="again", goal_id=goal.id)
        win = store.log_win("a win")
        session = store.log_practice(25, goal.id, note="scales")
    assert_layout_matches(demo_store.path)
    whole = MasteryStore(demo_store.path)
    assert whole.task(task.id) == task and whole.task(top.id) == top
    assert whole.feedback_entry(entry.id) == entry
    assert whole.feedback_entry(win.id).kind == "win"
    assert whole.practice_session(session.id) == session
    column = sorted(
        (t for t in whole.snapshot().tasks if t.column == "next"), key=lambda t: t.position
    )
    assert column[0].id == top.id and column[-1].id == task.id
    # The whole store keeps going on the same file, and the quick path after it.
    whole.move_task(task.id, "doing")
    with quick(demo_store.path) as store:
        again = store.add_task("after the whole store")
    assert MasteryStore(demo_store.path).task(again.id).title == "after the whole store"
    assert_layout_matches(demo_store.path)


def test_quick_add_refuses_bad_input_and_writes_nothing(demo_store: MasteryStore) -> None:
    before = demo_store.path.read_bytes()
    with quick(demo_store.path) as store:
        with pytest.raises(ValidationError):
            store.add_task("   ")
        with pytest.raises(ValidationError):
            store.add_task("x", "gnothere")
        with pytest.raises(ValidationError):
            store.log_practice(0)
        with pytest.raises(NotFoundError):
            store.resolve_goal("no such goal at all")
    assert demo_store.path.read_bytes() == before


def test_quick_add_steps_aside_when_the_file_is_not_as_written(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    path = demo_store.path
    os.utime(path, ns=(1, 1))  # touched by something else
    before = path.read_bytes()
    with pytest.raises(NeedsWholeFile):
        quick(path).__enter__()
    assert path.read_bytes() == before
    fresh = tmp_path / "fresh" / "m.json"
    with pytest.raises(NeedsWholeFile):
        quick(fresh).__enter__()
    assert not fresh.parent.exists(), "nothing is created for a file that does not exist"
    demo_store.add_task("the whole store writes a layout again")
    with quick(demo_store.path) as store, pytest.raises(NeedsWholeFile):
        store.add_feedback("about a task", task_id="t000000")  # needs the tasks table


def test_the_cli_adds_quickly_and_falls_back(
    demo_store: MasteryStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    used: list[str] = []
    original = QuickStore._commit

    def spy(self: QuickStore) -> None:
        used.append("quick")
        original(self)

    monkeypatch.setattr(QuickStore, "_commit", spy)
    goal = demo_store.snapshot().goals[1]
    db = str(demo_store.path)
    assert main(["--db", db, "add", "task", "via the cli", "--goal", goal.title[:12]]) == 0
    assert used == ["quick"]
    os.utime(demo_store.path, ns=(1, 1))
    assert main(["--db", db, "add", "win", "via the whole store"]) == 0
    assert used == ["quick"], "the untrusted file went through the whole store"
    assert main(["--db", db, "add", "practice", "15"]) == 0
    assert used == ["quick", "quick"], "which wrote a layout again"
    out = capsys.readouterr().out.split()
    snapshot = MasteryStore(demo_store.path).snapshot()
    assert {t.id for t in snapshot.tasks} >= {out[0]}
    assert out[1] in {f.id for f in snapshot.feedback}
    assert out[2] in {p.id for p in snapshot.practice}
    assert next(t for t in snapshot.tasks if t.id == out[0]).goal_id == goal.id
    assert_layout_matches(demo_store.path)


def test_quick_add_keeps_the_user_text_exactly(demo_store: MasteryStore) -> None:
    text = 'quotes " and \\ backslash, ünïcödé ★, [b]markup[/b]'
    with quick(demo_store.path) as store:
        entry = store.add_feedback(text, next_step="tab\tand line\nbreak")
    assert MasteryStore(demo_store.path).feedback_entry(entry.id) == entry
    assert entry.text == text


def test_quick_add_takes_a_backup_when_one_is_due(demo_store: MasteryStore) -> None:
    for backup in demo_store.backups.list():
        os.unlink(backup.path)
    before = demo_store.path.read_bytes()
    with quick(demo_store.path) as store:
        store.add_task("backed up first")
    backups = demo_store.backups.list()
    assert len(backups) == 1 and backups[0].path.read_bytes() == before
    assert oct(backups[0].path.stat().st_mode & 0o777) == "0o600"
    assert oct(demo_store.path.stat().st_mode & 0o777) == "0o600"


def test_quick_practice_for_a_day_to_come_is_refused(demo_store: MasteryStore) -> None:
    with quick(demo_store.path) as store, pytest.raises(ValidationError):
        store.log_practice(10, on=(date.today().replace(year=date.today().year + 1)).isoformat())


def test_a_file_as_written_is_parsed_table_by_table(demo_store: MasteryStore) -> None:
    from masterytui.store.storage import _Unparsed

    other = MasteryStore(demo_store.path)
    data = other.storage._data
    assert data is not None
    assert {n for n, t in data.items() if isinstance(t, _Unparsed)} == {
        "goals",
        "tasks",
        "feedback",
        "practice",
    }, "only meta is parsed on open"
    assert len(other.snapshot().goals) == len(demo_store.snapshot().goals)
    assert isinstance(data["practice"], _Unparsed), "goals read: practice still unparsed"
    other.add_task("written while practice is unparsed")
    assert isinstance(data["practice"], _Unparsed)
    assert_layout_matches(demo_store.path)
    whole = orjson.loads(demo_store.path.read_bytes())
    assert other.storage.read() == whole, "every table, parsed on demand, as in the file"
    assert other.storage._raw is None, "the bytes are let go once every table is parsed"
    assert len(MasteryStore(demo_store.path).snapshot().practice) == len(whole["practice"])
