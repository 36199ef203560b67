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
ADD_HEAVY = ("typing", "threading", "argparse", "gettext")
"""Also kept off ``add``'s path: a few milliseconds of the ~20 it spends on imports."""


def imported(
    tmp_path: Path, *commands: list[str], heavy: tuple[str, ...] = HEAVY
) -> dict[str, list[str]]:
    """The heavy modules each command (run in turn, in one fresh process) had imported."""
    script = textwrap.dedent(
        """
        import io, json, sys  # not contextlib: a plain `add` must not import it
        from masterytui.cli import main
        heavy, commands = json.loads(sys.argv[1]), json.loads(sys.argv[2])
        found = {}
        for command in commands:
            sys.stdout = io.StringIO()
            try:
                assert main(command) == 0, command
            finally:
                sys.stdout = sys.__stdout__
            roots = {name.split(".")[0] for name in sys.modules}
            found[" ".join(command[2:])] = sorted(
                m for m in heavy if m in roots or m in sys.modules
            )
        print(json.dumps(found))
        """
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(heavy), json.dumps(list(commands))],
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
        heavy=(*HEAVY, *ADD_HEAVY),
    )
    assert found == {
        "add task x --goal gui --due tomorrow --every 1w": [],
        "add feedback y --kind lesson": [],
        "add win z": [],
        "add practice 20 --goal Guitar": [],
    }
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["first", "x"]


PLAIN_ADD_HEAVY = (
    "pathlib",  # with urllib.parse and ipaddress, ~3 ms: paths are text (store/fs.py)
    "urllib",
    "contextlib",
    "masterytui.domain.matching",  # only for --goal
    "masterytui.store.board",  # only for moves
    "masterytui.store.recurring",  # only for --every
    "masterytui.domain.plans",  # a goal's weekly review: not read by `add`
    "masterytui.domain.spaced",  # a lesson's spaced review: not read by `add`
    "hashlib",  # its SHA-256 is _hashlib's own, without the setting up of every other
    "masterytui.store.core",
    "orjson",
)
"""Also kept off a plain ``add`` (no --goal), on a file as masterytui wrote it."""


def test_a_plain_add_imports_no_pathlib_contextlib_nor_matching(tmp_path: Path) -> None:
    from masterytui.store import MasteryStore

    path = tmp_path / "m.json"
    store = MasteryStore(path)  # its changes take the minute's backup: `add` takes none
    goal = store.add_goal("Guitar", "mastery")
    store.add_task("first", None)
    store.add_feedback("first", goal_id=goal.id)
    store.log_practice(5, goal.id)
    db = ["--db", str(path)]
    found = imported(
        tmp_path,
        [*db, "add", "task", "x", "--column", "next", "-p", "H", "-n", "notes"],
        [*db, "add", "feedback", "y", "--kind", "lesson"],
        [*db, "add", "win", "z"],
        [*db, "add", "practice", "20", "--note", "scales"],
        heavy=(*HEAVY, *ADD_HEAVY, *PLAIN_ADD_HEAVY),
    )
    assert found == {
        "add task x --column next -p H -n notes": [],
        "add feedback y --kind lesson": [],
        "add win z": [],
        "add practice 20 --note scales": [],
    }
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["first", "x"]


def test_status_and_list_import_no_textual_nor_dataclasses(tmp_path: Path) -> None:
    """A file as masterytui writes it (the usual case): ``status`` and every ``list`` read
    it without Textual, TinyDB, dataclasses (nor orjson, which imports dataclasses)."""
    from masterytui.store import MasteryStore

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    goal = store.add_goal("Guitar", "mastery", practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(10, goal.id)
    store.add_task("t", goal.id, due="today")
    store.add_feedback("a lesson", goal_id=goal.id, kind="lesson")
    db = ["--db", str(path)]
    commands = [
        [*db, "status"],
        [*db, "list", "tasks"],
        [*db, "list", "tasks", "--all", "--json", "--goal", "gui"],
        [*db, "list", "goals", "--json"],
        [*db, "list", "feedback", "--due"],
        [*db, "list", "practice"],
    ]
    found = imported(tmp_path, *commands, heavy=(*HEAVY, "orjson"))
    assert found == {" ".join(command[2:]): [] for command in commands}


def test_add_knows_the_kinds_quick_capture_knows() -> None:
    assert cli._ADD_KINDS == actions.CAPTURE_NAMES


@record
class _Point:
    x: int
    y: int = 0
    label: str = ""


def test_a_models_maker_is_compiled_on_first_use_then_called_directly() -> None:
    from masterytui.domain import model
    from masterytui.domain.record import maker

    assert Task.from_doc({"id": "t1", "title": "x"}) == Task("t1", "x")
    assert model._make_task is maker(Task)  # the global rebound: no stub on the hot path
    assert Task.from_doc({"id": "t2", "title": "y", "column": "next"}) == Task(
        "t2", "y", column="next"
    )


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


def test_task_counts_agree_from_bytes_documents_and_objects(tmp_path: Path) -> None:
    import json

    from masterytui.domain.figures import own_task_counts
    from masterytui.store import MasteryStore
    from masterytui.store.task_counts import counts_of_bytes, counts_of_docs

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    guitar = store.add_goal("Guitar", "mastery")
    other = store.add_goal('Ünïcödé "quoted"', "mastery")
    for n in range(5):
        task = store.add_task(f'task "{n}" \\ {{"id":"x"}}', guitar.id if n % 2 else other.id)
        if n < 2:
            store.move_task(task.id, "done")
    store.add_task("no goal", None)
    expected = own_task_counts(store.snapshot().tasks)
    assert expected == {guitar.id: (1, 2), other.id: (1, 3)}
    reopened = MasteryStore(path)
    raw = reopened.storage.unparsed("tasks")
    assert raw is not None  # as masterytui wrote it: not parsed yet
    assert counts_of_bytes(raw) == expected
    assert reopened.task_counts() == expected
    assert not reopened.storage.is_parsed("tasks")  # the first screen's counts parsed nothing
    assert counts_of_docs(reopened.docs("tasks").values()) == expected
    # A document not as masterytui writes one: the bytes give up, the documents count.
    odd = json.dumps({"1": {"title": "t", "column": "done", "goal_id": "g", "id": "a"}})
    assert counts_of_bytes(odd.encode()) is None
    docs = [
        {"id": "a", "goal_id": "g", "column": "done"},
        {"id": 3, "goal_id": "g", "column": "done"},  # no string id: no object either
        {"id": "b", "goal_id": "", "column": "done"},
        {"id": "c", "goal_id": "g", "column": "sideways"},
    ]
    assert counts_of_docs(docs) == {"g": (1, 2)}


def test_the_goal_tree_counts_a_change_made_since(tmp_path: Path) -> None:
    from masterytui.store import MasteryStore

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    goal = store.add_goal("Guitar", "mastery")
    task = store.add_task("a", goal.id)
    assert store.task_counts() == {goal.id: (0, 1)}
    store.move_task(task.id, "done")
    assert store.task_counts() == {goal.id: (1, 1)}
    MasteryStore(path).add_task("b", goal.id)  # another session
    assert store.task_counts() == {goal.id: (1, 2)}


QUICK_ADD_CASES = [
    ["add", "task", "x"],
    ["--db", "f.json", "add", "task", "Buy strings", "--goal", "gui", "-d", "tomorrow"],
    ["--db=f.json", "add", "task", "x", "-p", "H", "--every", "1w", "--from", "done"],
    ["add", "task", "--column", "next", "x", "--notes", "n", "-e", "mon,thu", "-c", "doing"],
    ["add", "task", "x", "--due=friday", "--priority=L", "-g", "A b"],
    ["add", "task", "", "--notes", ""],
    ["add", "feedback", "y", "--kind", "lesson", "-s", "coach", "--next", "slower"],
    ["add", "win", "z", "-g", "Guitar"],
    ["add", "practice", "20", "--goal", "Guitar", "--date", "yesterday", "--quality", "4"],
    ["add", "practice", "5", "--difficulty=2", "--next-fix", "wrist", "--focus", "f", "-n", "x"],
    ["add", "task", "x", "--due", "a", "--due", "b"],  # the last one counts, as in argparse
]
ARGPARSE_ONLY = [
    ["add", "task", "x", "--prio", "H"],  # argparse's abbreviation
    ["add", "task", "x", "--due", "-1w"],  # a value that starts with a minus
    ["add", "task", "-x"],
    ["add", "task", "x", "y"],
    ["add", "task"],
    ["add", "task", "x", "--from", "never"],
    ["add", "task", "x", "-g"],
    ["add", "task", "x", "-g=gui"],
    ["add", "task", "x", "--help"],
    ["add", "task", "x", "--", "y"],
    ["add", "note", "x"],
    ["--demo", "add", "task", "x"],
    ["add", "task", "x", "--db", "f.json"],
    ["--db", "-f", "add", "task", "x"],
    ["list", "tasks"],
    [],
]


@pytest.mark.parametrize("argv", QUICK_ADD_CASES, ids=" ".join)
def test_a_plain_add_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    quick = cli.quick_add(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser(argv).parse_args(argv))


@pytest.mark.parametrize("argv", ARGPARSE_ONLY, ids=" ".join)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert cli.quick_add(argv) is None


QUICK_OPEN_CASES = [
    [],
    ["--db", "f.json"],
    ["--db=f.json"],
    ["--db", ""],
    ["--demo"],
    ["--db", "f.json", "--demo"],
    ["--demo", "--db=f.json"],
]
OPEN_ARGPARSE_ONLY = [
    ["--db"],  # a mistake: argparse says so
    ["--db", "-f"],
    ["--db", "a", "--db", "b"],
    ["--dem"],  # argparse's abbreviation
    ["--help"],
    ["--version"],
    ["status"],
    ["--db", "f.json", "add", "task", "x"],
    ["--demo", "--demo"],
    ["x"],
]


@pytest.mark.parametrize("argv", QUICK_OPEN_CASES, ids=lambda argv: " ".join(argv) or "none")
def test_opening_the_app_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    quick = cli.quick_open(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser(argv).parse_args(argv))


@pytest.mark.parametrize("argv", OPEN_ARGPARSE_ONLY, ids=" ".join)
def test_anything_but_opening_the_app_is_left_to_argparse(argv: list[str]) -> None:
    assert cli.quick_open(argv) is None


def test_the_quick_opening_knows_every_option_of_the_app() -> None:
    """quick_open reads --db and --demo: the only options of the top level that open the app
    (help and version print and exit, through argparse)."""
    parser = cli.build_parser([])
    options = {flag for action in parser._actions for flag in action.option_strings}
    assert options == {"-h", "--help", "--version", "--db", "--demo"}


def test_the_quick_reading_knows_every_option_of_add() -> None:
    """_ADD_SPECS lists exactly the options _add_parser declares, with their defaults."""
    parser = cli.build_parser(["add"])
    commands = next(a for a in parser._actions if a.dest == "command")
    add = commands.choices["add"]  # type: ignore[index]
    kinds = next(a for a in add._actions if a.dest == "what")
    assert set(kinds.choices) == set(cli._ADD_SPECS)  # type: ignore[arg-type]
    for kind, sub in kinds.choices.items():  # type: ignore[union-attr]
        positional, options = cli._ADD_SPECS[kind]
        declared = {
            (tuple(a.option_strings), a.dest, a.default)
            for a in sub._actions
            if a.option_strings and a.dest != "help"
        }
        assert declared == {(flags, dest, default) for flags, dest, default in options}
        assert [a.dest for a in sub._actions if not a.option_strings] == [positional]
        for action in sub._actions:
            if action.choices is not None:
                assert tuple(action.choices) == cli._ADD_CHOICES[action.dest]
