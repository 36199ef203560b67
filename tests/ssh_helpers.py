"""A private sshd and a private tmux server, to run the app over SSH as a user would.

Everything lives under one temporary folder: host key, client key, authorized_keys, the sshd
config and log, the tmux socket, and the HOME / XDG_DATA_HOME / TMPDIR the app sees, so the
real user's keys, known_hosts, tmux sessions and data are never touched.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SSHD = "/usr/sbin/sshd"
WAIT = 15.0  # seconds: the most any one step may take before the test fails
POLL = 0.05


def missing_tools() -> list[str]:
    """The programs this kind of test needs that are not installed here."""
    missing = [name for name in ("ssh", "ssh-keygen", "tmux") if shutil.which(name) is None]
    sshd = shutil.which("sshd") or (SSHD if os.access(SSHD, os.X_OK) else None)
    if sshd is None:
        missing.insert(0, "sshd")
    return missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(what: str, check: Callable[[], bool], timeout: float = WAIT) -> None:
    """Poll ``check`` until it is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(POLL)


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "masterytui-test", "-f", str(path)],
        check=True,
        capture_output=True,
    )


@dataclass
class Sshd:
    """An sshd on 127.0.0.1 that lets the current user in with a throwaway key."""

    folder: Path
    port: int
    user: str
    client_key: Path
    process: subprocess.Popen[bytes]

    @property
    def log(self) -> str:
        return (self.folder / "sshd.log").read_text(errors="replace")

    def ssh_argv(self, remote_command: str, tty: bool = True) -> list[str]:
        """``ssh`` to this server running ``remote_command`` (in a terminal: ``-tt``)."""
        return [
            "ssh",
            "-tt" if tty else "-T",
            "-F",
            "/dev/null",
            "-p",
            str(self.port),
            "-i",
            str(self.client_key),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{self.user}@127.0.0.1",
            remote_command,
        ]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_sshd(folder: Path) -> Sshd:
    """Start a private sshd (foreground, logging to a file) and wait until it lets us in."""
    sshd = shutil.which("sshd") or SSHD
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:
        # sshd refuses to start as root without its privilege separation folder.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    host_key, client_key = folder / "host_key", folder / "client_key"
    _keygen(host_key)
    _keygen(client_key)
    authorized = folder / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"HostKey {host_key}",
                "ListenAddress 127.0.0.1",
                f"PidFile {folder / 'sshd.pid'}",
                f"AuthorizedKeysFile {authorized}",
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin yes",
                f"AllowUsers {user}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitUserEnvironment no",
                "PrintMotd no",
                "PrintLastLog no",
                "Banner none",
                "",
            ]
        )
    )
    with (folder / "sshd.log").open("wb") as log:
        process = subprocess.Popen(
            [sshd, "-D", "-e", "-f", str(config), "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Sshd(folder, port, user, client_key, process)

    def listening() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"sshd exited at start:\n{server.log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True

    try:
        wait_for("sshd to listen", listening)
        probe = subprocess.run(
            server.ssh_argv("echo ready", tty=False),
            capture_output=True,
            text=True,
            timeout=WAIT,
            stdin=subprocess.DEVNULL,
        )
        if "ready" not in probe.stdout:
            raise AssertionError(f"cannot log in over ssh: {probe.stderr}\nsshd log:\n{server.log}")
    except BaseException:
        server.stop()
        raise
    return server


def remote_app_command(term: str, home: Path, *args: str) -> str:
    """The command line ssh runs: this venv's ``masterytui``, with a throwaway home."""
    program = Path(sys.executable).parent / "masterytui"
    env = {
        "TERM": term,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
    }
    words = ["env", "-u", "MASTERYTUI_DB", "-u", "MASTERYTUI_ASCII"]
    words += [f"{name}={value}" for name, value in env.items()]
    return shlex.join([*words, str(program), *args])


@dataclass
class Tmux:
    """A tmux server of our own (its own socket and config), to drive a full-screen program."""

    folder: Path

    @classmethod
    def start(cls, folder: Path) -> Tmux:
        # remain-on-exit keeps a finished pane, so a test can read how its program exited.
        # exit-empty off keeps the server up between tests: with it on, killing a test's last
        # session stops the server, and the next test's new-session, reaching it while it
        # exits, failed with "server exited unexpectedly" (seen in CI under load).
        (folder / "tmux.conf").write_text(
            "set -s exit-empty off\nset -g remain-on-exit on\nset -sg escape-time 10\n"
            "set -g status off\n"
        )
        return cls(folder)

    def run(self, *args: str) -> str:
        config, sock = self.folder / "tmux.conf", self.folder / "tmux.sock"
        result = subprocess.run(
            ["tmux", "-u", "-f", str(config), "-S", str(sock), *args],
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=True,
        )
        return result.stdout

    def new(self, name: str, argv: list[str], width: int = 80, height: int = 24) -> None:
        """Run ``argv`` in a new session's pane of ``width`` x ``height``."""
        # The exit status goes to a file: tmux 3.3a was seen leaving an exited pane process
        # unreaped (a zombie, #{pane_dead_status} never set), so it cannot be asked.
        status = self._status_file(name)
        status.unlink(missing_ok=True)
        command = f"{shlex.join(argv)}; echo $? > {shlex.quote(str(status))}.tmp"
        command += f" && mv {shlex.quote(str(status))}.tmp {shlex.quote(str(status))}"
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)

    def _status_file(self, name: str) -> Path:
        return self.folder / f"{name}.status"

    def wait_exit(self, name: str) -> int:
        """Wait until the program in session ``name`` has exited; its exit status."""
        status = self._status_file(name)
        try:
            wait_for(f"{name}: the program to exit", status.exists)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen shows:\n{self.screen(name)}") from None
        return int(status.read_text())

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        self.run("send-keys", "-t", name, "-l", text)

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def history(self, name: str) -> str:
        """Everything the pane printed, scrollback included."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", name)

    def pane(self, name: str, field: str) -> str:
        return self.run("display-message", "-p", "-t", name, f"#{{{field}}}").strip()

    def wait_text(self, name: str, *texts: str, absent: str | None = None) -> str:
        """Poll the screen until every one of ``texts`` shows (and ``absent`` does not)."""
        shown = ""

        def ready() -> bool:
            nonlocal shown
            shown = self.screen(name)
            return all(t in shown for t in texts) and (absent is None or absent not in shown)

        try:
            wait_for(f"{texts!r} on screen", ready)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen shows:\n{shown}") from None
        return shown

    def kill_session(self, name: str) -> None:
        """End session ``name`` if it is still there (its program is hung up on)."""
        subprocess.run(
            ["tmux", "-S", str(self.folder / "tmux.sock"), "kill-session", "-t", name],
            capture_output=True,
            timeout=WAIT,
        )

    def kill(self) -> None:
        subprocess.run(
            ["tmux", "-S", str(self.folder / "tmux.sock"), "kill-server"],
            capture_output=True,
            timeout=WAIT,
        )
