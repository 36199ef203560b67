"""The command line, run as a user runs it: `masterytui add ...` and `masterytui doctor`."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path
from shlex import split

import orjson
import pytest

from masterytui.store import MasteryStore


def run(
    *args: str, db: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m masterytui [--db DB] ARGS`` with a clean environment."""
    base = {k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}
    command = [sys.executable, "-m", "masterytui"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=60,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The command failed with exactly one line on stderr and nothing on stdout."""
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("masterytui")  # "masterytui: " or "masterytui add task: "
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "m.json"


@pytest.fixture
def goals(db: Path) -> dict[str, str]:
    store = MasteryStore(db)
    return {
        title: store.add_goal(title).id
        for title in ("Running cadence", "Sales copy", "Sales pages", "Strength")
    }


# add ---------------------------------------------------------------------------------------


def test_add_each_kind_prints_an_id(db: Path, goals: dict[str, str]) -> None:
    task = run(
        *split('add task "Metronome run" --column Doing --due 2026-04-01 --priority h'),
        *split('--notes "178 spm" --goal strength'),
        db=db,
    )
    feedback = run(
        *split('add feedback "Elbows flare" --kind improve --source coach --next "Tuck elbows"'),
        *("-g", goals["Strength"]),
        db=db,
    )
    win = run("add", "win", "Benched 175", db=db)
    practice = run(*split("add practice 25 --note drills --date yesterday --goal Running"), db=db)
    for result, prefix in ((task, "t"), (feedback, "f"), (win, "f"), (practice, "p")):
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert result.stdout.strip().startswith(prefix)
        assert len(result.stdout.splitlines()) == 1
    store = MasteryStore(db)
    saved = store.task(task.stdout.strip())
    assert (saved.title, saved.column, saved.due, saved.priority, saved.notes, saved.goal_id) == (
        "Metronome run",
        "doing",
        "2026-04-01",
        "H",
        "178 spm",
        goals["Strength"],
    )
    entry = store.feedback_entry(feedback.stdout.strip())
    assert (entry.kind, entry.source, entry.next_step, entry.goal_id) == (
        "improve",
        "coach",
        "Tuck elbows",
        goals["Strength"],
    )
    assert store.feedback_entry(win.stdout.strip()).kind == "win"
    session = store.practice_session(practice.stdout.strip())
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert (session.minutes, session.note, session.date, session.goal_id) == (
        25,
        "drills",
        yesterday,
        goals["Running cadence"],
    )


def test_add_creates_a_missing_file(db: Path) -> None:
    result = run("add", "task", "first", db=db)
    assert result.returncode == 0
    assert [t.title for t in MasteryStore(db).snapshot().tasks] == ["first"]


def test_database_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.json"
    result = run("add", "win", "from env", env={"MASTERYTUI_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert [e.text for e in MasteryStore(path).snapshot().feedback] == ["from env"]
    other = tmp_path / "flag.json"
    result = run("add", "win", "from flag", db=other, env={"MASTERYTUI_DB": str(path)})
    assert result.returncode == 0
    assert other.exists() and len(MasteryStore(path).snapshot().feedback) == 1


def test_goal_by_exact_title_and_prefix(db: Path, goals: dict[str, str]) -> None:
    for ref, title in (
        ("sales COPY", "Sales copy"),
        ("Sales p", "Sales pages"),
        ("run", "Running cadence"),
    ):
        result = run("add", "task", "x", "--goal", ref, db=db)
        assert result.returncode == 0, result.stderr
        assert MasteryStore(db).task(result.stdout.strip()).goal_id == goals[title]


def test_ambiguous_goal_lists_candidates_and_writes_nothing(
    db: Path, goals: dict[str, str]
) -> None:
    raw = db.read_bytes()
    line = one_error_line(run("add", "task", "x", "--goal", "sales", db=db))
    assert "matches 2 goals" in line
    assert goals["Sales copy"] in line and goals["Sales pages"] in line
    assert db.read_bytes() == raw


def test_unknown_goal(db: Path, goals: dict[str, str]) -> None:
    raw = db.read_bytes()
    line = one_error_line(run("add", "practice", "20", "--goal", "swimming", db=db))
    assert "swimming" in line
    assert db.read_bytes() == raw


BAD_ADDS = [
    (("add", "task", "x", "--column", "someday"), "Column must be one of"),
    (("add", "task", "x", "--due", "2026-02-30"), "not a real calendar date"),
    (("add", "task", "x", "--due", "soonish"), "is not a date"),
    (("add", "task", "x", "--priority", "urgent"), "Priority must be"),
    (("add", "task", "   "), "cannot be empty"),
    (("add", "task", "x" * 201), "the limit is 200"),
    (("add", "feedback", "x", "--kind", "rant"), "Kind must be one of"),
    (("add", "feedback", "x", "--source", "boss"), "Source must be one of"),
    (("add", "feedback", ""), "Text cannot be empty"),
    (("add", "win", "x", "--goal", "gzzzzzz"), "gzzzzzz"),
    (("add", "practice", "0"), "at least 1"),
    (("add", "practice", "1441"), "at most 1440"),
    (("add", "practice", "twenty"), "must be a number"),
    (("add", "practice", "20", "--date", "tomorrow"), "still to come"),
    (("add", "task"), "required"),  # a usage mistake
    (("add", "chore", "x"), "invalid choice"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ADDS, ids=[" ".join(a)[:40] for a, _ in BAD_ADDS])
def test_bad_input_one_line_and_file_untouched(
    db: Path, goals: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    raw = db.read_bytes()
    line = one_error_line(run(*args, db=db))
    assert message in line
    assert db.read_bytes() == raw


@pytest.mark.parametrize(
    "args",
    [
        ("add", "task", "x", "--column", "someday"),
        ("add", "practice", "0"),
        ("add", "feedback", "x", "--goal", "anything"),
    ],
)
def test_bad_input_creates_no_file(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "new" / "m.json"
    one_error_line(run(*args, db=db))
    assert not db.parent.exists()


def test_add_refuses_a_bad_file(db: Path) -> None:
    db.parent.mkdir()
    db.write_bytes(b'{"_default": {}}')
    line = one_error_line(run("add", "task", "x", db=db))
    assert str(db) in line and "not a masterytui file" in line
    assert db.read_bytes() == b'{"_default": {}}'


# doctor ------------------------------------------------------------------------------------


def test_doctor_on_a_good_file(db: Path, goals: dict[str, str]) -> None:
    store = MasteryStore(db)
    store.add_task("a")  # the second write takes a backup
    result = run("doctor", db=db)
    assert result.returncode == 0, result.stderr
    assert f"{db}: OK (4 goals, 1 tasks, 0 feedback, 0 practice)." in result.stdout
    assert "Backups in" in result.stdout
    backup = store.backups.list()[0]
    assert f" 1. {backup.taken:%Y-%m-%d %H:%M:%S}" in result.stdout
    assert backup.name in result.stdout and " ok " in result.stdout


def test_doctor_on_a_missing_file(tmp_path: Path) -> None:
    db = tmp_path / "nothing" / "m.json"
    result = run("doctor", db=db)
    assert result.returncode == 0
    assert "no file yet" in result.stdout and "No backups yet" in result.stdout
    assert not db.parent.exists()


def test_doctor_on_a_corrupt_file(db: Path, goals: dict[str, str]) -> None:
    MasteryStore(db).add_task("a")
    db.write_bytes(b'{"tasks": {"1": {"id": "t1"')
    result = run("doctor", db=db)
    assert result.returncode == 1
    assert "1 problem(s)" in result.stdout and "not valid JSON" in result.stdout
    assert "doctor --restore N" in result.stdout
    assert db.read_bytes() == b'{"tasks": {"1": {"id": "t1"'


def test_doctor_reports_broken_references(db: Path) -> None:
    db.parent.mkdir()
    data = {
        "meta": {"1": {"schema_version": 1}},
        "goals": {"1": {"id": "g1", "title": "A", "parent_id": "g9"}},
        "tasks": {"1": {"id": "t1", "goal_id": "gX"}, "2": {"id": "t1"}},
    }
    db.write_bytes(orjson.dumps(data))
    result = run("doctor", db=db)
    assert result.returncode == 1
    assert "missing parent 'g9'" in result.stdout
    assert "missing goal 'gX'" in result.stdout
    assert "id 't1' is used 2 times" in result.stdout


def test_doctor_restore_keeps_the_replaced_good_file(db: Path) -> None:
    store = MasteryStore(db)
    store.add_task("a")
    store.add_task("b")  # backup now holds [a]
    current = db.read_bytes()
    result = run("doctor", "--restore", "1", db=db)
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout and "was kept as" in result.stdout
    assert [t.title for t in MasteryStore(db).snapshot().tasks] == ["a"]
    kept = Path(result.stdout.split("was kept as ")[1].strip().rstrip("."))
    assert kept.read_bytes() == current
    assert store.snapshot().tasks[0].title == "a"  # an open session sees the restore


def test_doctor_restore_over_a_corrupt_file(db: Path) -> None:
    store = MasteryStore(db)
    store.add_task("a")
    store.add_task("b")
    db.write_bytes(b"garbage")
    result = run("doctor", "--restore", "1", db=db)
    assert result.returncode == 0, result.stderr
    kept = Path(result.stdout.split("was kept as ")[1].strip().rstrip("."))
    assert kept.name.startswith("m.json.bad-") and kept.read_bytes() == b"garbage"
    assert oct(kept.stat().st_mode & 0o777) == oct(0o600)
    assert [t.title for t in MasteryStore(db).snapshot().tasks] == ["a"]


def test_doctor_restore_unknown_backup(db: Path, goals: dict[str, str]) -> None:
    raw = db.read_bytes()
    line = one_error_line(run("doctor", "--restore", "7", db=db))
    assert "No single backup matches '7'" in line
    assert db.read_bytes() == raw


# Paths and imports -------------------------------------------------------------------------


def test_default_path_is_in_the_user_data_dir_and_nothing_is_made_at_import(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(xdg), "HOME": str(tmp_path / "home")}
    script = textwrap.dedent(
        """
        import masterytui, masterytui.cli, masterytui.store, masterytui.domain, masterytui.demo
        from masterytui.paths import default_db_path, resolve_db_path
        from platformdirs import user_data_path
        print(default_db_path())
        print(user_data_path("masterytui", appauthor=False))
        print(resolve_db_path(None) == default_db_path())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}, **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    default, data_dir, same = result.stdout.splitlines()
    assert Path(default) == Path(data_dir) / "masterytui.json"
    assert Path(default) == xdg / "masterytui" / "masterytui.json"
    assert same == "True"
    assert not xdg.exists() and not (tmp_path / "home").exists()
    doctor = run("doctor", env=env)
    assert f"{xdg / 'masterytui' / 'masterytui.json'}: no file yet" in doctor.stdout
    assert not xdg.exists()


def test_cli_add_and_doctor_never_import_textual(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        import masterytui.cli, masterytui.store, masterytui.domain
        from masterytui.cli import main
        path = sys.argv[1]
        assert main(["--db", path, "add", "task", "x"]) == 0
        assert main(["--db", path, "add", "win", "y"]) == 0
        assert main(["--db", path, "doctor"]) == 0
        print("textual" in sys.modules, "tinydb" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False True"


def test_domain_imports_neither_textual_nor_tinydb() -> None:
    script = textwrap.dedent(
        """
        import sys
        import masterytui.domain
        from masterytui.domain import errors, figures, model, rules, text
        print(sorted(m for m in ("textual", "tinydb", "orjson", "rich") if m in sys.modules))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("masterytui ")


def test_doctor_fix_repairs_links_after_a_backup(tmp_path: Path) -> None:
    import json

    from masterytui.store import MasteryStore

    path = tmp_path / "broken.json"
    store = MasteryStore(path)
    a = store.add_goal("A", "area")
    b = store.add_goal("B", "mastery", a.id)
    c = store.add_goal("C", "mastery", b.id)
    task = store.add_task("T", c.id)
    store.add_feedback("F", goal_id=c.id, task_id=task.id)
    data = json.loads(path.read_text())
    for doc in data["goals"].values():
        if doc["id"] == a.id:
            doc["parent_id"] = b.id  # A and B now form a loop of parents
    for doc in data["tasks"].values():
        doc["goal_id"] = "gmissing"
    for doc in data["feedback"].values():
        doc["task_id"] = "tmissing"
    data["tasks"]["99"] = dict(next(iter(data["tasks"].values())))  # a duplicate id
    path.write_text(json.dumps(data))
    broken = path.read_bytes()

    check = run("doctor", db=path)
    assert check.returncode == 1 and "loop" in check.stdout and "missing goal" in check.stdout
    fixed = run("doctor", "--fix", db=path)
    assert fixed.returncode == 0 and "repair(s)" in fixed.stdout
    again = run("doctor", db=path)
    assert again.returncode == 0, again.stdout
    snapshot = MasteryStore(path).snapshot()
    assert len(snapshot.goals) == 3 and len(snapshot.tasks) == 2
    assert {t.goal_id for t in snapshot.tasks} == {None}
    assert len({t.id for t in snapshot.tasks}) == 2
    assert any(b.path.read_bytes() == broken for b in MasteryStore(path).backups.list())
    assert run("doctor", "--fix", db=path).stdout.strip().endswith("nothing to repair.")
