"""Reading the file for the shell's read-only commands (``list``, ``today``, ``status``).

They never take the lock and never write: the file is read once, and when it is exactly as
masterytui last wrote it (the layout in the lock file matches it, :mod:`.layout`), only the
tables a command needs are parsed from their slices. Any doubt (no layout, a stale one, a
table that does not hash as written) reads the whole file, checked as the store checks it.

``masterytui status`` goes further (it runs every few seconds in a tmux status bar): it takes
its figures from the tasks' and sessions' bytes without parsing them, as quick capture finds
ids, and parses them only when a document is not as masterytui writes one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.model import FeedbackEntry, Goal, PracticeSession, Snapshot, Task
from ..domain.reading import day as read_day
from ..domain.reading import ref
from ..domain.rules import MINUTES_MAX
from ..domain.today import GoalDays, add_session, week_start
from .errors import BadFileError
from .files import parse, table_problem
from .fs import read_regular
from .layout import Layout, digest_of
from .lock import FileLock

Doc = dict[str, Any]
_ALL = ("goals", "tasks", "feedback", "practice")


class Reader:
    """The file's bytes, read once, and its tables parsed on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw = b""
        self.layout: Layout | None = None
        self._tables: dict[str, dict[str, Doc]] = {}
        found = read_regular(path) if path.exists() else None
        if found is None:
            return  # no file yet: every table is empty
        raw, stat = found
        self.raw = raw
        try:
            layout = Layout.decode(FileLock(path).read_layout())
        except OSError:
            layout = None
        signature = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if layout is not None and layout.signature == signature and layout.fits(raw):
            self.layout = layout
        else:
            self._tables = parse(raw, path)

    def span(self, name: str) -> tuple[int, int] | None:
        """Where table ``name`` sits in the bytes, once its digest is checked (None: no table)."""
        assert self.layout is not None
        found = self.layout.spans.get(name)
        if found is None:
            return None
        start, end, _ = found
        if digest_of(memoryview(self.raw)[start : end + 1]) != self.layout.digests.get(name):
            self._whole()
            return None
        return start, end

    def _whole(self) -> None:
        self._tables = parse(self.raw, self.path)
        self.layout = None

    def table(self, name: str) -> dict[str, Doc]:
        if self.layout is None or name in self._tables:
            return self._tables.get(name, {})
        where = self.span(name)
        if self.layout is None:  # the span did not hash as written
            return self._tables.get(name, {})
        if where is None:
            table: Any = {}
        else:
            try:
                table = json.loads(self.raw[where[0] : where[1] + 1])
            except (ValueError, RecursionError):
                raise BadFileError(f"{self.path}: table {name!r} is not valid JSON.") from None
            if table_problem(name, table):
                self._whole()
                return self._tables.get(name, {})
        self._tables[name] = table
        return self._tables[name]

    def snapshot(self) -> Snapshot:
        """The file as domain objects, each table made when first read."""

        def maker(name: str, kind: Any) -> Any:
            return lambda: [kind.from_doc(d) for d in self.table(name).values()]

        return Snapshot(
            goals=maker("goals", Goal),
            tasks=maker("tasks", Task),
            feedback=maker("feedback", FeedbackEntry),
            practice=maker("practice", PracticeSession),
        )

    def docs(self, name: str) -> list[Doc]:
        return list(self.table(name).values())


_TASK = re.compile(
    rb'"column":"(backlog|next|doing|done)","position":-?[0-9.eE+-]+,"due":(null|"\d{4}-\d\d-\d\d")'
)
_SESSION = re.compile(
    rb'\{"id":"[^"\\]*","date":"(\d{4}-\d\d-\d\d)","minutes":(\d+),"goal_id":(null|"[^"\\]*")'
)


def status_figures(reader: Reader, day: date) -> tuple[list[Goal], dict[str, GoalDays], int]:
    """The goals, each goal's practice figures, and the open tasks due by ``day``."""
    # Only goals with a plan are looked at (a missing kind or status reads as mastery/active).
    goals = [Goal.from_doc(d) for d in reader.table("goals").values() if d.get("practice_plan")]
    iso, monday = day.isoformat(), week_start(day).isoformat()
    due = _due_by_bytes(reader, iso)
    if due is None:
        due = sum(
            1
            for t in (Task.from_doc(d) for d in reader.docs("tasks"))
            if t.column != "done" and t.due is not None and t.due <= iso
        )
    figures = _figures_by_bytes(reader, iso, monday)
    if figures is None:
        figures = _figures(_rows(reader), iso, monday)
    return goals, figures, due


def _rows(reader: Reader) -> Iterable[tuple[str, int, str | None]]:
    for doc in reader.docs("practice"):
        s = PracticeSession.from_doc(doc)
        yield s.date, s.minutes, s.goal_id


def _figures(
    rows: Iterable[tuple[str, int, str | None]], today: str = "", monday: str = ""
) -> dict[str, GoalDays]:
    figures: dict[str, GoalDays] = {}
    for on, minutes, goal_id in rows:
        if goal_id is None or not on or on > today:
            continue
        add_session(figures.setdefault(goal_id, GoalDays()), on, minutes, today, monday)
    return figures


def _bytes_of(reader: Reader, name: str) -> tuple[int, int] | bool | None:
    """The span of ``name`` to scan; None for no table; False when bytes cannot be used."""
    if reader.layout is None:
        return False
    where = reader.span(name)
    if reader.layout is None:
        return False
    return where


def _due_by_bytes(reader: Reader, today: str) -> int | None:
    where = _bytes_of(reader, "tasks")
    if where is False:
        return None
    if where is None or where is True:
        return 0
    start, end = where
    found = _TASK.findall(reader.raw, start, end + 1)
    if len(found) != reader.raw.count(b'"column":', start, end + 1):
        return None  # a task not as masterytui writes one: parse them
    return sum(
        1
        for column, due in found
        if column != b"done" and due != b"null" and (read_day(due[1:-1].decode()) or "~") <= today
    )


def _figures_by_bytes(reader: Reader, today: str, monday: str) -> dict[str, GoalDays] | None:
    """Each goal's figures from the sessions' bytes: only this week's sessions and each goal's
    current run of days are looked at one by one (20,000 sessions cost a few ms)."""
    where = _bytes_of(reader, "practice")
    if where is False:
        return None
    if where is None or where is True:
        return {}
    start, end = where
    found = _SESSION.findall(reader.raw, start, end + 1)
    if len(found) != reader.raw.count(b'"date":', start, end + 1):
        return None
    # A session counts with whole minutes from 1 to 1440 (as PracticeSession reads it).
    pairs = {(g, d) for d, m, g in found if m != b"0" and (len(m) < 4 or int(m) <= MINUTES_MAX)}
    first, last = monday.encode(), today.encode()
    figures: dict[str, GoalDays] = {}
    for on, minutes, goal in found:
        if first <= on <= last and goal != b"null" and (goal, on) in pairs:
            goal_id = ref(goal[1:-1].decode())
            if goal_id is not None:
                mine = figures.setdefault(goal_id, GoalDays())
                add_session(mine, on.decode(), int(minutes), today, monday)
    names: dict[int, bytes] = {}
    day = date.fromisoformat(today)
    for goal in {g for g, _ in pairs if g != b"null"}:
        goal_id = ref(goal[1:-1].decode())
        if goal_id is None:
            continue
        mine = figures.setdefault(goal_id, GoalDays())
        for back in (0, 1):  # a live run ends today or yesterday
            ordinal = day.toordinal() - back
            while (goal, _name(names, ordinal)) in pairs:
                mine.days.add(date.fromordinal(ordinal))
                ordinal -= 1
            if back == 0 and mine.days:
                break
        if not mine.days:
            ordinal = day.toordinal() - 2  # for "don't miss twice"
            if (goal, _name(names, ordinal)) in pairs:
                mine.days.add(date.fromordinal(ordinal))
    return figures


def _name(names: dict[int, bytes], ordinal: int) -> bytes:
    name = names.get(ordinal)
    if name is None:
        name = names[ordinal] = date.fromordinal(ordinal).isoformat().encode()
    return name
