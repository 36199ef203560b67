"""The four-step WOOP prompt as the Goals screen runs it: Wish, Outcome, Obstacle, Plan."""

from __future__ import annotations

from typing import Any

from ...dialogs.woop import WoopDialog
from ...domain.model import Goal
from ..base import MasteryScreen


def woop_dialog(screen: MasteryScreen, goal: Goal | None, parent: Goal | None) -> WoopDialog:
    """The four-step prompt for ``goal``, or for a new mastery goal under ``parent``."""
    store = screen.store

    def save(changes: dict[str, str]) -> Goal:
        fields: dict[str, Any] = dict(changes)
        if goal is None:
            title = str(fields.pop("title"))
            return store.add_goal(title, "mastery", parent.id if parent else None, **fields)
        return store.update_goal(goal.id, expected=goal, **fields)

    return WoopDialog(save, goal, under=parent.title if parent else "")
