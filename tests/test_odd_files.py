"""Hand-edited and odd files: a clean message naming the file, never a traceback (issue #14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from masterytui.cli import main
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file
from masterytui.store.errors import BadFileError, WriteError
from masterytui.store.importers import ImportRefusedError, import_data


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
    raw = orjson.dumps(data).replace(
        b'"PLACEHOLDER"', b"[" * depth + b'"bottom"' + b"]" * depth
    )
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
    raw = orjson.dumps(data).replace(
        b'"PLACEHOLDER"', b"[" * depth + b'"bottom"' + b"]" * depth
    )
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
