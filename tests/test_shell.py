"""The shell's daily commands: today, list, done, status (run in-process, and as a process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from masterytui.cli import main
from masterytui.domain.today import today
from masterytui.store import MasteryStore
from masterytui.store.lock import FileLock
from masterytui.store.reader import Reader, status_figures


def cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def failed(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("masterytui: ")
    return err


# On an empty file ----------------------------------------------------------------------


def test_every_read_command_works_with_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, frozen: date
) -> None:
    db = tmp_path / "none.json"
    assert cli(capsys, db, "status") == (0, "practice 0m left · 0 due · streak 0d\n", "")
    code, out, _ = cli(capsys, db, "today")
    assert code == 0 and out.startswith("# Today, Monday 2026-11-23")
    assert cli(capsys, db, "list", "tasks", "--json") == (0, "[]\n", "")
    assert cli(capsys, db, "list", "goals") == (0, "", "")
    assert "no task to finish" in failed(cli(capsys, db, "done", "x"))
    assert not db.exists()


# today -------------------------------------------------------------------------------


def test_today_on_the_demo(capsys: pytest.CaptureFixture[str], demo_store: MasteryStore) -> None:
    code, out, _ = cli(capsys, demo_store.path, "today")
    assert code == 0
    for heading in ("## Practice", "## Tasks", "## This week"):
        assert heading in out
    found = today(demo_store.snapshot(), date(2026, 11, 23))
    for task in found.overdue + found.due + found.doing:
        assert f"`{task.id}`" in out
    code, out, _ = cli(capsys, demo_store.path, "today", "--json")
    data = json.loads(out)
    assert data["date"] == "2026-11-23"
    assert [t["id"] for t in data["overdue"]] == [t.id for t in found.overdue]
    assert data["longest_live_streak"] == found.streak


def test_today_shows_user_text_literally(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    store.add_task("evil \x1b[31mred", due="today")
    _, out, _ = cli(capsys, store.path, "today")
    assert "\x1b" not in out and "evil" in out


# list --------------------------------------------------------------------------------


def test_list_tasks_is_tsv_when_piped_and_aligned_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
    demo_store: MasteryStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = cli(capsys, demo_store.path, "list", "tasks")
    lines = out.splitlines()
    open_tasks = [t for t in demo_store.snapshot().tasks if t.column != "done"]
    assert code == 0 and len(lines) == len(open_tasks)
    assert all(len(line.split("\t")) == 7 for line in lines)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = cli(capsys, demo_store.path, "list", "tasks", "--all")
    head, *rows = out.splitlines()
    assert head.split()[:3] == ["ID", "COLUMN", "DUE"] and "\t" not in out
    assert len(rows) == len(demo_store.snapshot().tasks)
    start = head.index("TITLE")
    assert all(len(r) <= start or r[start - 2 : start] == "  " for r in rows)


def test_list_filters_and_json(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore
) -> None:
    snapshot = demo_store.snapshot()
    _, out, _ = cli(capsys, demo_store.path, "list", "tasks", "--column", "doing", "--json")
    docs = json.loads(out)
    assert {d["id"] for d in docs} == {t.id for t in snapshot.tasks if t.column == "doing"}
    assert docs[0] == demo_store.find("tasks", docs[0]["id"])
    _, out, _ = cli(capsys, demo_store.path, "list", "tasks", "--due-before", "2026-11-25")
    assert all(line.split("\t")[2] < "2026-11-25" for line in out.splitlines())
    _, out, _ = cli(capsys, demo_store.path, "list", "feedback", "--kind", "win", "--json")
    assert {d["kind"] for d in json.loads(out)} == {"win"}
    _, out, _ = cli(capsys, demo_store.path, "list", "practice", "--since", "-2d")
    assert all(line.split("\t")[1] >= "2026-11-21" for line in out.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ("list", "tasks", "--column", "later"),
        ("list", "tasks", "--due-before", "someday"),
        ("list", "tasks", "--kind", "win"),
        ("list", "goals", "--kind", "dream"),
        ("list", "tasks", "--goal", "zzzz"),
    ],
)
def test_list_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore, args: tuple[str, ...]
) -> None:
    failed(cli(capsys, demo_store.path, *args))


# done --------------------------------------------------------------------------------


def test_done_finishes_a_recurring_task_and_prints_the_next(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    task = store.add_task("Water the plants", due="2026-11-23", every="mon,thu")
    code, out, _ = cli(capsys, store.path, "done", "plants")
    assert code == 0
    done_line, next_line = out.splitlines()
    assert done_line == f"Done: Water the plants ({task.id})"
    assert next_line.startswith("Next: Water the plants (t") and next_line.endswith("2026-11-26")
    # the finished one, by id: already done, nothing changes
    before = store.path.read_bytes()
    code, out, _ = cli(capsys, store.path, "done", task.id)
    assert code == 0 and out.startswith("Already done on 2026-11-23")
    assert store.path.read_bytes() == before


def test_done_of_an_ambiguous_prefix_changes_nothing(
    capsys: pytest.CaptureFixture[str], store: MasteryStore
) -> None:
    store.add_task("Stretch hips")
    store.add_task("Stretch calves")
    before = store.path.read_bytes()
    err = failed(cli(capsys, store.path, "done", "stretch"))
    assert "matches 2 open tasks" in err and "Stretch hips" in err and "Stretch calves" in err
    assert store.path.read_bytes() == before
    failed(cli(capsys, store.path, "done", "nothing like it"))
    assert store.path.read_bytes() == before


def test_add_task_every_from_the_shell(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    store.add_task("seed")  # so the quick path has a file and a layout
    _, out, _ = cli(capsys, store.path, "add", "task", "Review week", "--every", "1w")
    made = store.task(out.strip())
    assert made.recur is not None and (made.recur.every, made.due) == ("1w", "2026-11-23")
    failed(cli(capsys, store.path, "add", "task", "x", "--every", "sometimes"))


# status ------------------------------------------------------------------------------


def test_status_format_and_bad_placeholders(
    capsys: pytest.CaptureFixture[str], demo_store: MasteryStore
) -> None:
    found = today(demo_store.snapshot(), date(2026, 11, 23))
    _, out, _ = cli(capsys, demo_store.path, "status", "-f", "{minutes}|{due}|{streak}")
    due = len(found.overdue) + len(found.due)
    assert out == f"{found.minutes_left}|{due}|{found.streak}\n"
    assert "'nope' is not a placeholder" in failed(
        cli(capsys, demo_store.path, "status", "-f", "{nope}")
    )


def test_status_from_bytes_agrees_with_parsing_the_file(demo_store: MasteryStore) -> None:
    day = date(2026, 11, 23)
    fast = Reader(demo_store.path)
    assert fast.layout is not None
    goals, figures, due = status_figures(fast, day)
    os.utime(demo_store.path)  # the layout no longer matches: the whole file is parsed
    slow = Reader(demo_store.path)
    assert slow.layout is None
    goals2, figures2, due2 = status_figures(slow, day)
    assert due == due2
    assert {g.id for g in goals} == {g.id for g in goals2}
    for goal_id, mine in figures2.items():
        other = figures.get(goal_id)
        if mine.days & {day, date(2026, 11, 22), date(2026, 11, 21)}:
            assert other is not None
            assert (other.minutes_today, other.sessions_week) == (
                mine.minutes_today,
                mine.sessions_week,
            )


def test_status_never_waits_for_the_lock_nor_writes(demo_store: MasteryStore) -> None:
    path = demo_store.path
    lock = FileLock(path, timeout=1)
    lock.acquire()
    try:
        stamp = (path.stat().st_mtime_ns, lock.path.stat().st_mtime_ns)
        result = subprocess.run(
            [sys.executable, "-m", "masterytui", "--db", str(path), "status"],
            capture_output=True,
            text=True,
            timeout=30,
            env={k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"},
        )
        assert result.returncode == 0 and result.stdout.startswith("practice ")
        assert (path.stat().st_mtime_ns, lock.path.stat().st_mtime_ns) == stamp
    finally:
        lock.release()


def test_today_lists_each_task_once_and_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    """A task in Doing that is overdue or due today shows under that heading only; output cut
    short by `| head` ends quietly."""
    db = tmp_path / "d.json"
    store = MasteryStore(db)
    late = store.add_task("Late one", None, column="doing", due="2020-01-01")
    store.add_task("Open one", None, column="doing")
    found = today(store.snapshot(), date.today())
    assert [t.id for t in found.overdue] == [late.id]
    assert [t.title for t in found.doing] == ["Open one"]
    # The reader is gone before anything is written: every write fails with EPIPE.
    shell = subprocess.Popen(
        [sys.executable, "-m", "masterytui", "--db", str(db), "list", "tasks"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert shell.stdout is not None and shell.stderr is not None
    shell.stdout.close()
    errors = shell.stderr.read()
    assert shell.wait(timeout=60) == 141
    assert "Traceback" not in errors


def test_list_goals_gives_no_habit_to_a_mastery_goal_with_nothing_to_measure(
    capsys: pytest.CaptureFixture[str], store: MasteryStore, frozen: date
) -> None:
    """A mastery goal with no plan and no session has no habit strength (not 0%), as the
    Goals detail shows no practice for it; once practised, it has one."""
    goal = store.add_goal("Juggling")
    code, out, _ = cli(capsys, store.path, "list", "goals", "--json")
    assert code == 0 and "habit_strength" not in json.loads(out)[0]
    code, out, _ = cli(capsys, store.path, "list", "goals")
    assert "%" not in out
    store.log_practice(20, goal.id)
    code, out, _ = cli(capsys, store.path, "list", "goals", "--json")
    assert json.loads(out)[0]["habit_strength"] > 0
