"""The goal forms: add, edit every field, rate proficiency. Errors land beside their field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from ...dialogs import checks
from ...dialogs.form import FORCE, Field, FormDialog
from ...domain import rules
from ...domain.errors import ValidationError
from ...domain.model import GOAL_STATUSES, RWA, Goal, Measure
from ...domain.schedule import describe_days, make_plan, parse_days
from ...domain.text import plain_number
from ...store import MasteryStore
from ...widgets.glyphs import glyph

_R = TypeVar("_R")


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return plain_number(value)


def goal_dialog(
    store: MasteryStore,
    goal: Goal | None = None,
    *,
    parent_id: str | None = None,
    after_id: str | None = None,
    kind: str = "mastery",
) -> FormDialog[Goal]:
    """Add a goal (under ``parent_id``) or edit ``goal``: every field, validated inline."""
    m = goal.measure if goal else None
    r = goal.rwa if goal else None
    plan = goal.practice_plan if goal else None
    fields = [
        Field(
            "title",
            "Title",
            value=goal.title if goal else "",
            placeholder="what you want, in a few words",
        ),
        Field(
            "kind",
            "Kind",
            kind="select",
            value=goal.kind if goal else kind,
            options=[
                ("area of focus", "area"),
                ("performance (an outcome)", "performance"),
                ("mastery (a skill)", "mastery"),
            ],
            blank=None,
        ),
        Field(
            "status",
            "Status",
            kind="select",
            value=goal.status if goal else "active",
            options=[(s, s) for s in GOAL_STATUSES],
            blank=None,
        ),
        Field("why", "Why (purpose, what drives you)", value=goal.why if goal else ""),
        Field(
            "cue",
            "When (a cue: a time, a place, an event; makes it an if-then plan)",
            value=goal.cue if goal else "",
            placeholder="optional: I get home from work",
            check=checks.body("When (the cue)", "cue"),
        ),
        Field(
            "commitment",
            f"I'm going to{glyph('more')}",
            value=goal.commitment if goal else "",
            placeholder="a sentence you own: I'm going to practise 20 minutes a day",
        ),
        Field(
            "outcome",
            "Outcome (WOOP: the best result)",
            value=goal.outcome if goal else "",
            placeholder="optional; W asks step by step",
            check=checks.body("Outcome", "outcome"),
        ),
        Field(
            "obstacle",
            "Obstacle (WOOP: what inside me may stop me)",
            value=goal.obstacle if goal else "",
            placeholder="optional: I feel too tired after work",
            check=checks.body("Obstacle", "obstacle"),
        ),
        Field(
            "target", "Measure: target", value=_num(m.target) if m else "", placeholder="e.g. 200"
        ),
        Field("unit", "Measure: unit", value=m.unit if m else "", placeholder="lb, min, $, pages"),
        Field(
            "current",
            "Measure: current",
            value=_num(m.current) if m else "",
            placeholder="where you are now",
        ),
        Field(
            "start",
            "Measure: start (baseline)",
            value=_num(m.start) if m else "",
            placeholder="optional; lets lower-is-better goals show progress",
        ),
        Field(
            "deadline",
            "Measure: deadline",
            value=(m.deadline or "") if m else "",
            placeholder="YYYY-MM-DD, +12w",
        ),
        Field("ready", "Ready (1-5)", value=str(r.ready) if r else ""),
        Field("willing", "Willing (1-5)", value=str(r.willing) if r else ""),
        Field("able", "Able (1-5)", value=str(r.able) if r else ""),
        Field(
            "minutes_per_day",
            "Practice plan: minutes a day",
            value=str(plan.minutes_per_day or "") if plan else "",
        ),
        Field(
            "sessions_per_week",
            "Practice plan: sessions a week",
            value=str(plan.sessions_per_week or "") if plan and not plan.days else "",
            placeholder="on any days (or name the days below)",
        ),
        Field(
            "days",
            "Practice plan: days",
            value=describe_days(plan) if plan and plan.days else "",
            placeholder="mon,wed,fri or weekdays (empty: any day)",
        ),
    ]

    def save(values: dict[str, str]) -> Goal:
        changes = parse_goal_form(values)
        if goal is None:
            title = str(changes.pop("title"))
            kind_value = str(changes.pop("kind"))
            return store.add_goal(title, kind_value, parent_id, after_id=after_id, **changes)
        return store.update_goal(goal.id, expected=goal, force=FORCE in values, **changes)

    title = f"Edit goal: {goal.title}" if goal else "New goal"
    return FormDialog(
        title,
        fields,
        save,
        hint="enter save · esc cancel · only the title is needed",
        validate=goal_form_errors,
    )


def parse_goal_form(values: dict[str, str]) -> dict[str, object]:
    """Turn the form's strings into goal fields; a ValidationError names the bad field."""
    fields, errors = _read_goal_form(values)
    if errors:
        raise errors[0]
    return fields


def goal_form_errors(values: dict[str, str]) -> list[ValidationError]:
    """Every problem of the goal form at once, each naming its field."""
    return _read_goal_form(values)[1]


def _read_goal_form(values: dict[str, str]) -> tuple[dict[str, object], list[ValidationError]]:
    errors: list[ValidationError] = []

    def attempt(rule: Callable[..., _R], *args: object, **kwargs: object) -> _R | None:
        try:
            return rule(*args, **kwargs)
        except ValidationError as exc:
            errors.append(exc)
            return None

    fields: dict[str, object] = {
        "title": attempt(rules.clean_title, values["title"]),
        "kind": values["kind"] or "mastery",
        "status": values["status"] or "active",
        "why": values["why"],
        "commitment": values["commitment"],
        "cue": values["cue"],
        "outcome": values["outcome"],
        "obstacle": values["obstacle"],
    }
    target = attempt(rules.parse_number, values["target"], what="Target", field="target")
    current = attempt(rules.parse_number, values["current"], what="Current", field="current")
    start = attempt(rules.parse_number, values["start"], what="Start", field="start")
    deadline = attempt(rules.parse_date, values["deadline"], field="deadline")
    unit = values["unit"].strip()
    measured = any(values[n].strip() for n in ("current", "start", "deadline", "unit"))
    if not values["target"].strip():
        if measured:
            errors.append(ValidationError("A measure needs a target.", "target"))
        fields["measure"] = None
    elif target is not None:
        if start is not None and start == target:
            errors.append(ValidationError("The start and the target cannot be the same.", "start"))
        fields["measure"] = Measure(
            target=target, unit=unit, current=current or 0.0, deadline=deadline, start=start
        )
    scores = {
        name: attempt(rules.check_rwa_score, values[name], name.capitalize())
        for name in ("ready", "willing", "able")
    }
    given = [name for name in scores if values[name].strip()]
    if given and len(given) < 3:
        missing = next(n for n in scores if n not in given)
        errors.append(
            ValidationError("Give all three scores (ready, willing, able), or none.", missing)
        )
    fields["rwa"] = RWA(**scores) if given and not errors else None  # type: ignore[arg-type]
    minutes = attempt(
        rules.parse_int,
        values["minutes_per_day"],
        what="Minutes a day",
        field="minutes_per_day",
        minimum=1,
        maximum=1440,
    )
    sessions = attempt(
        rules.parse_int,
        values["sessions_per_week"],
        what="Sessions a week",
        field="sessions_per_week",
        minimum=1,
        maximum=50,
    )
    if values["minutes_per_day"].strip() and values["sessions_per_week"].strip():
        errors.append(
            ValidationError("Plan minutes a day or sessions a week, not both.", "sessions_per_week")
        )
    days = attempt(parse_days, values.get("days", ""))
    fields["practice_plan"] = attempt(
        make_plan, minutes, None if minutes else sessions, days or (), field="days"
    )
    return fields, errors


def move_dialog(store: MasteryStore, goal: Goal) -> FormDialog[Goal]:
    """Move ``goal`` under any other goal (or to the top level); cycles are refused inline."""
    from ..capture import goal_options

    options = [("(top level)", "")] + [
        (label, goal_id)
        for label, goal_id in goal_options(store.snapshot(), open_only=False)
        if goal_id != goal.id
    ]

    def save(values: dict[str, str]) -> Goal:
        return store.reparent_goal(goal.id, values["parent"] or None)

    return FormDialog(
        f"Move under another goal: {goal.title}",
        [Field("parent", "New parent", kind="select", value=goal.parent_id or "", options=options)],
        save,
        save_label="Move",
    )


def rating_dialog(store: MasteryStore, goal: Goal) -> FormDialog[Goal]:
    """Log a proficiency self-rating (1-10) for ``goal``."""
    latest = max(goal.proficiency, key=lambda p: p.date, default=None)

    def save(values: dict[str, str]) -> Goal:
        return store.log_proficiency(goal.id, values["level"], values["date"] or None)

    return FormDialog(
        f"How good are you now at: {goal.title}",
        [
            Field(
                "level",
                "Proficiency (1-10)",
                placeholder=f"last time: {latest.level} on {latest.date}"
                if latest
                else "1 novice, 10 expert",
                check=checks.level,
            ),
            Field("date", "Day", value=date.today().isoformat(), check=checks.day),
        ],
        save,
    )
