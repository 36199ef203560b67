"""Conflict records a merge left: listing them and picking a side (``doctor --resolve``).

A record names a document and a field, the value kept and the other one, and when each was
made. Keeping is forgetting the record; taking the other value writes it into the document
(or, for a document kept although deleted elsewhere, deletes it), as one undoable change.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..domain import rules
from ..domain.errors import NotFoundError, ValidationError
from ..domain.reading import shown
from .merge import DELETED, HISTORIES
from .stamps import CONFLICTS, parse_stamp

if TYPE_CHECKING:
    from .mastery import MasteryStore

WHAT = {"goals": "goal", "tasks": "task", "feedback": "feedback entry", "practice": "session"}


def records(data_or_store: Any) -> list[dict[str, Any]]:
    """The conflict records of a store or of a file's data, oldest first."""
    table = (
        data_or_store.docs(CONFLICTS)
        if hasattr(data_or_store, "docs")
        else data_or_store.get(CONFLICTS, {})
    )
    found = [d for d in table.values() if isinstance(d, dict) and isinstance(d.get("id"), str)]
    return sorted(found, key=lambda d: (str(d.get("changed_at")), d["id"]))


def when(stamp: Any) -> str:
    moment = parse_stamp(stamp)
    return "unknown time" if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M:%S}"


def describe(record: dict[str, Any]) -> list[str]:
    """A record as the lines ``doctor`` shows: which document, which field, both values."""
    what = WHAT.get(str(record.get("table")), str(record.get("table")))
    head = f"{record['id']}: {what} {record.get('item')}"
    kept, other = record.get("kept"), record.get("other")
    if record.get("field") == DELETED:
        title = kept.get("title") or kept.get("text") or "" if isinstance(kept, dict) else ""
        return [
            f"{head} {shown(title)}: deleted on one side ({when(record.get('other_at'))}), "
            f"kept because it was changed or is needed on the other ({when(record.get('kept_at'))})"
        ]
    return [
        f"{head}, {record.get('field')}:",
        f"    kept  {shown(kept, 60)}  ({when(record.get('kept_at'))})",
        f"    other {shown(other, 60)}  ({when(record.get('other_at'))})",
    ]


def resolve(store: MasteryStore, record_id: str, *, take_other: bool) -> str:
    """Settle one record: keep what the merge kept, or take the other value. Says what."""
    record = store.find(CONFLICTS, record_id)
    if record is None:
        raise NotFoundError(f"There is no conflict record {record_id!r}.")
    table, item, name = str(record.get("table")), str(record.get("item")), record.get("field")
    what = f"{WHAT.get(table, table)} {item}"
    with store.change(f"resolve conflict {record_id}"):
        store.remove(CONFLICTS, record_id)
        if not take_other:
            return f"{record_id}: kept the {what} as it is."
        doc = store.find(table, item)
        if doc is None:
            return f"{record_id}: the {what} is gone; nothing to change."
        if name == DELETED:
            store.remove(table, item)
            return f"{record_id}: deleted the {what}."
        changed = copy.deepcopy(doc)
        _set(changed, str(name).split("."), record.get("other"))
        _check_links(store, table, item, changed)
        store.put(table, changed)
        return f"{record_id}: the {what} now has {name} {shown(record.get('other'))}."


def _set(doc: dict[str, Any], path: list[str], value: Any) -> None:
    for key in path[:-1]:
        inner = doc.get(key)
        if not isinstance(inner, dict):
            inner = doc[key] = {}
        doc = inner
    history, _, when = path[-1].partition("[")
    if when.endswith("]") and ".".join([*path[:-1], history]) in HISTORIES:
        day, _ = HISTORIES[".".join([*path[:-1], history])]
        _set_record(doc, history, day, when[:-1], value)
    elif value is None and path[-1] not in ("parent_id", "goal_id", "task_id"):
        doc.pop(path[-1], None)
    else:
        doc[path[-1]] = value


def _set_record(doc: dict[str, Any], history: str, day: str, when: str, value: Any) -> None:
    """Put ``value`` as the record of day ``when`` in list ``history`` (a merge's
    ``proficiency[2026-11-10]``), replacing that day's; None removes it."""
    found = doc.get(history)
    records = [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
    records = [r for r in records if str(r.get(day, "")) != when]
    if isinstance(value, dict):
        records.append(value)
    doc[history] = sorted(records, key=lambda r: str(r.get(day, "")))


def _check_links(store: MasteryStore, table: str, item: str, doc: dict[str, Any]) -> None:
    """Refuse a value that would point at a missing document or make a loop of parents."""
    for key, target in (("parent_id", "goals"), ("goal_id", "goals"), ("task_id", "tasks")):
        value = doc.get(key)
        if isinstance(value, str) and value and store.find(target, value) is None:
            raise ValidationError(f"That would point at a missing {WHAT[target]} {value!r}.", key)
    if table == "goals":
        parents = {str(d.get("id")): d.get("parent_id") for d in store.docs("goals").values()}
        rules.check_new_parent(item, doc.get("parent_id"), parents)
