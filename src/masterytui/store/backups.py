"""A rotating set of recent copies beside the data file (DESIGN §6)."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import BadFileError
from .files import atomic_write, parse

KEEP = 10
MIN_INTERVAL = 60.0


@dataclass(frozen=True, slots=True)
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
        try:
            parse(self.path.read_bytes(), self.path)
        except (OSError, BadFileError) as exc:
            return str(exc)
        return None


class Backups:
    """The backups of one data file, in ``<file>.backups/`` beside it, newest kept."""

    def __init__(self, data_path: Path, keep: int = KEEP, min_interval: float = MIN_INTERVAL):
        self.data_path = data_path
        self.folder = data_path.with_name(data_path.name + ".backups")
        self.keep = keep
        self.min_interval = min_interval

    def list(self) -> list[Backup]:
        """Every backup, newest first."""
        try:
            entries = [p for p in self.folder.iterdir() if p.suffix == ".json"]
        except OSError:
            return []
        found = []
        for entry in entries:
            try:
                stat = entry.stat()
            except OSError:
                continue
            found.append(Backup(entry, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
        return sorted(found, key=lambda b: (b.taken, b.name), reverse=True)

    def newest_good(self) -> Backup | None:
        """The newest backup that reads as a good file, if any."""
        return next((b for b in self.list() if b.problem() is None), None)

    def due(self) -> bool:
        """True unless the newest backup is younger than the minimum interval."""
        existing = self.list()
        if not existing:
            return True
        age = time.time() - existing[0].taken.timestamp()
        return not 0 <= age < self.min_interval

    def take(self, payload: bytes, *, force: bool = False) -> Backup | None:
        """Save ``payload`` (the file as it was) unless a backup is younger than the interval."""
        if not force and not self.due():
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.folder / f"{self.data_path.stem}-{stamp}.json"
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(target, payload)
        for old in self.list()[self.keep :]:
            with contextlib.suppress(OSError):
                os.unlink(old.path)
        return Backup(target, datetime.now(), len(payload))

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
