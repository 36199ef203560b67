"""What the Board shows, worked out from a snapshot: the cards of each column after filters.

Pure Python (no Textual), so it is cheap to test and to time: one pass over the tasks, one
sort per column. Done keeps only recently finished cards unless asked for all of them, so a
board with years of history opens as fast as a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.figures import children_map, subtree_ids
from ..domain.model import COLUMNS, Goal, Snapshot, Task
from ..domain.words import week_start
from .memo import memoised

NO_GOAL = "-"
"""The goal filter that keeps only the cards linked to no goal (goal ids never look like it)."""

RECENT_DONE_DAYS = 14
"""Done shows the cards finished in this many days (today included) unless all are asked for."""

DEFAULT_WIP_LIMIT = 3
"""Work-in-progress limit of Doing until the user sets one (0 turns the limit off)."""


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """What narrows the board: words every card must contain, and a goal's subtree."""

    text: str = ""
    goal_id: str | None = None
    """A goal id (its subtree is kept), :data:`NO_GOAL`, or None for every card."""

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.goal_id is not None


@dataclass(slots=True)
class ColumnView:
    """One column as the board draws it."""

    key: str
    cards: list[Task] = field(default_factory=list)
    """The cards shown, in board order."""
    total: int = 0
    """Every card in the column, filters ignored (the work-in-progress count of Doing)."""
    older: int = 0
    """Done only: matching cards finished before the recent window, not shown."""


@dataclass(slots=True)
class BoardView:
    columns: dict[str, ColumnView]
    goal_titles: dict[str, str]
    """Goal id -> title, for the goal line of each card."""
    goal_filter_title: str | None = None
    """The title of the goal filter (None when the filter's goal no longer exists)."""


def _order(task: Task) -> tuple[float, str, str]:
    return (task.position, task.created_at, task.id)


def _matches(task: Task, words: list[str]) -> bool:
    haystack = f"{task.title}\n{task.notes}".lower()
    return all(word in haystack for word in words)


def recent_cutoff(today: date, days: int = RECENT_DONE_DAYS) -> str:
    """The first ISO day whose finished cards count as recent."""
    return (today - timedelta(days=max(1, days) - 1)).isoformat()


def build_board(
    goals: Sequence[Goal],
    tasks: Iterable[Task],
    today: date,
    board_filter: BoardFilter | None = None,
    *,
    show_all_done: bool = False,
    recent_days: int = RECENT_DONE_DAYS,
) -> BoardView:
    """The four columns of ``tasks`` after ``board_filter``, each in board order (Done with
    ``show_all_done``: by the day each card was finished, newest first)."""
    board_filter = board_filter or BoardFilter()
    goal_titles = {g.id: g.title for g in goals}
    keep_goals: set[str] | None = None
    filter_title: str | None = None
    if board_filter.goal_id == NO_GOAL:
        filter_title = "no goal"
    elif board_filter.goal_id is not None:
        if board_filter.goal_id in goal_titles:
            filter_title = goal_titles[board_filter.goal_id]
            keep_goals = subtree_ids(board_filter.goal_id, children_map(goals))
        else:
            keep_goals = set()
    words = board_filter.text.lower().split()
    cutoff = recent_cutoff(today, recent_days)
    columns = {key: ColumnView(key) for key in COLUMNS}
    for task in tasks:
        column = columns[task.column]
        column.total += 1
        if board_filter.goal_id == NO_GOAL:
            if task.goal_id is not None and task.goal_id in goal_titles:
                continue
        elif keep_goals is not None and task.goal_id not in keep_goals:
            continue
        if words and not _matches(task, words):
            continue
        if (
            task.column == "done"
            and not show_all_done
            and (not task.done_at or task.done_at[:10] < cutoff)
        ):
            column.older += 1
            continue
        column.cards.append(task)
    for column in columns.values():
        column.cards.sort(key=_order)
    if show_all_done:  # the whole history: newest first, whatever order the cards were put in
        columns["done"].cards.sort(key=lambda t: t.done_at or "", reverse=True)
    return BoardView(columns, goal_titles, filter_title)


@memoised("goals", "tasks")
def board_view(
    snapshot: Snapshot,
    today: date,
    board_filter: BoardFilter | None = None,
    *,
    show_all_done: bool = False,
) -> BoardView:
    """:func:`build_board` of the snapshot's goals and tasks, kept until either changes."""
    return build_board(
        snapshot.goals, snapshot.tasks, today, board_filter, show_all_done=show_all_done
    )


def column_order(tasks: Iterable[Task], column: str) -> list[str]:
    """Ids of every card in ``column`` in board order, filters ignored."""
    return [t.id for t in sorted((t for t in tasks if t.column == column), key=_order)]


def done_this_week(tasks: Iterable[Task], today: date) -> int:
    """Cards finished since Monday of ``today``'s week."""
    monday = week_start(today).isoformat()
    end = today.isoformat()
    return sum(
        1 for t in tasks if t.column == "done" and t.done_at and monday <= t.done_at[:10] <= end
    )


def drop_index(order: Sequence[str], visible: Sequence[str], task_id: str, gap: int) -> int | None:
    """Where a card dropped at ``gap`` of a column's shown cards lands among its other cards.

    ``order`` is every card of the target column (filters ignored), ``visible`` the cards it
    shows and ``gap`` the gap under the pointer (0 is above the first shown card). The answer
    is an index for ``move_card`` among the column's cards other than ``task_id``; None when
    the card would land where it already is.
    """
    shown = list(visible)
    if task_id in shown:
        current = shown.index(task_id)
        if gap in (current, current + 1):
            return None
        if gap > current:
            gap -= 1
        shown.pop(current)
    others = [i for i in order if i != task_id]
    gap = max(0, min(gap, len(shown)))
    if not shown:
        return 0
    if gap < len(shown):
        return others.index(shown[gap])
    return others.index(shown[-1]) + 1


def reorder_plan(
    order: Sequence[str], task_id: str, neighbour_id: str, delta: int
) -> tuple[str, int]:
    """How to swap a card with the shown card above (``delta`` -1) or below (+1) it.

    ``("reorder", step)``: move ``step`` places (the neighbours are next to each other, or
    only a few hidden cards lie between); ``("move", index)``: put it at ``index`` among the
    column's other cards, one write instead of renumbering a long stretch of hidden cards.
    """
    step = order.index(neighbour_id) - order.index(task_id)
    if abs(step) <= 8:
        return ("reorder", step)
    others = [i for i in order if i != task_id]
    return ("move", others.index(neighbour_id) + (1 if delta > 0 else 0))
