"""In-app writes off the UI thread (issue #16).

A change (a card moved, a task added, practice logged) is made in memory under the file lock
and shown at once; its durable write (backup when due, serialise, write, fsync, rename, the
layout beside the lock) runs in a thread while the file stays locked, so no other session can
slip in between (:meth:`~masterytui.store.core.StoreCore.wait_for_writes`). The next change
waits for it, as does ``q``.

A write that fails is undone in memory (the data is read from the file again, its undo step
forgotten); the screens redraw what is on disk, the reason is shown, and a form whose save
made the change opens again with what was typed.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from .domain.errors import MasteryError
from .store.storage import PendingWrite

if TYPE_CHECKING:
    from .app import MasteryApp


FRAME_WAIT = 0.1
"""Seconds a durable write waits, at most, for the frame that shows its change."""
QUIET = 0.03
"""... then for a pause in the frames this long (the notice of the change, drawn a frame or
two later: a write serialising a 6 MB file meanwhile held the interpreter and delayed it) ..."""
MOST = 0.2
"""... but not beyond this many seconds after the change."""


class BackgroundWrites:
    """Connects an app's store to a writer thread and the app's screens.

    The write starts once the frames showing its change are on screen (the change, then its
    notice), or after :data:`MOST`: serialising the changed tables holds the interpreter's
    lock, so a write run at once slowed the drawing of those very frames. The file stays
    locked meanwhile; anything that needs the write (the next change, ``q``) waits for it as
    before, and has it start at once.
    """

    def __init__(self, app: MasteryApp) -> None:
        self.app = app
        self.store = app.store
        self.store.write_behind = self._start
        self.store.write_failed = self._failed
        self.store.hurry_write = self._hurry_write
        self._frame = threading.Event()
        self._hurry = threading.Event()

    def frame_shown(self) -> None:
        """A frame was written to the terminal (called by the App for each one)."""
        self._frame.set()

    def _hurry_write(self) -> None:
        """Something waits for the pending write: start it now (any thread)."""
        self._hurry.set()
        self._frame.set()

    def _start(self, write: Callable[[], None]) -> None:
        self._frame.clear()
        self._hurry.clear()
        # Not a daemon: an app that exits while a write runs still ends with the file written.
        thread = threading.Thread(target=self._run, args=(write,), name="masterytui-write")
        thread.start()

    def _frames_drawn(self) -> None:
        """Wait for the change's first frame, then until the frames pause (see :data:`QUIET`)."""
        deadline = time.monotonic() + MOST
        if not self._frame.wait(FRAME_WAIT):
            return
        while not self._hurry.is_set():
            self._frame.clear()
            left = deadline - time.monotonic()
            if left <= 0 or not self._frame.wait(min(QUIET, left)):
                return

    def _run(self, write: Callable[[], None]) -> None:
        self._frames_drawn()
        write()  # never raises: a failure is kept on the pending write
        with contextlib.suppress(RuntimeError):  # the app is gone: the next read takes it in
            self.app.call_from_thread(self.store.wait_for_writes)  # take in the outcome

    def reopen_if_write_fails(self, form: Callable[[str], Screen[Any]]) -> None:
        """Open ``form(reason)`` if the write now pending fails."""
        pending = self.store.storage.pending
        if pending is not None:
            pending.on_failure.append(form)

    def settle_before_quit(self) -> bool:
        """Wait for the pending write; False if it failed (its form is open again)."""
        pending = self.store.storage.pending
        self.store.wait_for_writes()
        return pending is None or pending.error is None

    def _failed(self, pending: PendingWrite) -> None:
        # Told from inside a read (a screen may be drawing): revert and reopen just after.
        self.app.call_later(self._revert, pending)

    def _revert(self, pending: PendingWrite) -> None:
        error = pending.error
        reason = str(error) if isinstance(error, MasteryError) else f"Could not save: {error}."
        self.app.data_changed()  # every screen draws the file as it is: the change is gone
        if not pending.on_failure:
            self.app.notify(reason, severity="error", markup=False, timeout=10)
        for form in pending.on_failure:
            screen: Screen[Any] = form(reason)
            self.app.push_screen(screen, self._saved_again)

    def _saved_again(self, item: object) -> None:
        if item is not None:
            self.app.data_changed()
