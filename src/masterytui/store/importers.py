"""Importing data: masterytui's own JSON export, and Taskwarrior's ``task export``.

An import is worked out as a plan first (what would be added, what is already there, what is
skipped and why), checked as a whole, and only then applied as one ``store.change``: one
atomic write that ``u`` undoes in the app. A malformed or foreign file is refused with one
line and nothing is written. Importing the same file twice changes nothing the second time:
items are matched by id, and a Taskwarrior task's id is derived from its uuid.

No Textual here: ``masterytui import`` runs from a shell.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..domain import deliberate, rules
from ..domain.errors import MasteryError
from ..domain.model import (
    COLUMN_TITLES,
    FeedbackEntry,
    Goal,
    PracticeSession,
    Recur,
    Task,
)
from ..domain.reading import field_problems, shown, whole
from ..domain.recur import anchor_for
from ..domain.text import clean_text
from ..domain.words import TABLE_NOUNS, plural
from .checks import schema_problem, unsavable_problem
from .doctor import reference_problems
from .errors import BadFileError
from .files import SCHEMA_VERSION, Data, structure_problem
from .fs import open_regular
from .migrations import migrate
from .stamps import same_apart_from_stamp

if TYPE_CHECKING:
    from . import MasteryStore

Doc = dict[str, Any]
DATA_TABLES = ("goals", "tasks", "feedback", "practice")
SINGULAR = {
    "goals": "goal",
    "tasks": "task",
    "feedback": "feedback entry",
    "practice": "practice session",
}
_FROM_DOC: dict[str, Callable[[Doc], Any]] = {
    "goals": Goal.from_doc,
    "tasks": Task.from_doc,
    "feedback": FeedbackEntry.from_doc,
    "practice": PracticeSession.from_doc,
}
_ONE_LINE_FIELDS = {"id", "title", "kind", "status", "column", "source", "unit", "focus"}
MAX_IMPORT_BYTES = 200 * 1024 * 1024


class ImportRefusedError(MasteryError):
    """The file cannot be imported (malformed, foreign, or would break links); nothing changed."""


def _plural(count: int, table: str) -> str:
    return plural(count, *TABLE_NOUNS[table])


@dataclass(slots=True)
class ImportPlan:
    """What an import does: documents to put, counts, and lines a person can read."""

    name: str
    source: str
    """"masterytui export" or "Taskwarrior export"."""
    puts: list[tuple[str, Doc]] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    """Items whose id exists with different content, left as they are (no ``overwrite``)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Reason -> count, for items not imported on purpose (deleted Taskwarrior tasks...)."""
    invalid: Counter[str] = field(default_factory=Counter)
    """Table -> how many of its records were refused (a value the forms would refuse)."""
    notes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    """One line per change, for ``--dry-run``."""

    @property
    def changes(self) -> int:
        return len(self.puts)

    def summary(self, *, dry_run: bool = False) -> str:
        """One line: what was (or would be) imported, and what was left alone."""
        parts = []
        for table in DATA_TABLES:
            if self.added[table]:
                parts.append(f"{_plural(self.added[table], table)} added")
            if self.updated[table]:
                parts.append(f"{_plural(self.updated[table], table)} updated")
        same = sum(self.unchanged.values())
        if same:
            parts.append(f"{same} already there")
        kept = sum(self.kept.values())
        if kept:
            parts.append(f"{plural(kept, 'differing item')} kept as they are")
        for reason, count in self.skipped.items():
            parts.append(f"{count} {reason} skipped")
        for table, count in self.invalid.items():
            parts.append(f"{_plural(count, table)} with invalid values refused")
        verb = "Would import" if dry_run else "Imported"
        if not self.puts:
            verb = "Nothing to import" if not dry_run else "Nothing would change"
            return f"{verb} from {self.name} ({self.source})" + (
                f": {', '.join(parts)}." if parts else "."
            )
        return f"{verb} from {self.name} ({self.source}): {', '.join(parts)}."

    def by_table(self, *, dry_run: bool = False) -> list[str]:
        """A few lines, one per table: what was (or would be) added, updated, left alone."""
        added, updated = ("to add", "to update") if dry_run else ("added", "updated")
        lines = []
        for table in DATA_TABLES:
            parts = [
                f"{count} {what}"
                for count, what in (
                    (self.added[table], added),
                    (self.updated[table], updated),
                    (self.unchanged[table], "already there"),
                    (self.kept[table], "differing, yours kept"),
                )
                if count
            ]
            if parts:
                lines.append(f"  {table:<9} {', '.join(parts)}")
        if self.skipped:
            skipped = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
            lines.append(f"  {'skipped':<9} {skipped}")
        return lines


# Reading ----------------------------------------------------------------------------------


def read_source(path: str) -> tuple[bytes, str]:
    """The bytes to import from ``path`` (``-`` is standard input) and a name for messages."""
    import sys

    if path == "-":
        return sys.stdin.buffer.read(), "standard input"
    file = Path(path).expanduser()
    try:
        opened = open_regular(file)  # a FIFO or a device is refused, never waited on
    except BadFileError as exc:
        raise ImportRefusedError(f"{exc} Nothing was imported (- reads standard input).") from None
    if opened is None:
        raise ImportRefusedError(f"{file} does not exist.")
    fd, info = opened
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_IMPORT_BYTES:
            raise ImportRefusedError(f"{file} is larger than 200 MB; it is not an export.")
        try:
            return handle.read(), str(file)
        except OSError as exc:
            raise ImportRefusedError(f"Cannot read {file}: {exc.strerror}.") from None


def _load(raw: bytes, name: str) -> Any:
    if not raw.strip():
        raise ImportRefusedError(f"{name} is empty: there is nothing to import.")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "depth" in str(exc):
            raise ImportRefusedError(f"{name} is nested too deeply to import.") from None
        raise ImportRefusedError(
            f"{name} is not JSON ({exc}): import takes a masterytui JSON export "
            "or Taskwarrior's `task export`."
        ) from None


def plan_import(
    store: MasteryStore, raw: bytes, name: str, *, overwrite: bool = False
) -> ImportPlan:
    """Work out what importing ``raw`` would change, refusing anything malformed or foreign."""
    data = _load(raw, name)
    problem = unsavable_problem(data, inside=1)  # before anything walks it in Python
    if problem:
        raise ImportRefusedError(f"{name} {problem}: nothing was imported.")
    if isinstance(data, list):
        return _TaskwarriorPlan(store, name).build(data)
    if isinstance(data, dict) and "meta" in data:
        return _plan_own(store, data, name, overwrite)
    kind = "object without masterytui's tables" if isinstance(data, dict) else type(data).__name__
    raise ImportRefusedError(
        f"{name} is neither a masterytui export nor a Taskwarrior export (a JSON {kind})."
    )


def import_data(
    store: MasteryStore,
    raw: bytes,
    name: str,
    *,
    overwrite: bool = False,
    dry_run: bool = False,
) -> ImportPlan:
    """Import ``raw`` as one atomic, undoable change; with ``dry_run`` only plan it."""
    if dry_run:
        return plan_import(store, raw, name, overwrite=overwrite)
    with store.change(f"import {Path(name).name}"):
        # planned inside the change: the lock is held and the file freshly read, so no
        # other session's write can slip between the plan and the write
        plan = plan_import(store, raw, name, overwrite=overwrite)
        for table, doc in plan.puts:
            store.put(table, doc)
    return plan


# masterytui's own export -------------------------------------------------------------------


def _clean_strings(value: Any, key: str = "") -> Any:
    """``value`` with control characters replaced in every string (shown literally later)."""
    if isinstance(value, str):
        return clean_text(value, multiline=key not in _ONE_LINE_FIELDS)
    if isinstance(value, dict):
        return {k: _clean_strings(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v, key) for v in value]
    return value


_BODIES = {
    "goals": ("why", "commitment", "cue", "outcome", "obstacle"),
    "tasks": ("notes",),
    "feedback": ("text", "next_step", "obstacle"),
    "practice": ("note", "next_fix"),
}


def _doc_problem(table: str, doc: Doc) -> str | None:
    """Why ``doc`` cannot be a document of ``table``, or None.

    The rules are those of the forms and ``add`` (:mod:`~masterytui.domain.rules`): what
    they would refuse (a due date of 2026-02-30, minutes of "lots", an empty title) is
    refused here, and every other known field must read as itself
    (:mod:`~masterytui.domain.reading`).
    """
    if not doc.get("id"):
        return "has an empty id"
    required = {"goals": "title", "tasks": "title", "feedback": "text", "practice": "date"}[table]
    value = doc.get(required)
    if not isinstance(value, str) or not value.strip():
        return f"has no {required}"
    try:
        if table in ("goals", "tasks"):
            rules.clean_title(value)
        if table == "practice":
            if whole(doc.get("minutes"), 1, rules.MINUTES_MAX) is None:
                return "has minutes that are not a whole number from 1 to 1440"
            rules.check_minutes(doc["minutes"])
            if isinstance(doc.get("focus"), str):
                deliberate.clean_focus(doc["focus"])
        for key in _BODIES[table]:
            if isinstance(doc.get(key), str):
                rules.clean_body(doc[key], what=key.replace("_", " ").capitalize(), field=key)
    except MasteryError as exc:
        return f"is refused ({str(exc).rstrip('.')})"
    read = _FROM_DOC[table](doc).to_doc()
    bad = field_problems(doc, read)
    if bad:
        key = bad[0]
        return f"has {key} {shown(doc[key])}, which the forms would refuse"
    return None


def _plan_own(store: MasteryStore, data: dict[str, Any], name: str, overwrite: bool) -> ImportPlan:
    problem = structure_problem(data)
    if problem:
        raise ImportRefusedError(f"{name} is not a masterytui export: {problem}.")
    version = data["meta"]["1"]["schema_version"]
    problem = schema_problem(version)
    if problem:
        raise ImportRefusedError(f"{name} {problem.replace('to open it', 'to import it')}.")
    incoming: Data = copy.deepcopy(data)
    if version < SCHEMA_VERSION:
        migrate(incoming, version)
    plan = ImportPlan(name, "masterytui export")
    current: Data = {t: copy.deepcopy(store.docs(t)) for t in DATA_TABLES}
    merged = {t: {d["id"]: d for d in current[t].values()} for t in DATA_TABLES}
    for table in DATA_TABLES:
        seen: set[str] = set()
        docs = incoming.get(table, {})
        for doc_id in sorted(docs, key=int):
            doc = _clean_strings(docs[doc_id])
            problem = _doc_problem(table, doc)
            if problem:  # refused on its own: the rest is imported, the count said
                plan.invalid[table] += 1
                line = f"{SINGULAR[table]} {doc.get('id')!r}: it {problem}"
                plan.details.append(f"! {line}: skipped")
                if sum(plan.invalid.values()) <= 3:
                    plan.notes.append(f"Skipped {line}.")
                continue
            item_id = doc["id"]
            if item_id in seen:
                raise ImportRefusedError(
                    f"{name} is not a valid export: {table} id {item_id!r} appears twice."
                )
            seen.add(item_id)
            label = doc.get("title") or doc.get("text") or doc.get("date") or ""
            mine = merged[table].get(item_id)
            if mine is None:
                plan.added[table] += 1
                plan.details.append(f"+ {SINGULAR[table]} {item_id}  {_short(label)}")
            elif mine == doc or same_apart_from_stamp(mine, doc):
                plan.unchanged[table] += 1
                continue
            elif overwrite:
                plan.updated[table] += 1
                plan.details.append(f"~ {SINGULAR[table]} {item_id}  {_short(label)}")
            else:
                plan.kept[table] += 1
                plan.details.append(
                    f"= {SINGULAR[table]} {item_id}  {_short(label)} (differs; yours kept)"
                )
                continue
            merged[table][item_id] = doc
            plan.puts.append((table, doc))
    _refuse_broken_links(plan, current, merged, name)
    if plan.kept:
        plan.notes.append("Items that differ were kept as they are; --overwrite takes the file's.")
    return plan


def _refuse_broken_links(
    plan: ImportPlan, current: Data, merged: dict[str, dict[str, Doc]], name: str
) -> None:
    """Refuse an import that would leave links to missing goals or tasks, or parent loops."""
    if not plan.puts:
        return
    before = set(reference_problems(current))
    after_data: Data = {t: {str(i): d for i, d in enumerate(merged[t].values())} for t in merged}
    new = [p for p in reference_problems(after_data) if p not in before]
    if new:
        more = f" (and {len(new) - 1} more)" if len(new) > 1 else ""
        raise ImportRefusedError(f"{name} cannot be imported: {new[0]}{more}.")


# Taskwarrior --------------------------------------------------------------------------------


def tw_datetime(value: Any) -> datetime | None:
    """A Taskwarrior date (``20261123T100000Z``, UTC) as a local aware datetime, or None."""
    if not isinstance(value, str) or not value:
        return None
    for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC).astimezone()
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone()


def tw_task_id(uuid: str) -> str:
    """The masterytui id of the Taskwarrior task ``uuid``: the same on every import."""
    return "tw" + uuid.replace("-", "").lower()[:10]


_TW_WORDS = {
    "daily": "1d",
    "day": "1d",
    "weekly": "1w",
    "week": "1w",
    "biweekly": "2w",
    "fortnight": "2w",
    "monthly": "1m",
    "month": "1m",
    "bimonthly": "2m",
    "quarterly": "3m",
    "quarter": "3m",
    "semiannual": "6m",
    "yearly": "1y",
    "annual": "1y",
    "year": "1y",
    "biannual": "2y",
    "weekdays": "mon,tue,wed,thu,fri",
}
_TW_UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "mo": "m", "mos": "m", "mth": "m", "mths": "m", "month": "m", "months": "m",
    "q": "q", "qtr": "q", "qtrs": "q", "quarter": "q", "quarters": "q",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}  # fmt: skip


def tw_recur(value: Any) -> str | None:
    """A Taskwarrior ``recur`` (``weekly``, ``2wk``, ``P1M``, ``3mo``...) as masterytui's rule,
    or None when it has no equivalent (hours, minutes, or nonsense)."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in _TW_WORDS:
        return _TW_WORDS[text]
    iso = re.fullmatch(r"p(\d{1,3})([dwmy])", text)
    match = iso or re.fullmatch(r"(\d{0,3})\s*([a-z]+)", text)
    if match is None:
        return None
    count = int(match.group(1) or 1)
    unit = match.group(2) if iso else _TW_UNITS.get(match.group(2))
    if unit == "q":
        count, unit = count * 3, "m"
    if unit is None or not 1 <= count <= 999:
        return None
    return f"{count}{unit}"


class _TaskwarriorPlan:
    """Turns a ``task export`` array into an import plan."""

    def __init__(self, store: MasteryStore, name: str) -> None:
        self.store = store
        self.plan = ImportPlan(name, "Taskwarrior export")
        self.goals = [Goal.from_doc(d) for d in store.docs("goals").values()]
        self.tasks = list(store.docs("tasks").values())
        self.by_uuid = {d.get("tw_uuid"): d for d in self.tasks if d.get("tw_uuid")}
        self.task_ids = {d.get("id") for d in self.tasks}
        self.goal_ids = {g.id for g in self.goals}
        self.next_position: dict[str, float] = {}
        self.now = rules.now_iso()

    def build(self, items: list[Any]) -> ImportPlan:
        name = self.plan.name
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise ImportRefusedError(
                    f"{name} is not a Taskwarrior export: item {number} is not an object."
                )
            for key in ("uuid", "description", "status"):
                if not isinstance(item.get(key), str):
                    raise ImportRefusedError(
                        f"{name} is not a Taskwarrior export: item {number} has no {key}."
                    )
        ordered = sorted(items, key=self._order)
        self._series(ordered)
        for item in ordered:
            self._task(item)
        if self.plan.added["goals"]:
            self.plan.notes.append(
                "Taskwarrior projects became mastery goals (a project says nothing of "
                "outcome or skill); change the kind with e on the Goals screen."
            )
        return self.plan

    @staticmethod
    def _order(item: dict[str, Any]) -> tuple[int, float, str]:
        """Done tasks by finish time, open ones by urgency: the board reads top down."""
        urgency = item.get("urgency")
        score = -float(urgency) if isinstance(urgency, int | float) else 0.0
        return (item["status"] == "completed", score, str(item.get("end") or item.get("entry")))

    def _task(self, item: dict[str, Any]) -> None:
        status = item["status"]
        if status == "deleted":
            self.plan.skipped["deleted"] += 1
            return
        uuid = item["uuid"].strip().lower()
        if uuid in self.instances and not self._imported(uuid):
            self.plan.skipped["occurrences of a recurring task (imported once)"] += 1
            return
        if status == "recurring" and tw_recur(item.get("recur")) is None:
            self.plan.skipped["recurring template with a repeat masterytui has not"] += 1
            return
        task_id = tw_task_id(uuid)
        existing = self.by_uuid.get(uuid) or self.store.find("tasks", task_id)
        if existing is not None and existing.get("tw_uuid", uuid) == uuid:
            self.plan.unchanged["tasks"] += 1
            return
        if task_id in self.task_ids:  # a different task took this id: fall back to the uuid
            task_id = f"tw-{uuid}"
            if task_id in self.task_ids:
                self.plan.unchanged["tasks"] += 1
                return
        description = clean_text(item["description"]).strip()
        if not description:
            self.plan.skipped["without a description"] += 1
            return
        problem = self._problem(item)
        if problem:
            self.plan.invalid["tasks"] += 1
            self.plan.details.append(f"! task {uuid} {problem}: skipped")
            if sum(self.plan.invalid.values()) <= 3:
                self.plan.notes.append(f"Skipped task {uuid} ({_short(description)}): {problem}.")
            return
        title = description
        notes: list[str] = []
        if len(title) > rules.TITLE_MAX:
            title = title[: rules.TITLE_MAX - 1] + "…"
            notes.append(description)
        for note in item.get("annotations") or ():
            if isinstance(note, dict) and isinstance(note.get("description"), str):
                when = tw_datetime(note.get("entry"))
                prefix = f"{when.date().isoformat()}: " if when else ""
                notes.append(prefix + clean_text(note["description"], multiline=True).strip())
        tags = [t for t in item.get("tags") or () if isinstance(t, str)]
        if tags:
            notes.append("Tags: " + " ".join(f"+{clean_text(t)}" for t in tags))
        column = self._column(item)
        due = tw_datetime(self.series_due.get(uuid) or item.get("due"))
        every = tw_recur(item.get("recur")) if uuid in self.series else None
        recur = (
            Recur(every, "due", anchor_for(every, due.date() if due else None)) if every else None
        )
        entry = tw_datetime(item.get("entry"))
        end = tw_datetime(item.get("end"))
        priority = item.get("priority")
        goal_id = self._goal_for(item.get("project"))
        doc = Task(
            id=task_id,
            title=title,
            goal_id=goal_id,
            column=column,
            position=self._position(column),
            due=due.date().isoformat() if due else None,
            priority=priority if priority in ("H", "M", "L") else None,
            notes="\n".join(notes)[: rules.TEXT_MAX],
            created_at=entry.isoformat(timespec="seconds") if entry else self.now,
            done_at=(end.isoformat(timespec="seconds") if end else self.now)
            if column == "done"
            else None,
            recur=recur,
        ).to_doc()
        doc["tw_uuid"] = uuid
        self.task_ids.add(task_id)
        self.by_uuid[uuid] = doc
        self.plan.puts.append(("tasks", doc))
        self.plan.added["tasks"] += 1
        goal = f", goal {self._title(goal_id)}" if goal_id else ""
        self.plan.details.append(
            f"+ task {task_id}  {_short(title)}  ({COLUMN_TITLES[column]}{goal})"
        )

    def _series(self, items: list[dict[str, Any]]) -> None:
        """One recurring task per Taskwarrior series (DESIGN: not one per occurrence).

        The template (status ``recurring``) becomes the task, due when its next pending
        occurrence is; the pending occurrences are left out. With no template in the export,
        the series' first pending occurrence stands for it. Completed occurrences are done
        tasks, as any finished task.
        """
        self.series: set[str] = set()
        self.series_due: dict[str, Any] = {}
        self.instances: set[str] = set()
        templates = {
            i["uuid"].strip().lower(): i
            for i in items
            if i["status"] == "recurring" and tw_recur(i.get("recur"))
        }
        self.series |= set(templates)
        pending: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            parent = item.get("parent")
            if isinstance(parent, str) and item["status"] in ("pending", "waiting"):
                pending.setdefault(parent.strip().lower(), []).append(item)
        for parent, occurrences in pending.items():
            occurrences.sort(key=lambda i: (str(i.get("due") or ""), i["uuid"]))
            if parent in templates:
                self.series_due[parent] = occurrences[0].get("due")
                uuids = {i["uuid"].strip().lower() for i in occurrences}
                self.instances |= uuids
                if any(self._imported(u) for u in uuids):  # by an older masterytui, which
                    self.instances.add(parent)  # took an occurrence: keep that one
            elif tw_recur(occurrences[0].get("recur")):
                self.series.add(occurrences[0]["uuid"].strip().lower())
                self.instances |= {i["uuid"].strip().lower() for i in occurrences[1:]}

    def _imported(self, uuid: str) -> bool:
        return uuid in self.by_uuid or self.store.find("tasks", tw_task_id(uuid)) is not None

    @staticmethod
    def _problem(item: dict[str, Any]) -> str | None:
        """A date or priority the forms would refuse (``20260230T000000Z``, ``X``), or None."""
        for key in ("due", "wait", "entry", "end"):
            value = item.get(key)
            if value not in (None, "") and tw_datetime(value) is None:
                return f"its {key} date {shown(value)} is not a real date"
        priority = item.get("priority")
        if priority not in (None, "", "H", "M", "L"):
            return f"its priority {shown(priority)} is not H, M or L"
        return None

    @staticmethod
    def _column(item: dict[str, Any]) -> str:
        """completed -> Done; started -> Doing; waiting -> Backlog; due -> Next; else Backlog."""
        status = item["status"]
        if status == "completed":
            return "done"
        if item.get("start"):
            return "doing"
        wait = tw_datetime(item.get("wait"))
        if status == "waiting" or (wait is not None and wait > datetime.now().astimezone()):
            return "backlog"
        return "next" if item.get("due") else "backlog"

    def _position(self, column: str) -> float:
        if column not in self.next_position:
            peers: list[float] = [
                d["position"]
                for d in self.tasks
                if d.get("column") == column and isinstance(d.get("position"), int | float)
            ]
            self.next_position[column] = max(peers, default=-1) + 1
        position = self.next_position[column]
        self.next_position[column] = position + 1
        return int(position) if float(position).is_integer() else position

    def _title(self, goal_id: str) -> str:
        return next((g.title for g in self.goals if g.id == goal_id), goal_id)

    def _goal_for(self, project: Any) -> str | None:
        """The goal for a project: matched by title (any case), else created.

        A dotted project (``Home.Garden``) is a path: ``Garden`` under ``Home``. A goal whose
        title is the whole project name matches first.
        """
        if not isinstance(project, str) or not clean_text(project).strip():
            return None
        project = clean_text(project).strip()
        whole = self._match(project, None, anywhere=True)
        if whole is not None:
            return whole.id
        parent: Goal | None = None
        path: list[str] = []
        for index, part in enumerate(p.strip() for p in project.split(".")):
            if not part:
                continue
            path.append(part)
            found = self._match(part, parent.id if parent else None, anywhere=index == 0)
            parent = found or self._new_goal(part[: rules.TITLE_MAX], parent, ".".join(path))
        return parent.id if parent else None

    def _project_goal_id(self, project: str) -> str:
        """The id of the goal made for ``project`` (``Home.Garden``): derived from its name,
        like a task's from its uuid, so a dry run shows the ids the import will give."""
        for attempt in range(1000):
            seed = f"{project.casefold()}#{attempt}" if attempt else project.casefold()
            goal_id = "g" + hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()[:6]
            if goal_id not in self.goal_ids and not self.store.id_taken("goals", goal_id):
                return goal_id
        raise ImportRefusedError(f"No free goal id for the project {project!r}.")

    def _match(self, title: str, parent_id: str | None, *, anywhere: bool) -> Goal | None:
        lowered = title.lower()
        for goal in self.goals:
            if goal.title.lower() == lowered and (anywhere or goal.parent_id == parent_id):
                return goal
        return None

    def _new_goal(self, title: str, parent: Goal | None, project: str) -> Goal:
        goal_id = self._project_goal_id(project)
        parent_id = parent.id if parent else None
        siblings = [g.position for g in self.goals if g.parent_id == parent_id]
        goal = Goal(
            id=goal_id,
            title=title,
            kind="mastery",
            parent_id=parent_id,
            position=max(siblings, default=-1) + 1,
            created_at=self.now,
            updated_at=self.now,
        )
        self.goals.append(goal)
        self.goal_ids.add(goal_id)
        self.plan.puts.append(("goals", goal.to_doc()))
        self.plan.added["goals"] += 1
        where = f" under {parent.title}" if parent else ""
        self.plan.details.append(f"+ goal {goal_id}  {_short(title)}  (mastery{where})")
        return goal


def _short(text: str, width: int = 50) -> str:
    line = clean_text(str(text)).strip()
    return line if len(line) <= width else line[: width - 1] + "…"
