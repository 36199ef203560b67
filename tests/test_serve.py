"""``masterytui serve``: a real textual-serve server in a subprocess, driven over HTTP."""

from __future__ import annotations

import http.client
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from masterytui.domain.errors import MasteryError
from masterytui.serve import (
    allowed_hosts,
    app_command,
    is_local_host,
    no_auth_warning,
    request_allowed,
    serve,
)

STARTUP_TIMEOUT = 20.0
ANSI = re.compile(rb"\x1b(\[[0-9;?$]*[a-zA-Z]|\][^\x07]*\x07|[()][A-Z0-9]|[=>])")


@dataclass
class Running:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def private_env(home: Path) -> dict[str, str]:
    """The environment of a served app: nothing may touch the real user's files."""
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), TMPDIR=str(home))
    env.pop("MASTERYTUI_DB", None)
    return env


def serve_script(**kwargs: object) -> str:
    """A ``python -c`` body that calls serve() and reports a MasteryError as the CLI would."""
    return (
        "import sys\n"
        "from masterytui.domain.errors import MasteryError\n"
        "from masterytui.serve import serve\n"
        "try:\n"
        f"    serve(**{kwargs!r})\n"
        "except MasteryError as exc:\n"
        "    print(f'masterytui: {exc}', file=sys.stderr)\n"
        "    sys.exit(1)\n"
    )


def get(port: int, path: str = "/", headers: dict[str, str] | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@contextmanager
def running_server(home: Path, **kwargs: object) -> Iterator[Running]:
    """``serve(**kwargs)`` in a subprocess, once it answers on its port."""
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")
    port = free_port()
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", serve_script(db=None, port=port, demo=True, **kwargs)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=private_env(home),
        )
    running = Running(port, process, log)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited early:\n{log.read_text()}")
            try:
                get(port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"no answer on port {port} in {STARTUP_TIMEOUT} s")
                time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running_server(tmp_path_factory.mktemp("serve-home")) as running:
        yield running


def test_the_page_is_served_on_localhost(server: Running) -> None:
    status, html = get(server.port)
    assert status == 200
    assert "masterytui" in html
    assert "textual" in html.lower()
    # The WebSocket is named from the address the browser used, not a fixed one.
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in html
    status, html = get(server.port, headers={"Host": f"localhost:{server.port}"})
    assert f'data-session-websocket-url="ws://localhost:{server.port}/ws"' in html
    assert f"serving on http://127.0.0.1:{server.port}" in server.log.read_text()


def test_a_rebound_host_name_is_refused(server: Running) -> None:
    status, _ = get(server.port, headers={"Host": f"evil.example:{server.port}"})
    assert status == 403


async def test_the_app_runs_over_the_websocket_and_quits(server: Running) -> None:
    aiohttp = pytest.importorskip("aiohttp")
    url = f"{server.origin}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url, origin="http://evil.example")
        assert refused.value.status == 403
        async with session.ws_connect(url, origin=server.origin) as ws:
            screen = b""
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while b"1 Goals" not in screen or b"Running" not in screen:
                assert time.monotonic() < deadline, f"no Goals screen; got {screen[-500:]!r}"
                message = await ws.receive(timeout=STARTUP_TIMEOUT)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                screen += ANSI.sub(b"", message.data)
            await ws.send_json(["stdin", "q"])
            while True:  # the app quits, then the server closes the socket
                message = await ws.receive(timeout=STARTUP_TIMEOUT)
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
    assert server.process.poll() is None, "one browser quitting must not stop the server"


def test_a_non_local_host_warns_there_is_no_authentication(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")
    # 192.0.2.1 (TEST-NET-1) is on no interface: the warning comes, then binding fails cleanly.
    result = subprocess.run(
        [sys.executable, "-c", serve_script(db=None, host="192.0.2.1", port=free_port())],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT,
        env=private_env(tmp_path),
    )
    assert result.returncode == 1
    assert "no authentication" in result.stderr
    assert "cannot listen on http://192.0.2.1:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "::1", "[::1]"]
)
def test_loopback_hosts_do_not_warn(host: str) -> None:
    assert is_local_host(host)
    assert no_auth_warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.org", ""])
def test_other_hosts_warn(host: str) -> None:
    assert not is_local_host(host)
    warning = no_auth_warning(host, 8123)
    assert warning is not None
    assert "no authentication" in warning
    assert "ssh -L 8123:127.0.0.1:8123" in warning


LOCAL = allowed_hosts("127.0.0.1")
LAN = allowed_hosts("192.168.1.5")
EVERYWHERE = allowed_hosts("0.0.0.0", ["box.lan", "[fe80::1]", "fe80::2"])


@pytest.mark.parametrize(
    ("host", "origin", "allowed_set", "allowed"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000", LOCAL, True),
        ("localhost:9000", "http://localhost:9000", LOCAL, True),  # through an SSH tunnel
        ("[::1]:8000", None, LOCAL, True),  # not a browser
        ("127.0.0.1:8000", "http://evil.example", LOCAL, False),  # cross-site WebSocket
        ("127.0.0.1:8000", "http://127.0.0.1:8001", LOCAL, False),
        ("127.0.0.1:8000", "null", LOCAL, False),
        ("evil.example:8000", "http://evil.example:8000", LOCAL, False),  # DNS rebinding
        ("192.168.1.5:8000", "http://192.168.1.5:8000", LAN, True),  # the bound address
        ("box.lan:8000", "http://box.lan:8000", LAN, False),
        ("evil.example:8000", None, LAN, False),
        # bound to every address: loopback and --allow-host only
        ("evil.example:8000", "http://evil.example:8000", EVERYWHERE, False),
        ("evil.example", None, EVERYWHERE, False),
        ("0.0.0.0:8000", None, EVERYWHERE, False),
        ("192.168.1.5:8000", None, EVERYWHERE, False),
        ("box.lan:8000", "http://box.lan:8000", EVERYWHERE, True),
        ("BOX.LAN.", None, EVERYWHERE, True),
        ("box.lan:8000", "http://evil.example", EVERYWHERE, False),
        ("[fe80::1]:8000", None, EVERYWHERE, True),
        ("[FE80::0:2]", None, EVERYWHERE, True),
        ("localhost:8000", None, EVERYWHERE, True),
        # not a Host a browser sends: refused, not parsed leniently
        ("evil.example@127.0.0.1:8000", None, EVERYWHERE, False),
        ("127.0.0.1/x", None, EVERYWHERE, False),
        ("fe80::1", None, EVERYWHERE, False),
        ("", None, EVERYWHERE, False),
        (None, None, EVERYWHERE, False),
    ],
)
def test_who_may_open_the_app(
    host: str | None, origin: str | None, allowed_set: frozenset[str], allowed: bool
) -> None:
    assert request_allowed(host, origin, allowed_set) is allowed


@pytest.mark.parametrize("value", ["box.lan:8000", "http://box.lan", "box.lan/x", "", "a b"])
def test_a_bad_allow_host_is_refused(value: str) -> None:
    with pytest.raises(MasteryError, match="--allow-host"):
        allowed_hosts("0.0.0.0", [value])


def test_the_warning_says_what_exposure_remains() -> None:
    warning = no_auth_warning("0.0.0.0", 8000, ["box.lan"])
    assert warning is not None
    assert "no authentication" in warning
    assert "full session with your data" in warning
    assert "localhost, box.lan" in warning
    also = no_auth_warning("127.0.0.1", 8000, ["goals.example.org"])
    assert also is not None and "goals.example.org" in also and "full session" in also


def test_bound_to_every_address_it_answers_only_the_names_it_was_given(tmp_path: Path) -> None:
    with running_server(tmp_path, host="0.0.0.0", allow_host=["box.lan"]) as server:
        assert get(server.port, headers={"Host": f"evil.example:{server.port}"})[0] == 403
        assert get(server.port, headers={"Host": f"192.0.2.7:{server.port}"})[0] == 403
        assert get(server.port, headers={"Host": f"box.lan:{server.port}"})[0] == 200
        assert get(server.port, headers={"Host": f"localhost:{server.port}"})[0] == 200
        log = server.log.read_text()
    assert "full session with your data" in log
    assert "refused a request for Host 'evil.example'" in log
    assert "--allow-host evil.example" in log


def test_the_command_names_this_python_and_the_file(tmp_path: Path) -> None:
    db = tmp_path / "my goals; rm -rf ~" / "data.json"
    words = shlex.split(app_command(db))
    assert words == [sys.executable, "-m", "masterytui", "--db", str(db)]
    assert shlex.split(app_command(None, demo=True)) == [
        sys.executable,
        "-m",
        "masterytui",
        "--demo",
    ]


def test_without_textual_serve_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    with pytest.raises(MasteryError, match=r"pip install 'masterytui\[web\]'"):
        serve(None)


@pytest.mark.parametrize("port", [0, -1, 65536])
def test_an_impossible_port_is_refused(port: int) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")
    with pytest.raises(MasteryError, match="from 1 to 65535"):
        serve(None, port=port)


def test_the_command_line_refuses_a_bad_allow_host(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")
    from masterytui.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--demo", "serve", "--host", "0.0.0.0", "--allow-host", "box.lan:8000"])
    assert exited.value.code == 1
    error = capsys.readouterr().err
    assert "--allow-host 'box.lan:8000': give a host name or address, without a port" in error
    assert error.count("\n") == 1
