"""Each goal's own tasks, (done, all), without making task objects (the goal tree's progress).

The first screen shows every goal's share of tasks done; at 10,000 tasks, parsing them and
making objects was a fifth of the time to the first frame. When the tasks table still waits
unparsed in bytes masterytui wrote (its layout trusted, see :mod:`.layout`), the counts come
from those bytes, as ``status`` counts its figures; any document not as masterytui writes
one means parsing, and counting the documents as :meth:`Task.from_doc` would read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Counts = dict[str, tuple[int, int]]

# A key's quotes are never escaped and a string's always are, so these bytes can only be a
# task's goal and column, side by side as masterytui writes them.
_GOAL_COLUMN = re.compile(rb'"goal_id":(null|"[^"\\]*"),"column":"(backlog|next|doing|done)"')


def counts_of_docs(docs: Iterable[dict[str, Any]]) -> Counts:
    """Counted as the task objects would count (a document with no string id is skipped)."""
    own: dict[str, list[int]] = {}
    for doc in docs:
        goal_id = doc.get("goal_id")
        if type(goal_id) is str and goal_id and isinstance(doc.get("id"), str):
            mine = own.setdefault(goal_id, [0, 0])
            mine[1] += 1
            mine[0] += doc.get("column") == "done"
    return {goal_id: (done, total) for goal_id, (done, total) in own.items()}


def counts_of_bytes(raw: bytes | memoryview) -> Counts | None:
    """The same from the table's bytes; None when a document is not as masterytui writes one."""
    data = bytes(raw) if isinstance(raw, memoryview) else raw
    found = _GOAL_COLUMN.findall(data)
    documents = data.count(b'{"id":"')  # each document, with a string id, as written
    if not (len(found) == documents == data.count(b'"goal_id":') == data.count(b'"column":')):
        return None
    own: dict[bytes, list[int]] = {}
    for goal, column in found:
        if goal != b"null" and goal != b'""':
            mine = own.setdefault(goal, [0, 0])
            mine[1] += 1
            mine[0] += column == b"done"
    counts: Counts = {}
    for goal, (done, total) in own.items():
        name = goal[1:-1].decode()
        counts[name] = (done, total)
    return counts
