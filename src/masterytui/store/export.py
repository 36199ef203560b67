"""Exporting the data: the whole file as JSON, each table as CSV, a readable Markdown report.

No Textual here: ``masterytui export`` runs from a shell and must start fast. The JSON export
is the data file itself (TinyDB's format, ``meta.schema_version`` included), so it can be
imported again, or even opened with ``--db``.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import schedule
from ..domain.figures import (
    children_map,
    consistency,
    days_left,
    measure_progress,
    practice_days,
    subtree_ids,
    task_progress,
    tree_order,
)
from ..domain.model import COLUMN_TITLES, Goal, Snapshot, Task
from ..domain.progress import parse_day, proficiency_trend
from ..domain.recur import describe
from ..domain.text import clean_text, plain_number, plural
from .errors import StoreError
from .files import SCHEMA_VERSION, TABLES, Data, atomic_write, dump
from .fs import resolve_link, same_file

if TYPE_CHECKING:
    from . import MasteryStore

FORMATS = ("md", "json", "csv")
CSV_TABLES = ("goals", "tasks", "feedback", "practice")
REPORT_DAYS = 30
EXTENSIONS = {"md": ".md", "json": ".json", "csv": "-csv"}


# JSON ---------------------------------------------------------------------------------------


def export_data(store: MasteryStore) -> Data:
    """A deep copy of everything in the file, every table present, schema version stamped."""
    data = copy.deepcopy(store.storage.read() or {})
    for table in TABLES:
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
            " ".join(f"{x.date}:{x.level}" for x in goal.proficiency),
            goal.created_at,
            goal.updated_at,
        ]


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
    ),
    "feedback": ("id", "at", "kind", "source", "text", "next_step", "goal_id", "goal", "task_id"),
    "practice": ("id", "date", "goal_id", "goal", "minutes", "note"),
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
            ]
            for e in entries
        ]
    if table == "practice":
        sessions = sorted(snapshot.practice, key=lambda s: (s.date, s.id))
        return [
            [s.id, s.date, s.goal_id, titles.get(s.goal_id or ""), s.minutes, s.note]
            for s in sessions
        ]
    raise ValueError(f"unknown table {table!r}")


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


# Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """User text as Markdown that renders literally: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean_text(text).strip())


def md_block(text: str, indent: str) -> str:
    """Multi-line user text for a list item: escaped, continuation lines indented."""
    lines = [md(line) for line in clean_text(text, multiline=True).strip().splitlines()]
    return f"\n{indent}".join(line for line in lines if line)


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _days(count: int) -> str:
    return plural(count, "day")


def _when(left: int) -> str:
    if left > 0:
        return f"{plural(left, 'day')} left"
    if left == 0:
        return "due today"
    return f"{plural(-left, 'day')} overdue"


class _Report:
    """Builds the Markdown report from one snapshot."""

    def __init__(self, snapshot: Snapshot, today: date) -> None:
        self.s = snapshot
        self.today = today
        self.by_id = {g.id: g for g in snapshot.goals}
        self.children = children_map(snapshot.goals)
        self.lines: list[str] = []

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def title(self, goal_id: str | None) -> str:
        goal = self.by_id.get(goal_id or "")
        return md(goal.title) if goal else ""

    # Goals ------------------------------------------------------------------------------

    def goals(self) -> None:
        self.add("## Goals")
        self.add()
        roots = self.children.get(None, [])
        if not roots:
            self.add("No goals yet.")
            self.add()
            return
        for root in roots:
            self.goal(root, 0, set())
        self.add()

    def goal(self, goal: Goal, depth: int, seen: set[str]) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        pad = "  " * depth
        sub = pad + "  "
        kind = "area" if goal.kind == "area" else f"{goal.kind} goal"
        status = "" if goal.status == "active" else f", {goal.status}"
        self.add(f"{pad}- **{md(goal.title)}** ({kind}{status})")
        if goal.why:
            self.add(f"{sub}- Why: {md_block(goal.why, sub + '  ')}")
        if goal.commitment:
            self.add(f"{sub}- Commitment: *{md(goal.commitment)}*")
        self.pairs(goal, sub)
        if goal.measure:
            m = goal.measure
            unit = f" {md(m.unit)}" if m.unit else ""
            text = f"{sub}- Measure: {_num(m.current)}{unit} of {_num(m.target)}{unit}"
            if m.start is not None:
                text += f" (from {_num(m.start)})"
            progress = measure_progress(m)
            if progress is not None:
                text += f", {progress:.0%}"
            left = days_left(m.deadline, self.today)
            if m.deadline and left is not None:
                text += f"; deadline {m.deadline} ({_when(left)})"
            self.add(text)
        if goal.rwa:
            r = goal.rwa
            note = " (scale it back)" if r.needs_scaling_back else ""
            self.add(f"{sub}- Ready {r.ready}, willing {r.willing}, able {r.able} of 5{note}")
        self.practice_line(goal, sub)
        trend = proficiency_trend(goal)
        if trend is not None:
            change = f" ({trend.change:+d})" if len(trend.levels) > 1 else ""
            levels = " → ".join(str(v) for v in trend.levels)
            self.add(f"{sub}- Proficiency: {levels} of 10{change}, last rated {trend.latest_date}")
        ids = subtree_ids(goal.id, self.children)
        counts = task_progress(ids, self.s.tasks)
        if counts.total:
            self.add(f"{sub}- Tasks: {counts.done} of {counts.total} done")
        for child in self.children.get(goal.id, []):
            self.goal(child, depth + 1, seen)

    def pairs(self, goal: Goal, sub: str) -> None:
        if goal.kind == "mastery":
            parent = self.by_id.get(goal.parent_id) if goal.parent_id else None
            seen = {goal.id}  # a loop of parents (a hand-edited file) ends the walk
            while parent is not None and parent.kind != "performance" and parent.id not in seen:
                seen.add(parent.id)
                parent = self.by_id.get(parent.parent_id) if parent.parent_id else None
            if parent is not None and parent.kind == "performance":
                self.add(f"{sub}- Supports: {md(parent.title)}")
        elif goal.kind == "performance":
            skills = [g for g in self.children.get(goal.id, []) if g.kind == "mastery"]
            if skills:
                self.add(f"{sub}- Paired with: " + "; ".join(md(g.title) for g in skills))
            elif goal.is_open:
                self.add(f"{sub}- Paired with: no mastery goal yet")

    def practice_line(self, goal: Goal, sub: str) -> None:
        sessions = [s for s in self.s.practice if s.goal_id == goal.id]
        if not goal.practice_plan and not sessions:
            return
        plan = goal.practice_plan.describe() if goal.practice_plan else "no plan"
        days = {d for d in practice_days(sessions) if d <= self.today}
        text = (
            f"{sub}- Practice: {plan}; streak "
            f"{_days(schedule.streak(goal.practice_plan, days, self.today))}"
            f" (longest {schedule.longest_streak(goal.practice_plan, days, self.today)})"
        )
        if goal.practice_plan:
            text += f"; habit {schedule.strength_text(goal.practice_plan, days, self.today)}"
        figure = consistency(sessions, goal.practice_plan, self.today, 7)
        if figure is not None:
            text += f"; last 7 days {figure.describe()}"
        self.add(text)

    # Tasks ------------------------------------------------------------------------------

    def tasks(self) -> None:
        self.add("## Open tasks")
        self.add()
        for column in ("doing", "next", "backlog"):
            tasks = sorted(
                (t for t in self.s.tasks if t.column == column), key=lambda t: (t.position, t.id)
            )
            self.add(f"### {COLUMN_TITLES[column]} ({len(tasks)})")
            self.add()
            for task in tasks:
                self.add(self.task_line(task, "[ ]"))
            if not tasks:
                self.add("Nothing here.")
            self.add()
        since = self.today - timedelta(days=REPORT_DAYS - 1)
        done = sorted(
            (
                t
                for t in self.s.tasks
                if t.column == "done" and (d := parse_day(t.done_at)) and since <= d <= self.today
            ),
            key=lambda t: (t.done_at or "", t.id),
            reverse=True,
        )
        self.add(f"### Done in the last {REPORT_DAYS} days ({len(done)})")
        self.add()
        for task in done:
            self.add(self.task_line(task, "[x]"))
        if not done:
            self.add("Nothing finished in this time.")
        self.add()

    def task_line(self, task: Task, box: str) -> str:
        parts = [f"- {box} {md(task.title)}"]
        if task.goal_id:
            parts.append(f"*{self.title(task.goal_id)}*")
        if task.due:
            left = days_left(task.due, self.today)
            late = " (overdue)" if left is not None and left < 0 and task.column != "done" else ""
            parts.append(f"due {task.due}{late}")
        if task.priority:
            parts.append(f"priority {task.priority}")
        if task.recur is not None and task.column != "done":
            parts.append(f"repeats {describe(task.recur.every, task.recur.start)}")
        if task.column == "done" and task.done_at:
            parts.append(f"done {task.done_at[:10]}")
        line = " · ".join(parts)
        if task.notes:
            line += f"\n  - Notes: {md_block(task.notes, '    ')}"
        return line

    # Feedback and practice --------------------------------------------------------------

    def feedback(self) -> None:
        since = (self.today - timedelta(days=REPORT_DAYS - 1)).isoformat()
        until = (self.today + timedelta(days=1)).isoformat()
        entries = sorted(
            (e for e in self.s.feedback if since <= e.at < until),
            key=lambda e: (e.at, e.id),
            reverse=True,
        )
        wins = sum(1 for e in entries if e.kind == "win")
        self.add(f"## Feedback, last {REPORT_DAYS} days ({len(entries)}, {wins} wins)")
        self.add()
        for entry in entries:
            line = f"- {entry.at[:10]} **{entry.kind}** ({entry.source}): "
            line += md_block(entry.text, "  ")
            if entry.goal_id:
                line += f" · *{self.title(entry.goal_id)}*"
            self.add(line)
            if entry.next_step:
                self.add(f"  - Next time: {md_block(entry.next_step, '    ')}")
        if not entries:
            self.add("No feedback in this time.")
        self.add()

    def practice(self) -> None:
        since = self.today - timedelta(days=REPORT_DAYS - 1)
        sessions = sorted(
            (
                s
                for s in self.s.practice
                if (d := parse_day(s.date)) is not None and since <= d <= self.today
            ),
            key=lambda s: (s.date, s.id),
            reverse=True,
        )
        total = sum(s.minutes for s in sessions)
        days = len({s.date for s in sessions})
        self.add(f"## Practice, last {REPORT_DAYS} days ({total:,} min on {days} days)")
        self.add()
        if not sessions:
            self.add("No practice logged in this time.")
            self.add()
            return
        per_goal: dict[str | None, list[int]] = {}
        for session in sessions:
            per_goal.setdefault(session.goal_id, []).append(session.minutes)
        self.add("| Goal | Sessions | Minutes |")
        self.add("| --- | ---: | ---: |")
        for goal_id, minutes in sorted(per_goal.items(), key=lambda kv: -sum(kv[1])):
            name = self.title(goal_id) or "(no goal)"
            self.add(f"| {name} | {len(minutes)} | {sum(minutes):,} |")
        self.add()
        self.add("| Date | Goal | Minutes | Note |")
        self.add("| --- | --- | ---: | --- |")
        for s in sessions:
            self.add(f"| {s.date} | {self.title(s.goal_id)} | {s.minutes} | {md(s.note)} |")
        self.add()


Section = Callable[["MasteryStore", date], str]


def review_sections() -> list[Section]:
    """The sections other modules add to the report: the weekly review."""
    from ..report_review import review_markdown

    return [review_markdown]


def demote_headings(text: str) -> str:
    """Every Markdown heading one level deeper, so a document nests as a section."""
    return "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())


def export_markdown(
    store: MasteryStore,
    today: date | None = None,
    *,
    extra_sections: Sequence[Section] | None = None,
) -> str:
    """A readable report: goals with their pairs, measures and progress, open tasks by
    column, the last 30 days of feedback and practice, then the weekly review.

    ``extra_sections`` replaces the appended sections (default: :func:`review_sections`);
    each is a Markdown document whose headings are nested one level down.
    """
    today = today or date.today()
    report = _Report(store.snapshot(), today)
    now = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    report.add(f"# masterytui report, {today.isoformat()}")
    report.add()
    report.add(f"Exported {now} from `{md(str(store.path))}`.")
    report.add()
    report.goals()
    report.tasks()
    report.feedback()
    report.practice()
    text = "\n".join(report.lines).rstrip() + "\n"
    sections = review_sections() if extra_sections is None else extra_sections
    for section in sections:
        text += "\n" + demote_headings(section(store, today).strip()) + "\n"
    return text


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


def export_payloads(
    store: MasteryStore, fmt: str, path: Path, today: date | None = None
) -> list[tuple[Path, bytes]]:
    """What exporting ``fmt`` to ``path`` writes: (file, bytes) pairs, computed up front so
    the writing can happen away from the data (in a worker thread of the app)."""
    if fmt == "json":
        return [(path, export_json(store))]
    if fmt == "md":
        return [(path, export_markdown(store, today).encode("utf-8"))]
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
