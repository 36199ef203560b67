"""What the Board says in words: the line under the columns, the filters, an empty column.

Pure functions of the board's state, so the screen only puts them where they go.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...domain.model import COLUMN_TITLES, Task
from ...domain.text import clean_text
from ...views.board import NO_GOAL, RECENT_DONE_DAYS, BoardFilter, BoardView
from ...widgets.safe import one_line
from .card import card_summary

HINT = "n new card · enter edit · H/L move · / filter · g goal · ? all keys"


def nothing_selected_text(
    view: BoardView | None, current: str, board_filter: BoardFilter, show_all_done: bool
) -> str:
    """Why no card is selected in column ``current``, for a key that needs one."""
    column = COLUMN_TITLES[current]
    part = view.columns[current] if view else None
    if part is not None and part.total and board_filter.active:
        return f"No card selected: the filter hides every card in {column} (escape clears it)."
    if part is not None and part.older and not show_all_done:
        days = RECENT_DONE_DAYS
        return f"No card selected: {column} shows the last {days} days (a shows all)."
    return f"No card selected: {column} has no cards."


def status_text(view: BoardView | None, board_filter: BoardFilter, show_all_done: bool) -> str:
    """The filters, for the right of the top bar."""
    parts: list[str] = []
    goal_id = board_filter.goal_id
    if goal_id == NO_GOAL:
        parts.append("goal: none")
    elif goal_id is not None and view is not None:
        parts.append(f"goal: {view.goal_filter_title or goal_id} (+sub)")
    text = clean_text(board_filter.text).strip()
    if text:
        parts.append(f'"{text}"')
    if show_all_done:
        parts.append("all done")
    return " · ".join(parts)


def detail_text(
    task: Task | None,
    picked: str | None,
    view: BoardView | None,
    board_filter: BoardFilter,
    current: str,
    today: date,
) -> Text:
    """The whole of the selected card (or why there is none), for the line under the columns."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if task is None:
        if board_filter.active and view is not None and view.columns[current].total:
            text.append(
                "No card selected: the filter hides this column's cards · escape clears it",
                style="italic",
            )
        else:
            text.append(HINT, style="italic")
    elif picked == task.id:
        text.append("Picked: ", style="bold")
        text.append_text(one_line(task.title))
        text.append(" · click a column header to move it there", style="italic")
    else:
        goal = view.goal_titles.get(task.goal_id or "") if view else None
        text.append(card_summary(task, goal, today))
    return text
