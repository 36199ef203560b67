"""An exclusive lock on the data file that a crashed process can never leave behind.

``flock`` on a companion ``.lock`` file: the kernel drops the lock when its holder dies, so a
crash never wedges the next session; a lock that cannot be had in time raises a clear error
instead of hanging. Re-entrant within a process (nested changes join the outer one).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import time
from _thread import RLock  # threading's own; importing threading costs `add` a millisecond

from .errors import LockTimeoutError, WriteError
from .fs import (
    TEMP_PATTERN,
    kind_of,
    make_folder,
    name_text,
    parent_text,
    remove_stale_temps,
    resolve_link_text,
    with_name_text,
)

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from pathlib import Path
    from threading import Event

    from .fs import StrPath

TOKEN_SIZE = 32


class FileLock:
    """Exclusive, re-entrant, timed lock on ``<data file>.lock``.

    The lock file also carries a generation token that every committed write changes, so a
    reader can tell a changed file from an unchanged one without parsing it, followed by the
    file's layout (:mod:`.layout`), where each table sits in it.

    The world's files: the lock sits beside the data file's real target when the data file is
    a link. A lock file that is a link, a FIFO, another user's or hard-linked elsewhere is
    refused. A lock file removed or replaced (cleaners of ``*.lock``, sync clients) never lets
    two writers in: the folder holding the file is locked too (it cannot be removed while the
    file is in it), and after ``flock`` the locked inode must still be the one at the path.
    Holding the lock, stale temporary copies killed writers left are removed.
    """

    def __init__(self, data_path: StrPath, timeout: float = 5.0) -> None:
        self.data_file = resolve_link_text(data_path)
        """The data file's path as text (pathlib is not imported for `add`)."""
        self.file = with_name_text(self.data_file, name_text(self.data_file) + ".lock")
        """The lock file's path as text."""
        self.timeout = timeout
        self._fd: int | None = None
        self._folder_fd: int | None = None
        self._depth = 0
        self._thread_lock = RLock()
        self._detached: Event | None = None
        """Set while a write-behind holds the file locked for no thread (see :meth:`detach`)."""

    @property
    def data_path(self) -> Path:
        from pathlib import Path

        return Path(self.data_file)

    @property
    def path(self) -> Path:
        """The lock file."""
        from pathlib import Path

        return Path(self.file)

    @property
    def held(self) -> bool:
        """True while this thread's change holds the lock (not while a write-behind does)."""
        return self._depth > 0 and self._detached is None

    def detach(self) -> None:
        """Keep the files locked, but no longer for this thread: a write finishing in another
        thread ends the hold with :meth:`release_detached`; until then :meth:`acquire` waits."""
        if self._depth != 1 or self._detached is not None:
            raise RuntimeError("only a lock held once, by this thread, can be detached")
        from threading import Event

        self._detached = Event()
        self._thread_lock.release()

    def release_detached(self) -> None:
        """End a detached hold (from any thread): unlock the files, wake whoever waits."""
        detached = self._detached
        if detached is None:
            return
        self._depth = 1
        self._release_files()
        self._depth = 0
        self._detached = None
        detached.set()

    def acquire(self) -> None:
        detached = self._detached
        if detached is not None and not detached.wait(self.timeout):
            raise LockTimeoutError(self._timeout_message())
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise LockTimeoutError(self._timeout_message())
        if self._depth:
            self._depth += 1
            return
        deadline = time.monotonic() + self.timeout
        folder_fd = None
        try:
            try:
                make_folder(parent_text(self.file))
            except OSError as exc:
                raise WriteError(
                    f"Cannot create the lock file {self.file}: {exc.strerror}."
                ) from exc
            folder_fd = self._lock_folder(deadline)
            self._fd = self._lock_file(deadline)
        except BaseException:
            if folder_fd is not None:
                os.close(folder_fd)
            self._thread_lock.release()
            raise
        self._folder_fd = folder_fd
        self._depth = 1
        temps = TEMP_PATTERN.format(name=re.escape(name_text(self.data_file)))
        remove_stale_temps(parent_text(self.data_file), temps)  # only held locks write these

    def release(self) -> None:
        if self._depth == 0:
            return
        self._depth -= 1
        if self._depth == 0:
            self._release_files()
        self._thread_lock.release()

    def _release_files(self) -> None:
        for fd in (self._fd, self._folder_fd):
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        self._fd = self._folder_fd = None

    def check(self) -> None:
        """Call holding the lock, just before writing: refuse if it may no longer be exclusive.

        Where the folder is locked too, a removed lock file is harmless. Where it cannot be
        (NFS, some FUSE file systems), a lock file removed or replaced while held lets another
        session lock a new one, so the write is refused instead of racing it.
        """
        if self._folder_fd is not None or self._fd is None:
            return
        locked = os.fstat(self._fd)
        try:
            now: os.stat_result | None = os.lstat(self.file)
        except FileNotFoundError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (locked.st_dev, locked.st_ino):
            raise LockTimeoutError(
                f"The lock file {self.file} was removed or replaced during the change, so "
                "another session may be writing; nothing was written. Try again."
            )

    def _lock_folder(self, deadline: float) -> int | None:
        """Lock the folder the file is in; None where the file system cannot (NFS, some FUSE)."""
        try:
            fd = os.open(parent_text(self.file), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            if self._flock(fd, deadline):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        return None

    def _lock_file(self, deadline: float) -> int:
        """Lock the lock file that is at the path once locked (retrying if it was replaced)."""
        while True:
            fd = self._open()
            try:
                if not self._flock(fd, deadline):
                    raise WriteError(f"Cannot lock {self.file}: the file system refuses locks.")
                locked = os.fstat(fd)
                try:
                    now = os.lstat(self.file)
                except FileNotFoundError:
                    now = None
                if now is not None and (now.st_dev, now.st_ino) == (
                    locked.st_dev,
                    locked.st_ino,
                ):
                    return fd
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # removed or replaced while we waited: lock the one there now

    def _open(self) -> int:
        """Open (or create) the lock file, refusing one that is not a plain file of ours."""
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(self.file, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise WriteError(self._refusal("is a symbolic link")) from None
            if exc.errno == errno.EISDIR:
                raise WriteError(self._refusal("is a folder")) from None
            raise WriteError(f"Cannot create the lock file {self.file}: {exc.strerror}.") from exc
        info = os.fstat(fd)
        problem = None
        if not stat.S_ISREG(info.st_mode):
            problem = f"is {kind_of(info.st_mode)}"
        elif info.st_uid != os.geteuid():
            problem = "belongs to another user"
        elif info.st_nlink > 1:  # 0: removed meanwhile, which the caller retries
            problem = "has other names (hard links)"
        if problem:
            os.close(fd)
            raise WriteError(self._refusal(problem))
        return fd

    def _flock(self, fd: int, deadline: float) -> bool:
        """Take ``flock`` on ``fd`` by the deadline; False if this file system has no locks."""
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(self._timeout_message()) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            except OSError as exc:
                if exc.errno in (errno.ENOLCK, errno.EBADF, errno.EINVAL, errno.EOPNOTSUPP):
                    return False
                raise

    def _refusal(self, problem: str) -> str:
        return (
            f"The lock file {self.file} {problem}; masterytui uses only a regular file of "
            "yours there. Remove it and try again; nothing was written."
        )

    def read_token(self) -> bytes:
        """The generation token of the last committed write (empty before the first)."""
        if self._fd is not None:
            return os.pread(self._fd, TOKEN_SIZE, 0)
        return self._read_unlocked()[:TOKEN_SIZE]

    def read_layout(self) -> bytes:
        """What follows the token: the layout of the file as last written (may be empty)."""
        try:
            if self._fd is not None:
                return os.pread(self._fd, os.fstat(self._fd).st_size, 0)[TOKEN_SIZE:]
        except OSError:
            return b""
        return self._read_unlocked()[TOKEN_SIZE:]

    def _read_unlocked(self) -> bytes:
        """The lock file's bytes, read without the lock: empty unless it is a plain file."""
        try:
            fd = os.open(self.file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return b""
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return b""
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read()
        except OSError:
            return b""
        finally:
            os.close(fd)

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
            f"Another masterytui session has held {self.file} for over {self.timeout:g} s; "
            "nothing was written. Try again in a moment."
        )
