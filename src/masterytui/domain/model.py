"""The things a person keeps in masterytui, as plain dataclasses (DESIGN §2).

Each has ``to_doc`` (the JSON document stored in TinyDB) and ``from_doc``. ``from_doc`` is
lenient about missing optional fields so that older or hand-edited files still open; the
rules for new input live in :mod:`masterytui.domain.rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Final

GOAL_KINDS: Final = ("area", "performance", "mastery")
GOAL_STATUSES: Final = ("active", "paused", "achieved", "dropped")
COLUMNS: Final = ("backlog", "next", "doing", "done")
FEEDBACK_KINDS: Final = ("win", "lesson", "improve", "setback", "note")
SOURCES: Final = ("self", "mentor", "coach", "peer", "expert", "other")
PRIORITIES: Final = ("H", "M", "L")

COLUMN_TITLES: Final = {"backlog": "Backlog", "next": "Next", "doing": "Doing", "done": "Done"}
PRIORITY_NAMES: Final = {"H": "high", "M": "medium", "L": "low"}

Doc = dict[str, Any]


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _opt_num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@dataclass(frozen=True, slots=True)
class Measure:
    """What makes a goal measurable: a target, its unit, where you are, and by when.

    ``start`` is the baseline; with it, progress also works for goals where lower is better
    (a marathon time from 235 down to 220 minutes).
    """

    target: float
    unit: str = ""
    current: float = 0.0
    deadline: str | None = None
    start: float | None = None

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Any) -> Measure | None:
        if not isinstance(doc, dict):
            return None
        target = _opt_num(doc.get("target"))
        if target is None:
            return None
        return cls(
            target=target,
            unit=str(doc.get("unit") or ""),
            current=_opt_num(doc.get("current")) or 0.0,
            deadline=_opt_str(doc.get("deadline")),
            start=_opt_num(doc.get("start")),
        )


@dataclass(frozen=True, slots=True)
class RWA:
    """The Ready, Willing, Able self-check, each scored 1-5."""

    ready: int
    willing: int
    able: int

    @property
    def needs_scaling_back(self) -> bool:
        """True when any score is 2 or less: the goal should be made smaller."""
        return min(self.ready, self.willing, self.able) <= 2

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Any) -> RWA | None:
        if not isinstance(doc, dict):
            return None
        try:
            return cls(int(doc["ready"]), int(doc["willing"]), int(doc["able"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class PracticePlan:
    """How much practice a mastery goal asks for: minutes a day or sessions a week."""

    minutes_per_day: int | None = None
    sessions_per_week: int | None = None

    def describe(self) -> str:
        if self.minutes_per_day:
            return f"{self.minutes_per_day} min a day"
        if self.sessions_per_week:
            return f"{self.sessions_per_week} sessions a week"
        return "no plan"

    def to_doc(self) -> Doc:
        if self.minutes_per_day:
            return {"minutes_per_day": self.minutes_per_day}
        return {"sessions_per_week": self.sessions_per_week}

    @classmethod
    def from_doc(cls, doc: Any) -> PracticePlan | None:
        if not isinstance(doc, dict):
            return None
        mpd, spw = doc.get("minutes_per_day"), doc.get("sessions_per_week")
        if isinstance(mpd, int) and mpd > 0:
            return cls(minutes_per_day=mpd)
        if isinstance(spw, int) and spw > 0:
            return cls(sessions_per_week=spw)
        return None


@dataclass(frozen=True, slots=True)
class ProficiencyRating:
    """One self-rating of skill, 1-10, on a date."""

    date: str
    level: int

    def to_doc(self) -> Doc:
        return {"date": self.date, "level": self.level}


@dataclass(frozen=True, slots=True)
class Goal:
    """An area of focus, a performance goal (an outcome) or a mastery goal (a skill)."""

    id: str
    title: str
    kind: str = "mastery"
    parent_id: str | None = None
    position: int = 0
    status: str = "active"
    why: str = ""
    commitment: str = ""
    measure: Measure | None = None
    rwa: RWA | None = None
    practice_plan: PracticePlan | None = None
    proficiency: tuple[ProficiencyRating, ...] = ()
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in ("active", "paused")

    def to_doc(self) -> Doc:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "parent_id": self.parent_id,
            "position": self.position,
            "status": self.status,
            "why": self.why,
            "commitment": self.commitment,
            "measure": self.measure.to_doc() if self.measure else None,
            "rwa": self.rwa.to_doc() if self.rwa else None,
            "practice_plan": self.practice_plan.to_doc() if self.practice_plan else None,
            "proficiency": [p.to_doc() for p in self.proficiency],
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Goal:
        ratings = []
        for item in doc.get("proficiency") or ():
            if isinstance(item, dict) and isinstance(item.get("level"), int):
                ratings.append(ProficiencyRating(str(item.get("date", "")), item["level"]))
        kind = doc.get("kind")
        status = doc.get("status")
        return cls(
            id=str(doc["id"]),
            title=str(doc.get("title", "")),
            kind=kind if kind in GOAL_KINDS else "mastery",
            parent_id=_opt_str(doc.get("parent_id")),
            position=int(doc.get("position") or 0),
            status=status if status in GOAL_STATUSES else "active",
            why=str(doc.get("why") or ""),
            commitment=str(doc.get("commitment") or ""),
            measure=Measure.from_doc(doc.get("measure")),
            rwa=RWA.from_doc(doc.get("rwa")),
            practice_plan=PracticePlan.from_doc(doc.get("practice_plan")),
            proficiency=tuple(ratings),
            created_at=str(doc.get("created_at") or ""),
            updated_at=str(doc.get("updated_at") or ""),
        )


@dataclass(frozen=True, slots=True)
class Task:
    """A small step a goal breaks into: a card on the kanban board."""

    id: str
    title: str
    goal_id: str | None = None
    column: str = "backlog"
    position: float = 0
    due: str | None = None
    priority: str | None = None
    notes: str = ""
    created_at: str = ""
    done_at: str | None = None

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Doc) -> Task:
        column = doc.get("column")
        priority = doc.get("priority")
        return cls(
            id=str(doc["id"]),
            title=str(doc.get("title", "")),
            goal_id=_opt_str(doc.get("goal_id")),
            column=column if column in COLUMNS else "backlog",
            position=_opt_num(doc.get("position")) or 0,
            due=_opt_str(doc.get("due")),
            priority=priority if priority in PRIORITIES else None,
            notes=str(doc.get("notes") or ""),
            created_at=str(doc.get("created_at") or ""),
            done_at=_opt_str(doc.get("done_at")),
        )


@dataclass(frozen=True, slots=True)
class FeedbackEntry:
    """A dated piece of feedback: a win, a lesson, a setback, a mentor's word."""

    id: str
    at: str
    text: str
    kind: str = "note"
    source: str = "self"
    next_step: str = ""
    goal_id: str | None = None
    task_id: str | None = None
    """The task this feedback is about."""
    step_task_id: str | None = None
    """The task its next step became (``T`` on the Feedback screen), so it is made once."""

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Doc) -> FeedbackEntry:
        kind = doc.get("kind")
        source = doc.get("source")
        return cls(
            id=str(doc["id"]),
            at=str(doc.get("at") or ""),
            text=str(doc.get("text", "")),
            kind=kind if kind in FEEDBACK_KINDS else "note",
            source=source if source in SOURCES else "other",
            next_step=str(doc.get("next_step") or ""),
            goal_id=_opt_str(doc.get("goal_id")),
            task_id=_opt_str(doc.get("task_id")),
            step_task_id=_opt_str(doc.get("step_task_id")),
        )


@dataclass(frozen=True, slots=True)
class PracticeSession:
    """Minutes of deliberate practice on a day, usually for a mastery goal."""

    id: str
    date: str
    minutes: int
    goal_id: str | None = None
    note: str = ""

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Doc) -> PracticeSession:
        return cls(
            id=str(doc["id"]),
            date=str(doc.get("date") or ""),
            minutes=int(doc.get("minutes") or 0),
            goal_id=_opt_str(doc.get("goal_id")),
            note=str(doc.get("note") or ""),
        )


Table = list[Any] | Callable[[], list[Any]]


class Snapshot:
    """Everything in the file at one moment, as domain objects, for screens to render.

    A table may be given as a function that makes its list: it is called once, the first
    time the table is read, so a screen that shows only goals and tasks never pays for
    turning 20,000 practice sessions into objects.
    """

    __slots__ = ("_tables",)

    def __init__(
        self,
        goals: Table | None = None,
        tasks: Table | None = None,
        feedback: Table | None = None,
        practice: Table | None = None,
    ) -> None:
        self._tables: dict[str, Table] = {
            "goals": [] if goals is None else goals,
            "tasks": [] if tasks is None else tasks,
            "feedback": [] if feedback is None else feedback,
            "practice": [] if practice is None else practice,
        }

    def _table(self, name: str) -> list[Any]:
        table = self._tables[name]
        if callable(table):
            table = self._tables[name] = table()
        return table

    def ready(self, name: str) -> bool:
        """True once table ``name`` is a list (reading it costs nothing more)."""
        return not callable(self._tables[name])

    @property
    def goals(self) -> list[Goal]:
        return self._table("goals")

    @property
    def tasks(self) -> list[Task]:
        return self._table("tasks")

    @property
    def feedback(self) -> list[FeedbackEntry]:
        return self._table("feedback")

    @property
    def practice(self) -> list[PracticeSession]:
        return self._table("practice")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        return all(self._table(n) == other._table(n) for n in self._tables)

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{n}={len(t) if isinstance(t, list) else '...'}" for n, t in self._tables.items()
        )
        return f"Snapshot({sizes})"
