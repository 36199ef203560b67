"""Sync from inside the app: the palette's "Sync", and sync on open and quit (#19).

The sync runs in a worker thread (git may take seconds over SSH); its one-line results come
back as a notification, and the screens refresh as for another session's change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .domain.errors import MasteryError

if TYPE_CHECKING:
    from .app import MasteryApp

SETTING = "sync_on_open_and_quit"
QUIT_TIMEOUT = 30.0
"""Seconds a sync on quit may take before the app quits anyway (nothing is lost either way)."""


class AppSync:
    """Runs :func:`masterytui.sync.sync` for the app, one at a time."""

    def __init__(self, app: MasteryApp) -> None:
        self.app = app
        self.running = False
        self.quitting = False

    @property
    def automatic(self) -> bool:
        return self.app.store.setting(SETTING) is True

    def ready(self) -> bool:
        from .sync import Repo

        try:
            return Repo(self.app.store.path).ready
        except MasteryError:
            return False

    def start(self, *, quiet: bool = False, then: Callable[[], None] | None = None) -> bool:
        """Sync in the background; False (and a word unless ``quiet``) when it cannot."""
        if self.running:
            if not quiet:
                self.app.notify("A sync is already running.", markup=False)
            return False
        if not self.ready():
            if not quiet:
                self.app.notify(
                    "Sync is not set up for this data file: run `masterytui sync --init "
                    "--remote URL` in a shell (see the README, Many machines).",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            return False
        self.running = True
        timeout = QUIT_TIMEOUT if then is not None else None
        self.app.run_worker(
            lambda: self._run(timeout, then), thread=True, group="sync", exit_on_error=False
        )
        return True

    def _run(self, timeout: float | None, then: Callable[[], None] | None) -> None:
        from .sync import sync

        os.environ.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=10")
        try:
            result = sync(self.app.store.path, timeout=timeout)
            lines, ok = result.lines, result.ok
        except MasteryError as exc:
            lines, ok = [str(exc)], False
        except OSError as exc:
            lines, ok = [f"Sync failed: {exc}. Nothing was lost."], False
        self.app.call_from_thread(self._done, lines, ok, then)

    def _done(self, lines: list[str], ok: bool, then: Callable[[], None] | None) -> None:
        self.running = False
        self.app.check_file()  # the screens redraw what arrived
        if then is not None:
            self.app.call_later(then)  # once this worker has finished
            return
        self.app.notify(
            "\n".join(lines) or "Synced.",
            title="Sync",
            severity="information" if ok else "warning",
            markup=False,
            timeout=8,
        )

    def on_open(self) -> None:
        if self.automatic:
            self.start(quiet=True)

    def on_quit(self) -> bool:
        """Start a sync that quits when done; False: quit now (off, not set up, asked twice)."""
        if not self.automatic or self.quitting:
            return False
        self.quitting = True
        if not self.start(quiet=True, then=self.app.exit):
            return False
        self.app.notify("Syncing before quitting (q again quits now)...", markup=False)
        return True

    def toggle(self) -> None:
        on = not self.automatic
        try:
            self.app.store.set_setting(SETTING, on)
        except MasteryError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        state = "on: the app syncs when it opens and when it quits" if on else "off"
        state = "is " + state
        if on and not self.ready():
            state += " (once `masterytui sync --init` has set this data file up)"
        self.app.notify(f"Sync on open and quit {state}.", markup=False)
