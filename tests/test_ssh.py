"""The app over a real SSH login, in an 80x24 tmux pane, for the terminals people use.

A private sshd on 127.0.0.1 (throwaway host and client keys, all under a temporary folder)
runs this venv's ``masterytui`` in the pty ssh gives it; tmux plays the user's terminal.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from masterytui.store import MasteryStore
from tests.helpers import foreign
from tests.ssh_helpers import (
    WAIT,
    Sshd,
    Tmux,
    missing_tools,
    remote_app_command,
    start_sshd,
    wait_for,
)

_missing = missing_tools()
pytestmark = pytest.mark.skipif(
    bool(_missing),
    reason=f"needs {', '.join(_missing)} (apt-get install openssh-server openssh-client tmux)",
)

TERMS = ["xterm-256color", "screen-256color", "tmux-256color", "linux"]
BOARD_COLUMNS = re.compile(r"^\s*Backlog \d.*\bNext \d.*\bDoing \d.*\bDone \d", re.MULTILINE)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Sshd, Tmux, Path]]:
    """One sshd and one tmux server for the whole module; a throwaway home for the app."""
    folder = tmp_path_factory.mktemp("ssh")
    home = folder / "home"
    home.mkdir()
    try:
        sshd = start_sshd(folder)
    except AssertionError as exc:
        if os.getuid() == 0:
            raise  # CI runs as root: there the private sshd must work
        pytest.skip(f"a private sshd does not run for this user here: {exc}")
    tmux = Tmux.start(folder)
    try:
        yield sshd, tmux, home
    finally:
        tmux.kill()
        sshd.stop()


def assert_clean(screen: str) -> None:
    """Nothing on screen is a replacement character or a stray escape sequence."""
    assert "\ufffd" not in screen, screen
    assert "\x1b" not in screen, screen
    assert not re.search(r"\[\?\d|\[\d+;\d+[Hm]", screen), screen


def assert_no_traceback(history: str) -> None:
    """The app printed no crash report on its way out (its exit status is 0 even then)."""
    assert "Traceback" not in history, history[-3000:]


@pytest.mark.parametrize("term", TERMS)
def test_the_app_over_ssh(lab: tuple[Sshd, Tmux, Path], term: str) -> None:
    sshd, tmux, home = lab
    name = term.replace("-", "_")
    tmux.new(name, sshd.ssh_argv(remote_app_command(term, home, "--demo")))
    try:
        goals = tmux.wait_text(name, "1 Goals", "Running")
        assert_clean(goals)
        # The Linux console's font lacks the kind glyphs, rounded corners, eighth blocks...:
        # the app draws only what the font has.
        if term == "linux":
            assert "# Running" in goals
            assert "◆" not in goals
            assert not foreign(goals), goals
        else:
            assert "◆ Running" in goals

        tmux.keys(name, "2")
        board = ""

        def board_shown() -> bool:
            nonlocal board
            board = tmux.screen(name)
            return BOARD_COLUMNS.search(board) is not None

        try:
            wait_for("the board's columns", board_shown)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen shows:\n{board}") from None
        assert_clean(board)
        if term == "linux":
            assert not foreign(board), board

        tmux.keys(name, "t")
        tmux.wait_text(name, "New task")
        tmux.type(name, "Stretch calves after runs")
        form = tmux.wait_text(name, "New task", "Stretch calves after runs")
        assert_clean(form)
        if term == "linux":
            assert not foreign(form), form

        tmux.keys(name, "Escape")
        tmux.wait_text(name, "Backlog", absent="New task")

        tmux.keys(name, "q")
        assert tmux.wait_exit(name) == 0
        assert_no_traceback(tmux.history(name))
    finally:
        tmux.kill_session(name)


def test_two_ssh_logins_share_one_file(lab: tuple[Sshd, Tmux, Path], tmp_path: Path) -> None:
    """DESIGN §6: a task added from a second login shows in the app open in the first."""
    sshd, tmux, home = lab
    db = tmp_path / "goals.json"
    store = MasteryStore(db)
    store.set_setting("welcomed", True)
    store.add_goal("Running", "area")
    name = "two_logins"
    tmux.new(name, sshd.ssh_argv(remote_app_command("xterm-256color", home, "--db", str(db))))
    try:
        tmux.wait_text(name, "1 Goals", "Running")
        added = subprocess.run(
            sshd.ssh_argv(
                remote_app_command(
                    "dumb", home, "--db", str(db), "add", "task", "Hill repeats x6", "-g", "Run"
                ),
                tty=False,
            ),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
        assert added.returncode == 0, added.stderr
        assert [t.title for t in MasteryStore(db).snapshot().tasks] == ["Hill repeats x6"]
        tmux.keys(name, "2")
        tmux.wait_text(name, "Hill repeats x6")
        tmux.keys(name, "q")
        assert tmux.wait_exit(name) == 0
        assert_no_traceback(tmux.history(name))
    finally:
        tmux.kill_session(name)
