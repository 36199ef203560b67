"""``g`` on the Board: the choices of the shared goal picker (a goal's subtree, or none)."""

from __future__ import annotations

from collections.abc import Sequence

from ...dialogs.goal_picker import GoalPicker
from ...domain.model import Goal, Snapshot
from ...views.board import NO_GOAL
from ..capture import goal_options

ALL_GOALS = "*"
"""What the picker returns to clear the goal filter (None means the picker was cancelled)."""

TITLE = "Show the cards of a goal (and its sub-goals)"


def picker_options(goals: Sequence[Goal]) -> list[tuple[str, str]]:
    """(label, value): every card, cards without a goal, then every goal in tree order."""
    return [
        ("All goals (clear the goal filter)", ALL_GOALS),
        ("Cards without a goal", NO_GOAL),
        *goal_options(Snapshot(goals=list(goals)), open_only=False),
    ]


def board_goal_picker(goals: Sequence[Goal], current: str | None) -> GoalPicker:
    """The picker ``g`` opens, on the goal of the current filter."""
    return GoalPicker(TITLE, picker_options(goals), current)
