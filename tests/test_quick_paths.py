"""The shell's quick commands import only what they use (issue #16), and records behave as
the dataclasses they replace. These count imports, never time them."""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from masterytui import actions, cli
from masterytui.domain.model import FeedbackEntry, Goal, Measure, PracticePlan, Recur, Task
from masterytui.domain.record import as_dict, record, replace

HEAVY = ("textual", "tinydb", "dataclasses", "inspect", "shutil", "locale")


def imported(tmp_path: Path, *commands: list[str]) -> dict[str, list[str]]:
    """The heavy modules each command (run in turn, in one fresh process) had imported."""
    script = textwrap.dedent(
        """
        import contextlib, io, json, sys
        from masterytui.cli import main
        heavy, commands = json.loads(sys.argv[1]), json.loads(sys.argv[2])
        found = {}
        for command in commands:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(command) == 0, command
            roots = {name.split(".")[0] for name in sys.modules}
            found[" ".join(command[2:])] = sorted(m for m in heavy if m in roots)
        print(json.dumps(found))
        """
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(HEAVY), json.dumps(list(commands))],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return found


def test_add_imports_no_dataclasses_textual_or_locale(tmp_path: Path) -> None:
    from masterytui.store import MasteryStore

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    goal = store.add_goal("Guitar", "mastery")
    store.add_task("first", None)  # every table and the layout exist: add takes the quick path
    store.add_feedback("first", goal_id=goal.id)
    store.log_practice(5, goal.id)
    db = ["--db", str(path)]
    found = imported(
        tmp_path,
        [*db, "add", "task", "x", "--goal", "gui", "--due", "tomorrow", "--every", "1w"],
        [*db, "add", "feedback", "y", "--kind", "lesson"],
        [*db, "add", "win", "z"],
        [*db, "add", "practice", "20", "--goal", "Guitar"],
    )
    assert found == {
        "add task x --goal gui --due tomorrow --every 1w": [],
        "add feedback y --kind lesson": [],
        "add win z": [],
        "add practice 20 --goal Guitar": [],
    }
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["first", "x"]


def test_status_and_list_import_no_textual(tmp_path: Path) -> None:
    from masterytui.store import MasteryStore

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    goal = store.add_goal("Guitar", "mastery", practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(10, goal.id)
    store.add_task("t", goal.id, due="today")
    db = ["--db", str(path)]
    found = imported(
        tmp_path, [*db, "status"], [*db, "list", "tasks"], [*db, "list", "goals", "--json"]
    )
    for command, modules in found.items():
        assert "textual" not in modules and "shutil" not in modules, command
    assert "tinydb" not in found["status"]


def test_add_knows_the_kinds_quick_capture_knows() -> None:
    assert cli._ADD_KINDS == actions.CAPTURE_NAMES


@record
class _Point:
    x: int
    y: int = 0
    label: str = ""


def test_a_record_is_a_frozen_dataclass_to_the_rest_of_the_code() -> None:
    task = Task("t1", "Scales", recur=Recur("1w"))
    assert task == Task("t1", "Scales", recur=Recur("1w")) != Task("t2", "Scales")
    assert hash(task) == hash(Task("t1", "Scales", recur=Recur("1w")))
    assert repr(_Point(1)) == "_Point(x=1, y=0, label='')"
    with pytest.raises(AttributeError):
        task.title = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        _Point(1).z = 2  # type: ignore[attr-defined]
    assert dataclasses.is_dataclass(task)
    assert [f.name for f in dataclasses.fields(Measure)] == [
        "target",
        "unit",
        "current",
        "deadline",
        "start",
    ]
    moved = dataclasses.replace(task, column="done")
    assert (moved.column, moved.recur, type(moved)) == ("done", Recur("1w"), Task)
    assert replace(task, column="done") == moved
    with pytest.raises(TypeError):
        replace(task, colour="red")
    assert dataclasses.asdict(Measure(3, "km")) == as_dict(Measure(3, "km"))
    assert as_dict(Goal("g", "G", measure=Measure(1)))["measure"]["target"] == 1
    for made in (copy.copy(task), copy.deepcopy(task), pickle.loads(pickle.dumps(task))):
        assert made == task
    assert FeedbackEntry("f", "2026-01-01", "x").to_doc()["kind"] == "note"
    assert _Point(1, label="a").__match_args__ == ("x", "y", "label")


def test_a_record_refuses_a_field_without_default_after_one_with() -> None:
    with pytest.raises(TypeError):

        @record
        class _Bad:
            a: int = 0
            b: int
