"""Changes to tasks, the cards of the board: add, edit, move between columns, reorder, delete."""

from __future__ import annotations

from datetime import date

from ..domain import rules
from ..domain.errors import ValidationError
from ..domain.model import COLUMNS, Recur, Task
from ..domain.record import replace
from .base import StoreBase

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any


class TaskOps(StoreBase):
    """Task changes, each one atomic and undoable."""

    def _check_goal_ref(self, goal_id: str | None) -> None:
        if goal_id is not None and self.find("goals", goal_id) is None:
            raise ValidationError(f"There is no goal with id {goal_id!r}.", "goal")

    def add_task(
        self,
        title: str,
        goal_id: str | None = None,
        column: str = "backlog",
        *,
        due: str | None = None,
        priority: str | None = None,
        notes: str = "",
        top: bool = False,
        every: str | None = None,
        recur_from: str | None = None,
    ) -> Task:
        """Add a task to the end (or the top) of ``column``; ``every`` makes it repeat.

        A repeating task counted from its due date with none is due today.
        """
        due_day = rules.parse_date(due, field="due")
        recur = None
        if every:  # repeats (and the board's moves) are not on a plain `add`'s path
            from ..domain.recur import first_due
            from .recurring import make_recur

            recur = make_recur(every, recur_from, due_day)
            if recur is not None and due_day is None and recur.start == "due":
                due_day = first_due(recur.every, date.today()).isoformat()
                recur = make_recur(every, recur_from, due_day)
        task = Task(
            id="",
            title=rules.clean_title(title),
            column=rules.check_choice(column, COLUMNS, what="Column", field="column"),
            due=due_day,
            priority=rules.parse_priority(priority),
            notes=rules.clean_body(notes, what="Notes", field="notes"),
            goal_id=goal_id,
            recur=recur,
        )
        with self.change(f"add task {task.title!r}"):
            self._check_goal_ref(goal_id)
            now = rules.now_iso()
            bounds = self.column_bounds(task.column)
            position: float = 0
            if bounds is not None:
                position = bounds[0] - 1 if top else bounds[1] + 1
            task = replace(
                task,
                id=self.new_id("tasks"),
                position=position,
                created_at=now,
                done_at=now if task.column == "done" else None,
            )
            self.put("tasks", task.to_doc())
        return task

    def update_task(
        self, task_id: str, *, expected: Task | None = None, force: bool = False, **fields: Any
    ) -> Task:
        """Change a task's title, goal, due date, priority or notes.

        ``expected``/``force`` guard against overwriting another session's change (see
        ``StoreBase.editable``).
        """
        with self.change(f"edit task {(expected or self.task(task_id)).title!r}"):
            task = Task.from_doc(self.editable("tasks", task_id, expected, force, "task"))
            updated = self._task_changes(task, fields)
            if updated != task or self.find("tasks", task_id) is None:
                self.put("tasks", updated.to_doc())
        return updated

    def _task_changes(self, task: Task, fields: dict[str, Any]) -> Task:
        """``task`` with ``fields`` changed; ``every`` (and ``recur_from``) set its repeat."""
        changes: dict[str, Any] = {}
        if "every" in fields or "recur_from" in fields:
            changes["recur"] = self._recur_change(task, fields)
        for name, value in fields.items():
            if name in ("every", "recur_from"):
                continue
            if name == "title":
                changes[name] = rules.clean_title(value)
            elif name == "goal_id":
                self._check_goal_ref(value)
                changes[name] = value
            elif name == "due":
                changes[name] = rules.parse_date(value, field="due")
            elif name == "priority":
                changes[name] = rules.parse_priority(value)
            elif name == "notes":
                changes[name] = rules.clean_body(value, what="Notes", field="notes")
            else:
                raise ValidationError(f"A task has no field {name!r}.", name)
        return replace(task, **changes)

    def _recur_change(self, task: Task, fields: dict[str, Any]) -> Recur | None:
        from .recurring import make_recur

        old = task.recur
        every = fields.get("every", old.every if old else None)
        start = fields.get("recur_from", old.start if old else None)
        due = rules.parse_date(fields["due"], field="due") if "due" in fields else task.due
        made = make_recur(every, start, due)
        if made is None or old is None:
            return made
        if (made.every, made.start) == (old.every, old.start) and due == task.due:
            return old
        return replace(old, every=made.every, start=made.start, anchor=made.anchor)

    def move_task(self, task_id: str, column: str, index: int | None = None) -> Task:
        """Move a task to ``column`` at ``index`` (default: the top); stamps or clears done_at."""
        from .board import move_card

        return move_card(self, task_id, column, index)

    def reorder_task(self, task_id: str, delta: int) -> bool:
        """Move a task ``delta`` places within its column; False at either end."""
        from .board import reorder_card

        return reorder_card(self, task_id, delta)

    def toggle_done(self, task_id: str) -> Task:
        """Done -> back to Next; anything else -> Done."""
        task = self.task(task_id)
        return self.move_task(task_id, "next" if task.column == "done" else "done")

    def delete_series(self, task_id: str) -> int:
        """Delete ``task_id`` and the other open occurrences of its series (Done ones stay)."""
        from .recurring import series_of

        task = self.task(task_id)
        with self.change(f"delete series {task.title!r}"):
            doomed = {t.id for t in series_of(self, task)}
            for doc in list(self.docs("feedback").values()):
                if doc.get("task_id") in doomed:
                    self.put("feedback", {**doc, "task_id": None})
            for item_id in doomed:
                self.remove("tasks", item_id)
        return len(doomed)

    def delete_task(self, task_id: str) -> None:
        """Delete a task; feedback that pointed at it keeps its text and loses the link."""
        task = self.task(task_id)
        with self.change(f"delete task {task.title!r}"):
            for doc in list(self.docs("feedback").values()):
                if doc.get("task_id") == task_id:
                    self.put("feedback", {**doc, "task_id": None})
            self.remove("tasks", task_id)
