"""``masterytui sync``: the data folder as a git repository, merged by masterytui (#19).

``init`` makes (or adopts) a repository in the data file's folder that holds the data file
alone, names masterytui's merge driver for it (so a plain ``git pull`` merges correctly too)
and, given a remote, takes the remote's data when this machine has none. ``sync`` commits the
file if it changed, fetches, merges in-process (the same merge as the driver), writes the
result atomically, commits and pushes: the local steps under the store's lock, the network
ones outside it. Git never writes the data file during a sync (see :mod:`.sync_git`).

No Textual, no TinyDB: the app runs this in a worker thread, git runs the driver on a pull.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .store.errors import BadFileError
from .store.files import Data
from .store.fs import make_folder
from .store.lock import FileLock
from .store.merge import differences
from .store.merge_files import counted
from .store.stamps import DATA_TABLES
from .sync_git import BRANCH, REMOTE, Repo, SyncError, read_data, redact

__all__ = ["Repo", "SyncError", "SyncResult", "init", "redact", "sync"]


@dataclass(slots=True)
class SyncResult:
    """What a sync did, in lines to show, and whether it reached the remote."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True
    received: Counter[str] = field(default_factory=Counter)
    conflicts: int = 0


def holds_data(data: Data | None) -> bool:
    return bool(data) and any(data.get(table) for table in DATA_TABLES)  # type: ignore[union-attr]


# The two commands -----------------------------------------------------------------------------


def init(data_path: Path, remote: str | None = None) -> SyncResult:
    """``sync --init``: set the folder up; with a remote, adopt its data or prepare to merge."""
    repo = Repo(data_path)
    result = SyncResult()
    lock = FileLock(repo.path)
    make_folder(repo.folder)
    lock.acquire()
    try:
        repo.setup()
        result.lines.append(f"Git repository for {repo.path} in {repo.folder}.")
        if remote:
            if repo.remote_url() is None:
                repo.git("remote", "add", REMOTE, remote)
            else:
                repo.git("remote", "set-url", REMOTE, remote)
            result.lines.append(f"Remote: {redact(remote)}")
        local = read_data(repo.path)
        theirs = None
        if repo.remote_url() is not None:
            fetched = repo.fetch()
            if (
                fetched.returncode != 0
                and "couldn't find remote ref" not in fetched.stderr.decode()
            ):
                result.ok = False
                result.lines.append(
                    f"Could not reach {redact(repo.remote_url() or '')}: {repo.said(fetched)}. "
                    "Set up anyway; `masterytui sync` tries again."
                )
            theirs = repo.rev(repo.remote_branch()) if fetched.returncode == 0 else None
        if theirs is not None and not holds_data(local) and repo.rev("HEAD") is None:
            report = repo.take_in(theirs)
            if report is not None:
                result.received = report.incoming
            result.lines.append(
                f"Took the remote's data: {counted(result.received) or 'nothing yet'}."
            )
        message = repo.commit_local()
        if message:
            result.lines.append(f"Committed: {message}")
        if theirs is not None and holds_data(local) and holds_data(repo.blob(theirs)):
            result.lines.append("Both have data: the first `masterytui sync` merges them.")
        result.lines.append("A plain `git pull` in that folder merges with masterytui too.")
    finally:
        lock.release()
    return result


def sync(data_path: Path, *, timeout: float | None = None) -> SyncResult:
    """``sync``: commit, fetch, merge, write, commit, push; what came in and went out.

    The store's lock is held while the data file is read, committed, merged and written, not
    while git talks to the remote: a slow network never makes another session wait on it.
    """
    repo = Repo(data_path, timeout)
    if not repo.ready:
        raise SyncError(f"{repo.folder} is not set up for sync: run `masterytui sync --init`.")
    try:
        return _sync(repo)
    except BadFileError as exc:
        raise SyncError(f"{exc} Nothing was merged; nothing was lost.") from None


@contextmanager
def _locked(repo: Repo) -> Iterator[None]:
    lock = FileLock(repo.path)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _sync(repo: Repo) -> SyncResult:
    result = SyncResult()
    with _locked(repo):
        message = repo.commit_local()
    url = repo.remote_url()
    if url is None:
        result.lines.append(
            f"Committed {message or 'nothing new'}; there is no remote "
            "(add one: `masterytui sync --init --remote URL`)."
        )
        return result
    fetched = repo.fetch()
    missing = "couldn't find remote ref" in fetched.stderr.decode()
    if fetched.returncode != 0 and not missing:
        result.ok = False
        result.lines.append(
            f"Offline: could not reach {redact(url)} ({repo.said(fetched)}). "
            "Your changes are committed here and go out with the next sync."
        )
        return result
    theirs = None if missing else repo.rev(repo.remote_branch())
    before_push = repo.blob(theirs) if theirs else None
    with _locked(repo):
        repo.commit_local()  # a change another session made during the fetch
        report = repo.take_in(theirs) if theirs is not None else None
    if report is not None:
        result.received = report.incoming
        result.conflicts = len(report.conflicts)
    head = repo.rev("HEAD")
    sent: Counter[str] = Counter()
    if head is not None and head != theirs:
        sent = differences(repo.blob(head) or {}, before_push or {})
        pushed = repo.git("push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
        if pushed.returncode != 0:
            result.ok = False
            said = pushed.stderr.decode(errors="replace")
            why = (
                "another machine pushed first"
                if re.search(r"\[rejected\]|fetch first|non-fast-forward", said)
                else repo.said(pushed)
            )
            result.lines.append(
                f"Push to {redact(url)} refused ({why}). Nothing was lost: your changes "
                "are committed here; run `masterytui sync` again."
            )
    _report(result, sent)
    return result


def _report(result: SyncResult, sent: Counter[str]) -> None:
    if result.received:
        result.lines.insert(0, f"Received: {counted(result.received)}.")
    if result.ok and sent:
        result.lines.append(f"Sent: {counted(sent)}.")
    if result.conflicts:
        result.lines.append(
            f"{result.conflicts} conflict(s) recorded: see `masterytui doctor` "
            "(`masterytui doctor --resolve` to choose)."
        )
    if result.ok and not result.received and not sent:
        result.lines.append("Up to date.")
