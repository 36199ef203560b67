"""``masterytui merge``: the merge of :mod:`.merge` on files, as git's merge driver runs it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..domain.words import TABLE_NOUNS, plural
from .backups import Backups
from .checks import parse
from .errors import BadFileError
from .files import Data, atomic_write, dump, read_bytes
from .lock import FileLock
from .merge import MergeReport, merge


def read_side(path: Path, *, may_be_empty: bool = False) -> Data | None:
    """One input of a merge: None for a missing or empty file where that is allowed (git
    gives an empty base when the file was added on both sides)."""
    raw = read_bytes(path)
    if raw is None or not raw.strip():
        if may_be_empty:
            return None
        if raw is None:
            raise BadFileError(f"{path} does not exist.")
        return {}
    return parse(raw, path)


def merge_files(base: Path, ours: Path, theirs: Path, output: Path | None) -> MergeReport:
    """Merge ``theirs`` into ``ours`` (base ``base``); write to ``output`` (default: ``ours``,
    as git expects of a merge driver). Nothing is written if any input is unreadable."""
    merged, report = merge(
        read_side(base, may_be_empty=True), read_side(ours) or {}, read_side(theirs) or {}
    )
    atomic_write(output or ours, dump(merged))
    return report


def merge_into(path: Path, other: Path) -> MergeReport:
    """Merge ``other`` (a copy without a common base: a sync tool's conflict copy) into the
    data file ``path``, under its lock, after a backup."""
    incoming = read_side(other) or {}
    lock = FileLock(path)
    lock.acquire()
    try:
        raw = read_bytes(path)
        current = parse(raw, path) if raw is not None and raw.strip() else {}
        merged, report = merge(None, current, incoming)
        payload = dump(merged)
        if raw != payload:
            if raw:
                Backups(path).take(raw, force=True)
            atomic_write(path, payload)
            lock.write_token()
        return report
    finally:
        lock.release()


def counted(counts: Counter[str]) -> str:
    """``3 tasks, 1 practice session`` (empty when nothing)."""
    return ", ".join(
        plural(n, *TABLE_NOUNS.get(table, (table, table))) for table, n in sorted(counts.items())
    )


def summary(report: MergeReport) -> str:
    """One line: what came in, what the other side lacked, how many conflicts."""
    parts = [f"in: {counted(report.incoming) or 'nothing'}"]
    parts.append(f"out: {counted(report.outgoing) or 'nothing'}")
    if report.conflicts:
        count = plural(len(report.conflicts), "conflict")
        parts.append(f"{count}, listed by `masterytui doctor`")
    return "; ".join(parts)
