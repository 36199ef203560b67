"""What the Board shows, worked out from a snapshot: the cards of each column after filters.

Pure Python (no Textual), so it is cheap to test and to time: one pass over the tasks, one
sort per column. Done keeps only recently finished cards unless asked for all of them, so a
board with years of history opens as fast as a new one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import compress, count
from operator import is_not

from ..domain.figures import children_map, subtree_ids
from ..domain.model import COLUMNS, Goal, Snapshot, Task
from ..domain.words import week_start

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


class _Placer:
    """Where one task goes on a board of these goals, this filter and this day."""

    def __init__(
        self,
        goals: Sequence[Goal],
        today: date,
        board_filter: BoardFilter,
        show_all_done: bool,
        recent_days: int,
    ) -> None:
        self.goal_titles = {g.id: g.title for g in goals}
        self.keep_goals: set[str] | None = None
        self.filter_title: str | None = None
        self.no_goal = board_filter.goal_id == NO_GOAL
        if self.no_goal:
            self.filter_title = "no goal"
        elif board_filter.goal_id is not None:
            if board_filter.goal_id in self.goal_titles:
                self.filter_title = self.goal_titles[board_filter.goal_id]
                self.keep_goals = subtree_ids(board_filter.goal_id, children_map(goals))
            else:
                self.keep_goals = set()
        self.words = board_filter.text.lower().split()
        self.cutoff = recent_cutoff(today, recent_days)
        self.show_all_done = show_all_done

    def place(self, task: Task) -> str | None:
        """``"card"`` (shown), ``"older"`` (Done, finished before the window) or None (the
        filter hides it); every task counts in its column's total."""
        if self.no_goal:
            if task.goal_id is not None and task.goal_id in self.goal_titles:
                return None
        elif self.keep_goals is not None and task.goal_id not in self.keep_goals:
            return None
        if self.words and not _matches(task, self.words):
            return None
        if (
            task.column == "done"
            and not self.show_all_done
            and (not task.done_at or task.done_at[:10] < self.cutoff)
        ):
            return "older"
        return "card"


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
    placer = _Placer(goals, today, board_filter, show_all_done, recent_days)
    columns = {key: ColumnView(key) for key in COLUMNS}
    if not board_filter.active and not show_all_done:  # the board as it opens: in line
        cutoff = placer.cutoff
        cards = {key: columns[key].cards for key in COLUMNS}
        totals = dict.fromkeys(COLUMNS, 0)
        older = 0
        for task in tasks:
            key = task.column
            totals[key] += 1
            if key == "done" and (not task.done_at or task.done_at[:10] < cutoff):
                older += 1  # what placer.place says of it: finished before the window
            else:
                cards[key].append(task)
        for key, total in totals.items():
            columns[key].total = total
        columns["done"].older = older
    else:
        for task in tasks:
            column = columns[task.column]
            column.total += 1
            where = placer.place(task)
            if where == "card":
                column.cards.append(task)
            elif where == "older":
                column.older += 1
    for column in columns.values():
        column.cards.sort(key=_order)
    if show_all_done:  # the whole history: newest first, whatever order the cards were put in
        columns["done"].cards.sort(key=lambda t: t.done_at or "", reverse=True)
    return BoardView(columns, placer.goal_titles, placer.filter_title)


PATCH_MOST = 64
"""Up to this many changed tasks, a board is patched instead of built again."""


def patch_board(
    view: BoardView,
    old: Sequence[Task],
    new: Sequence[Task],
    goals: Sequence[Goal],
    today: date,
    board_filter: BoardFilter | None = None,
    *,
    show_all_done: bool = False,
) -> BoardView | None:
    """:func:`build_board` of ``new``, worked out from ``view`` (the board of ``old``, of the
    same goals, day and filter) and the tasks that differ; None when that is not cheaper or
    not certain to give the same board (then build it).

    ``new`` is compared with ``old`` by identity, place by place (the store hands out the
    same object for a task that did not change): the tasks at the places that differ leave
    the board, those that replace them and those added at the end join it. The board is a
    function of the tasks whatever their order, except for cards whose sort keys tie (they
    keep the order of the list): a card joining next to its twin gives up the patch.
    """
    if show_all_done or len(new) < len(old):
        return None
    changed = list(compress(count(), map(is_not, old, new)))
    if len(changed) + len(new) - len(old) > PATCH_MOST:
        return None
    placer = _Placer(goals, today, board_filter or BoardFilter(), False, RECENT_DONE_DAYS)
    if placer.goal_titles != view.goal_titles or placer.filter_title != view.goal_filter_title:
        return None
    columns = dict(view.columns)
    copied: set[str] = set()

    def column_of(task: Task) -> ColumnView:
        if task.column not in copied:
            was = columns[task.column]
            columns[task.column] = ColumnView(was.key, list(was.cards), was.total, was.older)
            copied.add(task.column)
        return columns[task.column]

    for task in (old[i] for i in changed):
        column = column_of(task)
        column.total -= 1
        where = placer.place(task)
        if where == "older":
            column.older -= 1
        elif where == "card":
            cards = column.cards
            at = bisect_left(cards, _order(task), key=_order)
            while at < len(cards) and cards[at] is not task and _order(cards[at]) == _order(task):
                at += 1
            if at == len(cards) or cards[at] is not task:
                return None  # not where it should be: build the board instead
            del cards[at]
    for task in [*(new[i] for i in changed), *new[len(old) :]]:
        column = column_of(task)
        column.total += 1
        where = placer.place(task)
        if where == "older":
            column.older += 1
        elif where == "card":
            cards = column.cards
            key = _order(task)
            at = bisect_left(cards, key, key=_order)
            if (at < len(cards) and _order(cards[at]) == key) or (
                at > 0 and _order(cards[at - 1]) == key
            ):
                return None  # a tie: its place depends on the list's order
            cards.insert(at, task)
    return BoardView(columns, view.goal_titles, view.goal_filter_title)


_Args = tuple[date, BoardFilter | None, bool]
_boards: OrderedDict[_Args, tuple[tuple[int, ...], BoardView]] = OrderedDict()
"""The board of the latest versions of goals and tasks seen, per day, filter and Done shown."""
_tasks: OrderedDict[int, Sequence[Task]] = OrderedDict()
"""The tasks of the last two versions boards were made of (a patch compares them); only
two, so a file closed is not kept alive by its boards' tasks."""
KEPT = 16
"""Boards kept: a few days, filters and Done shown or not (each shares the snapshot's tasks)."""
PATCHING = True
"""Patch the board kept for the tasks' version before by the change (:func:`patch_board`)."""


def board_view(
    snapshot: Snapshot,
    today: date,
    board_filter: BoardFilter | None = None,
    *,
    show_all_done: bool = False,
) -> BoardView:
    """:func:`build_board` of the snapshot's goals and tasks, kept until either changes, and
    after a change of a few tasks patched from the board before it (:func:`patch_board`)."""
    versions = snapshot.versions(("goals", "tasks"))
    if versions is None:
        return build_board(
            snapshot.goals, snapshot.tasks, today, board_filter, show_all_done=show_all_done
        )
    args: _Args = (today, board_filter, show_all_done)
    try:
        kept = _boards.get(args)
    except TypeError:  # a filter that cannot be hashed
        return build_board(
            snapshot.goals, snapshot.tasks, today, board_filter, show_all_done=show_all_done
        )
    if kept is not None and kept[0] == versions:
        _boards.move_to_end(args)
        return kept[1]
    tasks = snapshot.tasks
    view: BoardView | None = None
    old = None if kept is None else _tasks.get(kept[0][1])
    if PATCHING and kept is not None and old is not None and kept[0][0] == versions[0]:
        view = patch_board(
            kept[1],
            old,
            tasks,
            snapshot.goals,
            today,
            board_filter,
            show_all_done=show_all_done,
        )
    if view is None:
        view = build_board(snapshot.goals, tasks, today, board_filter, show_all_done=show_all_done)
    _boards[args] = (versions, view)
    _boards.move_to_end(args)
    while len(_boards) > KEPT:
        _boards.popitem(last=False)
    _tasks[versions[1]] = tasks
    _tasks.move_to_end(versions[1])
    while len(_tasks) > 2:
        _tasks.popitem(last=False)
    return view


def _forget() -> None:
    _boards.clear()
    _tasks.clear()


board_view.cache_clear = _forget  # type: ignore[attr-defined]


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
