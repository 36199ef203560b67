"""Quick capture (``t`` ``f`` ``w`` ``p``): the forms and what saving them does."""

from __future__ import annotations

from datetime import date

from ..dialogs import checks
from ..dialogs.form import Field, FormDialog
from ..domain.errors import ValidationError
from ..domain.figures import children_map
from ..domain.model import (
    COLUMN_TITLES,
    FEEDBACK_KINDS,
    SOURCES,
    FeedbackEntry,
    PracticeSession,
    Snapshot,
    Task,
)
from ..store import MasteryStore
from ..widgets.glyphs import glyph
from .practice_form import PracticeForm, deliberate_fields, deliberate_values


def goal_options(
    snapshot: Snapshot, *, include: str | None = None, open_only: bool = True
) -> list[tuple[str, str]]:
    """(label, id) for every goal in tree order, indented by depth, for a goal picker."""
    children = children_map(snapshot.goals)
    options: list[tuple[str, str]] = []

    def walk(parent: str | None, depth: int) -> None:
        for goal in children.get(parent, ()):
            if not open_only or goal.is_open or goal.id == include:
                options.append((f"{'  ' * depth}{glyph(goal.kind)} {goal.title}", goal.id))
            walk(goal.id, depth + 1)

    walk(None, 0)
    return options


def goal_field(snapshot: Snapshot, goal_id: str | None, label: str = "Goal") -> Field:
    """The goal picker field of a form: open goals in tree order, ``goal_id`` selected."""
    return Field(
        "goal_id",
        label,
        kind="select",
        value=goal_id or "",
        options=goal_options(snapshot, include=goal_id),
    )


def _or_none(value: str) -> str | None:
    return value or None


def task_dialog(
    store: MasteryStore, goal_id: str | None, column: str = "backlog", *, repeat: bool = False
) -> FormDialog[Task]:
    """New task: only the title is required; the goal defaults to the one in context.
    ``repeat``: with the Repeat and Repeat from fields (the Board's new card)."""
    snapshot = store.snapshot()

    def save(values: dict[str, str]) -> Task:
        return store.add_task(
            values["title"],
            _or_none(values["goal_id"]),
            values["column"] or "backlog",
            due=values["due"],
            priority=values["priority"],
            every=values.get("every") or None,
            recur_from=values.get("recur_from") or None,
        )

    repeats = repeat_fields(None, None) if repeat else []
    return FormDialog(
        "New task",
        [
            Field("title", "Title", placeholder="a small, concrete step", check=checks.title),
            goal_field(snapshot, goal_id),
            Field("column", "Column", kind="select", value=column, options=_columns(), blank=None),
            Field(
                "due",
                "Due",
                placeholder="YYYY-MM-DD, today, tomorrow, +3d, friday",
                check=checks.due,
                live=True,
            ),
            Field("priority", "Priority", kind="select", options=_priorities()),
            *repeats,
        ],
        save,
    )


REPEAT_FROM_OPTIONS = [("the due date", "due"), ("the day it is done", "done")]


def repeat_fields(every: str | None, start: str | None) -> list[Field]:
    """The Repeat and Repeat from fields of a card's form."""
    return [
        Field(
            "every",
            "Repeat",
            value=every or "",
            placeholder="1d, 2w, 1m, weekly, mon,thu; empty: does not repeat",
            check=checks.every,
            live=True,
        ),
        Field(
            "recur_from",
            "Repeat from",
            kind="select",
            value=start or "due",
            options=REPEAT_FROM_OPTIONS,
            blank=None,
        ),
    ]


def _columns() -> list[tuple[str, str]]:
    return [(title, key) for key, title in COLUMN_TITLES.items()]


def _priorities() -> list[tuple[str, str]]:
    return [("High", "H"), ("Medium", "M"), ("Low", "L")]


def feedback_dialog(
    store: MasteryStore, goal_id: str | None, kind: str = "note"
) -> FormDialog[FeedbackEntry]:
    """New feedback entry (or a win, with ``kind='win'``): only the text is required."""
    snapshot = store.snapshot()
    is_win = kind == "win"

    def save(values: dict[str, str]) -> FeedbackEntry:
        return store.add_feedback(
            values["text"],
            values.get("kind") or kind,
            values.get("source") or "self",
            next_step=values.get("next_step", ""),
            goal_id=_or_none(values["goal_id"]),
        )

    fields = [
        Field(
            "text",
            "What went well?" if is_win else "What happened, what did you hear?",
            placeholder="one line is enough",
            check=checks.required("Text cannot be empty.", "Text", "text"),
        ),
        goal_field(snapshot, goal_id),
    ]
    if not is_win:
        fields += [
            Field(
                "kind",
                "Kind",
                kind="select",
                value=kind,
                options=[(k, k) for k in FEEDBACK_KINDS],
                blank=None,
            ),
            Field(
                "source",
                "Source",
                kind="select",
                value="self",
                options=[(s, s) for s in SOURCES],
                blank=None,
            ),
            Field(
                "next_step",
                "What can I learn? What will I do next time?",
                placeholder="optional: becomes a task with one key on the Feedback screen",
                check=checks.body("Next step", "next_step"),
            ),
        ]
    return FormDialog("Log a win" if is_win else "New feedback", fields, save)


LEARN_QUESTION = "What can I learn? What can I do better next time?"


def setback_dialog(store: MasteryStore, entry: FeedbackEntry) -> FormDialog[FeedbackEntry]:
    """After a setback: ask what can be learned, and keep the answer as its next step."""

    goal = next((g for g in store.snapshot().goals if g.id == entry.goal_id), None)

    def save(values: dict[str, str]) -> FeedbackEntry:
        step = values["next_step"].strip()
        if not step:
            raise ValidationError(
                "Write one thing to try next time, or press escape to skip.", "next_step"
            )
        return store.update_feedback(entry.id, next_step=step, obstacle=values["obstacle"])

    if goal is not None and goal.obstacle:  # the one its plan named: one key to say so
        obstacle = Field(
            "obstacle",
            "Was it the obstacle you planned for? (space to choose)",
            kind="select",
            options=[(f"yes: {goal.obstacle}", goal.obstacle)],
        )
    else:
        obstacle = Field(
            "obstacle",
            "The obstacle it met (optional)",
            placeholder="what got in the way: a habit, a feeling, a circumstance",
            check=checks.body("Obstacle", "obstacle"),
        )
    return FormDialog(
        "Setbacks are how skill grows",
        [
            Field(
                "next_step",
                LEARN_QUESTION,
                placeholder="one thing to try next time",
                check=checks.required(
                    "Write one thing to try next time, or press escape to skip.",
                    "Next step",
                    "next_step",
                ),
            ),
            obstacle,
        ],
        save,
        hint="enter save · esc skip",
        cancel_label="Skip",
    )


def practice_dialog(
    store: MasteryStore, goal_id: str | None, minutes: int | None = None
) -> FormDialog[PracticeSession]:
    """Log practice: minutes (required: ``p 25 enter`` logs them; ``minutes`` filled in), then
    the goal, what made it deliberate (focus, quality, difficulty, next fix), a note and the
    day (default today)."""
    snapshot = store.snapshot()
    if goal_id is None:
        goal_id = _default_practice_goal(snapshot)

    def save(values: dict[str, str]) -> PracticeSession:
        return store.log_practice(
            values["minutes"],
            _or_none(values["goal_id"]),
            on=values["date"] or None,
            note=values["note"],
            **deliberate_values(values, form.known_focuses()),
        )

    form = PracticeForm(
        "Log practice",
        [
            Field(
                "minutes",
                "Minutes",
                value=str(minutes) if minutes else "",
                placeholder="e.g. 25",
                check=checks.minutes,
            ),
            goal_field(snapshot, goal_id),
            *deliberate_fields(),
            Field(
                "note",
                "Note",
                placeholder="anything else worth keeping",
                check=checks.body("Note", "note"),
            ),
            Field(
                "date",
                "Day",
                value=date.today().isoformat(),
                placeholder="today, yesterday, -2d",
                check=checks.day,
            ),
        ],
        save,
        snapshot.practice,
    )
    return form


def _default_practice_goal(snapshot: Snapshot) -> str | None:
    """The mastery goal practised most recently: the usual one to log again."""
    mastery = {g.id for g in snapshot.goals if g.kind == "mastery" and g.is_open}
    latest = max(
        (s for s in snapshot.practice if s.goal_id in mastery),
        key=lambda s: s.date,
        default=None,
    )
    return latest.goal_id if latest else None
