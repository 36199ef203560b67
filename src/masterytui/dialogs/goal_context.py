"""The goal a new item takes from where it was captured: shown plainly, dropped with one key.

A form opened from a screen may start with a goal already chosen (the selected goal, a goal
filter, the goal practised last). The goal field's label then says where that goal came from
and that ``ctrl+n`` sets it to "(none)" from any field, without leaving the text being typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.css.query import NoMatches, WrongType
from textual.screen import Screen
from textual.widgets import Label, Select

from .form import FormDialog

NO_GOAL_KEY = "ctrl+n"
"""Not a printable key, so it never steals a letter from a field; no Textual widget uses it."""


def mark_goal_context(dialog: FormDialog[Any], goal_id: str | None, why: str) -> FormDialog[Any]:
    """Label ``dialog``'s goal field with where its goal came from, if it starts with one.

    ``goal_id`` is the goal the screen gave (``why`` says which); a form that chose a goal of
    its own (practice: the goal practised last) says so instead.
    """
    for index, spec in enumerate(dialog.fields):
        if spec.name != "goal_id" or not spec.value:
            continue
        source = why if spec.value == goal_id else "the goal you practised last"
        dialog.fields[index] = replace(spec, label=f"{spec.label} · {source} ({NO_GOAL_KEY}: none)")
    return dialog


def clear_goal(screen: Screen[Any]) -> bool:
    """Set the goal field of the form ``screen`` to "(none)"; False when it has none."""
    if not isinstance(screen, FormDialog):
        return False
    try:
        select = screen.query_one("#field-goal_id", Select)
    except (NoMatches, WrongType):  # a form without a goal field
        return False
    select.clear()
    siblings = list(select.parent.children) if select.parent is not None else []
    at = siblings.index(select)
    label = siblings[at - 1] if at > 0 else None
    if isinstance(label, Label):
        spec = next(s for s in screen.fields if s.name == "goal_id")
        label.update(spec.label.split(" · ")[0])
    return True
