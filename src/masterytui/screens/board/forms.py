"""The Board's forms: edit a card (with live checks of title and due date), set the WIP limit."""

from __future__ import annotations

from ...dialogs import checks
from ...dialogs.form import FORCE, Field, FormDialog
from ...domain import rules
from ...domain.errors import ValidationError
from ...domain.model import Task
from ...store import MasteryStore
from ..capture import goal_field, repeat_fields

PRIORITY_OPTIONS = [("High (H)", "H"), ("Medium (M)", "M"), ("Low (L)", "L")]
WIP_MAX = 99


def task_edit_dialog(store: MasteryStore, task: Task) -> FormDialog[Task]:
    """Edit a card's title, goal, due date, priority and notes; title and due date are checked
    as you type."""

    def save(values: dict[str, str]) -> Task:
        return store.update_task(
            task.id,
            expected=task,
            force=FORCE in values,
            title=values["title"],
            goal_id=values["goal_id"] or None,
            due=values["due"],
            priority=values["priority"],
            notes=values["notes"],
            every=values["every"],
            recur_from=values["recur_from"] or None,
        )

    snapshot = store.snapshot()
    return FormDialog(
        "Edit card",
        [
            Field(
                "title",
                "Title",
                value=task.title,
                placeholder="a small, concrete step",
                check=checks.title,
                live=True,
            ),
            goal_field(snapshot, task.goal_id),
            Field(
                "due",
                "Due",
                value=task.due or "",
                placeholder="YYYY-MM-DD, today, tomorrow, +3d, friday; empty for none",
                check=checks.due,
                live=True,
            ),
            Field(
                "priority",
                "Priority",
                kind="select",
                value=task.priority or "",
                options=PRIORITY_OPTIONS,
            ),
            *repeat_fields(
                task.recur.every if task.recur else None, task.recur.start if task.recur else None
            ),
            Field(
                "notes", "Notes", kind="text", value=task.notes, check=checks.body("Notes", "notes")
            ),
        ],
        save,
    )


def parse_wip_limit(value: str) -> int:
    """A work-in-progress limit: a whole number from 0 (no limit) to 99."""
    limit = rules.parse_int(value, what="The limit", field="limit", minimum=0, maximum=WIP_MAX)
    if limit is None:
        raise ValidationError("Type a number: 0 means no limit.", "limit")
    return limit


def wip_limit_dialog(store: MasteryStore, current: int) -> FormDialog[int]:
    """Set how many cards Doing should hold; going over is shown, never blocked."""

    def save(values: dict[str, str]) -> int:
        limit = parse_wip_limit(values["limit"])
        store.set_setting("wip_limit", limit)
        return limit

    return FormDialog(
        "Work-in-progress limit for Doing",
        [
            Field(
                "limit",
                "How many cards at once in Doing (0 for no limit)",
                value=str(current),
                placeholder="e.g. 3",
                check=parse_wip_limit,
            )
        ],
        save,
    )
