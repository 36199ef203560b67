"""The world's files (issue #14): links, removed locks, FIFOs, planted files, stale copies."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masterytui.store import Backups, BadFileError, LockTimeoutError, MasteryStore, WriteError
from masterytui.store import lock as lock_module
from masterytui.store.files import atomic_write
from masterytui.store.lock import FileLock
from tests.test_cli import one_error_line, run

REPO = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a FIFO as "fifo"."""
    found: dict[str, bytes | str] = {}
    for entry in sorted(folder.rglob("*")):
        name = str(entry.relative_to(folder))
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[name] = "-> " + os.readlink(entry)
        elif stat.S_ISFIFO(mode):
            found[name] = "fifo"
        elif stat.S_ISREG(mode):
            found[name] = entry.read_bytes()
    return found


# 1. A removed or replaced lock file never lets two writers in ---------------------------------

ADD_LOOP = """
import sys
from masterytui.cli import main
path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    main(["--db", path, "add", "task", f"{tag} {i}"])  # prints the id once it is on disk
"""


def test_writers_lose_nothing_while_the_lock_file_is_removed_and_replaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("first")  # the file and its layout: `add` takes the quick path
    lock = path.with_name("m.json.lock")
    stop = threading.Event()

    def vandal() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                if n % 2:
                    lock.unlink()
                else:  # replaced: a sync client's or an editor's rename over it
                    other = tmp_path / "other.lock"
                    other.write_bytes(b"")
                    os.replace(other, lock)
            except FileNotFoundError:
                pass

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_LOOP, str(path), f"w{n}", "30"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    thread = threading.Thread(target=vandal)
    thread.start()
    try:
        acknowledged: set[str] = set()
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            acknowledged.update(out.split())
    finally:
        stop.set()
        thread.join()
    assert len(acknowledged) == 120
    on_disk = {t.id for t in MasteryStore(path).snapshot().tasks}
    assert acknowledged <= on_disk
    assert len(on_disk) == 121


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_second_lock_waits_while_the_held_lock_file_is_removed_or_replaced(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "m.json"
    held = FileLock(path)
    held.acquire()
    try:
        if how == "removed":
            held.path.unlink()
        else:
            (tmp_path / "new").write_bytes(b"")
            os.replace(tmp_path / "new", held.path)
        with pytest.raises(LockTimeoutError):
            FileLock(path, timeout=0.2).acquire()
    finally:
        held.release()
    second = FileLock(path, timeout=0.2)
    second.acquire()  # free again once released
    second.release()


def test_a_lock_file_removed_between_open_and_flock_is_not_the_one_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inode locked must be the one at the path; a lock on a removed file is retried."""
    path = tmp_path / "m.json"
    real_flock = lock_module.fcntl.flock
    removed: list[int] = []

    def flock_after_removal(fd: int, operation: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode) and not removed:
            removed.append(fd)
            os.unlink(path.with_name("m.json.lock"))  # a cleaner of *.lock, just then
        real_flock(fd, operation)

    monkeypatch.setattr(lock_module.fcntl, "flock", flock_after_removal)
    lock = FileLock(path)
    lock.acquire()
    try:
        assert removed
        assert lock._fd is not None
        locked, there = os.fstat(lock._fd), os.stat(lock.path)
        assert (locked.st_dev, locked.st_ino) == (there.st_dev, there.st_ino)
    finally:
        lock.release()


def test_without_a_folder_lock_a_lock_file_removed_mid_change_refuses_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the folder cannot be locked (NFS), losing the lock file mid-change writes nothing."""
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    before = path.read_bytes()
    monkeypatch.setattr(FileLock, "_lock_folder", lambda self, deadline: None)
    with pytest.raises(LockTimeoutError, match="removed or replaced"), store.change("add"):
        store.put("tasks", {"id": "t1", "title": "two", "column": "backlog"})
        store.lock.path.unlink()
    assert path.read_bytes() == before
    assert [t.title for t in MasteryStore(path).snapshot().tasks] == ["one"]


# 3. A data file that is a link keeps its link ------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """``data/m.json -> sync/real.json``, the target not made yet."""
    (tmp_path / "data").mkdir()
    (tmp_path / "sync").mkdir()
    link, target = tmp_path / "data" / "m.json", tmp_path / "sync" / "real.json"
    link.symlink_to(target)
    return link, target


def test_the_store_writes_a_linked_file_beside_its_target(linked: tuple[Path, Path]) -> None:
    link, target = linked
    store = MasteryStore(link)  # a dangling link: its target is created
    store.add_task("one")
    store.add_task("two")
    assert link.is_symlink() and link.resolve() == target
    assert {t.title for t in MasteryStore(target).snapshot().tasks} == {"one", "two"}
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "real.json",
        "real.json.backups",
        "real.json.lock",
    ]
    assert [p.name for p in link.parent.iterdir()] == ["m.json"]


def test_add_keeps_a_link_on_both_paths_and_through_a_chain(tmp_path: Path) -> None:
    (tmp_path / "sync").mkdir()
    target = tmp_path / "sync" / "real.json"
    middle, link = tmp_path / "middle.json", tmp_path / "m.json"
    middle.symlink_to(target)
    link.symlink_to(middle)  # m.json -> middle.json -> sync/real.json
    ids = [run("add", "task", f"t{n}", db=link).stdout.strip() for n in range(3)]
    assert all(ids)  # the first through the whole store, then the quick path
    assert link.is_symlink() and middle.is_symlink()
    assert {t.id for t in MasteryStore(target).snapshot().tasks} == set(ids)
    assert (tmp_path / "sync" / "real.json.lock").is_file()
    assert not (tmp_path / "m.json.lock").exists()


def test_a_link_loop_or_a_link_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "back.json")
    (tmp_path / "back.json").symlink_to(loop)
    away = tmp_path / "away.json"
    away.symlink_to(tmp_path / "unmounted" / "m.json")
    before = tree(tmp_path)
    assert "loops back" in one_error_line(run("add", "task", "x", db=loop))
    assert "folder does not exist" in one_error_line(run("add", "task", "x", db=away))
    assert tree(tmp_path) == before


# 4. export -o never writes over the data, its lock or a backup -------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    store.backups.take(path.read_bytes(), force=True)
    return path


@pytest.mark.parametrize(
    "output",
    [
        "m.json",
        "./sub/../m.json",
        "hardlink.json",
        "symlink.json",
        "m.json.lock",
        "m.json.backups/report.md",
        "BACKUP",
    ],
)
def test_export_refuses_the_data_file_its_lock_and_its_backups(
    data: Path, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data.parent
    (folder / "sub").mkdir()
    os.link(data, folder / "hardlink.json")
    (folder / "symlink.json").symlink_to(data)
    if output == "BACKUP":
        output = str(Backups(data).list()[0].path)
    before = tree(folder)
    monkeypatch.chdir(folder)
    for fmt in ("md", "json"):
        line = one_error_line(run("export", "-f", fmt, "-o", output, db=data))
        assert "choose another file" in line and output.split("/")[-1] in line
        assert tree(folder) == before


def test_csv_export_refuses_the_backups_folder(data: Path) -> None:
    folder = data.parent
    before = tree(folder)
    line = one_error_line(run("export", "-f", "csv", "-o", str(folder / "m.json.backups"), db=data))
    assert "backups folder" in line
    assert tree(folder) == before
    good = run("export", "-f", "csv", "-o", str(folder / "out"), db=data)
    assert good.returncode == 0, good.stderr


# 10. A FIFO (or any non-regular file) is refused, never waited on ----------------------------


@pytest.mark.parametrize(
    "args",
    [("add", "task", "x"), ("export", "-f", "json"), ("doctor",), ("import", "x.json")],
)
def test_a_fifo_as_the_data_file_is_refused_at_once(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = tmp_path / "m.json"
    os.mkfifo(path)
    (tmp_path / "x.json").write_bytes(b"{}")
    result = run(*(a.replace("x.json", str(tmp_path / "x.json")) for a in args), db=path)
    assert result.returncode != 0
    assert "FIFO" in result.stdout + result.stderr and str(path) in result.stdout + result.stderr
    assert stat.S_ISFIFO(path.lstat().st_mode)


def bounded(call: Callable[[], object], fifo: Path) -> None:
    """Run ``call``, failing (not hanging) if it blocks on ``fifo``: it must not wait at all."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            call()
        except BaseException as exc:  # handed to the test's thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # wakes the blocked reader
        pytest.fail(f"blocked on the FIFO {fifo}")
    if errors:
        raise errors[0]


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_that_is_a_fifo_or_a_folder_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("one")
    lock = tmp_path / "m.json.lock"
    lock.unlink()
    os.mkfifo(lock) if kind == "fifo" else lock.mkdir()
    before = tree(tmp_path)
    line = one_error_line(run("add", "task", "x", db=path))
    assert "m.json.lock" in line and ("FIFO" in line or "folder" in line)
    assert tree(tmp_path) == before
    store = MasteryStore(path)
    with pytest.raises(WriteError, match=r"m\.json\.lock"):
        bounded(lambda: store.add_task("two"), lock)  # the app's store too
    bounded(store.snapshot, lock)  # and reading never waits on it
    assert tree(tmp_path) == before


def test_import_from_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "in.json"
    os.mkfifo(fifo)
    line = one_error_line(run("import", str(fifo), db=tmp_path / "m.json"))
    assert "FIFO" in line and "standard input" in line
    assert not (tmp_path / "m.json").exists()


def test_the_app_store_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "m.json")
    with pytest.raises(BadFileError, match="FIFO"):
        bounded(lambda: MasteryStore(tmp_path / "m.json"), tmp_path / "m.json")


# 11. Stale temporary copies of killed writers are removed under the lock ---------------------


def test_stale_temporary_copies_are_removed_under_the_lock_and_nothing_else(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    store.backups.take(path.read_bytes(), force=True)
    stale = [tmp_path / ".m.json.0123456789ab.tmp", tmp_path / ".m.json.ba9876543210.tmp"]
    stale_backup = store.backups.folder / ".m-20260101-120000-000001.json.0123456789ab.tmp"
    kept = [
        tmp_path / ".m.json.0123456789ab.tmp.keep",
        tmp_path / ".m.json.xyz.tmp",
        tmp_path / ".other.json.0123456789ab.tmp",
        tmp_path / "m.json.0123456789ab.tmp",
        store.backups.folder / ".notes.json.0123456789ab.tmp",
    ]
    for file in [*stale, stale_backup, *kept]:
        file.write_bytes(b"half a write")
    store.add_task("two")
    store.backups.take(path.read_bytes(), force=True)
    assert not any(f.exists() for f in [*stale, stale_backup])
    assert all(f.read_bytes() == b"half a write" for f in kept)


def test_a_temporary_copy_is_left_alone_while_another_session_holds_the_lock(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("one")
    live = tmp_path / ".m.json.0123456789ab.tmp"
    holder = FileLock(path)
    holder.acquire()
    try:
        live.write_bytes(b"being written")
        MasteryStore(path).snapshot()  # reading takes no lock, removes nothing
        with pytest.raises(LockTimeoutError):
            FileLock(path, timeout=0.1).acquire()
        assert live.exists()
    finally:
        holder.release()


# 13. Planted links and other people's files --------------------------------------------------


def test_a_planted_lock_link_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("one")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    lock = tmp_path / "m.json.lock"
    lock.unlink()
    lock.symlink_to(victim)
    before = tree(tmp_path)
    line = one_error_line(run("add", "task", "x", db=path))
    assert "m.json.lock" in line and "symbolic link" in line
    assert tree(tmp_path) == before
    dangling = tmp_path / "n.json.lock"
    dangling.symlink_to(tmp_path / "created-by-nobody")
    one_error_line(run("add", "task", "x", db=tmp_path / "n.json"))
    assert not (tmp_path / "created-by-nobody").exists()


def test_a_lock_hard_linked_to_another_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    os.link(victim, tmp_path / "m.json.lock")
    with pytest.raises(WriteError, match="hard links"):
        MasteryStore(path).add_task("x")
    assert victim.read_bytes() == b"precious"


def test_a_planted_backups_link_is_refused_and_rotation_spares_its_files(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    for n in range(15):
        (elsewhere / f"m-2026010{n % 10}-12000{n % 10}-00000{n % 10}.json").write_bytes(b"{}")
    (elsewhere / "notes.json").write_bytes(b"theirs")
    (tmp_path / "m.json.backups").symlink_to(elsewhere)
    before = tree(tmp_path)
    line = one_error_line(run("add", "task", "x", db=path))
    assert "m.json.backups" in line and "symbolic link" in line
    assert tree(tmp_path) == before


def test_rotation_removes_only_the_backups_masterytui_names(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    folder = store.backups.folder
    folder.mkdir()
    foreign = [folder / "notes.json", folder / "m-latest.json", folder / "other-x.json"]
    for file in foreign:
        file.write_bytes(b"not a backup")
    for _ in range(store.backups.keep + 3):
        store.backups.take(path.read_bytes(), force=True)
    assert len(store.backups.list()) == store.backups.keep
    assert all(file.read_bytes() == b"not a backup" for file in foreign)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_folders_made_for_the_file_are_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "m.json"
    store = MasteryStore(path)
    store.add_task("one")
    store.backups.take(path.read_bytes(), force=True)
    atomic_write(tmp_path / "c" / "d" / "out.md", b"x")
    for folder in ("a", "a/b", "a/b/m.json.backups", "c", "c/d"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    for file in ("a/b/m.json", "a/b/m.json.lock", "c/d/out.md"):
        assert stat.S_IMODE((tmp_path / file).stat().st_mode) == 0o600, file


# 14. User-supplied paths and values never reach the terminal raw -----------------------------

EVIL = "\x1b]0;owned\x07\x1b[2Jx\x9b1m"


@pytest.mark.parametrize(
    "args",
    [
        ("import", f"{EVIL}.json"),
        ("export", "-f", "md", "-o", f"m.json/{EVIL}/r.md"),  # under a file: cannot be made
        ("add", "task", "x", "--goal", EVIL),
        ("add", "task", "x", "--column", EVIL),
        ("export", "-f", EVIL),
        ("doctor", "--restore", EVIL),
    ],
)
def test_messages_show_user_values_with_control_codes_neutralised(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    path = tmp_path / "m.json"
    MasteryStore(path).add_task("one")
    result = run(*(a.replace("m.json/", f"{path}/") for a in args), db=path)
    assert result.returncode != 0
    shown = result.stdout + result.stderr
    assert shown.strip()
    assert not any(c in shown for c in "\x1b\x07\x9b"), shown


def test_a_data_path_with_control_codes_is_shown_neutralised(tmp_path: Path) -> None:
    path = tmp_path / f"{EVIL}.json"
    for args in (("add", "task", "x"), ("doctor",)):
        result = run(*args, db=path)
        assert result.returncode == 0, result.stderr
        assert not any(c in result.stdout + result.stderr for c in "\x1b\x07\x9b")


async def test_app_notifications_show_file_names_neutralised(tmp_path: Path) -> None:
    from masterytui.app import MasteryApp

    app = MasteryApp(MasteryStore(tmp_path / "m.json"), watch_file=False)
    async with app.run_test() as pilot:
        app.screen.notify(f"Cannot read {EVIL}", title=EVIL, markup=False)
        await pilot.pause()
        shown = [(n.message, n.title) for n in app._notifications]
        assert shown and not any(c in m + t for m, t in shown for c in "\x1b\x07\x9b")


# 17. The stress scripts run as the README says ----------------------------------------------


def test_no_stress_script_shadows_the_standard_library() -> None:
    names = {p.stem for p in (REPO / "stress").glob("*.py")}
    assert not names & sys.stdlib_module_names


def test_stress_monkey_starts() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "stress" / "monkey.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# Paths as text: `add` never imports pathlib, and names every file as pathlib would ---------


_PATH_WORDS = ["", "/", "//", "///", ".", "..", "a", "b.json", ".x", "c.", "~", "~root", "~no-such"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PATH_WORDS), max_size=6).map("".join))
def test_paths_as_text_are_what_pathlib_makes_of_them(text: str) -> None:
    from masterytui.store import fs

    def outcome(make: Callable[[], object]) -> object:
        try:
            return make()
        except (RuntimeError, ValueError) as exc:
            return (type(exc), str(exc))

    path = Path(text)
    assert fs.path_text(text) == str(path)
    assert outcome(lambda: fs.path_text(text, expand=True)) == outcome(
        lambda: str(path.expanduser())
    )
    normal = fs.path_text(text)
    assert fs.parent_text(normal) == str(path.parent)
    assert fs.name_text(normal) == path.name
    assert outcome(lambda: fs.with_name_text(normal, "n.lock")) == outcome(
        lambda: str(path.with_name("n.lock"))
    )


def test_the_lock_and_backups_of_a_path_as_text_or_as_a_path_are_the_same(
    tmp_path: Path,
) -> None:
    for named in (tmp_path / "d.json", str(tmp_path) + "//./d.json"):
        lock, backups = FileLock(named), Backups(named)
        assert (lock.path, lock.data_path) == (tmp_path / "d.json.lock", tmp_path / "d.json")
        assert (backups.folder, backups.data_path) == (
            tmp_path / "d.json.backups",
            tmp_path / "d.json",
        )
