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
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..domain.model import FeedbackEntry, Goal, PracticeSession, Snapshot, Task
from ..domain.reading import day as read_day
from ..domain.today import GoalDays, add_session
from ..domain.words import week_start
from .errors import BadFileError
from .files import table_problem
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
            self._tables = _parse(raw, path)

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
        self._tables = _parse(self.raw, self.path)
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
                table = _loads(memoryview(self.raw)[where[0] : where[1] + 1])
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


def _parse(raw: bytes, path: Path) -> dict[str, dict[str, Doc]]:
    """The whole file, checked as the store checks it (only when the bytes cannot be
    trusted: the checks and migrations are imported then)."""
    from .checks import parse

    return parse(raw, path)


def _loads(raw: memoryview) -> Any:
    """A table's JSON, through json: orjson parses a large table 2-3x faster, but importing
    it imports dataclasses, uuid and more (8-15 ms), which is all ``list tasks`` would save
    on the tasks of the L file; a shell command reads one or two tables."""
    return json.loads(bytes(raw))


_DATE = itemgetter(0)  # of a session's (date, minutes, goal)
_TASK = re.compile(  # (column, due or empty) of each task; (empty, empty) for one written
    rb'"column":(?:"(backlog|next|doing|done)","position":-?[0-9.eE+-]+,"due":'  # otherwise
    rb'(?:"(\d{4}-\d\d-\d\d)")?)?'
)
_MINUTES = rb"(?:1[0-3]\d\d|14[0-3]\d|1440|[1-9]\d{0,2})"  # 1 to 1440, as a session reads
_SESSION = re.compile(
    rb'\{"id":"[^"\\]*","date":"(\d{4}-\d\d-\d\d)","minutes":(' + _MINUTES + rb'),"goal_id":'
    rb'(null|"[^"\\]+")[,}]'
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
    figures = _figures_by_bytes(reader, iso, monday, {g.id for g in goals})
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
    """The open tasks due by ``today``, counted in the tasks' bytes (None: parse them)."""
    where = _bytes_of(reader, "tasks")
    if where is False:
        return None
    if where is None or where is True:
        return 0
    start, end = where
    # Every task must be as masterytui writes one (its column, position and due in a row).
    found = _TASK.findall(reader.raw, start, end + 1)
    if (b"", b"") in found:
        return None
    last = today.encode()
    due = [d for column, d in found if d and d <= last and column != b"done"]
    return sum(1 for d in due if read_day(d.decode()) is not None)


def _figures_by_bytes(
    reader: Reader, today: str, monday: str, planned: set[str]
) -> dict[str, GoalDays] | None:
    """Each goal's figures from the sessions' bytes (None: parse them), from one scan: this
    week's sessions, every day of the ``planned`` goals (their schedules look back past rest
    days and over whole weeks) and each other goal's run of days back from today (all its
    streak needs). ``tests/test_status_agrees.py`` checks this says what the Today list says."""
    where = _bytes_of(reader, "practice")
    if where is False:
        return None
    if where is None or where is True:
        return {}
    start, end = where
    found = _SESSION.findall(reader.raw, start, end + 1)  # (date, minutes, goal) of each
    if len(found) != reader.raw.count(b'"date":', start, end + 1):
        return None  # a session with no minutes, or not as masterytui writes one: parse
    day = date.fromisoformat(today)
    first, last = monday.encode(), today.encode()
    # Each day as written, read once (None: not a day, or after today).
    dates = {on: _read_date(on) if on <= last else None for on in set(map(_DATE, found))}
    figures: dict[str, GoalDays] = {}
    by_goal: dict[bytes, list[bytes]] = {}  # the days of each goal's sessions, as written
    for on, minutes, goal in found:
        ons = by_goal.get(goal)
        if ons is None:
            by_goal[goal] = [on]
        else:
            ons.append(on)
        if on >= first and dates[on] is not None and goal != b"null":  # this week's
            mine = figures.setdefault(goal[1:-1].decode(), GoalDays())
            add_session(mine, on.decode(), int(minutes), today, monday)
    by_goal.pop(b"null", None)
    wanted = {f'"{goal_id}"'.encode() for goal_id in planned}
    names: dict[int, bytes] = {}
    recent = _recent(names, day)
    now = day.toordinal()
    for goal, ons in by_goal.items():
        if goal in wanted:  # every day: the schedule looks back past rest days and weeks
            days = set(map(dates.__getitem__, ons))
            days.discard(None)
            figures.setdefault(goal[1:-1].decode(), GoalDays()).days.update(days)  # type: ignore[arg-type]
            continue
        if recent.isdisjoint(ons):
            continue
        practised = set(ons)
        mine = figures.setdefault(goal[1:-1].decode(), GoalDays())
        if _name(names, now) in practised:  # a goal with no plan: its streak is today
            mine.days.add(day)
        ordinal = now - 1  # and the run of days that ends yesterday
        while _name(names, ordinal) in practised:
            mine.days.add(date.fromordinal(ordinal))
            ordinal -= 1
    return figures


def _read_date(on: bytes) -> date | None:
    """The day ``on`` (matched as ``dddd-dd-dd``) names, if it is a real calendar date: for
    such text, exactly what :func:`masterytui.domain.reading.day` accepts."""
    try:
        return date.fromisoformat(on.decode())
    except ValueError:
        return None


def _recent(names: dict[int, bytes], day: date) -> set[bytes]:
    """Today and yesterday, as the file writes them."""
    return {_name(names, day.toordinal() - back) for back in range(2)}


def _name(names: dict[int, bytes], ordinal: int) -> bytes:
    name = names.get(ordinal)
    if name is None:
        name = names[ordinal] = date.fromordinal(ordinal).isoformat().encode()
    return name
