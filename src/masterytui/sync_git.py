"""The git side of sync: one data file's folder as a repository (see :mod:`.sync`).

Git never writes the data file here: a merge is done in-process, its result written
atomically, and the merge commit built from git's objects, then the index reset to it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .domain.errors import MasteryError
from .store.backups import Backups
from .store.checks import parse
from .store.files import Data, atomic_write, dump, read_bytes
from .store.fs import make_folder, resolve_link
from .store.merge import MergeReport, differences, merge
from .store.merge_files import counted

BRANCH = "main"
REMOTE = "origin"
DRIVER = "masterytui"
TIMEOUT = 120.0
"""Seconds a git command may take (a stalled network must not hang the app forever)."""


class SyncError(MasteryError):
    """Sync could not run or finish; the message says why and that nothing was lost."""


def redact(text: str) -> str:
    """``text`` with any user name and password taken out of the URLs in it."""
    return re.sub(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@", r"\1", text)


class Repo:
    """The git repository of one data file's folder."""

    def __init__(self, data_path: Path, timeout: float | None = None) -> None:
        self.timeout = timeout or TIMEOUT
        self.path = resolve_link(Path(data_path).expanduser().absolute())
        self.folder = self.path.parent
        self.name = self.path.name

    # Running git -----------------------------------------------------------------------------

    def git(
        self,
        *args: str,
        check: bool = True,
        stdin: bytes | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        if shutil.which("git") is None:
            raise SyncError("git is not installed: sync needs it (install the git package).")
        full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.folder), *args],
                input=stdin,
                capture_output=True,
                env=full_env,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(
                f"git {args[0]} took over {self.timeout:g} s and was stopped; nothing was lost."
            ) from None
        if check and done.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {self.said(done)}")
        return done

    def said(self, done: subprocess.CompletedProcess[bytes]) -> str:
        """What git said went wrong, in one line without credentials."""
        text = done.stderr.decode(errors="replace").strip() or done.stdout.decode(errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
        line = (errors or lines or [f"exit status {done.returncode}"])[0]
        return redact(line.removeprefix("fatal: ").removeprefix("error: ").rstrip("."))

    def out(self, *args: str) -> str:
        return self.git(*args).stdout.decode().strip()

    def rev(self, name: str) -> str | None:
        done = self.git("rev-parse", "--verify", "-q", name + "^{commit}", check=False)
        return done.stdout.decode().strip() if done.returncode == 0 else None

    def raw(self, commit: str) -> bytes:
        """The data file's bytes as ``commit`` holds it (empty: not there)."""
        done = self.git("show", f"{commit}:{self.name}", check=False)
        return done.stdout if done.returncode == 0 else b""

    def blob(self, commit: str) -> Data | None:
        """The data file as ``commit`` holds it (None: not there or empty)."""
        raw = self.raw(commit)
        return parse(raw, Path(f"{commit[:8]}:{self.name}")) if raw.strip() else None

    def is_ancestor(self, one: str, other: str) -> bool:
        return self.git("merge-base", "--is-ancestor", one, other, check=False).returncode == 0

    def remote_url(self) -> str | None:
        done = self.git("remote", "get-url", REMOTE, check=False)
        return done.stdout.decode().strip() if done.returncode == 0 else None

    @property
    def ready(self) -> bool:
        """True once ``sync --init`` set this folder up."""
        if not (self.folder / ".git").is_dir():
            return False
        return self.git("config", f"merge.{DRIVER}.driver", check=False).returncode == 0

    # Setting up ------------------------------------------------------------------------------

    def setup(self) -> None:
        """The repository, its ignore and attribute files, driver, hooks and identity."""
        make_folder(self.folder)
        if not (self.folder / ".git").exists():
            self.git("init", "-q")
            self.git("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        os.chmod(self.folder / ".git", 0o700)
        _write_if_changed(self.folder / ".gitignore", IGNORE.format(name=self.name))
        _write_if_changed(self.folder / ".gitattributes", f"/{self.name} merge={DRIVER}\n")
        command = f"{shlex.quote(sys.executable)} -m masterytui merge %O %A %B"
        self.git("config", f"merge.{DRIVER}.name", "masterytui: merge data files by document")
        self.git("config", f"merge.{DRIVER}.driver", command)
        hook = HOOK.format(name=shlex.quote(self.name))
        hooks = self.folder / ".git" / "hooks"
        hooks.mkdir(mode=0o700, exist_ok=True)
        for name in ("post-merge", "post-checkout", "post-rewrite"):
            _write_if_changed(hooks / name, hook, mode=0o700)
        if self.git("config", "user.email", check=False).returncode != 0:
            self.git("config", "user.email", "masterytui@localhost")
        if self.git("config", "user.name", check=False).returncode != 0:
            self.git("config", "user.name", "masterytui")

    def commit_local(self) -> str | None:
        """Commit the data file (and the setup files) if they changed; the message, or None."""
        paths = [
            p for p in (self.name, ".gitignore", ".gitattributes") if (self.folder / p).exists()
        ]
        if not paths:
            return None
        self.git("add", "--", *paths)
        if self.git("diff", "--cached", "--quiet", check=False).returncode == 0:
            return None
        head = self.rev("HEAD")
        before = self.blob(head) if head else None
        now = read_data(self.path)
        changes = differences(now or {}, before or {})
        message = f"masterytui: {counted(changes) or 'settings'}"
        self.git("commit", "-q", "--no-verify", "-m", message)
        return message

    def remote_branch(self) -> str:
        return f"refs/remotes/{REMOTE}/{BRANCH}"

    def fetch(self) -> subprocess.CompletedProcess[bytes]:
        refspec = f"+refs/heads/{BRANCH}:{self.remote_branch()}"
        return self.git("fetch", "-q", REMOTE, refspec, check=False)

    def take_in(self, theirs: str) -> MergeReport | None:
        """Bring commit ``theirs`` into HEAD: merged in-process, written atomically, committed.

        None when HEAD already has it. The data file is the only file written outside git's
        objects; the branch and index then move to the new commit.
        """
        head = self.rev("HEAD")
        if head is not None and self.is_ancestor(theirs, head):
            return None
        ours_data = read_data(self.path) or {}
        theirs_raw = self.raw(theirs)
        theirs_data = parse(theirs_raw, Path(f"{REMOTE}:{self.name}")) if theirs_raw else {}
        if head is None or self.is_ancestor(head, theirs):  # a fast-forward: theirs as is
            payload = theirs_raw
            report = MergeReport(
                differences(theirs_data, ours_data), differences(ours_data, theirs_data)
            )
            commit = theirs
        else:
            base_rev = self.git("merge-base", head, theirs, check=False).stdout.decode().strip()
            base = self.blob(base_rev) if base_rev else None
            merged, report = merge(base, ours_data, theirs_data)
            payload = dump(merged)
            commit = self._merge_commit(payload, head, theirs, report)
        if payload:
            self._write(payload)
        self.git("update-ref", "HEAD", commit)
        self.git("reset", "-q")
        return report

    def _merge_commit(self, payload: bytes, head: str, theirs: str, report: MergeReport) -> str:
        """A commit of HEAD's tree with the merged data file, parents HEAD and ``theirs``."""
        index = self.folder / ".git" / "masterytui-merge-index"
        env = {"GIT_INDEX_FILE": str(index)}
        try:
            self.git("read-tree", head, env=env)
            blob = self.git("hash-object", "-w", "--stdin", stdin=payload).stdout.decode().strip()
            self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{self.name}", env=env)
            tree = self.git("write-tree", env=env).stdout.decode().strip()
        finally:
            index.unlink(missing_ok=True)
        message = (
            f"masterytui: merged from {REMOTE}: {counted(report.incoming) or 'no new documents'}"
        )
        args = ["commit-tree", tree, "-p", head, "-p", theirs, "-m", message]
        return self.git(*args).stdout.decode().strip()

    def _write(self, payload: bytes) -> None:
        current = read_bytes(self.path)
        if current == payload:
            return
        if current:
            backups = Backups(self.path)
            if backups.due():
                backups.take(current, force=True)
        atomic_write(self.path, payload)


HOOK = """#!/bin/sh
# masterytui: git writes files 0644; the data file stays private
chmod 600 {name} 2>/dev/null
exit 0
"""
IGNORE = """# masterytui: only the data file is shared (not the lock, temporary files or backups)
/*
!/.gitignore
!/.gitattributes
!/{name}
"""


def _write_if_changed(path: Path, text: str, mode: int = 0o600) -> None:
    if not path.exists() or path.read_text() != text:
        atomic_write(path, text.encode())
    os.chmod(path, mode)


def read_data(path: Path) -> Data | None:
    """The data file parsed (None: no file, or an empty one)."""
    raw = read_bytes(path)
    return parse(raw, path) if raw is not None and raw.strip() else None
