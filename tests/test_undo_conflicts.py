"""Undo never silently overwrites another session's later change: it asks first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from masterytui.app import MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.store import MasteryStore
from masterytui.store.export import export_json
from masterytui.store.importers import import_data
from masterytui.store.undo import UndoConflictError


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "masterytui.json"


def two(path: Path) -> tuple[MasteryStore, MasteryStore]:
    return MasteryStore(path), MasteryStore(path)


def test_edit_then_their_edit_of_another_field(path: Path) -> None:
    a, b = two(path)
    goal = a.add_goal("Sight-reading", "mastery", why="old why", commitment="old")
    a.update_goal(goal.id, why="my why")
    b.update_goal(goal.id, commitment="theirs")
    before = path.read_bytes()
    with pytest.raises(UndoConflictError) as caught:
        a.undo()
    assert "Sight-reading' was changed (commitment)" in str(caught.value)
    assert path.read_bytes() == before  # nothing written
    assert a.undo_label == "edit goal 'Sight-reading'"  # still there to choose
    assert a.drop_undo() == "edit goal 'Sight-reading'"  # keep theirs
    assert MasteryStore(path).goal(goal.id).commitment == "theirs"
    assert path.read_bytes() == before


def test_undo_anyway_puts_back_what_was_before(path: Path) -> None:
    a, b = two(path)
    goal = a.add_goal("Sight-reading", "mastery", why="old why", commitment="old")
    a.update_goal(goal.id, why="my why")
    b.update_goal(goal.id, commitment="theirs")
    assert a.undo(force=True) == "edit goal 'Sight-reading'"
    back = MasteryStore(path).goal(goal.id)
    assert (back.why, back.commitment) == ("old why", "old")


def test_undoing_an_add_keeps_a_task_they_edited(path: Path) -> None:
    a, b = two(path)
    task = a.add_task("Scales in A")
    b.update_task(task.id, title="Scales in A minor")
    with pytest.raises(UndoConflictError):
        a.undo()
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["Scales in A minor"]


def test_undoing_an_edit_of_a_record_they_deleted(path: Path) -> None:
    a, b = two(path)
    task = a.add_task("Scales in A")
    a.update_task(task.id, title="Scales in A minor")
    b.delete_task(task.id)
    with pytest.raises(UndoConflictError) as caught:
        a.undo()
    assert "was deleted" in str(caught.value)
    assert MasteryStore(path).snapshot().tasks == []  # not brought back behind their back


def test_undoing_a_delete_when_the_id_was_taken_again(path: Path) -> None:
    a, b = two(path)
    task = a.add_task("Scales in A")
    doc = dict(a.find("tasks", task.id) or {})
    a.delete_task(task.id)
    with b.change("bring it back"):
        b.put("tasks", {**doc, "title": "Their scales"})
    with pytest.raises(UndoConflictError) as caught:
        a.undo()
    assert "was created again" in str(caught.value)
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["Their scales"]


def test_a_multi_record_undo_is_all_or_nothing(path: Path) -> None:
    a, b = two(path)
    goal = a.add_goal("Piano", "mastery")
    tasks = [a.add_task(f"task {i}", goal.id) for i in range(4)]
    a.delete_goal(goal.id)  # its tasks move to the top level: five records in one change
    b.update_task(tasks[2].id, title="their task")
    before = path.read_bytes()
    with pytest.raises(UndoConflictError) as caught:
        a.undo()
    assert "1 of the 5 records" in str(caught.value)
    assert path.read_bytes() == before
    assert MasteryStore(path).snapshot().goals == []
    assert a.undo(force=True) == "delete goal 'Piano'"
    now = MasteryStore(path).snapshot()
    assert [g.title for g in now.goals] == ["Piano"]
    assert {t.goal_id for t in now.tasks} == {goal.id}
    assert "their task" not in {t.title for t in now.tasks}


def test_an_import_they_edited_since_is_not_half_undone(path: Path, tmp_path: Path) -> None:
    source = MasteryStore(tmp_path / "source.json")
    for i in range(3):
        source.add_task(f"imported {i}")
    a, b = two(path)
    import_data(a, export_json(source), "e.json")
    victim = b.snapshot().tasks[1]
    b.update_task(victim.id, title="their edit")
    with pytest.raises(UndoConflictError):
        a.undo()
    assert len(MasteryStore(path).snapshot().tasks) == 3


def test_no_false_alarm_after_reading_their_unrelated_change(path: Path) -> None:
    a, b = two(path)
    mine = a.add_goal("Mine", "mastery", why="one")
    a.update_goal(mine.id, why="two")
    a.update_goal(mine.id, why="three")
    b.add_goal("Theirs", "mastery")
    a.snapshot()  # a re-reads the whole file from disk: its documents are new objects
    assert a.undo() == "edit goal 'Mine'"
    assert a.undo() == "edit goal 'Mine'"
    assert a.goal(mine.id).why == "one"
    assert a.undo() == "add goal 'Mine'"
    assert [g.title for g in MasteryStore(path).snapshot().goals] == ["Theirs"]


@pytest.mark.parametrize(("key", "why"), [("k", "theirs"), ("u", "old why")])
async def test_the_app_asks_keep_theirs_or_undo_anyway(
    store: MasteryStore, key: str, why: str
) -> None:
    store.set_setting("welcomed", True)
    goal = store.add_goal("Sight-reading", "mastery", why="old why")
    store.update_goal(goal.id, why="my why")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        MasteryStore(store.path).update_goal(goal.id, why="theirs")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Sight-reading" in app.screen.body
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert store.undo_label == "add goal 'Sight-reading'"  # this step is done or dropped
    assert MasteryStore(store.path).goal(goal.id).why == why


async def test_escape_leaves_the_undo_to_choose_later(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    task = store.add_task("Scales")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        MasteryStore(store.path).update_task(task.id, title="Their scales")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert store.undo_label == "add task 'Scales'"
    assert [t.title for t in MasteryStore(store.path).snapshot().tasks] == ["Their scales"]


def test_a_hand_edited_twin_id_is_found_after_its_first_is_deleted(path: Path) -> None:
    task = MasteryStore(path).add_task("first")
    data = json.loads(path.read_text())
    data["tasks"]["99"] = {**data["tasks"]["1"], "title": "twin"}
    path.write_text(json.dumps(data))
    store = MasteryStore(path)
    store.delete_task(task.id)
    assert store.task(task.id).title == "twin"
    store.delete_task(task.id)
    assert store.find("tasks", task.id) is None
    assert MasteryStore(path).snapshot().tasks == []
