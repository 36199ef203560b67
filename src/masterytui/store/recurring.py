"""Recurring tasks in the store: the next occurrence a finished one makes, and a series' end.

Finishing a recurring task (moving it to Done, from the board or ``masterytui done``) makes
its next occurrence in the same change, so one undo takes back both. The finished task keeps
the id of the occurrence it made (``recur.next``): finishing it again, after moving it back
out of Done, makes no second one.
"""

from __future__ import annotations

from datetime import date

from ..domain import recur as rules_recur
from ..domain.model import Recur, Task
from ..domain.record import replace
from .base import StoreBase, column_of


def make_recur(every: str | None, start: str | None, due: str | None) -> Recur | None:
    """The Recur of a new task from what was typed (``every`` empty: none)."""
    rule = rules_recur.parse_every(every)
    if rule is None:
        return None
    start = rules_recur.check_from(start)
    anchor = rules_recur.anchor_for(rule, date.fromisoformat(due) if due else None)
    return Recur(rule, start, anchor)


def next_occurrence(store: StoreBase, task: Task, done_at: str) -> Task | None:
    """Put the occurrence after ``task`` (being finished at ``done_at``); None if none is due.

    Must run inside the change that finishes ``task``; returns the new task, whose id the
    caller records in ``task.recur.next``.
    """
    rule = task.recur
    if rule is None or rule.next is not None:
        return None
    done = date.fromisoformat(done_at[:10])  # the local day it was done on
    due = date.fromisoformat(task.due) if task.due else None
    following = rules_recur.next_due(rule.every, rule.start, due, done, rule.anchor)
    column = "backlog" if task.column == "backlog" else "next"
    bounds = store.column_bounds(column)
    position: float = 0 if bounds is None else bounds[1] + 1
    occurrence = replace(
        task,
        id=store.new_id("tasks"),
        column=column,
        position=int(position) if float(position).is_integer() else position,
        due=following.isoformat(),
        created_at=done_at,
        done_at=None,
        recur=replace(rule, series=rule.series or task.id, next=None),
    )
    store.put("tasks", occurrence.to_doc())
    return occurrence


def series_of(store: StoreBase, task: Task) -> list[Task]:
    """The open tasks (not Done) of ``task``'s series, ``task`` among them."""
    if task.recur is None:
        return [task]
    series = task.recur.series or task.id
    found = []
    for doc in store.docs("tasks").values():
        other = doc.get("recur")
        if not isinstance(other, dict) or column_of(doc) == "done":
            continue
        if doc.get("id") == series or other.get("series") == series:
            found.append(Task.from_doc(doc))
    if all(t.id != task.id for t in found):
        found.append(task)
    return found
