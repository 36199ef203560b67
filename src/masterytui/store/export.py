"""Exporting the data: the whole file as JSON and each table as CSV, as bytes to write.

No Textual here: ``masterytui export`` runs from a shell and must start fast. The JSON export
is the data file itself (TinyDB's format, ``meta.schema_version`` included), so it can be
imported again, or even opened with ``--db``. The Markdown report is a view of a snapshot
(:mod:`masterytui.views.report`); this module only checks where an export may go and writes
it atomically.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.figures import measure_progress, tree_order
from ..domain.lessons import lesson_schedule
from ..domain.model import COLUMN_TITLES, FeedbackEntry, Recur, Snapshot
from ..domain.recur import WEEKDAY_NAMES
from ..domain.text import clean_text, plain_number
from .errors import StoreError
from .files import SCHEMA_VERSION, TABLES, Data, atomic_write, dump
from .fs import resolve_link, same_file
from .stamps import CONFLICTS, TOMBSTONES

if TYPE_CHECKING:
    from . import MasteryStore

CSV_TABLES = ("goals", "tasks", "feedback", "practice")
EXTENSIONS = {"md": ".md", "json": ".json", "csv": "-csv"}


# JSON ---------------------------------------------------------------------------------------


def export_data(store: MasteryStore) -> Data:
    """A deep copy of everything in the file, every table present, schema version stamped."""
    data = copy.deepcopy(store.storage.read() or {})
    for table in (TOMBSTONES, CONFLICTS):  # a merge's bookkeeping, not the user's data
        data.pop(table, None)
    for table in TABLES:
        if table not in (TOMBSTONES, CONFLICTS):
            data.setdefault(table, {})
    meta = data["meta"].setdefault("1", {})
    meta.setdefault("schema_version", SCHEMA_VERSION)
    return data


def export_json(store: MasteryStore) -> bytes:
    """The whole file as indented UTF-8 JSON, re-importable with ``masterytui import``."""
    return dump(export_data(store))


# CSV ----------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return plain_number(value)
    text = clean_text(str(value), multiline=True)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def _goal_rows(snapshot: Snapshot) -> Iterable[list[Any]]:
    titles = {g.id: g.title for g in snapshot.goals}
    ordered = tree_order(snapshot.goals)
    placed = {g.id for g in ordered}
    for goal in ordered + [g for g in snapshot.goals if g.id not in placed]:
        m, r, p = goal.measure, goal.rwa, goal.practice_plan
        progress = measure_progress(m)
        yield [
            goal.id,
            goal.title,
            goal.kind,
            goal.parent_id,
            titles.get(goal.parent_id or ""),
            goal.position,
            goal.status,
            goal.why,
            goal.commitment,
            goal.cue,
            goal.outcome,
            goal.obstacle,
            " ".join(f"{c.week}:{c.answer}" for c in goal.plan_checks),
            m.target if m else None,
            m.unit if m else None,
            m.current if m else None,
            m.start if m else None,
            m.deadline if m else None,
            f"{progress:.2f}" if progress is not None else None,
            r.ready if r else None,
            r.willing if r else None,
            r.able if r else None,
            p.minutes_per_day if p else None,
            p.sessions_per_week if p else None,
            ",".join(WEEKDAY_NAMES[d] for d in p.days) if p and p.days else None,
            " ".join(f"{x.date}:{x.level}" for x in goal.proficiency),
            goal.created_at,
            goal.updated_at,
        ]


RECUR_COLUMNS = ("recur_every", "recur_from", "recur_anchor", "recur_series", "recur_next")
"""A repeating task's rule (:class:`~masterytui.domain.model.Recur`), one column a field."""


def _recur_cells(recur: Recur | None) -> list[Any]:
    if recur is None:
        return [None] * len(RECUR_COLUMNS)
    return [recur.every, recur.start, recur.anchor, recur.series, recur.next]


CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "goals": (
        "id",
        "title",
        "kind",
        "parent_id",
        "parent",
        "position",
        "status",
        "why",
        "commitment",
        "cue",
        "outcome",
        "obstacle",
        "plan_checks",
        "measure_target",
        "measure_unit",
        "measure_current",
        "measure_start",
        "measure_deadline",
        "measure_progress",
        "rwa_ready",
        "rwa_willing",
        "rwa_able",
        "plan_minutes_per_day",
        "plan_sessions_per_week",
        "plan_days",
        "proficiency",
        "created_at",
        "updated_at",
    ),
    "tasks": (
        "id",
        "title",
        "goal_id",
        "goal",
        "column",
        "position",
        "due",
        "priority",
        "notes",
        "created_at",
        "done_at",
        *RECUR_COLUMNS,
    ),
    "feedback": (
        "id",
        "at",
        "kind",
        "source",
        "text",
        "next_step",
        "goal_id",
        "goal",
        "task_id",
        "step_task_id",
        "obstacle",
        "review_due",
        "review_answers",
    ),
    "practice": (
        "id",
        "date",
        "goal_id",
        "goal",
        "minutes",
        "note",
        "focus",
        "quality",
        "difficulty",
        "next_fix",
    ),
}


def csv_rows(snapshot: Snapshot, table: str) -> list[list[Any]]:
    """The rows of ``table`` (without the header), in the order a person would read them."""
    titles = {g.id: g.title for g in snapshot.goals}
    if table == "goals":
        return list(_goal_rows(snapshot))
    if table == "tasks":
        order = {c: i for i, c in enumerate(COLUMN_TITLES)}
        tasks = sorted(snapshot.tasks, key=lambda t: (order[t.column], t.position, t.id))
        return [
            [
                t.id,
                t.title,
                t.goal_id,
                titles.get(t.goal_id or ""),
                t.column,
                t.position,
                t.due,
                t.priority,
                t.notes,
                t.created_at,
                t.done_at,
                *_recur_cells(t.recur),
            ]
            for t in tasks
        ]
    if table == "feedback":
        entries = sorted(snapshot.feedback, key=lambda e: (e.at, e.id))
        return [
            [
                e.id,
                e.at,
                e.kind,
                e.source,
                e.text,
                e.next_step,
                e.goal_id,
                titles.get(e.goal_id or ""),
                e.task_id,
                e.step_task_id,
                e.obstacle,
                *_review_cells(e),
            ]
            for e in entries
        ]
    if table == "practice":
        sessions = sorted(snapshot.practice, key=lambda s: (s.date, s.id))
        return [
            [
                s.id,
                s.date,
                s.goal_id,
                titles.get(s.goal_id or ""),
                s.minutes,
                s.note,
                s.focus,
                s.quality,
                s.difficulty,
                s.next_fix,
            ]
            for s in sessions
        ]
    raise ValueError(f"unknown table {table!r}")


def _review_cells(entry: FeedbackEntry) -> list[str]:
    """``review_due`` (a date, ``retired``, or empty when not in the review) and the answers."""
    plan = lesson_schedule(entry)
    if plan is None:
        return ["", ""]
    due = plan.due.isoformat() if plan.due else "retired"
    answers = entry.review.answers if entry.review else ()
    return [due, " ".join(f"{a.on}:{a.answer}" for a in answers)]


def export_csv(snapshot: Snapshot, table: str) -> str:
    """One table as CSV text with a header row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS[table])
    for row in csv_rows(snapshot, table):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def write_csv_folder(snapshot: Snapshot, folder: Path) -> list[Path]:
    """Write one ``<table>.csv`` per table into ``folder`` (created if missing), atomically."""
    written = []
    for table in CSV_TABLES:
        path = folder / f"{table}.csv"
        atomic_write(path, export_csv(snapshot, table).encode("utf-8"))
        written.append(path)
    return written


# Files --------------------------------------------------------------------------------------


def check_output(output: Path, data_path: Path, *, folder: bool = False) -> None:
    """Refuse an export ``output`` that is the data file, its lock, a backup or their folder.

    Compared by resolved path and by inode, so a link or a hard link to any of them is
    refused too. ``folder``: ``output`` is the folder a csv export writes its files into.
    Raises StoreError naming the file; nothing is written.
    """
    data = resolve_link(data_path)
    lock = data.with_name(data.name + ".lock")
    backups = data.with_name(data.name + ".backups")
    if folder and same_file(output, backups):
        _refuse(output, f"the backups folder of {data}", "folder")
    targets = [output / f"{table}.csv" for table in CSV_TABLES] if folder else [output]
    try:
        kept = [Path(entry.path) for entry in os.scandir(backups)]
    except OSError:
        kept = []
    for target in targets:
        if same_file(target, data):
            _refuse(target, f"the data file {data} itself")
        if same_file(target, lock):
            _refuse(target, f"the lock file of {data}")
        if same_file(target.parent, backups) or any(same_file(target, b) for b in kept):
            _refuse(target, f"a backup of {data} (or in its backups folder)")


def _refuse(output: Path, what: str, kind: str = "file") -> None:
    raise StoreError(
        f"{output} is {what}: choose another {kind} for the export; nothing was written."
    )


def write_export(path: Path, payload: str | bytes) -> None:
    """Write an export atomically (a crash leaves the old file or the new, never half)."""
    atomic_write(path, payload.encode("utf-8") if isinstance(payload, str) else payload)


def default_export_path(
    data_path: Path, fmt: str, now: datetime | None = None, *, folder: Path | None = None
) -> Path:
    """Where the app writes an export: in ``folder`` (default beside the data file), named
    after the data file, the format and the time."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{data_path.stem}-export-{stamp}{EXTENSIONS[fmt]}"
    return (folder or data_path.parent) / name


def export_payloads(store: MasteryStore, fmt: str, path: Path) -> list[tuple[Path, bytes]]:
    """What exporting ``fmt`` (json or csv) to ``path`` writes: (file, bytes) pairs, computed
    up front so the writing can happen away from the data (in a worker thread of the app).
    The Markdown report is made by :func:`masterytui.views.report.export_markdown`."""
    if fmt == "json":
        return [(path, export_json(store))]
    if fmt == "csv":
        snapshot = store.snapshot()
        return [
            (path / f"{table}.csv", export_csv(snapshot, table).encode("utf-8"))
            for table in CSV_TABLES
        ]
    raise ValueError(f"unknown export format {fmt!r}")


def write_payloads(payloads: Sequence[tuple[Path, bytes]]) -> None:
    """Write each (file, bytes) pair atomically."""
    for file, payload in payloads:
        atomic_write(file, payload)
