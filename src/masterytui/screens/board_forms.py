"""The Board's forms: edit a card (with live checks of title and due date), set the WIP limit."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.widgets import Input, Static

from ..dialogs.form import FORCE, Field, FormDialog
from ..domain import rules
from ..domain.errors import ValidationError
from ..domain.model import Task
from ..store import MasteryStore
from ..widgets.safe import one_line
from .capture import goal_field

PRIORITY_OPTIONS = [("High (H)", "H"), ("Medium (M)", "M"), ("Low (L)", "L")]
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WIP_MAX = 99


class TaskEditDialog(FormDialog[Task]):
    """The card form. Title and due date are checked as you type; saving checks everything."""

    def _note(self, field_name: str, message: str, *, hint: bool = False) -> None:
        label = self.query_one(f"#error-{field_name}", Static)
        label.update(one_line(message))
        label.set_class(bool(message), "-shown")
        label.set_class(hint, "-hint")

    @on(Input.Changed, "#field-title")
    def _title_changed(self, event: Input.Changed) -> None:
        try:
            rules.clean_title(event.value)
        except ValidationError as exc:
            self._note("title", str(exc))
        else:
            self._note("title", "")

    @on(Input.Changed, "#field-due")
    def _due_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self._note("due", "")
            return
        try:
            due = rules.parse_date(event.value, field="due")
        except ValidationError as exc:
            self._note("due", str(exc))
            return
        if due is not None:
            day = date.fromisoformat(due)
            self._note("due", f"= {WEEKDAYS[day.weekday()]} {due}", hint=True)


def task_edit_dialog(store: MasteryStore, task: Task) -> TaskEditDialog:
    """Edit a card's title, goal, due date, priority and notes."""

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
        )

    snapshot = store.snapshot()
    return TaskEditDialog(
        "Edit card",
        [
            Field("title", "Title", value=task.title, placeholder="a small, concrete step"),
            goal_field(snapshot, task.goal_id),
            Field(
                "due",
                "Due",
                value=task.due or "",
                placeholder="YYYY-MM-DD, today, tomorrow, +3d, friday; empty for none",
            ),
            Field(
                "priority",
                "Priority",
                kind="select",
                value=task.priority or "",
                options=PRIORITY_OPTIONS,
            ),
            Field("notes", "Notes (ctrl+s saves)", kind="text", value=task.notes),
        ],
        save,
        hint="enter/ctrl+s save · esc cancel",
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
            )
        ],
        save,
    )
