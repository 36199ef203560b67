"""Changes to goals: add, edit, status, order, reparent, proficiency, delete."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import rules
from ..domain.errors import ValidationError
from ..domain.figures import children_map, subtree_ids
from ..domain.model import (
    GOAL_KINDS,
    GOAL_STATUSES,
    RWA,
    Goal,
    Measure,
    PracticePlan,
    ProficiencyRating,
)
from ..domain.record import replace
from ..domain.schedule import make_plan
from .base import StoreBase

_UNSET: Any = object()


class GoalOps(StoreBase):
    """Goal changes, each one atomic and undoable."""

    def _goals(self) -> list[Goal]:
        return [Goal.from_doc(d) for d in self.docs("goals").values()]

    def _siblings(self, parent_id: str | None, goals: list[Goal] | None = None) -> list[Goal]:
        pool = goals if goals is not None else self._goals()
        return sorted(
            (g for g in pool if g.parent_id == parent_id),
            key=lambda g: (g.position, g.created_at, g.id),
        )

    def _renumber(self, ordered: list[Goal]) -> None:
        for index, goal in enumerate(ordered):
            if goal.position != index:
                self.put("goals", replace(goal, position=index).to_doc())

    def _check_parent(self, parent_id: str | None) -> None:
        if parent_id is not None and self.find("goals", parent_id) is None:
            raise ValidationError(f"There is no goal with id {parent_id!r}.", "parent")

    def add_goal(
        self,
        title: str,
        kind: str = "mastery",
        parent_id: str | None = None,
        *,
        after_id: str | None = None,
        **fields: Any,
    ) -> Goal:
        """Add a goal under ``parent_id`` (at the end, or right after ``after_id``)."""
        title = rules.clean_title(title)
        kind = rules.check_choice(kind, GOAL_KINDS, what="Kind", field="kind")
        with self.change(f"add goal {title!r}"):
            self._check_parent(parent_id)
            now = rules.now_iso()
            goal = Goal(
                id=self.new_id("goals"),
                title=title,
                kind=kind,
                parent_id=parent_id,
                created_at=now,
                updated_at=now,
            )
            goal = _apply_fields(goal, fields)
            siblings = self._siblings(parent_id)
            index = len(siblings)
            if after_id is not None:
                index = next((i + 1 for i, g in enumerate(siblings) if g.id == after_id), index)
            siblings.insert(index, goal)
            self.put("goals", goal.to_doc())
            self._renumber(siblings)
        return self.goal(goal.id)

    def update_goal(
        self, goal_id: str, *, expected: Goal | None = None, force: bool = False, **fields: Any
    ) -> Goal:
        """Change any of a goal's fields (title, kind, status, why, commitment, measure, ...).

        With ``expected`` (the goal as the user's form saw it) a change made meanwhile by
        another session raises ConflictError instead of being overwritten; see ``editable``.
        """
        title = (expected or self.goal(goal_id)).title
        label = f"edit goal {title!r}"
        if set(fields) == {"status"}:  # what undo says it undid names the change itself
            label = f"set {title!r} to {str(fields['status']).strip().lower()}"
        with self.change(label):
            doc = self.editable("goals", goal_id, expected, force, "goal")
            goal = Goal.from_doc(doc)
            if goal.parent_id is not None and self.find("goals", goal.parent_id) is None:
                goal = replace(goal, parent_id=None)  # brought back after its parent went
            updated = _apply_fields(goal, fields)
            if updated != goal or self.find("goals", goal_id) is None:
                self.put("goals", replace(updated, updated_at=rules.now_iso()).to_doc())
        return self.goal(goal_id)

    def set_goal_status(self, goal_id: str, status: str) -> Goal:
        return self.update_goal(goal_id, status=status)

    def move_goal(self, goal_id: str, delta: int) -> bool:
        """Move a goal ``delta`` places among its siblings; False if it is already at the end."""
        goal = self.goal(goal_id)
        with self.change(f"move goal {goal.title!r}"):
            siblings = self._siblings(goal.parent_id)
            index = next(i for i, g in enumerate(siblings) if g.id == goal_id)
            target = index + delta
            if not 0 <= target < len(siblings):
                return False
            siblings.insert(target, siblings.pop(index))
            self._renumber(siblings)
        return True

    def reparent_goal(
        self, goal_id: str, new_parent_id: str | None, index: int | None = None
    ) -> Goal:
        """Move a goal under another (at ``index`` among its new siblings, default last).

        Refused when the new parent is the goal itself or one of its sub-goals.
        """
        goal = self.goal(goal_id)
        with self.change(f"move goal {goal.title!r}"):
            goals = self._goals()
            self._check_parent(new_parent_id)
            rules.check_new_parent(goal_id, new_parent_id, {g.id: g.parent_id for g in goals})
            old = [g for g in self._siblings(goal.parent_id, goals) if g.id != goal_id]
            new = [g for g in self._siblings(new_parent_id, goals) if g.id != goal_id]
            # position -1 makes _renumber always write the moved goal's final position
            moved = replace(goal, parent_id=new_parent_id, position=-1, updated_at=rules.now_iso())
            new.insert(len(new) if index is None else max(0, min(index, len(new))), moved)
            self.put("goals", moved.to_doc())
            self._renumber(new)
            if goal.parent_id != new_parent_id:
                self._renumber(old)
        return self.goal(goal_id)

    def indent_goal(self, goal_id: str) -> Goal:
        """Make a goal the last child of the sibling above it."""
        goal = self.goal(goal_id)
        siblings = self._siblings(goal.parent_id)
        index = next(i for i, g in enumerate(siblings) if g.id == goal_id)
        if index == 0:
            raise ValidationError("There is no goal above this one to move it under.", "parent")
        return self.reparent_goal(goal_id, siblings[index - 1].id)

    def outdent_goal(self, goal_id: str) -> Goal:
        """Make a goal the sibling right after its parent."""
        goal = self.goal(goal_id)
        if goal.parent_id is None:
            raise ValidationError("This goal is already at the top level.", "parent")
        parent = self.goal(goal.parent_id)
        siblings = self._siblings(parent.parent_id)
        index = next(i for i, g in enumerate(siblings) if g.id == parent.id)
        return self.reparent_goal(goal_id, parent.parent_id, index + 1)

    def log_proficiency(self, goal_id: str, level: int | str, on: str | None = None) -> Goal:
        """Add a proficiency self-rating (1-10); a second rating the same day replaces it."""
        level = rules.check_level(level)
        day = rules.parse_date(on, field="date", past=True) or date.today().isoformat()
        goal = self.goal(goal_id)
        ratings = [p for p in goal.proficiency if p.date != day]
        ratings.append(ProficiencyRating(day, level))
        ratings.sort(key=lambda p: p.date)
        with self.change(f"rate {goal.title!r}"):
            self.put(
                "goals",
                replace(goal, proficiency=tuple(ratings), updated_at=rules.now_iso()).to_doc(),
            )
        return self.goal(goal_id)

    def goal_delete_impact(self, goal_id: str) -> dict[str, int]:
        """What hangs off a goal's subtree, for the delete confirmation to state."""
        goals = self._goals()
        ids = subtree_ids(goal_id, children_map(goals))
        return {
            "goals": len(ids) - 1,
            "tasks": sum(d.get("goal_id") in ids for d in self.docs("tasks").values()),
            "feedback": sum(d.get("goal_id") in ids for d in self.docs("feedback").values()),
            "practice": sum(d.get("goal_id") in ids for d in self.docs("practice").values()),
        }

    def delete_goal(self, goal_id: str, *, with_items: bool = False) -> None:
        """Delete a goal.

        Without ``with_items`` its sub-goals, tasks, feedback and practice move up to its
        parent (or become unlinked at the top level); with it, the whole subtree and all that
        is linked to it goes. Either way :meth:`undo` brings everything back.
        """
        goal = self.goal(goal_id)
        with self.change(f"delete goal {goal.title!r}"):
            goals = self._goals()
            doomed = subtree_ids(goal_id, children_map(goals)) if with_items else {goal_id}
            parent = goal.parent_id
            if not with_items:
                siblings = self._siblings(parent, goals)
                index = next(i for i, g in enumerate(siblings) if g.id == goal_id)
                children = self._siblings(goal_id, goals)
                merged = siblings[:index] + children + siblings[index + 1 :]
                for child in children:
                    self.put("goals", replace(child, parent_id=parent).to_doc())
                self._renumber([replace(g, parent_id=parent) for g in merged])
            doomed_tasks: set[str] = set()
            for table in ("tasks", "feedback", "practice"):
                for doc in list(self.docs(table).values()):
                    if doc.get("goal_id") not in doomed:
                        continue
                    if with_items:
                        if table == "tasks":
                            doomed_tasks.add(doc["id"])
                        self.remove(table, doc["id"])
                    else:
                        self.put(table, {**doc, "goal_id": parent})
            for doc in list(self.docs("feedback").values()):
                if doc.get("task_id") in doomed_tasks:
                    self.put("feedback", {**doc, "task_id": None})
            for doomed_id in doomed:
                self.remove("goals", doomed_id)


def _apply_fields(goal: Goal, fields: dict[str, Any]) -> Goal:
    """A copy of ``goal`` with ``fields`` validated and applied (unknown fields refused)."""
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            changes[name] = rules.clean_title(value)
        elif name == "kind":
            changes[name] = rules.check_choice(value, GOAL_KINDS, what="Kind", field="kind")
        elif name == "status":
            changes[name] = rules.check_choice(value, GOAL_STATUSES, what="Status", field="status")
        elif name in ("why", "commitment", "outcome", "obstacle"):
            changes[name] = rules.clean_body(value, what=name.capitalize(), field=name)
        elif name == "cue":
            changes[name] = rules.clean_body(value, what="When (the cue)", field=name)
        elif name == "measure":
            changes[name] = _check_measure(value)
        elif name == "rwa":
            changes[name] = _check_rwa(value)
        elif name == "practice_plan":
            changes[name] = _check_plan(value)
        else:
            raise ValidationError(f"A goal has no field {name!r}.", name)
    return replace(goal, **changes)


def _check_measure(measure: Measure | None) -> Measure | None:
    if measure is None:
        return None
    for what, value in (("Target", measure.target), ("Current", measure.current)):
        rules.parse_number(value, what=what, field=what.lower(), allow_empty=False)
    if measure.start is not None:
        rules.parse_number(measure.start, what="Start", field="start")
    return replace(
        measure,
        unit=rules.clean_title(measure.unit, what="Unit", field="unit") if measure.unit else "",
        deadline=rules.parse_date(measure.deadline, field="deadline"),
    )


def _check_rwa(rwa: RWA | None) -> RWA | None:
    if rwa is None:
        return None
    for what, value in (("Ready", rwa.ready), ("Willing", rwa.willing), ("Able", rwa.able)):
        if rules.check_rwa_score(value, what) is None:
            raise ValidationError(f"{what} is required for the check.", what.lower())
    return rwa


def _check_plan(plan: PracticePlan | None) -> PracticePlan | None:
    if plan is None:
        return None
    if plan.minutes_per_day is not None:
        rules.parse_int(
            plan.minutes_per_day, what="Minutes a day", field="plan", minimum=1, maximum=1440
        )
        return PracticePlan(minutes_per_day=plan.minutes_per_day, days=_check_days(plan.days))
    if plan.sessions_per_week is not None:
        rules.parse_int(
            plan.sessions_per_week, what="Sessions a week", field="plan", minimum=1, maximum=50
        )
        days = _check_days(plan.days)
        return make_plan(None, plan.sessions_per_week, days, field="plan")
    return None


def _check_days(days: tuple[int, ...]) -> tuple[int, ...]:
    """Practice days: weekday numbers, each once, in week order (all seven: every day)."""
    if any(type(d) is not int or not 0 <= d <= 6 for d in days) or list(days) != sorted(set(days)):
        raise ValidationError("Practice days must be weekdays, each named once.", "days")
    return () if len(days) == 7 else tuple(days)
