"""Changes to the feedback log and the practice log."""

from __future__ import annotations

from datetime import date, timedelta

from ..domain import rules
from ..domain.errors import AlreadyExistsError, NotFoundError, ValidationError
from ..domain.model import FEEDBACK_KINDS, SOURCES, FeedbackEntry, PracticeSession, Task
from ..domain.record import replace
from ..domain.words import week_start
from .tasks import TaskOps

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any


class LogOps(TaskOps):
    """Feedback and practice changes, each one atomic and undoable."""

    # Feedback --------------------------------------------------------------------------------

    def feedback_entry(self, entry_id: str) -> FeedbackEntry:
        doc = self.find("feedback", entry_id)
        if doc is None:
            raise NotFoundError(f"There is no feedback entry with id {entry_id!r}.")
        return FeedbackEntry.from_doc(doc)

    def _check_task_ref(self, task_id: str | None) -> None:
        if task_id is not None and self.find("tasks", task_id) is None:
            raise ValidationError(f"There is no task with id {task_id!r}.", "task")

    def add_feedback(
        self,
        text: str,
        kind: str = "note",
        source: str = "self",
        *,
        next_step: str = "",
        goal_id: str | None = None,
        task_id: str | None = None,
        at: str | None = None,
        obstacle: str = "",
    ) -> FeedbackEntry:
        """Log a feedback entry (a win, lesson, improvement, setback or note).

        ``obstacle``: for a setback, the obstacle it met (a goal's WOOP obstacle or another).
        """
        entry = FeedbackEntry(
            id="",
            at=rules.parse_datetime(at),
            text=rules.clean_body(text, what="Text", field="text"),
            kind=rules.check_choice(kind, FEEDBACK_KINDS, what="Kind", field="kind"),
            source=rules.check_choice(source, SOURCES, what="Source", field="source"),
            next_step=rules.clean_body(next_step, what="Next step", field="next_step"),
            goal_id=goal_id,
            task_id=task_id,
            obstacle=rules.clean_body(obstacle, what="Obstacle", field="obstacle"),
        )
        if not entry.text:
            raise ValidationError("Text cannot be empty.", "text")
        with self.change(f"log {entry.kind} {_short(entry.text)!r}"):
            self._check_goal_ref(goal_id)
            self._check_task_ref(task_id)
            entry = replace(entry, id=self.new_id("feedback"))
            self.put("feedback", entry.to_doc())
        return entry

    def log_win(self, text: str, goal_id: str | None = None, **fields: Any) -> FeedbackEntry:
        """Log a small win: a feedback entry of kind ``win``."""
        return self.add_feedback(
            text, "win", fields.pop("source", "self"), goal_id=goal_id, **fields
        )

    def update_feedback(
        self,
        entry_id: str,
        *,
        expected: FeedbackEntry | None = None,
        force: bool = False,
        **fields: Any,
    ) -> FeedbackEntry:
        """Change any field of a feedback entry (``expected``/``force``: see ``editable``)."""
        shown = expected or self.feedback_entry(entry_id)
        with self.change(f"edit {shown.kind} {_short(shown.text)!r}"):
            doc = self.editable("feedback", entry_id, expected, force, "feedback entry")
            entry = FeedbackEntry.from_doc(doc)
            updated = self._feedback_changes(entry, fields)
            if updated != entry or self.find("feedback", entry_id) is None:
                self.put("feedback", updated.to_doc())
        return updated

    def _feedback_changes(self, entry: FeedbackEntry, fields: dict[str, Any]) -> FeedbackEntry:
        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "text":
                changes[name] = rules.clean_body(value, what="Text", field="text")
                if not changes[name]:
                    raise ValidationError("Text cannot be empty.", "text")
            elif name == "next_step":
                changes[name] = rules.clean_body(value, what="Next step", field="next_step")
            elif name == "obstacle":
                changes[name] = rules.clean_body(value, what="Obstacle", field="obstacle")
            elif name == "kind":
                changes[name] = rules.check_choice(value, FEEDBACK_KINDS, what="Kind", field=name)
            elif name == "source":
                changes[name] = rules.check_choice(value, SOURCES, what="Source", field=name)
            elif name == "at":
                changes[name] = rules.parse_datetime(value)
            elif name == "goal_id":
                self._check_goal_ref(value)
                changes[name] = value
            elif name == "task_id":
                self._check_task_ref(value)
                changes[name] = value
            else:
                raise ValidationError(f"A feedback entry has no field {name!r}.", name)
        return replace(entry, **changes)

    def delete_feedback(self, entry_id: str) -> None:
        entry = self.feedback_entry(entry_id)
        with self.change(f"delete {entry.kind} {_short(entry.text)!r}"):
            self.remove("feedback", entry_id)

    def next_step_to_task(self, entry_id: str, column: str = "next") -> Task:
        """Turn an entry's next step into a task linked to the same goal, once.

        The entry keeps the new task's id (``step_task_id``); while that task exists, asking
        again raises :class:`AlreadyExistsError` naming it and adds nothing. The check is made
        under the lock, so two sessions pressing ``T`` at once still make one task.
        """
        shown = self.feedback_entry(entry_id)
        with self.change(f"task from {shown.kind} {_short(shown.text)!r}"):
            entry = self.feedback_entry(entry_id)  # as it is now, under the lock
            if entry.step_task_id and self.find("tasks", entry.step_task_id) is not None:
                task = self.task(entry.step_task_id)
                raise AlreadyExistsError(
                    f"This next step is a task already: {task.title}.", task.id
                )
            if not entry.next_step.strip():
                raise ValidationError(
                    "This entry has no next step to turn into a task.", "next_step"
                )
            title = entry.next_step.splitlines()[0][: rules.TITLE_MAX]
            notes = f"From {entry.kind} feedback ({entry.source}, {entry.at[:10]}): {entry.text}"
            task = self.add_task(title, entry.goal_id, column, notes=notes[: rules.TEXT_MAX])
            self.put("feedback", replace(entry, step_task_id=task.id).to_doc())
            return task

    def wins_between(self, start: date, end: date) -> int:
        """How many wins were logged from ``start`` to ``end`` inclusive."""
        low, high = start.isoformat(), (end + timedelta(days=1)).isoformat()
        return sum(
            1
            for d in self.docs("feedback").values()
            if d.get("kind") == "win" and low <= str(d.get("at", "")) < high
        )

    def wins_this_week(self, today: date | None = None) -> int:
        """Wins logged since Monday of this week."""
        today = today or date.today()
        return self.wins_between(week_start(today), today)

    # Practice --------------------------------------------------------------------------------

    def practice_session(self, session_id: str) -> PracticeSession:
        doc = self.find("practice", session_id)
        if doc is None:
            raise NotFoundError(f"There is no practice session with id {session_id!r}.")
        return PracticeSession.from_doc(doc)

    def log_practice(
        self,
        minutes: int | str,
        goal_id: str | None = None,
        *,
        on: str | None = None,
        note: str = "",
        focus: str = "",
        quality: int | str | None = None,
        difficulty: int | str | None = None,
        next_fix: str = "",
    ) -> PracticeSession:
        """Log a practice session of ``minutes`` on ``on`` (default today), with what it
        was deliberate about when given (:mod:`~masterytui.domain.deliberate`)."""
        from ..domain import deliberate  # not on the path of `add task` and `add feedback`

        session = PracticeSession(
            id="",
            date=rules.parse_date(on, field="date", past=True) or date.today().isoformat(),
            minutes=rules.check_minutes(minutes),
            goal_id=goal_id,
            note=rules.clean_body(note, what="Note", field="note"),
            focus=deliberate.clean_focus(focus),
            quality=deliberate.check_quality(quality),
            difficulty=deliberate.check_difficulty(difficulty),
            next_fix=deliberate.clean_next_fix(next_fix),
        )
        if session.date > date.today().isoformat():
            raise ValidationError("Practice cannot be logged for a day still to come.", "date")
        with self.change(f"log {session.minutes} min practice"):
            self._check_goal_ref(goal_id)
            # under the lock, on the file as it is now: two sessions cannot both fit the day
            rules.check_day_practice(
                session.date, self.practice_minutes(session.date), session.minutes
            )
            session = replace(session, id=self.new_id("practice"))
            self.put("practice", session.to_doc())
        return session

    def update_practice(
        self,
        session_id: str,
        *,
        expected: PracticeSession | None = None,
        force: bool = False,
        **fields: Any,
    ) -> PracticeSession:
        """Change a practice session (``expected``/``force``: see ``editable``)."""
        shown = expected or self.practice_session(session_id)
        with self.change(f"edit {shown.minutes} min practice"):
            doc = self.editable("practice", session_id, expected, force, "practice session")
            session = PracticeSession.from_doc(doc)
            updated = self._practice_changes(session, fields)
            if updated != session or self.find("practice", session_id) is None:
                self.put("practice", updated.to_doc())
        return updated

    def _practice_changes(
        self, session: PracticeSession, fields: dict[str, Any]
    ) -> PracticeSession:
        from ..domain import deliberate

        changes: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "minutes":
                changes[name] = rules.check_minutes(value)
            elif name == "date":
                changes[name] = rules.parse_date(value, field="date", past=True) or session.date
                if changes[name] > date.today().isoformat():
                    raise ValidationError(
                        "Practice cannot be logged for a day still to come.", "date"
                    )
            elif name == "note":
                changes[name] = rules.clean_body(value, what="Note", field="note")
            elif name == "focus":
                changes[name] = deliberate.clean_focus(value)
            elif name == "quality":
                changes[name] = deliberate.check_quality(value)
            elif name == "difficulty":
                changes[name] = deliberate.check_difficulty(value)
            elif name == "next_fix":
                changes[name] = deliberate.clean_next_fix(value)
            elif name == "goal_id":
                self._check_goal_ref(value)
                changes[name] = value
            else:
                raise ValidationError(f"A practice session has no field {name!r}.", name)
        updated = replace(session, **changes)
        if updated.date != session.date or updated.minutes > session.minutes:
            logged = self.practice_minutes(updated.date, excluding=session.id)
            rules.check_day_practice(updated.date, logged, updated.minutes)
        return updated

    def delete_practice(self, session_id: str) -> None:
        session = self.practice_session(session_id)
        with self.change(f"delete {session.minutes} min practice on {session.date}"):
            self.remove("practice", session_id)


def _short(text: str, width: int = 40) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[: width - 1] + "…"
