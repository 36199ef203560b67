"""Import: masterytui's own JSON export (merge by id) and a real Taskwarrior `task export`."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from masterytui.domain.errors import MasteryError
from masterytui.store import MasteryStore
from masterytui.store.export import export_json
from masterytui.store.files import SCHEMA_VERSION
from masterytui.store.importers import (
    ImportRefusedError,
    import_data,
    tw_datetime,
    tw_task_id,
)

FIXTURE = Path(__file__).parent / "fixtures" / "taskwarrior_export.json"
TABLES = ("goals", "tasks", "feedback", "practice")
State = dict[str, dict[str, dict[str, Any]]]


def state(store: MasteryStore) -> State:
    store.snapshot()
    return {t: {d["id"]: copy.deepcopy(d) for d in store.docs(t).values()} for t in TABLES}


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "masterytui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def tw_raw() -> bytes:
    return FIXTURE.read_bytes()


def tw_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = orjson.loads(FIXTURE.read_bytes())
    return items


# Own export ---------------------------------------------------------------------------------


def test_importing_the_same_export_twice_changes_nothing(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    payload = export_json(demo_store)
    target = MasteryStore(tmp_path / "t.json")
    target.add_task("My own task")
    first = import_data(target, payload, "e.json")
    assert first.changes > 0
    before = target.path.read_bytes()
    second = import_data(target, payload, "e.json")
    assert second.changes == 0
    assert sum(second.unchanged.values()) == first.changes
    assert target.path.read_bytes() == before
    assert "Nothing to import" in second.summary()
    assert any(t.title == "My own task" for t in target.snapshot().tasks)


def test_merge_keeps_yours_unless_overwrite(demo_store: MasteryStore, tmp_path: Path) -> None:
    payload = export_json(demo_store)
    target = MasteryStore(tmp_path / "t.json")
    import_data(target, payload, "e.json")
    task = next(t for t in target.snapshot().tasks if t.title == "Buy a lifting belt")
    target.update_task(task.id, title="Buy a lifting belt (done online)")
    kept = import_data(target, payload, "e.json")
    assert kept.changes == 0 and kept.kept["tasks"] == 1
    assert "kept as they are" in kept.summary()
    assert target.task(task.id).title == "Buy a lifting belt (done online)"
    taken = import_data(target, payload, "e.json", overwrite=True)
    assert taken.updated["tasks"] == 1
    assert target.task(task.id).title == "Buy a lifting belt"


def test_an_import_is_one_change_that_undo_takes_back(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    target = MasteryStore(tmp_path / "t.json")
    target.add_goal("Mine")
    before = state(target)
    import_data(target, export_json(demo_store), "e.json")
    assert target.undo_label == "import e.json"
    assert target.undo() == "import e.json"
    assert state(target) == before


def test_dry_run_writes_nothing(demo_store: MasteryStore, tmp_path: Path) -> None:
    target = MasteryStore(tmp_path / "t.json")
    target.add_goal("Mine")
    before = target.path.read_bytes()
    plan = import_data(target, export_json(demo_store), "e.json", dry_run=True)
    assert plan.added["practice"] == len(demo_store.snapshot().practice)
    assert plan.summary(dry_run=True).startswith("Would import from e.json (masterytui export)")
    assert any(line.startswith("+ goal ") for line in plan.details)
    assert target.path.read_bytes() == before


def test_control_characters_in_an_import_are_defused(store: MasteryStore, tmp_path: Path) -> None:
    source = MasteryStore(tmp_path / "s.json")
    goal = source.add_goal("Clean")
    data = orjson.loads(export_json(source))
    data["goals"]["1"]["title"] = "Evil\x1b[2J title"
    data["goals"]["1"]["why"] = "line 1\nline 2\x9b"
    import_data(store, orjson.dumps(data), "x.json")
    imported = store.goal(goal.id)
    assert "\x1b" not in imported.title and "\x9b" not in imported.why
    assert imported.why.startswith("line 1\nline 2")


def _export_with(store: MasteryStore, change: Any) -> bytes:
    data = orjson.loads(export_json(store))
    change(data)
    return orjson.dumps(data)


def _set_version(data: dict[str, Any]) -> None:
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1


def _orphan_task(data: dict[str, Any]) -> None:
    data["tasks"]["1"]["goal_id"] = "g-missing"


def _duplicate_id(data: dict[str, Any]) -> None:
    data["goals"]["999"] = dict(data["goals"]["1"])


def _bad_minutes(data: dict[str, Any]) -> None:
    data["practice"]["1"]["minutes"] = "lots"


def _no_title(data: dict[str, Any]) -> None:
    data["goals"]["1"]["title"] = ""


def _parent_loop(data: dict[str, Any]) -> None:
    goals = list(data["goals"].values())
    goals[0]["parent_id"] = goals[1]["id"]
    goals[1]["parent_id"] = goals[0]["id"]


def _foreign_table(data: dict[str, Any]) -> None:
    data["people"] = {}


REFUSED = [
    (b"", "is empty"),
    (b"{not json", "is not JSON"),
    (b'{"goals": {}}', "neither a masterytui export nor a Taskwarrior export"),
    (b'"hello"', "neither a masterytui export nor a Taskwarrior export (a JSON str)"),
    (b"[1, 2]", "item 1 is not an object"),
    (b'[{"uuid": "x", "status": "pending"}]', "item 1 has no description"),
]
BROKEN = [
    (_set_version, "newer masterytui"),
    (_orphan_task, "points at missing goal 'g-missing'"),
    (_duplicate_id, "appears twice"),
    (_parent_loop, "loop of parents"),
    (_foreign_table, "does not keep"),
]


@pytest.mark.parametrize(("raw", "message"), REFUSED)
def test_foreign_or_malformed_files_are_refused_and_nothing_is_written(
    demo_store: MasteryStore, raw: bytes, message: str
) -> None:
    before = demo_store.path.read_bytes()
    with pytest.raises(ImportRefusedError) as caught:
        import_data(demo_store, raw, "bad.json")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert demo_store.path.read_bytes() == before
    assert demo_store.undo_label != "import bad.json"


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_broken_exports_are_refused_and_nothing_is_written(
    demo_store: MasteryStore, tmp_path: Path, change: Any, message: str
) -> None:
    payload = _export_with(demo_store, change)
    target = MasteryStore(tmp_path / "t.json")
    target.add_goal("Mine")
    before = target.path.read_bytes()
    with pytest.raises(ImportRefusedError, match=message):
        import_data(target, payload, "bad.json")
    assert target.path.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "table", "message"),
    [
        (_bad_minutes, "practice", "minutes that are not a whole number"),
        (_no_title, "goals", "has no title"),
    ],
)
def test_an_invalid_record_is_refused_on_its_own_and_counted(
    demo_store: MasteryStore, tmp_path: Path, change: Any, table: str, message: str
) -> None:
    payload = _export_with(demo_store, change)
    target = MasteryStore(tmp_path / "t.json")
    data = orjson.loads(payload)
    if table == "goals":  # nothing may point at the refused goal
        refused = data["goals"]["1"]["id"]
        for name in ("goals", "tasks", "feedback", "practice"):
            for doc in data[name].values():
                for key in ("goal_id", "parent_id"):
                    if doc.get(key) == refused:
                        doc[key] = None
        payload = orjson.dumps(data)
    plan = import_data(target, payload, "odd.json")
    assert plan.invalid[table] == 1
    assert "with invalid values refused" in plan.summary()
    assert any(message in note for note in plan.notes)
    assert len(target.docs(table)) == len(data[table]) - 1


# Taskwarrior --------------------------------------------------------------------------------


def test_taskwarrior_dates() -> None:
    parsed = tw_datetime("20261123T100000Z")
    assert parsed is not None and parsed.utcoffset() is not None  # local, aware
    assert parsed.astimezone(UTC).replace(tzinfo=None) == datetime(2026, 11, 23, 10, 0, 0)
    assert tw_datetime("2026-11-23T10:00:00Z") == parsed
    assert tw_datetime("garbage") is None and tw_datetime(None) is None


def test_taskwarrior_export_becomes_tasks_and_goals(
    store: MasteryStore, tw_raw: bytes, frozen: date
) -> None:
    plan = import_data(store, tw_raw, "tw.json")
    items = {i["description"]: i for i in tw_items() if i["status"] != "recurring"}
    snapshot = store.snapshot()
    tasks = {t.title: t for t in snapshot.tasks}
    goals = {g.id: g for g in snapshot.goals}

    assert "Sell the old amp" not in tasks  # deleted: skipped
    assert plan.skipped == {"deleted": 1, "occurrences of a recurring task (imported once)": 1}
    assert len(tasks) == 8
    (plants,) = [t for t in snapshot.tasks if t.title == "Water the plants"]  # one per series
    template = next(i for i in tw_items() if i["status"] == "recurring")
    assert plants.id == tw_task_id(template["uuid"])
    assert plants.recur is not None and plants.recur.every == "1w"
    assert (plants.column, plants.due) == ("next", "2026-11-24")

    metronome = tasks["Buy a metronome"]
    assert (metronome.column, metronome.due, metronome.priority) == ("next", "2026-11-30", "H")
    assert goals[metronome.goal_id or ""].title == "Guitar"
    assert metronome.id == tw_task_id(items["Buy a metronome"]["uuid"])

    barre = tasks["Learn the F barre chord"]
    assert barre.column == "backlog" and barre.priority == "M"
    chords = goals[barre.goal_id or ""]
    assert chords.title == "Chords" and goals[chords.parent_id or ""].title == "Guitar"
    assert "Thumb behind the neck, not over the top" in barre.notes
    assert "Try it on the 3rd fret first" in barre.notes

    done = tasks["Restring the guitar"]
    assert done.column == "done" and done.done_at is not None and done.priority == "L"
    assert tasks["Practise scales for 15 minutes"].column == "doing"  # started
    assert "Tags: +daily +practice" in tasks["Practise scales for 15 minutes"].notes
    plumber = tasks["Call the plumber"]
    assert (plumber.column, plumber.goal_id, plumber.due) == ("next", None, "2026-12-01")
    assert tasks["Fix the [red]x[/] bug"].title == "Fix the [red]x[/] bug"
    assert tasks["Renew the passport"].column == "backlog"  # waiting until December
    assert tasks["Renew the passport"].due == "2027-01-15"

    assert {g.title for g in snapshot.goals} == {"Guitar", "Chords", "Home"}
    assert all(g.kind == "mastery" for g in snapshot.goals)
    assert any("mastery goals" in note for note in plan.notes)
    raw = store.find("tasks", metronome.id)
    assert raw is not None and raw["tw_uuid"] == items["Buy a metronome"]["uuid"]


def test_taskwarrior_reimport_is_idempotent(store: MasteryStore, tw_raw: bytes) -> None:
    import_data(store, tw_raw, "tw.json")
    before = store.path.read_bytes()
    again = import_data(store, tw_raw, "tw.json")
    assert again.changes == 0 and again.unchanged["tasks"] == 8
    assert store.path.read_bytes() == before
    # an imported task edited in masterytui (which drops the extra field) still matches
    task = next(t for t in store.snapshot().tasks if t.title == "Buy a metronome")
    store.move_task(task.id, "doing")
    assert import_data(store, tw_raw, "tw.json").changes == 0
    assert store.task(task.id).column == "doing"


def test_taskwarrior_projects_match_existing_goals_by_title(
    store: MasteryStore, tw_raw: bytes
) -> None:
    guitar = store.add_goal("guitar", "area")
    plan = import_data(store, tw_raw, "tw.json")
    titles = [g.title for g in store.snapshot().goals]
    assert titles.count("guitar") == 1 and "Guitar" not in titles
    assert plan.added["goals"] == 2  # Chords under guitar, and Home
    chords = next(g for g in store.snapshot().goals if g.title == "Chords")
    assert chords.parent_id == guitar.id
    metronome = next(t for t in store.snapshot().tasks if t.title == "Buy a metronome")
    assert metronome.goal_id == guitar.id


def test_taskwarrior_import_undoes_in_one_step(store: MasteryStore, tw_raw: bytes) -> None:
    store.add_task("mine")
    before = state(store)
    import_data(store, tw_raw, "tw.json")
    store.undo()
    assert state(store) == before


def test_long_taskwarrior_descriptions_keep_their_full_text(store: MasteryStore) -> None:
    item = {"uuid": "0f" * 16, "description": "x" * 300, "status": "pending", "entry": ""}
    import_data(store, orjson.dumps([item]), "tw.json")
    task = store.snapshot().tasks[0]
    assert len(task.title) == 200 and task.title.endswith("…")
    assert task.notes.startswith("x" * 300)


# The command line ---------------------------------------------------------------------------


def test_cli_import_dry_run_then_import_then_again(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    dry = run("import", str(FIXTURE), "--dry-run", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run, nothing written" in dry.stdout and "+ task tw" not in dry.stdout
    assert "tasks     8 to add" in dry.stdout and "goals     3 to add" in dry.stdout
    assert not db.exists()
    done = run("import", str(FIXTURE), db=db)
    assert done.returncode == 0, done.stderr
    assert "8 tasks added" in done.stdout and "3 goals added" in done.stdout
    before = db.read_bytes()
    again = run("import", str(FIXTURE), db=db)
    assert again.returncode == 0 and "Nothing to import" in again.stdout
    assert db.read_bytes() == before


def test_cli_refused_import_is_one_line_and_leaves_the_file_byte_identical(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"goals": {"1": {"id": "g1"}}, "meta": {"1": {"schema_version": 1}}}')
    before = demo_store.path.read_bytes()
    result = run("import", str(bad), db=demo_store.path)
    assert result.returncode == 0 and "1 goal with invalid values refused" in result.stdout
    assert "has no title" in result.stdout and result.stderr == ""
    assert demo_store.path.read_bytes() == before
    bad.write_text("{not json")
    result = run("import", str(bad), db=demo_store.path)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "is not JSON" in result.stderr
    missing = run("import", str(tmp_path / "nope.json"), db=demo_store.path)
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_import_reads_standard_input(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    env = {k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}
    result = subprocess.run(
        [sys.executable, "-m", "masterytui", "--db", str(db), "import", "-"],
        input=FIXTURE.read_bytes(),
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"from standard input (Taskwarrior export)" in result.stdout
    assert len(MasteryStore(db).snapshot().tasks) == 8


def test_import_refusal_is_a_mastery_error() -> None:
    assert issubclass(ImportRefusedError, MasteryError)


def _listed_ids(stdout: str) -> dict[str, set[str]]:
    """The ids of the records a ``--verbose`` import lists, by what they are."""
    ids: dict[str, set[str]] = {"goal": set(), "task": set()}
    for line in stdout.splitlines():
        if line.startswith("+ "):
            what, item_id = line.split()[1:3]
            ids[what].add(item_id)
    return ids


def test_dry_run_is_a_summary_with_the_ids_the_import_gives(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    MasteryStore(db).add_goal("Mine")  # the import adds to a file that already has a goal
    before = db.read_bytes()
    dry = run("import", str(FIXTURE), "--dry-run", db=db)
    assert dry.returncode == 0, dry.stderr
    assert len(dry.stdout.splitlines()) <= 6, dry.stdout  # by table, not one line a record
    assert "skipped   " in dry.stdout and "--verbose" in dry.stdout
    verbose = run("import", str(FIXTURE), "--dry-run", "--verbose", db=db)
    assert db.read_bytes() == before
    promised = _listed_ids(verbose.stdout)
    assert len(promised["task"]) == 8 and len(promised["goal"]) == 3
    done = run("import", str(FIXTURE), "--verbose", db=db)
    assert done.returncode == 0, done.stderr
    assert _listed_ids(done.stdout) == promised
    snapshot = MasteryStore(db).snapshot()
    assert {t.id for t in snapshot.tasks} == promised["task"]
    assert {g.id for g in snapshot.goals if g.title != "Mine"} == promised["goal"]
