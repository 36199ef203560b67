"""Two data folders syncing through a local bare repository, by `sync` and by `git pull` (#19)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from masterytui import sync as sync_module
from masterytui.cli import main
from masterytui.store import MasteryStore
from masterytui.store.merge import DELETED

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def remote(tmp_path: Path) -> str:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return f"file://{bare}"


def run(path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--db", str(path), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def titles(path: Path) -> set[str]:
    return {t.title for t in MasteryStore(path).snapshot().tasks}


def docs(path: Path, table: str = "tasks") -> dict[str, dict[str, object]]:
    data = orjson.loads(path.read_bytes())
    return {d["id"]: {k: v for k, v in d.items()} for d in data.get(table, {}).values()}


@pytest.fixture
def pair(tmp_path: Path, remote: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """Machine A with a task, set up and synced; machine B set up from the remote."""
    a, b = tmp_path / "a" / "m.json", tmp_path / "b" / "m.json"
    MasteryStore(a).add_task("Restring the guitar")
    assert run(a, "sync", "--init", "--remote", remote, capsys=capsys)[0] == 0
    assert run(a, "sync", capsys=capsys) == (0, "Sent: 1 task.\n")
    code, out = run(b, "sync", "--init", "--remote", remote, capsys=capsys)
    assert code == 0 and "Took the remote's data: 1 task." in out
    return a, b


def test_a_second_machine_takes_the_remotes_data_and_the_folder_stays_private(
    pair: tuple[Path, Path],
) -> None:
    a, b = pair
    assert titles(b) == {"Restring the guitar"}
    for path in (a, b):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE((path.parent / ".git").stat().st_mode) == 0o700
        tracked = subprocess.run(
            ["git", "-C", str(path.parent), "ls-files"], capture_output=True, text=True
        ).stdout.split()
        assert sorted(tracked) == [".gitattributes", ".gitignore", "m.json"]
        status = subprocess.run(
            ["git", "-C", str(path.parent), "status", "--porcelain"], capture_output=True, text=True
        )
        assert status.stdout == ""  # the lock, backups and layout are ignored


def test_edits_on_both_sides_reach_both_and_a_conflict_is_listed(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    shared = next(iter(docs(a)))
    MasteryStore(b).update_task(shared, title="Restring with 10s")
    MasteryStore(a).update_task(shared, title="Restring with 9s")  # later: it wins
    MasteryStore(a).add_task("Tune")
    MasteryStore(b).log_practice(25)
    assert run(b, "sync", capsys=capsys) == (0, "Sent: 1 practice session, 1 task.\n")
    code, out = run(a, "sync", capsys=capsys)
    assert code == 0
    assert out.splitlines()[:2] == ["Received: 1 practice session.", "Sent: 2 tasks."]
    assert "1 conflict(s) recorded" in out
    code, out = run(b, "sync", capsys=capsys)
    assert out.startswith("Received: 2 tasks.")
    assert titles(a) == titles(b) == {"Restring with 9s", "Tune"}
    assert docs(a) == docs(b)
    code, out = run(b, "doctor", capsys=capsys)
    assert "Conflicts from merging (1)" in out
    assert "kept  'Restring with 9s'" in out and "other 'Restring with 10s'" in out
    # doctor --resolve: take the other value, as one undoable change
    monkeypatch.setattr("builtins.input", lambda prompt: "o")
    code, out = run(b, "doctor", "--resolve", capsys=capsys)
    assert "now has title 'Restring with 10s'" in out
    assert titles(b) == {"Restring with 10s", "Tune"}
    assert "Conflicts from merging" not in run(b, "doctor", capsys=capsys)[1]
    run(b, "sync", capsys=capsys)
    run(a, "sync", capsys=capsys)
    assert titles(a) == {"Restring with 10s", "Tune"}
    assert "Conflicts from merging" not in run(a, "doctor", capsys=capsys)[1]


def test_an_edit_against_a_delete_keeps_the_edit_and_records_it(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    shared = next(iter(docs(a)))
    MasteryStore(a).delete_task(shared)
    MasteryStore(b).update_task(shared, notes="bought the strings")
    run(a, "sync", capsys=capsys)
    run(b, "sync", capsys=capsys)
    run(a, "sync", capsys=capsys)
    assert docs(a)[shared]["notes"] == docs(b)[shared]["notes"] == "bought the strings"
    records = list(docs(a, "conflicts").values())
    assert [(r["item"], r["field"]) for r in records] == [(shared, DELETED)]
    assert "deleted on one side" in run(a, "doctor", capsys=capsys)[1]


def test_a_push_rejected_because_the_other_pushed_first_loses_nothing(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    MasteryStore(a).add_task("From A")
    MasteryStore(b).add_task("From B")
    fetch = sync_module.Repo.fetch
    raced = []

    def fetch_then_a_pushes(repo: sync_module.Repo) -> subprocess.CompletedProcess[bytes]:
        done = fetch(repo)
        if repo.path == b and not raced:
            raced.append(True)
            assert sync_module.sync(a).ok  # A pushes between B's fetch and B's push
        return done

    monkeypatch.setattr(sync_module.Repo, "fetch", fetch_then_a_pushes)
    code, out = run(b, "sync", capsys=capsys)
    assert code == 1 and raced
    assert "refused (another machine pushed first). Nothing was lost" in out
    assert "From B" in titles(b)
    assert run(b, "sync", capsys=capsys)[0] == 0  # next time it goes through
    run(a, "sync", capsys=capsys)
    assert titles(a) == titles(b) == {"Restring the guitar", "From A", "From B"}


def test_offline_says_so_in_one_line_and_the_next_sync_sends_it(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = pair
    url = subprocess.run(
        ["git", "-C", str(a.parent), "remote", "get-url", "origin"], capture_output=True, text=True
    ).stdout.strip()
    subprocess.run(
        ["git", "-C", str(a.parent), "remote", "set-url", "origin", str(tmp_path / "gone.git")]
    )
    MasteryStore(a).add_task("Written offline")
    code, out = run(a, "sync", capsys=capsys)
    assert code == 1 and len(out.splitlines()) == 1 and out.startswith("Offline: could not reach")
    assert "Written offline" in titles(a)
    subprocess.run(["git", "-C", str(a.parent), "remote", "set-url", "origin", url])
    assert run(a, "sync", capsys=capsys) == (0, "Sent: 1 task.\n")
    run(b, "sync", capsys=capsys)
    assert "Written offline" in titles(b)


def test_a_remote_url_is_never_shown_with_its_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("x")
    url = "https://me:s3cret-token@127.0.0.1:9/data.git"
    code, out = run(path, "sync", "--init", "--remote", url, capsys=capsys)
    assert "127.0.0.1:9/data.git" in out and "s3cret" not in out and "me:" not in out
    code, out = run(path, "sync", capsys=capsys)
    assert code == 1 and out.startswith("Offline") and "s3cret" not in out


def test_both_machines_with_data_merge_on_the_first_sync(
    tmp_path: Path, remote: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a" / "m.json", tmp_path / "b" / "m.json"
    MasteryStore(a).add_task("Laptop task")
    MasteryStore(b).add_task("Desktop task")
    run(a, "sync", "--init", "--remote", remote, capsys=capsys)
    run(a, "sync", capsys=capsys)
    code, out = run(b, "sync", "--init", "--remote", remote, capsys=capsys)
    assert "Both have data: the first `masterytui sync` merges them." in out
    code, out = run(b, "sync", capsys=capsys)
    assert code == 0 and out.startswith("Received: 1 task.")
    run(a, "sync", capsys=capsys)
    assert titles(a) == titles(b) == {"Laptop task", "Desktop task"}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout + done.stderr


def test_a_plain_git_pull_merges_with_the_driver(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    shared = next(iter(docs(a)))
    MasteryStore(b).add_task("Pushed with git")
    MasteryStore(b).delete_task(shared)
    git(b.parent, "commit", "-qam", "by hand")
    git(b.parent, "push", "-q", "origin", "main")
    MasteryStore(a).update_task(shared, priority="H")  # edited here, deleted there
    MasteryStore(a).add_task("Committed with git")
    git(a.parent, "commit", "-qam", "by hand")
    out = git(a.parent, "pull", "--no-rebase", "--no-edit", "origin", "main")
    assert "masterytui merge: in: 1 task" in out and "CONFLICT" not in out
    assert titles(a) == {"Restring the guitar", "Pushed with git", "Committed with git"}
    assert docs(a)[shared]["priority"] == "H"
    assert stat.S_IMODE(a.stat().st_mode) == 0o600  # the hook keeps it private
    assert git(a.parent, "status", "--porcelain") == ""
    assert run(a, "sync", capsys=capsys)[0] == 0
    run(b, "sync", capsys=capsys)
    assert docs(a) == docs(b)


def test_merge_never_imports_textual(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("x")
    code = (
        "import sys; from masterytui.cli import main; "
        f"main(['merge', {str(path)!r}, {str(path)!r}, {str(path)!r}]); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "masterytui merge: in: nothing; out: nothing" in done.stderr


def test_merge_into_takes_a_conflict_copy_without_a_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, copy = tmp_path / "m.json", tmp_path / "m.sync-conflict.json"
    store = MasteryStore(path)
    task = store.add_task("Both")
    shutil.copy(path, copy)
    MasteryStore(copy).add_task("Only in the copy")
    store.update_task(task.id, title="Both, renamed here")
    code, out = run(path, "merge", "--into", str(path), str(copy), capsys=capsys)
    assert code == 0 and "in: 1 task" in out
    assert titles(path) == {"Both, renamed here", "Only in the copy"}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_sync_before_init_says_how_to_set_it_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m.json"
    with pytest.raises(SystemExit):
        run(path, "sync", capsys=capsys)
    assert "run `masterytui sync --init`" in capsys.readouterr().err
