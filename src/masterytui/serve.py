"""``masterytui serve``: the app in a browser through textual-serve (DESIGN §5).

textual-serve starts one ``masterytui`` process per browser connection and has no
authentication, so the server listens on 127.0.0.1 unless told otherwise, warns when told
otherwise, and refuses the two ways a web page elsewhere could reach a localhost server
anyway: a cross-site WebSocket (checked by ``Origin``) and DNS rebinding (checked by ``Host``).
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .domain.errors import MasteryError

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
NO_AUTH_WARNING = (
    "masterytui: warning: serving on {host}, not on localhost. textual-serve has no "
    "authentication: anyone who can reach {url} can read and change your goals. "
    "Prefer the default (127.0.0.1) and an SSH tunnel: ssh -L {port}:127.0.0.1:{port} HOST"
)


def is_local_host(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 maybe in brackets) is this machine only."""
    name = host.strip().lower().removeprefix("[").removesuffix("]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def no_auth_warning(host: str, port: int) -> str | None:
    """The warning to print before serving on ``host``, or None when it is loopback only."""
    if is_local_host(host):
        return None
    return NO_AUTH_WARNING.format(host=host, url=_url(host, port), port=port)


def app_command(db: Path | None, demo: bool = False) -> str:
    """The shell command textual-serve runs for each browser connection."""
    parts = [sys.executable, "-m", "masterytui"]
    if demo:
        parts.append("--demo")
    else:
        from .paths import default_db_path

        parts += ["--db", str((db or default_db_path()).expanduser().absolute())]
    return shlex.join(parts)


def request_allowed(host_header: str, origin: str | None, local_only: bool) -> bool:
    """Whether a request with these headers may open the page or drive the app.

    A browser sends ``Origin`` with every WebSocket handshake; a page from another site has
    another origin, so the WebSocket must come from the page this server gave out. When the
    server listens on loopback only, the ``Host`` must be a loopback name too: a page on
    ``evil.example`` rebound to 127.0.0.1 keeps ``evil.example`` as its Host.
    """
    host_name = urlsplit(f"//{host_header}").hostname or ""
    if local_only and not is_local_host(host_name):
        return False
    if origin is None:
        return True  # not a browser (curl, a script): it could not be tricked into this
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def serve(db: Path | None, host: str = DEFAULT_HOST, port: int = 8000, demo: bool = False) -> None:
    """Serve the app on ``http://host:port`` until interrupted (Ctrl+C or SIGTERM).

    Raises:
        MasteryError: textual-serve is not installed, the port is out of range, or the
            address cannot be listened on.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        raise MasteryError(
            "serving in a browser needs textual-serve: pip install 'masterytui[web]'"
        ) from None
    if not 1 <= port <= 65535:
        raise MasteryError(f"--port {port}: a port is a number from 1 to 65535.")
    warning = no_auth_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    local_only = warning is None

    class MasteryServer(Server):
        """textual-serve with masterytui's checks on who may open the app."""

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            _check(request, local_only)
            # The page names its WebSocket and static files by absolute URL: build them from
            # the address the browser used, so an SSH tunnel on another port works too.
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            _check(request, local_only)
            return await super().handle_websocket(request)

        async def on_startup(self, app: web.Application) -> None:
            print(f"masterytui: serving on {_url(host, port)} (Ctrl+C to stop)", flush=True)

    server = MasteryServer(app_command(db, demo), host=host, port=port, title="masterytui")
    try:
        server.serve()
    except OSError as exc:
        raise MasteryError(f"cannot listen on {_url(host, port)}: {exc.strerror or exc}") from None


def _check(request: web.Request, local_only: bool) -> None:
    from aiohttp import web

    if not request_allowed(request.host, request.headers.get("Origin"), local_only):
        raise web.HTTPForbidden(
            text="masterytui: refused. This server answers pages it served itself, and when it "
            "listens on 127.0.0.1 only to the names localhost, 127.0.0.1 and [::1].\n"
        )


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"
