"""A rotating set of recent copies beside the data file (DESIGN §6)."""

from __future__ import annotations

import os
import re
import stat
import time

from ..domain.record import record
from .errors import BadFileError, WriteError
from .files import atomic_write, read_bytes
from .fs import (
    TEMP_PATTERN,
    make_folder,
    name_text,
    own_folder_problem,
    remove_stale_temps,
    resolve_link_text,
    with_name_text,
)

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from .fs import StrPath

    Files = list[tuple[str, os.stat_result]]  # (the class's own `list` hides the builtin)

KEEP = 10
MIN_INTERVAL = 60.0


@record
class Backup:
    """One backup file and when it was taken."""

    path: Path
    taken: datetime
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    def problem(self) -> str | None:
        """Why this backup cannot be restored, or None if it reads as a good file."""
        from .checks import parse  # reading a backup through: not on `add`'s path

        try:
            raw = read_bytes(self.path)
            if raw is None:
                return f"{self.path} no longer exists"
            parse(raw, self.path)
        except (OSError, BadFileError) as exc:
            return str(exc)
        return None


class Backups:
    """The backups of one data file, in ``<file>.backups/`` beside it, newest kept.

    Beside the real target when the data file is a link. A backups path that is a link, not
    a folder or another user's is refused; only files named as masterytui names its backups
    (``<stem>-YYYYmmdd-HHMMSS-ffffff.json``) are listed, and so ever rotated away.
    """

    def __init__(self, data_path: StrPath, keep: int = KEEP, min_interval: float = MIN_INTERVAL):
        self.data_file = resolve_link_text(data_path)
        """The data file's path as text (pathlib is not imported for `add`)."""
        self.folder_name = with_name_text(self.data_file, name_text(self.data_file) + ".backups")
        """The backups folder's path as text."""
        self.keep = keep
        self.min_interval = min_interval
        self._stem = _stem(name_text(self.data_file))
        self._names = re.compile(re.escape(self._stem) + r"-\d{8}-\d{6}-\d{6}\.json")

    @property
    def data_path(self) -> Path:
        from pathlib import Path

        return Path(self.data_file)

    @property
    def folder(self) -> Path:
        """The backups folder."""
        from pathlib import Path

        return Path(self.folder_name)

    def check_folder(self) -> None:
        """Refuse a backups folder that is a link, not a folder, or not this user's."""
        problem = own_folder_problem(self.folder_name)
        if problem:
            raise WriteError(
                f"{problem}: masterytui keeps backups only in a real folder of yours. Move it "
                "away and try again; nothing was written."
            )

    def list(self) -> list[Backup]:
        """Every backup, newest first (refusing a backups folder that is not ours)."""
        from datetime import datetime
        from pathlib import Path

        found = [
            Backup(Path(path), datetime.fromtimestamp(info.st_mtime), info.st_size)
            for path, info in self._files()
        ]
        return sorted(found, key=lambda b: (b.taken, b.name), reverse=True)

    def _files(self) -> Files:
        """The path and stat of every backup (refusing a backups folder that is not ours)."""
        self.check_folder()
        try:
            with os.scandir(self.folder_name) as entries:
                found = []
                for entry in entries:
                    if not self._names.fullmatch(entry.name):
                        continue
                    try:
                        info = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if stat.S_ISREG(info.st_mode):
                        found.append((entry.path, info))
        except OSError:
            return []
        return found

    def newest_good(self) -> Backup | None:
        """The newest backup that reads as a good file, if any."""
        return next((b for b in self.list() if b.problem() is None), None)

    def due(self) -> bool:
        """True unless the newest backup is younger than the minimum interval."""
        newest = max((info.st_mtime for _, info in self._files()), default=None)
        if newest is None:
            return True
        age = time.time() - newest
        return not 0 <= age < self.min_interval

    def take(self, payload: bytes, *, force: bool = False) -> Backup | None:
        """Save ``payload`` (the file as it was) unless a backup is younger than the interval."""
        if not force and not self.due():
            return None
        from datetime import datetime
        from pathlib import Path

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.folder / f"{self._stem}-{stamp}.json"
        self.check_folder()
        try:
            make_folder(self.folder)
        except OSError as exc:
            raise WriteError(
                f"Cannot create the backups folder {self.folder}: {exc.strerror}."
            ) from exc
        self.check_folder()  # a link may have been put there meanwhile
        remove_stale_temps(self.folder, TEMP_PATTERN.format(name=self._names.pattern))
        atomic_write(target, payload)
        for old in self.list()[self.keep :]:
            try:  # noqa: SIM105 (contextlib is not imported for `add`)
                os.unlink(old.path)
            except OSError:
                pass
        return Backup(Path(target), datetime.now(), len(payload))

    def find(self, ref: str) -> Backup:
        """A backup by its 1-based number in :meth:`list` or by (a prefix of) its name."""
        backups = self.list()
        if ref.isdigit() and 1 <= int(ref) <= len(backups):
            return backups[int(ref) - 1]
        matches = [b for b in backups if b.name.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        raise BadFileError(
            f"No single backup matches {ref!r}; `masterytui doctor` lists them by number."
        )


def _stem(name: str) -> str:
    """``Path(name).stem``: the name without its last suffix."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name
