"""Merging two copies of a data file by table and document id (``masterytui merge``, #19).

Plain dicts in, plain dicts out: no TinyDB, no Textual (git runs this on every pull).

- A document added on either side is kept; one changed on one side takes that change; one
  changed on both merges field by field (nested objects key by key), and where the same field
  differs the later change wins and the other value goes into a conflict record. Histories
  (ratings, weekly plan answers, lesson review answers: :data:`HISTORIES`) merge record by
  record.
- Deleted on one side and edited on the other: the edited document is kept and recorded.
  Deleted on both: deleted.
- Without a base (two copies of unknown history), a union by id: where a field differs, the
  later change wins (and is recorded); a tombstone newer than the document deletes it.
- Afterwards, links are mended (a document pointing at one the merge deleted brings it back,
  recorded) and loops of parents are broken (the older move is undone, recorded), so the result
  passes ``doctor``'s reference checks whenever both inputs did.

Every decision depends only on the three inputs, never on which side is "ours": merging A
into B and B into A give the same documents, stamps and conflict records.
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .files import SCHEMA_VERSION, Data
from .migrations import migrate
from .stamps import (
    CONFLICTS,
    DATA_TABLES,
    STAMP,
    TOMBSTONES,
    canonical,
    expired,
    same_apart_from_stamp,
    stamp_of,
    tombstone_id,
)

DELETED = "(deleted)"
"""The field of a conflict record about a whole document: kept although deleted elsewhere."""
QUIET = frozenset({STAMP, "updated_at", "position"})
"""Fields where the later change wins without a conflict record (bookkeeping and order)."""
_MISSING: Any = object()
Docs = dict[str, dict[str, Any]]
HISTORIES: dict[str, tuple[str, bool]] = {
    "proficiency": ("date", True),
    "plan_checks": ("week", True),
    "review.answers": ("on", False),
}
"""List fields that are histories of dated records: (the record's day field, one record per
day). Changed on both sides they merge record by record (:func:`_merge_history`), so a rating
here and a review answer there both survive, rather than the later list winning whole."""


@dataclass(slots=True)
class MergeReport:
    """What a merge did, counted by table: what came from the other side, what went to it."""

    incoming: Counter[str] = field(default_factory=Counter)
    outgoing: Counter[str] = field(default_factory=Counter)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    """The conflict records this merge made (not ones either side had already)."""


def prepared(data: Data | None) -> Data:
    """A copy of ``data`` brought forward to the current schema (None: an empty file)."""
    data = copy.deepcopy(data or {})
    version = data.get("meta", {}).get("1", {}).get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version < SCHEMA_VERSION and _holds_docs(data):
        migrate(data, version)
    return data


def _holds_docs(data: Data) -> bool:
    return any(data.get(table) for table in DATA_TABLES)


def merge(base: Data | None, ours: Data, theirs: Data) -> tuple[Data, MergeReport]:
    """Merge ``theirs`` into ``ours`` given their common ``base`` (None: no base)."""
    has_base = base is not None
    b, o, t = prepared(base), prepared(ours), prepared(theirs)
    graves_o, graves_t = _by_id(o.get(TOMBSTONES, {})), _by_id(t.get(TOMBSTONES, {}))
    tables = sorted({*DATA_TABLES, CONFLICTS, *o, *t} - {"meta", TOMBSTONES})
    result: dict[str, Docs] = {}
    made: list[dict[str, Any]] = []
    for table in tables:
        bd, od, td = _by_id(b.get(table, {})), _by_id(o.get(table, {})), _by_id(t.get(table, {}))
        merged: Docs = {}
        for item_id in sorted(bd.keys() | od.keys() | td.keys()):
            if item_id not in od and item_id not in td:
                continue
            graves = (
                graves_o.get(tombstone_id(table, item_id)),
                graves_t.get(tombstone_id(table, item_id)),
            )
            doc, records = _merge_doc(
                table, item_id, bd.get(item_id), od.get(item_id), td.get(item_id), graves, has_base
            )
            if doc is not None:
                merged[item_id] = doc
            if table != CONFLICTS:
                made += records
        result[table] = merged
    sides = (b, o, t)
    made += _mend_links(result, sides)
    made += _break_loops(result, sides)
    for record in made:
        result[CONFLICTS][record["id"]] = record
    result[TOMBSTONES] = _tombstones(result, graves_o, graves_t)
    data = _layout(result, o, t)
    data["meta"] = _merge_meta(b.get("meta", {}), o.get("meta", {}), t.get("meta", {}))
    report = MergeReport(differences(data, o), differences(data, t), made)
    return data, report


# Documents ----------------------------------------------------------------------------------


def _by_id(table: dict[str, Any]) -> Docs:
    """A table's documents by their id (a hand-edited file's second twin is left out)."""
    docs: Docs = {}
    for doc in table.values():
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            docs.setdefault(doc["id"], doc)
    return docs


def _merge_doc(
    table: str,
    item_id: str,
    b: dict[str, Any] | None,
    o: dict[str, Any] | None,
    t: dict[str, Any] | None,
    graves: tuple[dict[str, Any] | None, dict[str, Any] | None],
    has_base: bool,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    if o is not None and t is not None:
        records: list[dict[str, Any]] = []
        doc = _merge_fields(b or {}, o, t, stamp_of(o), stamp_of(t), "", records, table, item_id)
        doc[STAMP] = max(stamp_of(o), stamp_of(t))
        return doc, records
    present = o if o is not None else t
    grave = graves[0] if o is None else graves[1]
    assert present is not None
    if b is not None and has_base:
        if same_apart_from_stamp(present, b):
            return None, []  # deleted there, untouched here: deleted
        when = stamp_of(grave) if grave is not None else ""
        return present, [_record(table, item_id, DELETED, present, None, stamp_of(present), when)]
    if grave is not None:  # no base knows it: the tombstone's time decides
        if stamp_of(present) <= stamp_of(grave):
            return None, []
        record = _record(table, item_id, DELETED, present, None, stamp_of(present), stamp_of(grave))
        return present, [record]
    return present, []


def _merge_fields(
    b: dict[str, Any],
    o: dict[str, Any],
    t: dict[str, Any],
    o_at: str,
    t_at: str,
    path: str,
    records: list[dict[str, Any]],
    table: str,
    item_id: str,
) -> dict[str, Any]:
    """Field by field: one side's change is taken, both sides' changes to one field conflict."""
    out: dict[str, Any] = {}
    for key in sorted(b.keys() | o.keys() | t.keys()):
        bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
        if _same(ov, tv) or _same(tv, bv):
            value = ov
        elif _same(ov, bv):
            value = tv
        elif isinstance(ov, dict) and isinstance(tv, dict) and (bv is _MISSING or type(bv) is dict):
            base = bv if isinstance(bv, dict) else {}
            args = (o_at, t_at, f"{path}{key}.", records, table, item_id)
            value = _merge_fields(base, ov, tv, *args)
        elif path + key in HISTORIES and _records(ov) and _records(tv) and _records(bv, True):
            args = (o_at, t_at, path + key, records, table, item_id)
            value = _merge_history(bv if bv is not _MISSING else [], ov, tv, *args)
        else:
            name = None if path == "" and key in QUIET else path + key
            value = _later(ov, tv, o_at, t_at, name, records, table, item_id)
        if value is not _MISSING:
            out[key] = value
    return out


def _later(
    ov: Any,
    tv: Any,
    o_at: str,
    t_at: str,
    name: str | None,
    records: list[dict[str, Any]],
    table: str,
    item_id: str,
) -> Any:
    """Both sides changed field ``name`` differently: the later change, the other value kept
    in a conflict record (none when ``name`` is None: a quiet field)."""
    ours_later = (o_at, _key(ov)) > (t_at, _key(tv))
    value, lost = (ov, tv) if ours_later else (tv, ov)
    if name is not None:
        kept_at, lost_at = (o_at, t_at) if ours_later else (t_at, o_at)
        records.append(_record(table, item_id, name, _shown(value), _shown(lost), kept_at, lost_at))
    return value


def _records(value: Any, missing_ok: bool = False) -> bool:
    """True for a list of dicts (and, with ``missing_ok``, for no value)."""
    if value is _MISSING:
        return missing_ok
    return isinstance(value, list) and all(type(item) is dict for item in value)


def _merge_history(
    b: list[dict[str, Any]],
    o: list[dict[str, Any]],
    t: list[dict[str, Any]],
    o_at: str,
    t_at: str,
    name: str,
    records: list[dict[str, Any]],
    table: str,
    item_id: str,
) -> list[dict[str, Any]]:
    """A history changed on both sides, record by record, in day order.

    One record per day (a rating, a week's plan answer): each day merges as a field would,
    both sides' changes to one day conflict (the later kept, the other recorded). Otherwise
    (review answers) every record either side added is kept, and one removed on either side
    is removed."""
    day, one_per_day = HISTORIES[name]
    if one_per_day:
        by_day = [_first_per(side, day) for side in (b, o, t)]
        out: list[dict[str, Any]] = []
        for when in sorted(by_day[0].keys() | by_day[1].keys() | by_day[2].keys()):
            bv, ov, tv = (side.get(when, _MISSING) for side in by_day)
            if _same(ov, tv) or _same(tv, bv):
                value = ov
            elif _same(ov, bv):
                value = tv
            else:
                args = (f"{name}[{when}]", records, table, item_id)
                value = _later(ov, tv, o_at, t_at, *args)
            if value is not _MISSING:
                out.append(value)
        return out
    base, ours, theirs = (Counter(canonical(item) for item in side) for side in (b, o, t))
    # Each record as often as both sides' changes to the base say (added here, added there,
    # removed on either); with no base to tell, a union.
    kept = (ours + theirs) - base if base else ours | theirs
    found = {canonical(item): item for side in (b, o, t) for item in side}
    merged = [found[key] for key in sorted(kept.elements())]
    return sorted(merged, key=lambda item: str(item.get(day, "")))


def _first_per(side: list[dict[str, Any]], day: str) -> dict[str, dict[str, Any]]:
    """Each day's first record (as the model reads them: a later duplicate is ignored)."""
    found: dict[str, dict[str, Any]] = {}
    for item in side:
        found.setdefault(str(item.get(day, "")), item)
    return found


def _same(one: Any, other: Any) -> bool:
    if one is _MISSING or other is _MISSING:
        return one is other
    return one is other or canonical(one) == canonical(other)


def _key(value: Any) -> str:
    return "" if value is _MISSING else canonical(value)


def _shown(value: Any) -> Any:
    return None if value is _MISSING else value


def _record(
    table: str, item_id: str, name: str, kept: Any, other: Any, kept_at: str, other_at: str
) -> dict[str, Any]:
    """A conflict record: the same inputs give the same id, whichever side merges."""
    body = {
        "table": table,
        "item": item_id,
        "field": name,
        "kept": kept,
        "other": other,
        "kept_at": kept_at,
        "other_at": other_at,
    }
    digest = hashlib.sha1(canonical(body).encode(), usedforsecurity=False).hexdigest()
    return {"id": "c" + digest[:10], **body, STAMP: max(kept_at, other_at)}


# Links and loops ----------------------------------------------------------------------------


def _target(key: str) -> str | None:
    """The table a link field points into (``goal_id``, ``parent_id``, ``step_task_id``...)."""
    if key == "parent_id" or key.endswith("goal_id"):
        return "goals"
    if key.endswith("task_id"):
        return "tasks"
    return None


def _mend_links(result: dict[str, Docs], sides: tuple[Data, ...]) -> list[dict[str, Any]]:
    """Bring back any document the merge deleted that a kept document still points at."""
    records: list[dict[str, Any]] = []
    changed = True
    while changed:
        changed = False
        for table in DATA_TABLES:
            for doc in list(result.get(table, {}).values()):
                for key, value in doc.items():
                    target = _target(key)
                    if target is None or not isinstance(value, str) or not value:
                        continue
                    if value in result.setdefault(target, {}):
                        continue
                    found = _latest(target, value, sides)
                    if found is None:
                        continue  # missing on every side already: doctor's to report
                    result[target][value] = found
                    records.append(
                        _record(target, value, DELETED, found, None, stamp_of(found), "")
                    )
                    changed = True
    return records


def _latest(table: str, item_id: str, sides: tuple[Data, ...]) -> dict[str, Any] | None:
    """The most recently changed version of a document on any side (ours, theirs, base)."""
    found = [d for side in sides[1:] if (d := _by_id(side.get(table, {})).get(item_id))]
    found = found or [d for d in [_by_id(sides[0].get(table, {})).get(item_id)] if d]
    return max(found, key=lambda d: (stamp_of(d), canonical(d)), default=None)


def _break_loops(result: dict[str, Docs], sides: tuple[Data, ...]) -> list[dict[str, Any]]:
    """Undo the oldest move in each loop of parents (each side alone had none)."""
    goals = result.get("goals", {})
    records: list[dict[str, Any]] = []
    while (loop := _a_loop(goals)) is not None:
        base = _by_id(sides[0].get("goals", {}))
        moved = [g for g in loop if not _same(goals[g].get("parent_id"), _parent(base.get(g)))]
        loser = min(moved or loop, key=lambda g: (stamp_of(goals[g]), g))
        doc = goals[loser]
        options = [_parent(_by_id(side.get("goals", {})).get(loser)) for side in sides] + [None]
        for option in options:
            if option == doc.get("parent_id") or (option is not None and option not in goals):
                continue
            if not _reaches(goals, option, loser):
                break
        records.append(
            _record(
                "goals",
                loser,
                "parent_id",
                option,
                doc.get("parent_id"),
                stamp_of(doc),
                stamp_of(doc),
            )
        )
        goals[loser] = {**doc, "parent_id": option}
    return records


def _parent(doc: dict[str, Any] | None) -> Any:
    return None if doc is None else doc.get("parent_id")


def _reaches(goals: Docs, start: Any, goal: str) -> bool:
    """True when walking up the parents from ``start`` meets ``goal``."""
    seen: set[str] = set()
    while isinstance(start, str) and start in goals and start not in seen:
        if start == goal:
            return True
        seen.add(start)
        start = goals[start].get("parent_id")
    return False


def _a_loop(goals: Docs) -> list[str] | None:
    """The goals of one loop of parents (in id order of discovery), or None."""
    done: set[str] = set()
    for first in sorted(goals):
        path: list[str] = []
        where: dict[str, int] = {}
        node: Any = first
        while isinstance(node, str) and node in goals and node not in done:
            if node in where:
                return sorted(path[where[node] :])
            where[node] = len(path)
            path.append(node)
            node = goals[node].get("parent_id")
        done.update(path)
    return None


# The file around the documents ---------------------------------------------------------------


def _tombstones(result: dict[str, Docs], graves_o: Docs, graves_t: Docs) -> Docs:
    """Both sides' tombstones, the later of two, except for documents the merge kept."""
    graves: Docs = {}
    for grave_id in sorted(graves_o.keys() | graves_t.keys()):
        found = [g for g in (graves_o.get(grave_id), graves_t.get(grave_id)) if g is not None]
        grave = max(found, key=lambda g: (stamp_of(g), canonical(g)))
        if expired(grave) or grave.get("item") in result.get(str(grave.get("table")), {}):
            continue
        graves[grave_id] = grave
    return graves


def _layout(result: dict[str, Docs], o: Data, t: Data) -> Data:
    """The merged documents under TinyDB doc ids: ours keep theirs, new ones follow."""
    data: Data = {}
    for table, docs in result.items():
        keys: dict[str, str] = {}
        for side in (o, t):
            for key, doc in sorted(side.get(table, {}).items(), key=lambda kv: int(kv[0])):
                item_id = doc.get("id") if isinstance(doc, dict) else None
                if item_id in docs and item_id not in keys and key not in keys.values():
                    keys[item_id] = key
        last = max((int(k) for k in keys.values()), default=0)
        placed: dict[str, Any] = {}
        for item_id in sorted(docs, key=lambda i: (i not in keys, int(keys.get(i, 0)), i)):
            if item_id not in keys:
                last += 1
                keys[item_id] = str(last)
            placed[keys[item_id]] = docs[item_id]
        data[table] = dict(sorted(placed.items(), key=lambda kv: int(kv[0])))
    return data


def _merge_meta(b: Docs | dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
    """Settings merged key by key (both changed: a fixed pick); the current schema version."""
    bm, om, tm = b.get("1", {}), o.get("1", {}), t.get("1", {})
    records: list[dict[str, Any]] = []
    meta = _merge_fields(bm, om, tm, "", "", "", records, "meta", "1")
    meta["schema_version"] = SCHEMA_VERSION
    return {"1": meta}


def differences(new: Data, old: Data) -> Counter[str]:
    """How many documents of each table ``new`` added, changed or dropped against ``old``."""
    counts: Counter[str] = Counter()
    for table in DATA_TABLES:
        mine, theirs = _by_id(old.get(table, {})), _by_id(new.get(table, {}))
        for item_id, doc in theirs.items():
            if item_id not in mine or not same_apart_from_stamp(doc, mine[item_id]):
                counts[table] += 1
        counts[table] += sum(1 for item_id in mine if item_id not in theirs)
    return +counts
