"""Hand-edited and odd files: a clean message naming the file, never a traceback (issue #14)."""

from __future__ import annotations

import functools
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masterytui.cli import main
from masterytui.store import MasteryStore
from masterytui.store.backups import Backups
from masterytui.store.doctor import check_file, fix_file
from masterytui.store.errors import BadFileError, WriteError
from masterytui.store.importers import ImportRefusedError, import_data
from masterytui.store.lock import FileLock
from masterytui.views.report import export_markdown


def demo_data(demo_store: MasteryStore) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(demo_store.path.read_bytes())
    return data


def write(path: Path, data: Any) -> bytes:
    """``data`` written as a person's editor would (indented, no layout beside it)."""
    raw = json.dumps(data, indent=1).encode()
    path.write_bytes(raw)
    path.with_name(path.name + ".lock").unlink(missing_ok=True)
    return raw


def refused_everywhere(path: Path, raw: bytes, capsys: pytest.CaptureFixture[str]) -> str:
    """Open, every command and doctor refuse ``path`` with one line naming it; unchanged."""
    with pytest.raises(BadFileError) as refused:
        MasteryStore(path)
    message = str(refused.value)
    assert str(path) in message and "Traceback" not in message
    for command in (
        ["add", "task", "x"],
        ["add", "practice", "20"],
        ["export", "-f", "md"],
        ["export", "-f", "json"],
        ["export", "-f", "csv", "-t", "tasks"],
        ["doctor", "--fix"],
        [],
    ):
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main(["--db", str(path), *command])
        assert exited.value.code == 1, command
        err = capsys.readouterr().err
        assert str(path) in err and len(err.strip().splitlines()) == 1, (command, err)
    report = check_file(path)
    assert report.problems and str(path) in report.problems[0]
    assert main(["--db", str(path), "doctor"]) == 1
    assert path.read_bytes() == raw, "a refused file is never written"
    return message


# Item 8: schema versions -----------------------------------------------------------------------


@pytest.mark.parametrize("version", [0, -1, -7])
def test_a_schema_version_below_one_is_refused(
    demo_store: MasteryStore, version: int, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(demo_store)
    data["meta"]["1"]["schema_version"] = version
    raw = write(demo_store.path, data)
    message = refused_everywhere(demo_store.path, raw, capsys)
    assert f"schema_version of {version}" in message


@pytest.mark.parametrize("version", ["1", "2", 1.0, 2.5, True, None, [1], {"v": 1}])
def test_a_schema_version_that_is_not_a_whole_number_is_refused(
    demo_store: MasteryStore, version: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(demo_store)
    data["meta"]["1"]["schema_version"] = version
    raw = write(demo_store.path, data)
    message = refused_everywhere(demo_store.path, raw, capsys)
    assert "schema_version" in message
    if isinstance(version, str | float) and not isinstance(version, bool):
        assert "newer masterytui" in message


def test_a_newer_schema_says_so(
    demo_store: MasteryStore, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(demo_store)
    data["meta"]["1"]["schema_version"] = 99
    raw = write(demo_store.path, data)
    assert "written by a newer masterytui" in refused_everywhere(demo_store.path, raw, capsys)


@pytest.mark.parametrize("version", [0, -1, "1", 2.5, 99, None])
def test_an_import_with_an_odd_schema_version_is_refused(
    demo_store: MasteryStore, store: MasteryStore, version: Any
) -> None:
    data = demo_data(demo_store)
    data["meta"]["1"]["schema_version"] = version
    with pytest.raises(ImportRefusedError) as refused:
        import_data(store, orjson.dumps(data), "backup.json")
    assert "backup.json" in str(refused.value) and "schema" in str(refused.value)
    assert store.snapshot().tasks == []


# Item 9: nesting ------------------------------------------------------------------------------


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [260, 1_000, 5_000])
def test_a_file_nested_too_deeply_is_refused(
    demo_store: MasteryStore, depth: int, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(demo_store)
    goal = next(iter(data["goals"].values()))
    goal["extra"] = "PLACEHOLDER"
    raw = orjson.dumps(data).replace(b'"PLACEHOLDER"', b"[" * depth + b'"bottom"' + b"]" * depth)
    demo_store.path.write_bytes(raw)
    demo_store.path.with_name(demo_store.path.name + ".lock").unlink()
    message = refused_everywhere(demo_store.path, raw, capsys)
    assert "nested too deeply" in message


def test_a_file_deep_but_savable_still_opens(demo_store: MasteryStore) -> None:
    data = demo_data(demo_store)
    next(iter(data["goals"].values()))["extra"] = nested(40)
    write(demo_store.path, data)
    store = MasteryStore(demo_store.path)
    store.add_task("still fine")
    assert next(iter(orjson.loads(store.path.read_bytes())["goals"].values()))["extra"] == (
        nested(40)
    )


@pytest.mark.parametrize("depth", [260, 1_000, 5_000])
@pytest.mark.parametrize("shape", ["export", "taskwarrior"])
def test_an_import_nested_too_deeply_is_refused(
    demo_store: MasteryStore, store: MasteryStore, depth: int, shape: str
) -> None:
    if shape == "export":
        data = demo_data(demo_store)
        next(iter(data["tasks"].values()))["extra"] = "PLACEHOLDER"
    else:
        data = [{"uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12, "description": "x"}]
        data[0]["annotations"] = "PLACEHOLDER"
    raw = orjson.dumps(data).replace(b'"PLACEHOLDER"', b"[" * depth + b'"bottom"' + b"]" * depth)
    with pytest.raises(ImportRefusedError) as refused:
        import_data(store, raw, "deep.json")
    assert "deep.json" in str(refused.value) and "nested too deeply" in str(refused.value)
    assert not store.path.exists() or store.snapshot().tasks == []


def test_a_document_that_cannot_be_serialised_is_a_write_error(demo_store: MasteryStore) -> None:
    before = demo_store.path.read_bytes()
    task = dict(demo_store.find("tasks", demo_store.snapshot().tasks[0].id) or {})
    task["extra"] = nested(300)
    with pytest.raises(WriteError) as refused, demo_store.change("a deep edit"):
        demo_store.put("tasks", task)
    assert str(demo_store.path) in str(refused.value)
    assert demo_store.path.read_bytes() == before
    demo_store.add_task("the store still works")
    assert "the store still works" in {t.title for t in demo_store.snapshot().tasks}


# Item 7: hand-edited values --------------------------------------------------------------------

ODD_VALUES: list[tuple[str, str, Any]] = [
    ("goals", "position", "abc"),
    ("goals", "position", [1]),
    ("goals", "proficiency", 5),
    ("goals", "proficiency", [{"date": "2026-02-30", "level": 4}, {"date": 3, "level": "x"}]),
    ("goals", "measure", {"target": "lots", "current": [2]}),
    ("goals", "rwa", {"ready": "3", "willing": 9, "able": None}),
    ("goals", "practice_plan", {"minutes_per_day": "20"}),
    ("goals", "title", 42),
    ("tasks", "due", "2026-02-30"),
    ("tasks", "position", {"x": 1}),
    ("tasks", "done_at", "yesterday"),
    ("goals", "cue", 5),
    ("goals", "plan_checks", [{"week": "2026-02-30", "answer": "yes"}, {"week": 3}]),
    ("goals", "plan_checks", "weekly"),
    ("feedback", "obstacle", ["tired"]),
    ("feedback", "review", {"answers": [{"on": "soon", "answer": "maybe"}]}),
    ("feedback", "review", 7),
    ("feedback", "at", "the other day"),
    ("feedback", "text", None),
    ("practice", "minutes", "lots"),
    ("practice", "minutes", -30),
    ("practice", "date", "soon"),
]


def with_odd_values(data: dict[str, Any], values: list[tuple[str, str, Any]]) -> dict[str, Any]:
    """``data`` with each (table, field, value) set in the table's first document."""
    for table, key, value in values:
        next(iter(data[table].values()))[key] = value
    data["meta"]["1"]["settings"] = [1, 2]
    return data


def every_output(store: MasteryStore) -> None:
    """Everything that reads the store's documents as objects, as the CLI and app do."""
    from masterytui.store import export

    for table in ("goals", "tasks", "feedback", "practice"):
        export.export_csv(store.snapshot(), table)
    export_markdown(store)
    export.export_json(store)
    for key in ("theme", "last_screen", "welcomed", "wip_limit"):
        store.setting(key)


@pytest.mark.parametrize(("table", "key", "value"), ODD_VALUES)
def test_an_odd_value_reads_as_its_default_and_doctor_mends_it(
    demo_store: MasteryStore, table: str, key: str, value: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_store.path
    write(path, with_odd_values(demo_data(demo_store), [(table, key, value)]))
    store = MasteryStore(path)
    every_output(store)
    for command in (["export", "-f", "md"], ["export", "-f", "csv", "-t", table]):
        assert main(["--db", str(path), *command]) == 0
    store.set_setting("theme", "nord")  # settings of [1, 2] read as none, and are replaced
    report = check_file(path)
    assert any(f" has {key} " in problem for problem in report.problems), report.problems
    assert main(["--db", str(path), "doctor"]) == 1
    before = path.read_bytes()
    assert main(["--db", str(path), "doctor", "--fix"]) == 0
    assert check_file(path).problems == []
    assert MasteryStore(path).backups.list()[0].path.read_bytes() == before
    assert MasteryStore(path).snapshot() == store.snapshot(), "fixed as it read"


def test_meta_settings_that_are_not_an_object(demo_store: MasteryStore) -> None:
    data = demo_data(demo_store)
    data["meta"]["1"]["settings"] = [1, 2]
    write(demo_store.path, data)
    store = MasteryStore(demo_store.path)
    assert store.setting("theme", "default") == "default"
    assert any("settings" in p for p in check_file(store.path).problems)
    store.set_setting("theme", "nord")
    assert MasteryStore(store.path).setting("theme") == "nord"


async def test_the_app_opens_a_hand_edited_file_and_shows_every_screen(
    demo_store: MasteryStore,
) -> None:
    from masterytui.app import MasteryApp
    from masterytui.dialogs.welcome import WelcomeScreen

    write(demo_store.path, with_odd_values(demo_data(demo_store), ODD_VALUES))
    store = MasteryStore(demo_store.path)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, WelcomeScreen):  # settings of [1, 2]: not welcomed yet
            await pilot.press("escape")
            await pilot.pause()
        for key, mode in (("2", "board"), ("3", "feedback"), ("4", "progress"), ("1", "goals")):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.current_mode == mode
        await pilot.press("t")
        await pilot.press(*"after the odd file", "enter")
        await pilot.pause()
    assert "after the odd file" in {t.title for t in MasteryStore(store.path).snapshot().tasks}


# Any field, any JSON value: open, every output and doctor never raise but a clean refusal ------

FIELDS = {
    "goals": [
        "id",
        "title",
        "kind",
        "parent_id",
        "position",
        "status",
        "why",
        "commitment",
        "measure",
        "rwa",
        "practice_plan",
        "proficiency",
        "created_at",
        "updated_at",
    ],
    "tasks": [
        "id",
        "title",
        "goal_id",
        "column",
        "position",
        "due",
        "priority",
        "notes",
        "created_at",
        "done_at",
    ],
    "feedback": ["id", "at", "kind", "source", "text", "next_step", "goal_id", "task_id"],
    "practice": ["id", "date", "goal_id", "minutes", "note"],
}
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["2026-02-30", "2026-11-23", "2026-11-23T19:00:00", "", "backlog", "H"])
)
KEYS = st.text(max_size=6) | st.sampled_from(
    [
        "target",
        "current",
        "deadline",
        "level",
        "date",
        "ready",
        "willing",
        "able",
        "minutes_per_day",
        "sessions_per_week",
        "theme",
        "last_screen",
    ]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)


@functools.cache
def demo_file() -> bytes:
    from masterytui.demo import seed_demo

    with tempfile.TemporaryDirectory() as folder:
        store = MasteryStore(Path(folder) / "demo.json")
        seed_demo(store, today=date(2026, 11, 23))
        return store.path.read_bytes()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_value_in_any_field_never_breaks_a_reader(data: st.DataObject) -> None:
    demo = orjson.loads(demo_file())
    for _ in range(data.draw(st.integers(1, 6), label="changes")):
        table = data.draw(st.sampled_from([*FIELDS, "meta"]), label="table")
        value = data.draw(VALUES, label="value")
        if table == "meta":
            demo["meta"]["1"][data.draw(st.sampled_from(["settings", "other"]))] = value
            continue
        docs = list(demo[table].values())
        doc = docs[data.draw(st.integers(0, len(docs) - 1), label="doc")]
        doc[data.draw(st.sampled_from(FIELDS[table]) | KEYS, label="field")] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "odd.json"
        path.write_text(json.dumps(demo))  # big ints too, as a person's editor may write them
        try:
            store = MasteryStore(path)
        except BadFileError as exc:
            assert str(path) in str(exc)
            assert check_file(path).problems
            return
        every_output(store)
        check_file(path)
        fix_file(path, Backups(path), FileLock(path))
        left = check_file(path).problems
        assert not [p for p in left if " which reads as " in p or "meta: settings" in p], left
        every_output(MasteryStore(path))


@pytest.mark.parametrize("loop", [1, 2, 3])
def test_a_loop_of_mastery_goals_does_not_hang_the_report(
    demo_store: MasteryStore, loop: int
) -> None:

    data = demo_data(demo_store)
    mastery = [d for d in data["goals"].values() if d["kind"] == "mastery"][:loop]
    for doc, parent in zip(mastery, mastery[1:] + mastery[:1], strict=True):
        doc["parent_id"] = parent["id"]
    write(demo_store.path, data)
    store = MasteryStore(demo_store.path)
    assert "# masterytui report" in export_markdown(store)
    assert any("loop of parents" in p for p in check_file(store.path).problems)


# Item 12: import refuses what the forms refuse, record by record ------------------------------

INVALID_RECORDS: list[tuple[str, str, Any]] = [
    ("tasks", "due", "2026-02-30"),
    ("tasks", "due", "tomorrow"),
    ("tasks", "column", "later"),
    ("tasks", "priority", "Z"),
    ("tasks", "position", "abc"),
    ("tasks", "title", "x" * 201),
    ("tasks", "notes", "x" * 5001),
    ("goals", "kind", "wizard"),
    ("goals", "status", "sleeping"),
    ("goals", "measure", {"target": 10, "deadline": "2026-02-30"}),
    ("goals", "rwa", {"ready": 9, "willing": 3, "able": 3}),
    ("goals", "proficiency", [{"date": "2026-11-01", "level": 11}]),
    ("goals", "practice_plan", {"minutes_per_day": 0}),
    ("feedback", "at", "last tuesday"),
    ("feedback", "kind", "rant"),
    ("feedback", "source", "gossip"),
    ("practice", "date", "2026-13-01"),
    ("practice", "minutes", 0),
    ("practice", "minutes", 1441),
    ("practice", "minutes", 2.5),
]


@pytest.mark.parametrize(
    ("table", "key", "value"),
    INVALID_RECORDS,
    ids=[f"{t}-{k}-{n}" for n, (t, k, _) in enumerate(INVALID_RECORDS)],
)
def test_import_refuses_each_record_the_forms_would_refuse(
    demo_store: MasteryStore, store: MasteryStore, table: str, key: str, value: Any
) -> None:
    data = demo_data(demo_store)
    # a record nothing points at, so refusing it leaves every link whole
    linked = {d.get(k) for t in data.values() for d in t.values() for k in ("goal_id", "task_id")}
    linked |= {d.get("parent_id") for d in data["goals"].values()}
    victim = next(d for d in data[table].values() if d["id"] not in linked)
    victim[key] = value
    plan = import_data(store, orjson.dumps(data), "odd.json")
    assert plan.invalid == {table: 1}
    assert "with invalid values refused" in plan.summary()
    assert any(victim["id"] in note for note in plan.notes)
    assert store.find(table, victim["id"]) is None
    assert len(store.docs(table)) == len(data[table]) - 1


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("due", "20260230T000000Z"),
        ("entry", "yesterday"),
        ("end", "20261332T000000Z"),
        ("priority", "X"),
    ],
)
def test_a_taskwarrior_task_with_an_impossible_value_is_refused(
    store: MasteryStore, key: str, value: str
) -> None:
    good = {
        "uuid": "a" * 8 + "-0000-0000-0000-" + "0" * 12,
        "description": "fine",
        "status": "pending",
        "entry": "20261101T100000Z",
    }
    bad = dict(good, uuid="b" * 8 + "-0000-0000-0000-" + "0" * 12, description="odd")
    bad[key] = value
    plan = import_data(store, orjson.dumps([good, bad]), "tw.json")
    assert plan.invalid == {"tasks": 1} and plan.added["tasks"] == 1
    assert "1 task with invalid values refused" in plan.summary()
    assert [t.title for t in store.snapshot().tasks] == ["fine"]
