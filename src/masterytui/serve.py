"""``masterytui serve``: the app in a browser through textual-serve (DESIGN §5).

textual-serve starts one ``masterytui`` process per browser connection and has no
authentication, so the server listens on 127.0.0.1 unless told otherwise, warns when told
otherwise, and refuses the two ways a web page elsewhere could reach it anyway: a cross-site
WebSocket (checked by ``Origin``) and DNS rebinding (checked by ``Host``, which must name
loopback, the bound address or a name given with ``--allow-host``).
"""

from __future__ import annotations

import ipaddress
import re
import shlex
import sys
from collections.abc import Iterable, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .domain.errors import MasteryError

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})
NO_AUTH_WARNING = (
    "masterytui: warning: serving on {host}, not on localhost. There is no authentication: "
    "anyone who can reach {url} gets a full session with your data (read, change, delete). "
    "Only requests naming {names} as their Host are answered: that stops a web page from "
    "reaching the app through DNS rebinding, not a person or program on your network. "
    "Prefer the default (127.0.0.1) and an SSH tunnel: ssh -L {port}:127.0.0.1:{port} HOST"
)
ALLOW_WARNING = (
    "masterytui: warning: also answering to {names}. There is no authentication: anyone who "
    "reaches port {port} by those names (a proxy, a tunnel) gets a full session with your data."
)
_HOST_HEADER = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::[0-9]{1,5})?")


def is_local_host(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 maybe in brackets) is this machine only."""
    name = host.strip().lower().removeprefix("[").removesuffix("]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _normal(name: str) -> str:
    """A host name or address as compared: lower case, no brackets, no trailing dot."""
    name = name.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")
    try:
        return str(ipaddress.ip_address(name))  # one spelling per address (::0:1 is ::1)
    except ValueError:
        return name


def allowed_hosts(host: str, allow: Iterable[str] = ()) -> frozenset[str]:
    """The names a request's ``Host`` may carry: loopback, the bound address, ``allow``.

    A wildcard address (0.0.0.0, ::) names no host, so then only loopback names and the
    ``--allow-host`` values are answered. Raises MasteryError for a value that is not a bare
    host name or address (a port, a scheme or a path in it).
    """
    names = {_normal(name) for name in LOOPBACK_NAMES}
    if _normal(host) not in WILDCARDS:
        names.add(_normal(host))
    for value in allow:
        match = _HOST_HEADER.fullmatch(value.strip())
        bare = match is not None and match.group(0) == match.group(1)
        if not (bare or _is_address(value)):
            raise MasteryError(
                f"--allow-host {value!r}: give a host name or address, without a port, "
                "scheme or path (example: --allow-host box.lan)."
            )
        names.add(_normal(value))
    return frozenset(names)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return True


def host_name(header: str | None) -> str | None:
    """The host a ``Host`` header names (its port and IPv6 brackets removed), or None."""
    if header is None:
        return None
    match = _HOST_HEADER.fullmatch(header.strip())
    return None if match is None else _normal(match.group(1))


def no_auth_warning(host: str, port: int, allow: Iterable[str] = ()) -> str | None:
    """The warning to print before serving on ``host``, or None when it is loopback only."""
    extra = sorted(name for name in allowed_hosts(host, allow) if not is_local_host(name))
    if not is_local_host(host):
        names = ", ".join(["localhost", *[_shown(n) for n in extra]])
        return NO_AUTH_WARNING.format(host=host, url=_url(host, port), port=port, names=names)
    if extra:
        return ALLOW_WARNING.format(names=", ".join(_shown(n) for n in extra), port=port)
    return None


def app_command(db: Path | None, demo: bool = False) -> str:
    """The shell command textual-serve runs for each browser connection."""
    parts = [sys.executable, "-m", "masterytui"]
    if demo:
        parts.append("--demo")
    else:
        from .paths import default_db_path

        parts += ["--db", str((db or default_db_path()).expanduser().absolute())]
    return shlex.join(parts)


def request_allowed(host_header: str | None, origin: str | None, allowed: Set[str]) -> bool:
    """Whether a request with these headers may open the page or drive the app.

    The ``Host`` must name one of ``allowed`` (see :func:`allowed_hosts`), any port: a page
    on ``evil.example`` whose name was rebound to this machine keeps ``evil.example`` as its
    Host. A browser sends ``Origin`` with every WebSocket handshake; a page from another
    site has another origin, so the WebSocket must come from the page this server gave out.
    """
    name = host_name(host_header)
    if name is None or not (name in allowed or is_local_host(name)):
        return False
    assert host_header is not None
    if origin is None:
        return True  # not a browser (curl, a script): it could not be tricked into this
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def serve(
    db: Path | None,
    host: str = DEFAULT_HOST,
    port: int = 8000,
    demo: bool = False,
    allow_host: Sequence[str] = (),
) -> None:
    """Serve the app on ``http://host:port`` until interrupted (Ctrl+C or SIGTERM).

    Requests are answered only when their ``Host`` names loopback, the bound address or
    one of ``allow_host`` (see :func:`allowed_hosts`).

    Raises:
        MasteryError: textual-serve is not installed, the port is out of range, an
            ``allow_host`` value is not a host name, or the address cannot be listened on.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        raise MasteryError(
            "serving in a browser needs textual-serve: pip install 'masterytui[web]'"
        ) from None
    if not 1 <= port <= 65535:
        raise MasteryError(f"--port {port}: a port is a number from 1 to 65535.")
    allowed = allowed_hosts(host, allow_host)
    warning = no_auth_warning(host, port, allow_host)
    if warning:
        print(warning, file=sys.stderr)
    refused: set[str] = set()

    def check(request: web.Request) -> None:
        from aiohttp import web

        header = request.headers.get("Host")
        if request_allowed(header, request.headers.get("Origin"), allowed):
            return
        name = host_name(header)
        if name is not None and not (name in allowed or is_local_host(name) or name in refused):
            refused.add(name)  # said once per name; the header is shown quoted, never raw
            print(
                f"masterytui: refused a request for Host {name!r}; if that is you, serve "
                f"with --allow-host {_shown(name)}",
                file=sys.stderr,
                flush=True,
            )
        raise web.HTTPForbidden(
            text="masterytui: refused. This server answers only pages it served itself, and "
            "only to the host names it was told (localhost, its address, --allow-host).\n"
        )

    class MasteryServer(Server):
        """textual-serve with masterytui's checks on who may open the app."""

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            check(request)
            # The page names its WebSocket and static files by absolute URL: build them from
            # the address the browser used, so an SSH tunnel on another port works too.
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            check(request)
            return await super().handle_websocket(request)

        async def on_startup(self, app: web.Application) -> None:
            print(f"masterytui: serving on {_url(host, port)} (Ctrl+C to stop)", flush=True)

    server = MasteryServer(app_command(db, demo), host=host, port=port, title="masterytui")
    try:
        server.serve()
    except OSError as exc:
        raise MasteryError(f"cannot listen on {_url(host, port)}: {exc.strerror or exc}") from None


def _shown(name: str) -> str:
    return f"[{name}]" if ":" in name else name


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"
