"""``masterytui --demo``: the app on a sample file in a temporary folder, gone when it ends.

The folder goes however the demo ends: quit, an error, ``kill`` (SIGTERM) or a closed
terminal (SIGHUP). A demo killed outright (SIGKILL, a power cut) leaves its folder behind;
the next demo removes the folders whose demo is no longer running. Exports made in the demo
go to the folder it was started in, not into the folder that is about to be deleted.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from types import FrameType

PREFIX = "masterytui-demo-"
OWNER = "owner.pid"
GRACE = 3.0
"""Seconds a signalled demo has to close the app before it cleans up and exits anyway."""


def run_demo() -> int:
    """Run the demo; its exit code (128 + the signal's number when a signal ended it)."""
    from .app import MasteryApp
    from .config import load_keys
    from .demo import seed_demo
    from .store import MasteryStore

    sweep_abandoned()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / OWNER).write_text(str(os.getpid()))
    removed = threading.Event()

    def remove() -> None:
        if not removed.is_set():
            removed.set()
            shutil.rmtree(folder, ignore_errors=True)

    app: MasteryApp | None = None
    stopped: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stopped:  # a second signal: stop waiting for the app
            remove()
            os._exit(128 + signum)
        stopped.append(signum)

        # The app closes as on ctrl+q; should it hang on a terminal that is gone, the folder
        # still goes, and the process with it.
        def give_up() -> None:
            remove()
            os._exit(128 + signum)

        timer = threading.Timer(GRACE, give_up)
        timer.daemon = True
        timer.start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in the app (yet, or any more): unwind to the cleanup
            raise SystemExit(128 + signum) from None
        if app is not None:
            loop.call_soon_threadsafe(app.exit)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        store = MasteryStore(folder / "demo.json")
        store.export_folder = Path.cwd()
        seed_demo(store)
        store.set_setting("welcomed", True)
        app = MasteryApp(store, keys=load_keys())
        app.run()
        if stopped:
            return 128 + stopped[0]
        return app.return_code or 0
    finally:
        remove()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def sweep_abandoned(parent: Path | None = None) -> list[Path]:
    """Remove demo folders in ``parent`` (the temporary folder) whose demo is not running.

    Only folders that are ours: named so, owned by this user, not links, and holding the
    process id of a demo that is gone.
    """
    base = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = list(base.glob(PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
            if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
                continue
            pid = int((folder / OWNER).read_text().strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not _running(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
