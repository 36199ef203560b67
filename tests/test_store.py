"""The store: changes and their undo, look-ups, caching, files, backups, migrations, bad files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from masterytui.domain.errors import AmbiguousError, NotFoundError, ValidationError
from masterytui.domain.figures import children_map
from masterytui.domain.model import RWA, Measure, PracticePlan
from masterytui.store import Backups, BadFileError, MasteryStore, migrations
from masterytui.store.files import SCHEMA_VERSION

TABLES = ("goals", "tasks", "feedback", "practice")
PAST = "2025-01-15"

State = dict[str, dict[str, dict[str, Any]]]


def state(store: MasteryStore) -> State:
    """The file's contents by table and item id (TinyDB's internal doc ids and the change
    stamps, which move with every write, ignored)."""
    store.snapshot()  # re-read if another session wrote
    return {
        t: {
            d["id"]: {k: v for k, v in d.items() if k != "changed_at"}
            for d in store.docs(t).values()
        }
        for t in TABLES
    }


def order(store: MasteryStore, parent_id: str | None) -> list[str]:
    """Titles of the goals under ``parent_id`` in the user's order."""
    return [g.title for g in children_map(store.snapshot().goals).get(parent_id, [])]


def column(store: MasteryStore, name: str) -> list[str]:
    tasks = [t for t in store.snapshot().tasks if t.column == name]
    return [t.title for t in sorted(tasks, key=lambda t: (t.position, t.created_at, t.id))]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "mastery.json"


@pytest.fixture
def store(path: Path) -> MasteryStore:
    return MasteryStore(path)


@dataclass
class Tree:
    """area A > perf P > (m1 > m1a, m2); A > S; with tasks, feedback and practice on them."""

    a: str
    p: str
    m1: str
    m1a: str
    m2: str
    s: str
    ids: dict[str, str]


@pytest.fixture
def tree(store: MasteryStore) -> Tree:
    a = store.add_goal("Area", "area").id
    p = store.add_goal("Perf", "performance", a).id
    m1 = store.add_goal("Mastery one", "mastery", p).id
    m1a = store.add_goal("Mastery one a", "mastery", m1).id
    m2 = store.add_goal("Mastery two", "mastery", p).id
    s = store.add_goal("Sibling", "performance", a).id
    ids: dict[str, str] = {}
    for name, goal in (("t_a", a), ("t_p", p), ("t_m1", m1), ("t_m1a", m1a), ("t_s", s)):
        ids[name] = store.add_task(name, goal).id
    ids["t_free"] = store.add_task("t_free").id
    ids["f_m1"] = store.add_feedback("f_m1", goal_id=m1, task_id=ids["t_m1"]).id
    ids["f_s"] = store.add_feedback("f_s", goal_id=s, task_id=ids["t_m1a"]).id
    ids["f_p"] = store.add_feedback("f_p", "lesson", goal_id=p).id
    ids["p_m1"] = store.log_practice(20, m1, on=PAST).id
    ids["p_m1a"] = store.log_practice(25, m1a, on=PAST).id
    ids["p_s"] = store.log_practice(30, s, on=PAST).id
    return Tree(a, p, m1, m1a, m2, s, ids)


def assert_undo_restores(store: MasteryStore, change: Callable[[], object]) -> None:
    """``change`` alters the file, and one undo brings back exactly what was there."""
    before = state(store)
    change()
    assert state(store) != before
    assert store.undo() is not None
    assert state(store) == before
    # the undo is also what another session reads from the file
    assert state(MasteryStore(store.path)) == before


# Goals -------------------------------------------------------------------------------------


def test_add_goal_appends_in_order_and_after_a_sibling(store: MasteryStore) -> None:
    a = store.add_goal("A", "area")
    store.add_goal("B", "area")
    c = store.add_goal("C", "area", after_id=a.id)
    assert a.id.startswith("g") and c.kind == "area"
    assert order(store, None) == ["A", "C", "B"]
    assert [g.position for g in children_map(store.snapshot().goals)[None]] == [0, 1, 2]


def test_add_goal_with_fields(store: MasteryStore) -> None:
    goal = store.add_goal(
        "  Bench 200 \x1b[2J ",
        "Performance",
        measure=Measure(target=200, unit="lb", current=175, deadline="2026-05-01", start=150),
        rwa=RWA(5, 4, 2),
        why="because",
    )
    again = MasteryStore(store.path).goal(goal.id)
    assert again.title == "Bench 200 \ufffd"
    assert again.kind == "performance"
    assert again.measure == Measure(200, "lb", 175, "2026-05-01", 150)
    assert again.rwa == RWA(5, 4, 2) and again.why == "because"
    assert again.created_at and again.updated_at


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": " "}, "cannot be empty"),
        ({"title": "x", "kind": "dream"}, "Kind must be one of"),
        ({"title": "x", "parent_id": "gnope"}, "no goal with id"),
        ({"title": "x", "colour": "red"}, "no field 'colour'"),
        ({"title": "x", "rwa": RWA(0, 3, 3)}, "Ready must be at least 1"),
        ({"title": "x", "practice_plan": PracticePlan(minutes_per_day=2000)}, "at most 1440"),
        ({"title": "x", "measure": Measure(target=float("nan"))}, "finite"),
        ({"title": "x", "measure": Measure(target=3, deadline="2026-02-30")}, "calendar"),
        ({"title": "x", "status": "done"}, "Status must be one of"),
    ],
)
def test_add_goal_refusals(store: MasteryStore, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        store.add_goal(**kwargs)
    assert not store.path.exists()
    assert store.undo_label is None


def test_update_goal_and_undo(store: MasteryStore) -> None:
    goal = store.add_goal("Copy", "mastery")
    updated = store.update_goal(
        goal.id, title="Sales copy", practice_plan=PracticePlan(sessions_per_week=4)
    )
    assert updated.title == "Sales copy"
    assert updated.practice_plan == PracticePlan(sessions_per_week=4)
    assert store.set_goal_status(goal.id, "paused").status == "paused"
    assert_undo_restores(store, lambda: store.update_goal(goal.id, why="words sell"))


def test_update_goal_without_change_writes_nothing(store: MasteryStore) -> None:
    goal = store.add_goal("Copy")
    raw = store.path.read_bytes()
    label = store.undo_label
    store.update_goal(goal.id, title="Copy")
    assert store.path.read_bytes() == raw and store.undo_label == label


def test_move_goal_among_siblings(store: MasteryStore) -> None:
    for title in "ABC":
        store.add_goal(title)
    c = store.resolve_goal("C")
    assert store.move_goal(c.id, -2) is True
    assert order(store, None) == ["C", "A", "B"]
    label = store.undo_label
    assert store.move_goal(c.id, -1) is False  # already first: nothing written, nothing to undo
    assert store.undo_label == label
    assert_undo_restores(store, lambda: store.move_goal(c.id, 2))


def test_reparent_goal_at_an_index(store: MasteryStore, tree: Tree) -> None:
    store.reparent_goal(tree.m1a, tree.p, 1)
    assert order(store, tree.p) == ["Mastery one", "Mastery one a", "Mastery two"]
    assert order(store, tree.m1) == []
    positions = [g.position for g in children_map(store.snapshot().goals)[tree.p]]
    assert positions == [0, 1, 2]
    assert_undo_restores(store, lambda: store.reparent_goal(tree.m2, None))


def test_reparent_keeps_the_requested_place_whatever_the_old_position(store: MasteryStore) -> None:
    # The moved goal's old position happens to equal its new index.
    x = store.add_goal("X")
    y = store.add_goal("Y")
    store.add_goal("X1", parent_id=x.id)
    store.add_goal("X2", parent_id=x.id)
    store.reparent_goal(y.id, x.id, 1)
    assert order(store, x.id) == ["X1", "Y", "X2"]
    assert all(g.position >= 0 for g in store.snapshot().goals)


@pytest.mark.parametrize("target", ["self", "child", "grandchild"])
def test_moving_a_goal_under_itself_is_refused(
    store: MasteryStore, tree: Tree, target: str
) -> None:
    new_parent = {"self": tree.p, "child": tree.m1, "grandchild": tree.m1a}[target]
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match="under itself"):
        store.reparent_goal(tree.p, new_parent)
    assert store.path.read_bytes() == raw


def test_indent_and_outdent(store: MasteryStore) -> None:
    a = store.add_goal("A")
    b = store.add_goal("B")
    store.add_goal("C")
    store.add_goal("A1", parent_id=a.id)
    store.indent_goal(b.id)
    assert order(store, None) == ["A", "C"]
    assert order(store, a.id) == ["A1", "B"]  # the last child of the goal above
    store.outdent_goal(b.id)
    assert order(store, None) == ["A", "B", "C"]  # right after its old parent
    assert order(store, a.id) == ["A1"]
    assert_undo_restores(store, lambda: store.indent_goal(b.id))
    assert_undo_restores(store, lambda: store.outdent_goal(store.resolve_goal("A1").id))


def test_indent_first_and_outdent_top_are_refused(store: MasteryStore) -> None:
    a = store.add_goal("A")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match="no goal above"):
        store.indent_goal(a.id)
    with pytest.raises(ValidationError, match="already at the top"):
        store.outdent_goal(a.id)
    assert store.path.read_bytes() == raw


def test_log_proficiency_same_day_replaces(store: MasteryStore) -> None:
    goal = store.add_goal("Cadence")
    store.log_proficiency(goal.id, 3, "2025-01-01")
    store.log_proficiency(goal.id, 5, "2025-02-01")
    rated = store.log_proficiency(goal.id, "4", "2025-01-01")
    assert [(p.date, p.level) for p in rated.proficiency] == [("2025-01-01", 4), ("2025-02-01", 5)]
    with pytest.raises(ValidationError):
        store.log_proficiency(goal.id, 11)
    assert_undo_restores(store, lambda: store.log_proficiency(goal.id, 7, "2025-03-01"))


def test_delete_goal_moves_its_items_to_its_parent(store: MasteryStore, tree: Tree) -> None:
    before = state(store)
    store.delete_goal(tree.m1)
    after = state(store)
    assert tree.m1 not in after["goals"]
    assert order(store, tree.p) == ["Mastery one a", "Mastery two"]  # in m1's place
    assert after["goals"][tree.m1a]["parent_id"] == tree.p
    assert after["tasks"][tree.ids["t_m1"]]["goal_id"] == tree.p
    assert after["feedback"][tree.ids["f_m1"]]["goal_id"] == tree.p
    assert after["feedback"][tree.ids["f_m1"]]["task_id"] == tree.ids["t_m1"]
    assert after["practice"][tree.ids["p_m1"]]["goal_id"] == tree.p
    # nothing was deleted but the goal itself
    assert {t: len(v) for t, v in after.items()} == {
        t: len(v) - (t == "goals") for t, v in before.items()
    }
    assert store.undo() == "delete goal 'Mastery one'"
    assert state(store) == before


def test_delete_top_level_goal_unlinks_its_items(store: MasteryStore, tree: Tree) -> None:
    assert_undo_restores(store, lambda: store.delete_goal(tree.a))
    store.delete_goal(tree.a)
    assert order(store, None) == ["Perf", "Sibling"]
    assert store.task(tree.ids["t_a"]).goal_id is None


def test_delete_goal_with_items(store: MasteryStore, tree: Tree) -> None:
    assert store.goal_delete_impact(tree.p) == {
        "goals": 3,
        "tasks": 3,
        "feedback": 2,
        "practice": 2,
    }
    before = state(store)
    store.delete_goal(tree.p, with_items=True)
    after = state(store)
    assert set(after["goals"]) == {tree.a, tree.s}
    assert set(after["tasks"]) == {tree.ids[k] for k in ("t_a", "t_s", "t_free")}
    assert set(after["feedback"]) == {tree.ids["f_s"]}
    assert after["feedback"][tree.ids["f_s"]]["task_id"] is None  # its task went
    assert set(after["practice"]) == {tree.ids["p_s"]}
    assert store.undo() is not None
    assert state(store) == before


def test_delete_unknown_goal(store: MasteryStore) -> None:
    with pytest.raises(NotFoundError):
        store.delete_goal("gmissing")


# Tasks -------------------------------------------------------------------------------------


def test_add_task_to_columns(store: MasteryStore) -> None:
    goal = store.add_goal("G")
    a = store.add_task("a")
    store.add_task("b", column="backlog")
    store.add_task("c", column="Backlog", top=True)
    d = store.add_task("d", goal.id, "done", due="2026-04-01", priority="high", notes="n")
    store.add_task("e", column="next")
    store.add_task("f", column="doing")
    assert a.id.startswith("t") and a.column == "backlog" and a.done_at is None
    assert column(store, "backlog") == ["c", "a", "b"]
    assert (column(store, "next"), column(store, "doing"), column(store, "done")) == (
        ["e"],
        ["f"],
        ["d"],
    )
    saved = MasteryStore(store.path).task(d.id)
    assert saved.done_at and saved.goal_id == goal.id
    assert (saved.due, saved.priority, saved.notes) == ("2026-04-01", "H", "n")


def test_move_task_stamps_and_clears_done_at(store: MasteryStore) -> None:
    a = store.add_task("a", column="next")
    store.add_task("x", column="done")
    store.add_task("y", column="done")
    moved = store.move_task(a.id, "done", 1)
    assert moved.done_at is not None
    assert column(store, "done") == ["x", "a", "y"]
    again = store.move_task(a.id, "done", 0)  # reordering within Done keeps the stamp
    assert again.done_at == moved.done_at
    assert column(store, "done") == ["a", "x", "y"]
    back = store.move_task(a.id, "doing")
    assert back.done_at is None and store.task(a.id).done_at is None
    assert_undo_restores(store, lambda: store.move_task(a.id, "done", 5))


def test_move_task_to_a_bad_column(store: MasteryStore) -> None:
    a = store.add_task("a")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match="Column must be one of"):
        store.move_task(a.id, "later")
    assert store.path.read_bytes() == raw


def test_reorder_task(store: MasteryStore) -> None:
    ids = [store.add_task(t).id for t in "abcd"]
    assert store.reorder_task(ids[0], 2) is True
    assert column(store, "backlog") == ["b", "c", "a", "d"]
    assert store.reorder_task(ids[3], -3) is True
    assert column(store, "backlog") == ["d", "b", "c", "a"]
    label = store.undo_label
    assert store.reorder_task(ids[3], -1) is False
    assert store.reorder_task(ids[0], 1) is False
    assert store.reorder_task(ids[1], 0) is False
    assert store.undo_label == label
    assert_undo_restores(store, lambda: store.reorder_task(ids[1], 1))


def test_reorder_task_with_tied_positions(store: MasteryStore) -> None:
    # An old or hand-edited file where every card has the same position.
    ids = [store.add_task(t).id for t in "abc"]
    with store.change("tie"):
        for task_id in ids:
            store.put("tasks", {**dict(store.find("tasks", task_id) or {}), "position": 0})
    tied = column(store, "backlog")
    by_title = {t.title: t.id for t in store.snapshot().tasks}
    assert store.reorder_task(by_title[tied[0]], 1) is True
    assert column(store, "backlog") == [tied[1], tied[0], tied[2]]
    positions = [t.position for t in store.snapshot().tasks]
    assert len(set(positions)) == 3


def test_toggle_done(store: MasteryStore) -> None:
    a = store.add_task("a", column="doing")
    assert store.toggle_done(a.id).column == "done"
    back = store.toggle_done(a.id)
    assert (back.column, back.done_at) == ("next", None)


def test_update_task(store: MasteryStore) -> None:
    goal = store.add_goal("G")
    a = store.add_task("a")
    updated = store.update_task(a.id, title="b", goal_id=goal.id, due="2026-01-02", priority="l")
    assert (updated.title, updated.goal_id, updated.due, updated.priority) == (
        "b",
        goal.id,
        "2026-01-02",
        "L",
    )
    assert MasteryStore(store.path).task(a.id) == updated
    with pytest.raises(ValidationError, match="no field"):
        store.update_task(a.id, column="done")
    assert_undo_restores(store, lambda: store.update_task(a.id, notes="more"))


def test_delete_task_unlinks_feedback_and_undo_relinks(store: MasteryStore) -> None:
    task = store.add_task("a")
    entry = store.add_feedback("about a", task_id=task.id)
    before = state(store)
    store.delete_task(task.id)
    with pytest.raises(NotFoundError):
        store.task(task.id)
    assert store.feedback_entry(entry.id).task_id is None
    assert store.undo() == "delete task 'a'"
    assert state(store) == before
    assert store.feedback_entry(entry.id).task_id == task.id


def test_put_outside_a_change_is_a_programming_error(store: MasteryStore) -> None:
    with pytest.raises(RuntimeError, match="inside"):
        store.put("tasks", {"id": "t1", "title": "x"})


# Feedback and practice ---------------------------------------------------------------------


def test_add_update_delete_feedback(store: MasteryStore) -> None:
    goal = store.add_goal("G")
    entry = store.add_feedback(
        "Elbows flare", "Improve", "COACH", next_step="tuck", goal_id=goal.id, at="2025-03-01"
    )
    assert (entry.kind, entry.source, entry.at) == ("improve", "coach", "2025-03-01T12:00:00")
    assert entry.id.startswith("f")
    win = store.log_win("Benched 175", goal.id)
    assert (win.kind, win.source) == ("win", "self")
    assert store.wins_between(date.today() - timedelta(days=1), date.today()) == 1
    assert_undo_restores(store, lambda: store.update_feedback(entry.id, kind="lesson", text="x"))
    assert_undo_restores(store, lambda: store.delete_feedback(entry.id))
    with pytest.raises(ValidationError, match="no field"):
        store.update_feedback(entry.id, mood="good")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": " \n "}, "Text cannot be empty"),
        ({"text": "x", "kind": "rant"}, "Kind must be one of"),
        ({"text": "x", "source": "boss"}, "Source must be one of"),
        ({"text": "x", "goal_id": "gnope"}, "no goal with id"),
        ({"text": "x", "task_id": "tnope"}, "no task with id"),
        ({"text": "x", "at": "2026-02-30"}, "calendar"),
    ],
)
def test_add_feedback_refusals(store: MasteryStore, kwargs: dict[str, Any], message: str) -> None:
    store.add_task("seed")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match=message):
        store.add_feedback(**kwargs)
    assert store.path.read_bytes() == raw


def test_next_step_to_task(store: MasteryStore) -> None:
    goal = store.add_goal("Copy")
    entry = store.add_feedback(
        "Headlines describe the product",
        "improve",
        "mentor",
        next_step="Lead with the outcome\nand more",
        goal_id=goal.id,
    )
    before = state(store)
    task = store.next_step_to_task(entry.id)
    assert (task.title, task.goal_id, task.column) == ("Lead with the outcome", goal.id, "next")
    assert "mentor" in task.notes and "Headlines describe the product" in task.notes
    assert store.undo() is not None  # one step
    assert state(store) == before
    bare = store.add_feedback("no step")
    with pytest.raises(ValidationError, match="no next step"):
        store.next_step_to_task(bare.id)


def test_practice_add_update_delete(store: MasteryStore) -> None:
    goal = store.add_goal("Cadence")
    today = store.log_practice("20", goal.id, note="drills")
    assert (today.date, today.minutes, today.goal_id) == (date.today().isoformat(), 20, goal.id)
    assert today.id.startswith("p")
    past = store.log_practice(30, on="yesterday")
    assert past.date == (date.today() - timedelta(days=1)).isoformat()
    assert_undo_restores(store, lambda: store.update_practice(past.id, minutes=45, date=PAST))
    assert_undo_restores(store, lambda: store.delete_practice(past.id))
    with pytest.raises(ValidationError, match="no field"):
        store.update_practice(past.id, mood=1)


@pytest.mark.parametrize(
    ("minutes", "on", "message"),
    [
        (0, None, "at least 1"),
        (1441, None, "at most 1440"),
        ("x", None, "must be a number"),
        (20, "tomorrow", "still to come"),
        (20, "2026-02-30", "calendar"),
    ],
)
def test_practice_refusals(store: MasteryStore, minutes: Any, on: str | None, message: str) -> None:
    store.add_task("seed")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match=message):
        store.log_practice(minutes, on=on)
    assert store.path.read_bytes() == raw


def test_practice_cannot_be_moved_into_the_future(store: MasteryStore) -> None:
    session = store.log_practice(20, on=PAST)
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match="still to come"):
        store.update_practice(session.id, date="+2d")
    assert store.path.read_bytes() == raw


# Look-ups ----------------------------------------------------------------------------------


def test_resolve_goal(store: MasteryStore) -> None:
    run = store.add_goal("Run")
    running = store.add_goal("Running cadence")
    store.add_goal("Sales copy")
    store.add_goal("Sales pages")
    assert store.resolve_goal(running.id) == running
    assert store.resolve_goal(f" {running.id} ") == running
    assert store.resolve_goal("run") == run  # exact title wins over a longer one
    assert store.resolve_goal("RUNNING") == running  # unique prefix, any case
    assert store.resolve_goal("sales c").title == "Sales copy"
    with pytest.raises(AmbiguousError) as info:
        store.resolve_goal("sal")
    assert len(info.value.candidates) == 2
    assert "Sales copy" in str(info.value) and "Sales pages" in str(info.value)
    assert all(c.split()[0].startswith("g") for c in info.value.candidates)
    for missing in ("swim", "", "   "):
        with pytest.raises(NotFoundError):
            store.resolve_goal(missing)


def test_missing_ids_are_not_found(store: MasteryStore) -> None:
    for lookup in (store.goal, store.task, store.feedback_entry, store.practice_session):
        with pytest.raises(NotFoundError, match="no"):
            lookup("x123")


# Settings, snapshots, sessions -------------------------------------------------------------


def test_settings_round_trip(store: MasteryStore) -> None:
    assert store.setting("theme", "dark") == "dark"
    store.set_setting("theme", "nord")
    store.set_setting("last_screen", "board")
    other = MasteryStore(store.path)
    assert other.setting("theme") == "nord"
    assert other.setting("last_screen") == "board"
    assert store.undo_label is None  # settings are not undoable changes
    raw = store.path.read_bytes()
    store.set_setting("theme", "nord")  # unchanged: nothing written
    assert store.path.read_bytes() == raw
    meta = orjson.loads(raw)["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION


def test_snapshot_cache_reused_then_rebuilt_after_another_session_writes(path: Path) -> None:
    one = MasteryStore(path)
    one.add_task("a")
    first = one.snapshot()
    assert one.snapshot() is first
    assert not one.changed_on_disk()
    other = MasteryStore(path)
    other.add_task("b")
    assert one.changed_on_disk()
    second = one.snapshot()
    assert second is not first
    assert sorted(t.title for t in second.tasks) == ["a", "b"]
    assert one.snapshot() is second


def test_snapshot_rebuilt_after_own_write(store: MasteryStore) -> None:
    first = store.snapshot()
    store.add_task("a")
    assert [t.title for t in store.snapshot().tasks] == ["a"]
    assert store.snapshot() is not first


def test_two_sessions_interleaving_adds_lose_nothing(path: Path) -> None:
    one, two = MasteryStore(path), MasteryStore(path)
    goal = one.add_goal("G")
    expected = set()
    for i in range(15):
        expected.add(one.add_task(f"one {i}", goal.id).id)
        expected.add(two.add_task(f"two {i}", goal.id).id)
    assert {t.id for t in one.snapshot().tasks} == expected
    assert {t.id for t in two.snapshot().tasks} == expected
    assert {t.id for t in MasteryStore(path).snapshot().tasks} == expected
    # positions are worked out from the file as it is now: no two cards share one
    positions = [t.position for t in one.snapshot().tasks]
    assert len(set(positions)) == len(positions)


def test_undo_in_one_session_keeps_the_others_change(path: Path) -> None:
    one, two = MasteryStore(path), MasteryStore(path)
    a = one.add_task("a")
    b = two.add_task("b")
    assert one.undo() == "add task 'a'"
    titles = {t.id for t in MasteryStore(path).snapshot().tasks}
    assert titles == {b.id} and a.id not in titles


def test_undo_with_nothing_to_undo(store: MasteryStore) -> None:
    assert store.undo() is None
    assert store.undo_label is None


def test_a_change_that_fails_midway_writes_nothing(store: MasteryStore) -> None:
    store.add_task("a")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError), store.change("two things"):
        store.add_task("b")
        store.add_task("c", goal_id="gnope")
    assert store.path.read_bytes() == raw
    assert [t.title for t in store.snapshot().tasks] == ["a"]
    assert store.undo_label == "add task 'a'"
    store.add_task("d")  # the store is still usable
    assert sorted(t.title for t in store.snapshot().tasks) == ["a", "d"]


def test_refused_inputs_leave_the_file_byte_identical(store: MasteryStore, tree: Tree) -> None:
    refusals: list[Callable[[], object]] = [
        lambda: store.add_goal(""),
        lambda: store.add_goal("x", "dream"),
        lambda: store.update_goal(tree.p, title="   "),
        lambda: store.update_goal("gnope", title="x"),
        lambda: store.reparent_goal(tree.a, tree.m1a),
        lambda: store.reparent_goal(tree.m1, "gnope"),
        lambda: store.move_goal("gnope", 1),
        lambda: store.delete_goal("gnope"),
        lambda: store.log_proficiency(tree.m1, 0),
        lambda: store.add_task("x" * 201),
        lambda: store.add_task("x", column="someday"),
        lambda: store.add_task("x", due="2026-02-30"),
        lambda: store.add_task("x", priority="urgent"),
        lambda: store.add_task("x", goal_id="gnope"),
        lambda: store.update_task(tree.ids["t_a"], goal_id="gnope"),
        lambda: store.move_task("tnope", "done"),
        lambda: store.delete_task("tnope"),
        lambda: store.add_feedback(""),
        lambda: store.update_feedback(tree.ids["f_p"], text=""),
        lambda: store.update_feedback(tree.ids["f_p"], task_id="tnope"),
        lambda: store.delete_feedback("fnope"),
        lambda: store.next_step_to_task(tree.ids["f_p"]),
        lambda: store.log_practice(0),
        lambda: store.log_practice(10, on="+1d"),
        lambda: store.update_practice(tree.ids["p_s"], minutes=5000),
        lambda: store.delete_practice("pnope"),
        lambda: store.resolve_goal("Mastery"),
    ]
    raw = store.path.read_bytes()
    backups = store.backups.list()
    label = store.undo_label
    for refuse in refusals:
        with pytest.raises((ValidationError, NotFoundError, AmbiguousError)):
            refuse()
        assert store.path.read_bytes() == raw
    assert store.backups.list() == backups
    assert store.undo_label == label


# Files, modes, backups ---------------------------------------------------------------------


def test_files_are_private_and_no_temporary_files_remain(store: MasteryStore) -> None:
    store.add_task("a")
    store.add_task("b")  # the second change backs up the first
    backups = store.backups.list()
    assert len(backups) == 1
    assert mode(store.path) == 0o600
    assert mode(store.lock.path) == 0o600
    assert mode(store.backups.folder) == 0o700
    assert mode(backups[0].path) == 0o600
    names = sorted(p.name for p in store.path.parent.iterdir())
    assert names == ["mastery.json", "mastery.json.backups", "mastery.json.lock"]


def test_file_is_created_in_a_new_private_folder(tmp_path: Path) -> None:
    store = MasteryStore(tmp_path / "new" / "m.json")
    assert not (tmp_path / "new").exists()  # nothing made by opening
    store.add_task("a")
    assert mode(tmp_path / "new") == 0o700
    assert mode(store.path) == 0o600


def test_at_most_one_backup_per_interval(store: MasteryStore) -> None:
    for i in range(6):
        store.add_task(f"t{i}")
    assert len(store.backups.list()) == 1


def test_backups_rotate_and_hold_the_previous_file(store: MasteryStore) -> None:
    store.backups.min_interval = 0
    previous = b""
    for i in range(15):
        previous = store.path.read_bytes() if store.path.exists() else b""
        store.add_task(f"t{i}")
    listed = store.backups.list()
    assert len(listed) == 10
    assert len(list(store.backups.folder.iterdir())) == 10
    assert listed[0].path.read_bytes() == previous
    assert all(b.problem() is None for b in listed)


def test_backups_interval_and_force(tmp_path: Path) -> None:
    backups = Backups(tmp_path / "m.json", keep=3, min_interval=3600)
    payload = b'{"meta": {"1": {"schema_version": 1}}}'
    assert backups.take(payload) is not None
    assert backups.take(payload) is None  # too soon
    assert not backups.due()
    assert backups.take(payload, force=True) is not None
    for _ in range(4):
        backups.take(payload, force=True)
    assert len(backups.list()) == 3
    assert Backups(tmp_path / "m.json", min_interval=0).due()


def test_backups_find(tmp_path: Path) -> None:
    backups = Backups(tmp_path / "m.json", min_interval=0)
    first = backups.take(b"{}")
    second = backups.take(b"{}")
    assert first is not None and second is not None
    assert backups.find("1").path == second.path
    assert backups.find("2").path == first.path
    assert backups.find(first.name).path == first.path
    for bad in ("3", "0", "zzz"):
        with pytest.raises(BadFileError, match="doctor"):
            backups.find(bad)


# Migrations --------------------------------------------------------------------------------


def v0_file(path: Path) -> bytes:
    raw = orjson.dumps(
        {
            "meta": {"1": {"schema_version": 0}},
            "goals": {"1": {"id": "g000001", "name": "Old style goal"}},
        }
    )
    path.write_bytes(raw)
    return raw


def rename_name_to_title(data: dict[str, dict[str, Any]]) -> None:
    for doc in data.get("goals", {}).values():
        doc["title"] = doc.pop("name")


def test_migration_runs_after_a_forced_backup(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(migrations.MIGRATIONS, 0, rename_name_to_title)
    raw = v0_file(path)
    backups = Backups(path)
    backups.take(b'{"meta": {"1": {"schema_version": 0}}}')  # a fresh backup: none is due
    assert not backups.due()
    store = MasteryStore(path)
    listed = backups.list()
    assert len(listed) == 2  # forced despite the interval
    assert listed[0].path.read_bytes() == raw  # the file as it was before the migration
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    assert store.goal("g000001").title == "Old style goal"
    assert store.undo_label is None  # a migration is not something to undo


def test_failed_migration_leaves_the_file_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: dict[str, dict[str, Any]]) -> None:
        data["goals"].clear()
        raise KeyError("boom")

    monkeypatch.setitem(migrations.MIGRATIONS, 0, broken)
    raw = v0_file(path)
    with pytest.raises(KeyError):
        MasteryStore(path)
    assert path.read_bytes() == raw


def test_current_files_are_not_migrated(store: MasteryStore) -> None:
    store.add_task("a")
    raw = store.path.read_bytes()
    MasteryStore(store.path)
    assert store.path.read_bytes() == raw
    assert store.backups.list() == []


# Bad files ---------------------------------------------------------------------------------


GOOD = orjson.dumps(
    {
        "meta": {"1": {"schema_version": 1}},
        "tasks": {"1": {"id": "t000001", "title": "a", "column": "backlog", "position": 0}},
    },
    option=orjson.OPT_INDENT_2,
)

BAD_FILES = {
    "empty": b"",
    "blank": b"  \n",
    "truncated": GOOD[: len(GOOD) // 2],
    "garbage": bytes(range(256)) * 4,
    "list": b"[1, 2, 3]",
    "plain tinydb": b'{"_default": {"1": {"title": "x"}}}',
    "newer schema": b'{"meta": {"1": {"schema_version": 99}}, "tasks": {}}',
    "no schema": b'{"tasks": {}}',
    "doc without id": b'{"meta": {"1": {"schema_version": 1}}, "tasks": {"1": {"title": "x"}}}',
    "table not an object": b'{"meta": {"1": {"schema_version": 1}}, "tasks": [1]}',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_and_left_alone(path: Path, name: str) -> None:
    raw = BAD_FILES[name]
    path.write_bytes(raw)
    with pytest.raises(BadFileError) as info:
        MasteryStore(path)
    message = str(info.value)
    assert str(path) in message
    assert "There is no backup" in message
    assert "\n" not in message
    assert path.read_bytes() == raw
    assert not Backups(path).folder.exists()


def test_newer_schema_message_says_upgrade(path: Path) -> None:
    path.write_bytes(BAD_FILES["newer schema"])
    with pytest.raises(BadFileError, match=r"newer masterytui.*Upgrade"):
        MasteryStore(path)


def test_bad_file_message_names_the_newest_good_backup(path: Path) -> None:
    store = MasteryStore(path)
    store.backups.min_interval = 0
    for i in range(4):
        store.add_task(f"t{i}")
    good = store.backups.list()
    assert len(good) == 3
    # a newer backup that is itself unreadable is passed over
    broken = store.backups.folder / "mastery-29990101-000000-000000.json"
    broken.write_bytes(b"{ torn")
    newest = good[0].taken.timestamp() + 10
    os.utime(broken, (newest, newest))
    assert store.backups.list()[0].path == broken
    path.write_bytes(GOOD[:20])
    with pytest.raises(BadFileError) as info:
        MasteryStore(path)
    message = str(info.value)
    assert str(path) in message
    assert str(good[0].path) in message
    assert str(broken) not in message
    assert "doctor --restore" in message
    assert path.read_bytes() == GOOD[:20]


def test_empty_tinydb_file_opens(path: Path) -> None:
    path.write_bytes(b"{}")
    store = MasteryStore(path)
    assert store.snapshot().tasks == []
    store.add_task("a")
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_file_corrupted_while_open_is_not_overwritten(store: MasteryStore) -> None:
    store.add_task("a")
    store.path.write_bytes(b"{ torn")
    with pytest.raises(BadFileError):
        store.add_task("b")
    assert store.path.read_bytes() == b"{ torn"
