"""``masterytui --demo`` in a real terminal (a pty): its folder goes however it ends, and its
exports stay, in the folder it was started in (issue #13, item 16)."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from masterytui.demo_session import OWNER, PREFIX, sweep_abandoned

BOUND = 60.0
"""Seconds any wait may last before the test fails (a loaded machine is slow, not stuck)."""


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


class Demo:
    """``python -m masterytui --demo`` on a pty of 100x30, its output drained in a thread."""

    def __init__(self, cwd: Path, tmp: Path) -> None:
        self.tmp = tmp
        # only what a login shell would have: nothing another test set leaks in
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV")
        env = {k: os.environ[k] for k in keep if k in os.environ}
        env.update(TMPDIR=str(tmp), TERM="xterm-256color")
        pid, fd = pty.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                os.chdir(cwd)
                os.execve(sys.executable, [sys.executable, "-m", "masterytui", "--demo"], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.output = bytearray()
        self.status: int | None = None
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def folders(self) -> list[Path]:
        return list(self.tmp.glob(PREFIX + "*"))

    def started(self) -> None:
        """Wait until the app is drawn on the sample file."""
        wait_for(lambda: any((f / "demo.json").exists() for f in self.folders()), "the demo")
        wait_for(lambda: b"Goals" in self.output, "the app to draw")

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def press_until(self, keys: str, seen: bytes) -> None:
        """Press ``keys`` until ``seen`` is drawn, again every few seconds (a key pressed
        while a loaded machine is still mounting a screen can be lost)."""
        deadline = time.monotonic() + BOUND
        while seen not in self.output:
            self.press(keys)
            again = time.monotonic() + 3
            while seen not in self.output and time.monotonic() < min(again, deadline):
                time.sleep(0.05)
            if time.monotonic() > deadline:
                tail = self.output[-2000:].decode(errors="replace")
                pytest.fail(f"timed out waiting for {seen!r} after {keys!r}; last drawn: {tail!r}")

    def exited(self) -> int:
        def done() -> bool:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
            return self.status is not None

        wait_for(done, "the demo to exit")
        assert self.status is not None
        return os.waitstatus_to_exitcode(self.status)

    def close(self) -> None:
        if self.status is None:
            with _ignore(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        with _ignore(OSError):
            os.close(self.fd)


class _ignore:
    def __init__(self, *kinds: type[BaseException]) -> None:
        self.kinds = kinds

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is not None and issubclass(kind, self.kinds)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    (tmp_path / "tmp").mkdir()
    (tmp_path / "here").mkdir()
    running = Demo(tmp_path / "here", tmp_path / "tmp")
    try:
        yield running
    finally:
        running.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signalled_demo_removes_its_folder(demo: Demo, sig: signal.Signals) -> None:
    demo.started()
    os.kill(demo.pid, sig)
    assert demo.exited() == 128 + sig
    assert demo.folders() == []


def test_a_closed_terminal_removes_the_demo_folder(demo: Demo) -> None:
    demo.started()
    os.close(demo.fd)  # the terminal window closes: the kernel hangs up on the demo
    demo.exited()
    assert demo.folders() == []


def test_a_demo_export_stays_in_the_folder_it_was_started_in(demo: Demo, tmp_path: Path) -> None:
    demo.started()
    here = tmp_path / "here"
    demo.press_until("4", b"Consistency:")
    demo.press_until("x", b"Write an export into the folder")
    demo.press("m")
    wait_for(lambda: bool(list(here.glob("demo-export-*.md"))), "the export")
    wait_for(lambda: b"Exported to the file" in demo.output, "the notification")
    demo.press("\x11")  # ctrl+q
    assert demo.exited() == 0
    assert demo.folders() == []
    (export,) = here.glob("demo-export-*.md")
    assert "Beat last year's marathon time" in export.read_text()


def test_the_next_demo_sweeps_folders_of_demos_that_are_gone(tmp_path: Path) -> None:
    gone = tmp_path / f"{PREFIX}gone"
    gone.mkdir()
    (gone / "demo.json").write_text("{}")
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)  # a process id that is no longer running
    (gone / OWNER).write_text(str(child))
    alive = tmp_path / f"{PREFIX}alive"
    alive.mkdir()
    (alive / OWNER).write_text(str(os.getppid()))
    foreign = tmp_path / f"{PREFIX}not-a-demo"
    foreign.mkdir()  # no owner file: not ours to remove
    assert sweep_abandoned(tmp_path) == [gone]
    assert not gone.exists() and alive.exists() and foreign.exists()
