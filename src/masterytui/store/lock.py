"""An exclusive lock on the data file that a crashed process can never leave behind.

``flock`` on a companion ``.lock`` file: the kernel drops the lock when its holder dies, so a
crash never wedges the next session; a lock that cannot be had in time raises a clear error
instead of hanging. Re-entrant within a process (nested changes join the outer one).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

from .errors import LockTimeoutError, WriteError

TOKEN_SIZE = 32


class FileLock:
    """Exclusive, re-entrant, timed lock on ``<data file>.lock``.

    The lock file also carries a generation token that every committed write changes, so a
    reader can tell a changed file from an unchanged one without parsing it, followed by the
    file's layout (:mod:`.layout`), where each table sits in it.
    """

    def __init__(self, data_path: Path, timeout: float = 5.0) -> None:
        self.path = data_path.with_name(data_path.name + ".lock")
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._thread_lock = threading.RLock()

    @property
    def held(self) -> bool:
        return self._depth > 0

    def acquire(self) -> None:
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise LockTimeoutError(self._timeout_message())
        if self._depth:
            self._depth += 1
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            self._thread_lock.release()
            raise WriteError(f"Cannot create the lock file {self.path}: {exc.strerror}.") from exc
        deadline = time.monotonic() + self.timeout
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    self._thread_lock.release()
                    raise LockTimeoutError(self._timeout_message()) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        self._thread_lock.release()

    def read_token(self) -> bytes:
        """The generation token of the last committed write (empty before the first)."""
        if self._fd is not None:
            return os.pread(self._fd, TOKEN_SIZE, 0)
        try:
            with open(self.path, "rb") as handle:
                return handle.read(TOKEN_SIZE)
        except OSError:
            return b""

    def read_layout(self) -> bytes:
        """What follows the token: the layout of the file as last written (may be empty)."""
        try:
            if self._fd is not None:
                return os.pread(self._fd, os.fstat(self._fd).st_size, 0)[TOKEN_SIZE:]
            with open(self.path, "rb") as handle:
                return handle.read()[TOKEN_SIZE:]
        except OSError:
            return b""

    def write_token(self, layout: bytes = b"") -> bytes:
        """Stamp a new generation token, then ``layout``; call holding the lock, after a write.

        Not fsynced: both are caches. A crash can only leave them stale or torn, which
        readers detect (the token no longer matches, the layout no longer fits the file).
        """
        token = os.urandom(TOKEN_SIZE // 2).hex().encode()
        if self._fd is not None:
            os.pwrite(self._fd, token + layout, 0)
            os.ftruncate(self._fd, TOKEN_SIZE + len(layout))
        return token

    def _timeout_message(self) -> str:
        return (
            f"Another masterytui session has held {self.path} for over {self.timeout:g} s; "
            "nothing was written. Try again in a moment."
        )
