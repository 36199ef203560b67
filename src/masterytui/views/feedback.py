"""The Feedback screen's filters: by goal (its subtree), kind, source and text, combined.

Plain Python over domain objects, so the rules are tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter

from ..domain.figures import children_map, subtree_ids
from ..domain.model import FEEDBACK_KINDS, SOURCES, FeedbackEntry, PracticeSession, Snapshot
from ..domain.text import clean_text
from .memo import memoised


@dataclass(frozen=True, slots=True)
class Filters:
    """What the log is narrowed to; empty fields do not filter."""

    goal_id: str | None = None
    kind: str | None = None
    source: str | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.goal_id or self.kind or self.source or self.text.strip())

    def next_kind(self) -> Filters:
        """The next kind in turn (all, win, lesson, improve, setback, note, all…)."""
        return replace(self, kind=_next(self.kind, FEEDBACK_KINDS))

    def next_source(self) -> Filters:
        return replace(self, source=_next(self.source, SOURCES))

    def describe(self, snapshot: Snapshot, mark: Callable[[str], str] | None = None) -> list[str]:
        """The filters in words, for the header; ``mark(kind)`` is the kind's glyph."""
        parts: list[str] = []
        if self.goal_id:
            goal = next((g for g in snapshot.goals if g.id == self.goal_id), None)
            parts.append(f"goal: {goal.title if goal else '(deleted goal)'}")
        if self.kind:
            parts.append(f"kind: {mark(self.kind)} {self.kind}" if mark else f"kind: {self.kind}")
        if self.source:
            parts.append(f"source: {self.source}")
        if self.text.strip():
            parts.append(f"text: “{clean_text(self.text.strip())}”")
        return parts


def _next(current: str | None, choices: tuple[str, ...]) -> str | None:
    if current not in choices:
        return choices[0]
    index = choices.index(current)
    return choices[index + 1] if index + 1 < len(choices) else None


def _goal_scope(filters: Filters, snapshot: Snapshot) -> set[str] | None:
    if not filters.goal_id:
        return None
    return subtree_ids(filters.goal_id, children_map(snapshot.goals))


@memoised("feedback", "goals", "tasks")
def filter_entries(snapshot: Snapshot, filters: Filters) -> list[FeedbackEntry]:
    """The entries that pass every filter, newest first."""
    scope = _goal_scope(filters, snapshot)
    task_goal = {t.id: t.goal_id for t in snapshot.tasks}
    needle = filters.text.strip().lower()

    def keep(entry: FeedbackEntry) -> bool:
        if filters.kind and entry.kind != filters.kind:
            return False
        if filters.source and entry.source != filters.source:
            return False
        if scope is not None and not (
            entry.goal_id in scope or task_goal.get(entry.task_id or "") in scope
        ):
            return False
        return not needle or needle in entry.text.lower() or needle in entry.next_step.lower()

    return [e for e in entries_newest_first(snapshot) if keep(e)]


# Sorted once per version of the table: a redraw after a change to another table (or to a
# filter) does not sort 20,000 sessions again.


@memoised("feedback")
def entries_newest_first(snapshot: Snapshot) -> list[FeedbackEntry]:
    return sorted(snapshot.feedback, key=attrgetter("at", "id"), reverse=True)


@memoised("practice")
def sessions_newest_first(snapshot: Snapshot) -> list[PracticeSession]:
    return sorted(snapshot.practice, key=attrgetter("date", "id"), reverse=True)


@memoised("practice", "goals")
def filter_practice(snapshot: Snapshot, filters: Filters) -> list[PracticeSession]:
    """Practice sessions that pass the goal and text filters, newest first (the text is
    looked for in the note, the focus and the next fix)."""
    scope = _goal_scope(filters, snapshot)
    needle = filters.text.strip().lower()
    return [
        s
        for s in sessions_newest_first(snapshot)
        if (scope is None or s.goal_id in scope)
        and (not needle or any(needle in t.lower() for t in (s.note, s.focus, s.next_fix)))
    ]
