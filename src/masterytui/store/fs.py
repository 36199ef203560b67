"""The world's files: links, FIFOs, other users' files, stale temporary files (DESIGN §6).

Every path masterytui opens may be something other than the plain file it expects: a
symbolic link into a synced folder, a FIFO, a folder, a file another user planted. These
helpers decide, in one place, what is followed, what is refused and what is created.
"""

from __future__ import annotations

import errno
import os
import re
import stat

from .errors import BadFileError, WriteError

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from pathlib import Path

    StrPath = str | os.PathLike[str]

TEMP_PATTERN = r"\.{name}\.[0-9a-f]{{12}}\.tmp"
"""The name of a temporary copy of file ``name`` being written (see :func:`temp_name`)."""


# Paths as text ---------------------------------------------------------------------------------
# ``masterytui add`` works on a path as text: importing pathlib (with urllib.parse and
# ipaddress) is ~3 ms of it. These give the text pathlib would (tests/test_world_files.py
# holds them to it), so every name shown or derived is the same either way.


def path_text(path: StrPath, *, expand: bool = False) -> str:
    """``str(Path(path))``, or ``str(Path(path).expanduser())`` when ``expand``."""
    root, parts = _parts(os.fspath(path))
    if expand and not root and parts and parts[0][:1] == "~":
        home = os.path.expanduser(parts[0])
        if home[:1] == "~":
            raise RuntimeError("Could not determine home directory.")  # as pathlib says it
        root, parts = _parts("/".join([home, *parts[1:]]))
    return root + "/".join(parts) or "."


def _parts(text: str) -> tuple[str, list[str]]:
    """A POSIX path's root (``/``, or ``//`` exactly, as pathlib keeps it) and its parts."""
    root = "/" if text[:1] == "/" else ""
    if text[:2] == "//" and text[2:3] != "/":
        root = "//"
    return root, [part for part in text.split("/") if part and part != "."]


def parent_text(path: str) -> str:
    """``str(Path(path).parent)`` of ``path`` as :func:`path_text` writes it."""
    root, parts = _parts(path)
    return root + "/".join(parts[:-1]) or "." if parts else path


def name_text(path: str) -> str:
    """``Path(path).name`` of ``path`` as :func:`path_text` writes it."""
    parts = _parts(path)[1]
    return parts[-1] if parts else ""


def with_name_text(path: str, name: str) -> str:
    """``str(Path(path).with_name(name))`` of ``path`` as :func:`path_text` writes it."""
    old = name_text(path)
    if not old:
        raise ValueError(f"PosixPath({path!r}) has an empty name")  # as pathlib says it
    return path[: len(path) - len(old)] + name


def temp_name(path: StrPath) -> str:
    """A fresh name for the temporary copy of ``path``, beside it (matches TEMP_PATTERN)."""
    text = path_text(path)
    return with_name_text(text, f".{name_text(text)}.{os.urandom(6).hex()}.tmp")


def resolve_link(path: StrPath) -> Path:
    """:func:`resolve_link_text` as a Path."""
    from pathlib import Path

    return Path(resolve_link_text(path))


def resolve_link_text(path: StrPath) -> str:
    """Where writing ``path`` must go: ``path`` itself, or the final target of a link chain.

    Replacing a link by renaming a new file over it would turn the link into a file (and the
    real target, in a synced folder say, would never change again), so writes go beside the
    target. A dangling link resolves to its target, which is created there; a link loop, or a
    link whose target folder is missing (an unmounted drive?), is refused: nothing is written.
    """
    path = path_text(path)
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return path
    except OSError:
        return path  # missing: created as it is; anything else fails where it is opened
    target = path_text(os.path.realpath(path))
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteError(
                f"{path} is a symbolic link that loops back on itself; nothing was written."
            ) from None
        if not os.path.isdir(parent_text(target)):
            raise WriteError(
                f"{path} is a link to {target}, whose folder does not exist (a drive not "
                "mounted?); nothing was written."
            ) from None
    return target


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def open_regular(path: StrPath) -> tuple[int, os.stat_result] | None:
    """Open ``path`` for reading if it is a regular file: (fd, its stat); None if missing.

    Opened non-blocking and checked on the open file, so a FIFO, a device or a folder, even
    one swapped in at the last moment, is refused at once instead of hanging the reader.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise BadFileError(
            f"{path} is {kind_of(info.st_mode)}, not a regular file; masterytui left it alone."
        )
    return fd, info


def read_regular(path: StrPath) -> tuple[bytes, os.stat_result] | None:
    """The bytes of regular file ``path`` and the stat of exactly that file; None if missing."""
    opened = open_regular(path)
    if opened is None:
        return None
    fd, info = opened
    try:
        with os.fdopen(fd, "rb") as handle:
            return handle.read(), info
    except OSError as exc:
        raise BadFileError(f"Cannot read {path}: {exc.strerror}.") from exc


def make_folder(folder: StrPath) -> None:
    """Create ``folder`` and any missing parent, each 0700 whatever the umask."""
    missing: list[str] = []
    current = path_text(folder)
    while not os.path.isdir(current) and current != parent_text(current):
        missing.append(current)
        current = parent_text(current)
    for part in reversed(missing):
        try:
            os.mkdir(part, 0o700)
        except FileExistsError:
            continue  # made meanwhile by another session (or not a folder: the next step says)
        fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            os.fchmod(fd, 0o700)  # the umask may have taken bits off
        finally:
            os.close(fd)


def own_folder_problem(folder: StrPath) -> str | None:
    """Why ``folder`` is not a real folder of this user's (None: it is, or it is missing)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{folder} cannot be checked: {exc.strerror}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is {kind_of(info.st_mode)}, not a folder of masterytui's"
    if info.st_uid != os.geteuid():
        return f"{folder} belongs to another user"
    return None


def remove_stale_temps(folder: StrPath, pattern: str) -> None:
    """Remove the regular files in ``folder`` whose names match ``pattern`` entirely.

    For temporary copies a killed writer left behind: call it only holding the lock every
    writer of those names holds while its copy exists, so no live writer's copy is touched.
    (try/except, not contextlib.suppress: contextlib is not imported for `add`.)
    """
    matcher = re.compile(pattern)
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if matcher.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    try:  # noqa: SIM105
                        os.unlink(entry.path)
                    except OSError:
                        pass
    except OSError:
        pass


def same_file(first: StrPath, second: StrPath) -> bool:
    """True when both paths are one file: the same resolved path, or the same inode."""
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        a, b = os.stat(first), os.stat(second)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
