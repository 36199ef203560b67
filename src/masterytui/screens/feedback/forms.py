"""The Feedback screen's forms: an entry with every field, a practice session, the filters,
and the weekly review's one adjustment."""

from __future__ import annotations

from datetime import date, datetime

from ...dialogs import checks
from ...dialogs.form import FORCE, Check, Field, FormDialog
from ...domain.errors import ValidationError
from ...domain.model import FEEDBACK_KINDS, SOURCES, FeedbackEntry, PracticeSession, Snapshot
from ...domain.words import period_label
from ...store import MasteryStore
from ...views.feedback import Filters
from ...views.review import ADJUSTMENT_KIND, adjustment_text
from ...widgets.glyphs import glyph
from ..capture import goal_field, goal_options
from ..practice_form import PracticeForm, deliberate_fields, deliberate_values

KIND_HELP = "win, lesson, improve (to do better), setback, note"


def kind_options() -> list[tuple[str, str]]:
    return [(f"{glyph(kind)} {kind}", kind) for kind in FEEDBACK_KINDS]


def source_options() -> list[tuple[str, str]]:
    return [(source, source) for source in SOURCES]


def task_options(snapshot: Snapshot) -> list[tuple[str, str]]:
    """Every task, open ones first, for linking an entry to the task it is about."""
    order = {"doing": 0, "next": 1, "backlog": 2, "done": 3}
    tasks = sorted(snapshot.tasks, key=lambda t: (order.get(t.column, 4), t.title.lower()))
    return [
        (f"{glyph('done') if t.column == 'done' else glyph('task')} {t.title}", t.id) for t in tasks
    ]


def _text_field(
    name: str, label: str, value: str, placeholder: str = "", check: Check | None = None
) -> Field:
    """A one-line input, or a multi-line area when the value already spans lines."""
    kind = "text" if "\n" in value else "input"
    return Field(name, label, kind=kind, value=value, placeholder=placeholder, check=check)


def _stamp(at: str) -> str:
    """An entry's time as a person would type it (``2026-11-23 19:00``)."""
    try:
        return datetime.fromisoformat(at).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


def entry_dialog(
    store: MasteryStore,
    entry: FeedbackEntry | None = None,
    *,
    goal_id: str | None = None,
    kind: str = "note",
) -> FormDialog[FeedbackEntry]:
    """New feedback entry (``entry`` None) or an edit of ``entry``, with every field."""
    snapshot = store.snapshot()
    shown_at = _stamp(entry.at) if entry else ""
    goal = entry.goal_id if entry else goal_id
    task = entry.task_id if entry else None

    def save(values: dict[str, str]) -> FeedbackEntry:
        goal_value = values["goal_id"] or None
        task_value = values["task_id"] or None
        if task_value and not goal_value:  # an entry about a task belongs to its goal too
            linked = next((t for t in snapshot.tasks if t.id == task_value), None)
            goal_value = linked.goal_id if linked else None
        if entry is None:
            return store.add_feedback(
                values["text"],
                values["kind"] or "note",
                values["source"] or "self",
                next_step=values["next_step"],
                goal_id=goal_value,
                task_id=task_value,
                at=values["at"] or None,
                obstacle=values["obstacle"],
            )
        fields: dict[str, str | None] = {
            "text": values["text"],
            "kind": values["kind"] or "note",
            "source": values["source"] or "self",
            "next_step": values["next_step"],
            "goal_id": goal_value,
            "task_id": task_value,
            "obstacle": values["obstacle"],
        }
        if values["at"].strip() != shown_at:
            fields["at"] = values["at"]
        return store.update_feedback(entry.id, expected=entry, force=FORCE in values, **fields)

    return FormDialog(
        "Edit feedback" if entry else "New feedback",
        [
            _text_field(
                "text",
                "What happened, what did you hear?",
                entry.text if entry else "",
                "one line is enough",
                checks.required("Text cannot be empty.", "Text", "text"),
            ),
            Field(
                "kind",
                f"Kind ({KIND_HELP})",
                kind="select",
                value=entry.kind if entry else kind,
                options=kind_options(),
                blank=None,
            ),
            Field(
                "source",
                "Source",
                kind="select",
                value=entry.source if entry else "self",
                options=source_options(),
                blank=None,
            ),
            goal_field(snapshot, goal),
            Field(
                "task_id",
                "Task it is about",
                kind="select",
                value=task or "",
                options=task_options(snapshot),
            ),
            Field(
                "at",
                "When",
                value=shown_at,
                placeholder="now; or 2026-11-20, yesterday, -2d, 2026-11-20 18:30",
                check=checks.moment,
            ),
            _text_field(
                "next_step",
                "What can I learn? What will I do next time?",
                entry.next_step if entry else "",
                "optional: T turns it into a task on the Board",
                checks.body("Next step", "next_step"),
            ),
            _text_field(
                "obstacle",
                "Obstacle it met (a setback: the one you planned for, or another)",
                entry.obstacle if entry else "",
                "optional",
                checks.body("Obstacle", "obstacle"),
            ),
        ],
        save,
    )


def practice_edit_dialog(
    store: MasteryStore, session: PracticeSession
) -> FormDialog[PracticeSession]:
    """Edit a practice session: minutes, goal, focus, quality, difficulty, next fix, note, day."""
    snapshot = store.snapshot()

    def save(values: dict[str, str]) -> PracticeSession:
        return store.update_practice(
            session.id,
            expected=session,
            force=FORCE in values,
            minutes=values["minutes"],
            goal_id=values["goal_id"] or None,
            date=values["date"] or session.date,
            note=values["note"],
            **deliberate_values(values, form.known_focuses()),
        )

    form = PracticeForm(
        "Edit practice",
        [
            Field(
                "minutes",
                "Minutes",
                value=str(session.minutes),
                placeholder="e.g. 25",
                check=checks.minutes,
            ),
            goal_field(snapshot, session.goal_id),
            *deliberate_fields(session),
            _text_field(
                "note",
                "Note",
                session.note,
                "anything else worth keeping",
                checks.body("Note", "note"),
            ),
            Field(
                "date",
                "Day",
                value=session.date,
                placeholder="today, yesterday, -2d, YYYY-MM-DD",
                check=checks.day,
            ),
        ],
        save,
        snapshot.practice,
        editing=session,
    )
    return form


def filter_dialog(snapshot: Snapshot, current: Filters) -> FormDialog[Filters]:
    """All four filters at once; empty fields do not filter."""

    def save(values: dict[str, str]) -> Filters:
        return Filters(
            goal_id=values["goal_id"] or None,
            kind=values["kind"] or None,
            source=values["source"] or None,
            text=values["text"].strip(),
        )

    return FormDialog(
        "Filter the log",
        [
            Field(
                "goal_id",
                "Goal (with everything under it)",
                kind="select",
                value=current.goal_id or "",
                options=goal_options(snapshot, include=current.goal_id, open_only=False),
                blank="(all)",
            ),
            Field(
                "kind",
                "Kind",
                kind="select",
                value=current.kind or "",
                options=kind_options(),
                blank="(all)",
            ),
            Field(
                "source",
                "Source",
                kind="select",
                value=current.source or "",
                options=source_options(),
                blank="(all)",
            ),
            Field(
                "text",
                "Text (in the entry or its next step)",
                value=current.text,
                placeholder="any words",
            ),
        ],
        save,
        save_label="Filter",
        hint="enter filter · esc cancel",
    )


def adjustment_dialog(
    store: MasteryStore, start: date, end: date, goal_id: str | None = None
) -> FormDialog[FeedbackEntry]:
    """The review's prompt: one adjustment for next week, logged as an ``improve`` entry."""
    snapshot = store.snapshot()
    week = "this week" if end >= date.today() else period_label(start, end)

    def save(values: dict[str, str]) -> FeedbackEntry:
        step = values["next_step"].strip()
        if not step:
            raise ValidationError("Write the one adjustment you will make.", "next_step")
        return store.add_feedback(
            adjustment_text(start, end),
            ADJUSTMENT_KIND,
            "self",
            next_step=step,
            goal_id=values["goal_id"] or None,
        )

    return FormDialog(
        "One adjustment for next week",
        [
            Field(
                "next_step",
                f"Looking at {week}: what one change to the process will help most?",
                placeholder="e.g. practise right after lunch, before email",
                check=checks.required(
                    "Write the one adjustment you will make.", "Next step", "next_step"
                ),
            ),
            goal_field(snapshot, goal_id, "Goal it serves"),
        ],
        save,
    )
