"""Checking a data file and restoring backups, for ``masterytui doctor``."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from ..domain.model import FeedbackEntry, Goal, PracticePlan, PracticeSession, Task
from ..domain.reading import field_problems, ref, shown
from .backups import Backup, Backups
from .checks import parse
from .errors import BadFileError
from .files import Data, atomic_write, dump, read_bytes
from .lock import FileLock


@dataclass(slots=True)
class Report:
    """What a check found: counts per table and any problems, in plain words."""

    path: Path
    exists: bool = True
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    data: Data | None = None
    """The file's data, when it could be read."""


def check_file(path: Path) -> Report:
    """Read ``path`` without changing it and list what is wrong with it, if anything."""
    report = Report(path)
    try:
        raw = read_bytes(path)
        if raw is None:
            report.exists = False
            return report
        data = parse(raw, path)
    except BadFileError as exc:
        report.problems.append(str(exc))
        return report
    report.data = data
    report.counts = {
        name: len(data.get(name, {})) for name in ("goals", "tasks", "feedback", "practice")
    }
    report.problems.extend(reference_problems(data))
    report.problems.extend(problem for problem, _ in value_problems(data))
    return report


_READERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "goals": Goal.from_doc,
    "tasks": Task.from_doc,
    "feedback": FeedbackEntry.from_doc,
    "practice": PracticeSession.from_doc,
}


_UNSET = {
    "focus": "not a text",
    "quality": "not a whole number from 1 to 5",
    "difficulty": "not a whole number from 1 to 5",
    "next_fix": "not a text",
}
"""Why a practice session's optional field reads as unset."""


def value_problems(data: Data) -> list[tuple[str, Callable[[], None]]]:
    """Fields that break their rule (:mod:`~masterytui.domain.reading`), each with its repair.

    The app reads such a field as its default (a position of ``"abc"`` as 0, a due date of
    ``2026-02-30`` as none); the repair writes that default into the document.
    """
    found: list[tuple[str, Callable[[], None]]] = []
    for table, read in _READERS.items():
        for doc in data.get(table, {}).values():
            fixed = read(doc).to_doc()
            for key in field_problems(doc, fixed):
                if key not in fixed:  # an optional field read as unset (a quality of 7)
                    why = f", {_UNSET[key]}" if key in _UNSET else ""
                    problem = f"{table}: {doc['id']} has {key} {shown(doc[key])}{why}"
                    found.append((f"{problem}, which reads as none", partial(doc.pop, key, None)))
                    continue
                found.append(
                    (
                        f"{table}: {doc['id']} has {key} {shown(doc[key])}, which reads as "
                        f"{shown(fixed[key])}",
                        partial(doc.__setitem__, key, fixed[key]),
                    )
                )
    found += _plan_day_problems(data)
    meta = data.get("meta", {}).get("1", {})
    settings = meta.get("settings", {})
    if not isinstance(settings, dict):
        found.append(
            (
                f"meta: settings is {shown(settings)}, not an object (read as no settings)",
                partial(meta.__setitem__, "settings", {}),
            )
        )
    return found


def _plan_day_problems(data: Data) -> list[tuple[str, Callable[[], None]]]:
    """Practice days that do not read (an unknown day, a repeat): the plan reads without
    them, so the comparison of fields above cannot see them; the repair drops them."""
    found: list[tuple[str, Callable[[], None]]] = []
    for doc in data.get("goals", {}).values():
        plan = doc.get("practice_plan")
        if not isinstance(plan, dict) or "days" not in plan:
            continue
        read = PracticePlan.from_doc(plan)
        if plan["days"] != [] and (read is None or not read.days):
            found.append(
                (
                    f"goals: {doc.get('id')} has practice_plan days {shown(plan['days'])}, "
                    "which read as no days (any day)",
                    partial(plan.pop, "days"),
                )
            )
    return found


def reference_problems(data: Data) -> list[str]:
    """Duplicate ids, links to missing goals or tasks, and goals that are their own ancestor."""
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    for table in ("goals", "tasks", "feedback", "practice"):
        counts = Counter(str(d.get("id")) for d in data.get(table, {}).values())
        problems += [f"{table}: id {i!r} is used {n} times" for i, n in counts.items() if n > 1]
        ids[table] = set(counts)
    goals = ids["goals"]
    for table in ("tasks", "feedback", "practice"):
        for doc in data.get(table, {}).values():
            goal = ref(doc.get("goal_id"))  # another value is a value problem, read as none
            if goal and goal not in goals:
                problems.append(f"{table}: {doc['id']} points at missing goal {goal!r}")
    for doc in data.get("feedback", {}).values():
        task = ref(doc.get("task_id"))
        if task and task not in ids["tasks"]:
            problems.append(f"feedback: {doc['id']} points at missing task {task!r}")
    parents = {d.get("id"): ref(d.get("parent_id")) for d in data.get("goals", {}).values()}
    for goal_id, parent in parents.items():
        if parent and parent not in parents:
            problems.append(f"goals: {goal_id} has a missing parent {parent!r}")
        seen = {goal_id}
        while parent and parent in parents:
            if parent in seen:
                problems.append(f"goals: {goal_id} is inside a loop of parents")
                break
            seen.add(parent)
            parent = parents[parent]
    return problems


def restore(path: Path, backup: Backup, backups: Backups, lock: FileLock) -> Path | None:
    """Put ``backup`` in place of ``path``, keeping the current file first.

    A readable current file becomes a new backup; an unreadable one is kept beside the file
    as ``<name>.bad-<time>`` so nothing is ever thrown away. Returns where it was kept.
    """
    payload = backup.path.read_bytes()
    parse(payload, backup.path)  # refuse to restore a bad backup
    lock.acquire()
    try:
        kept: Path | None = None
        current = read_bytes(path)
        if current is not None:
            try:
                parse(current, path)
                taken = backups.take(current, force=True)
                kept = taken.path if taken else None
            except BadFileError:
                kept = path.with_name(f"{path.name}.bad-{datetime.now():%Y%m%d-%H%M%S}")
                shutil.copy2(path, kept)
                kept.chmod(0o600)
        atomic_write(path, payload)
        lock.write_token()
        return kept
    finally:
        lock.release()


def repair(data: Data) -> list[str]:
    """Mend the values and references the checks find, in place; say what was done.

    A value that breaks its field's rule is replaced by what it reads as (see
    :func:`value_problems`). Duplicate ids get fresh ones (the first keeps its id); links
    to missing goals or tasks are cleared (the item moves to no goal); a goal with a missing
    parent or inside a loop of parents moves to the top level. Nothing is deleted.
    """
    done: list[str] = []
    for problem, mend in value_problems(data):
        mend()
        done.append(problem.replace(", which reads as ", ": now "))
    for table, prefix in (("goals", "g"), ("tasks", "t"), ("feedback", "f"), ("practice", "p")):
        seen: set[str] = set()
        for doc in data.get(table, {}).values():
            item_id = str(doc.get("id"))
            if item_id in seen:
                fresh = prefix + os.urandom(4).hex()
                doc["id"] = fresh
                done.append(f"{table}: a second {item_id!r} is now {fresh!r}")
            seen.add(str(doc["id"]))
    goals = {str(d.get("id")): d for d in data.get("goals", {}).values()}
    tasks = {str(d.get("id")) for d in data.get("tasks", {}).values()}
    for table in ("tasks", "feedback", "practice"):
        for doc in data.get(table, {}).values():
            if doc.get("goal_id") and doc["goal_id"] not in goals:
                done.append(f"{table}: {doc['id']} no longer points at missing {doc['goal_id']!r}")
                doc["goal_id"] = None
    for doc in data.get("feedback", {}).values():
        if doc.get("task_id") and doc["task_id"] not in tasks:
            done.append(f"feedback: {doc['id']} no longer points at missing {doc['task_id']!r}")
            doc["task_id"] = None
    for goal_id, doc in goals.items():
        parent, seen_ids = doc.get("parent_id"), {goal_id}
        while parent and parent in goals and parent not in seen_ids:
            seen_ids.add(parent)
            parent = goals[parent].get("parent_id")
        in_loop = parent == goal_id
        missing = bool(parent) and parent not in goals
        if doc.get("parent_id") and (in_loop or missing):
            done.append(
                f"goals: {goal_id} moved to the top level (its parent was missing or a loop)"
            )
            doc["parent_id"] = None
    return done


def fix_file(path: Path, backups: Backups, lock: FileLock) -> list[str]:
    """Repair ``path`` under its lock, after a forced backup; what was done (empty: nothing)."""
    lock.acquire()
    try:
        raw = read_bytes(path)
        if raw is None:
            return []
        data = parse(raw, path)
        done = repair(data)
        if done:
            backups.take(raw, force=True)
            atomic_write(path, dump(data))
            lock.write_token()
        return done
    finally:
        lock.release()
