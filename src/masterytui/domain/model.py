"""The things a person keeps in masterytui, as frozen records (:mod:`.record`, DESIGN §2).

Each has ``to_doc`` (the JSON document stored in TinyDB) and ``from_doc``. ``from_doc``
reads every field through one rule of :mod:`.reading`: a missing or malformed field (a
position of ``"abc"``, minutes of ``"lots"``, a due date of ``2026-02-30``) reads as its
default, so older and hand-edited files still open; the rules for new input live in
:mod:`masterytui.domain.rules`. Tasks, feedback and practice, tens of thousands of
documents in a large file, decide the common case of each rule in line (a value of the right
type, an optional field absent) and call the rule only for the rest;
tests/test_reading_in_line.py holds them to the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from operator import itemgetter

from .reading import (
    NUMBER_MAX,
    choice,
    day,
    day_text,
    every,
    moment_text,
    number,
    ref,
    text,
    weekdays,
    whole,
)
from .record import as_dict, lazy_maker, record
from .recur import WEEKDAY_NAMES

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any, Final

    from .plans import PlanCheck
    from .spaced import LessonReview

GOAL_KINDS: Final = ("area", "performance", "mastery")
GOAL_STATUSES: Final = ("active", "paused", "achieved", "dropped")
COLUMNS: Final = ("backlog", "next", "doing", "done")
FEEDBACK_KINDS: Final = ("win", "lesson", "improve", "setback", "note")
SOURCES: Final = ("self", "mentor", "coach", "peer", "expert", "other")
PRIORITIES: Final = ("H", "M", "L")
FROM_CHOICES: Final = ("due", "done")

COLUMN_TITLES: Final = {"backlog": "Backlog", "next": "Next", "doing": "Doing", "done": "Done"}
PRIORITY_NAMES: Final = {"H": "high", "M": "medium", "L": "low"}

Doc = dict[str, "Any"]


@record
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
        return as_dict(self)

    @classmethod
    def from_doc(cls, doc: Any) -> Measure | None:
        if not isinstance(doc, dict):
            return None
        target = number(doc.get("target"), None)
        if target is None:
            return None
        start = number(doc.get("start"), None)
        return cls(
            target=float(target),
            unit=text(doc.get("unit")),
            current=float(number(doc.get("current"), 0.0)),
            deadline=day(doc.get("deadline")),
            start=None if start is None else float(start),
        )


@record
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
        return as_dict(self)

    @classmethod
    def from_doc(cls, doc: Any) -> RWA | None:
        if not isinstance(doc, dict):
            return None
        scores = [whole(doc.get(key), 1, 5) for key in ("ready", "willing", "able")]
        if None in scores:
            return None
        return cls(*scores)  # type: ignore[arg-type]


@record
class PracticePlan:
    """How much practice a mastery goal asks for: minutes a day or sessions a week, and
    optionally on which days (``days``: weekday numbers, Monday 0). With days named, the
    other days are rest days; a sessions plan with days asks for one session on each."""

    minutes_per_day: int | None = None
    sessions_per_week: int | None = None
    days: tuple[int, ...] = ()

    def describe(self) -> str:
        on = f" on {', '.join(WEEKDAY_NAMES[d] for d in self.days)}" if self.days else ""
        if self.minutes_per_day:
            return f"{self.minutes_per_day} min" + (on or " a day")
        if self.days:
            return f"a session{on}"
        if self.sessions_per_week:
            return f"{self.sessions_per_week} sessions a week"
        return "no plan"

    def to_doc(self) -> Doc:
        doc: Doc = (
            {"minutes_per_day": self.minutes_per_day}
            if self.minutes_per_day
            else {"sessions_per_week": self.sessions_per_week}
        )
        if self.days:  # optional: a plan without days is written as before
            doc["days"] = [WEEKDAY_NAMES[d] for d in self.days]
        return doc

    @classmethod
    def from_doc(cls, doc: Any) -> PracticePlan | None:
        if not isinstance(doc, dict):
            return None
        mpd = whole(doc.get("minutes_per_day"), 1, 24 * 60)
        spw = whole(doc.get("sessions_per_week"), 1, 7 * 24)
        days = weekdays(doc.get("days"))
        if mpd:
            return cls(minutes_per_day=mpd, days=days)
        if days:
            return cls(sessions_per_week=len(days), days=days)
        if spw:
            return cls(sessions_per_week=spw)
        return None


@record
class ProficiencyRating:
    """One self-rating of skill, 1-10, on a date."""

    date: str
    level: int

    def to_doc(self) -> Doc:
        return {"date": self.date, "level": self.level}


@record
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
    cue: str = ""
    """The *when* of an if-then plan (:mod:`.plans`): the commitment is its action."""
    outcome: str = ""
    """WOOP: the best result of reaching the goal."""
    obstacle: str = ""
    """WOOP: what inside me is most likely to stop me."""
    plan_checks: tuple[PlanCheck, ...] = ()
    """The weekly review's answers: did the cue come and the plan run."""

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
            # optional fields: a file without them reads and writes back without them
            **{k: v for k in ("cue", "outcome", "obstacle") if (v := getattr(self, k))},
            **({"plan_checks": [c.to_doc() for c in self.plan_checks]} if self.plan_checks else {}),
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Goal:
        ratings = []
        proficiency = doc.get("proficiency")
        for item in proficiency if type(proficiency) is list else ():
            if type(item) is dict:
                level, on = whole(item.get("level"), 1, 10), day(item.get("date"))
                if level is not None and on is not None:
                    ratings.append(ProficiencyRating(on, level))
        return cls(
            id=str(doc["id"]),
            title=text(doc.get("title")),
            kind=choice(doc.get("kind"), GOAL_KINDS, "mastery"),
            parent_id=ref(doc.get("parent_id")),
            position=int(number(doc.get("position"), 0)),
            status=choice(doc.get("status"), GOAL_STATUSES, "active"),
            why=text(doc.get("why")),
            commitment=text(doc.get("commitment")),
            measure=Measure.from_doc(doc.get("measure")),
            rwa=RWA.from_doc(doc.get("rwa")),
            practice_plan=PracticePlan.from_doc(doc.get("practice_plan")),
            proficiency=tuple(ratings),
            created_at=text(doc.get("created_at")),
            updated_at=text(doc.get("updated_at")),
            cue=text(doc.get("cue")),
            outcome=text(doc.get("outcome")),
            obstacle=text(doc.get("obstacle")),
            plan_checks=_plan_checks(doc.get("plan_checks")),
        )


def _plan_checks(raw: Any) -> tuple[PlanCheck, ...]:
    """A goal's weekly review answers (:mod:`.plans`, imported only for a goal that has some:
    not on ``add``'s path)."""
    if raw is None:
        return ()
    from .plans import read_checks

    return read_checks(raw)


def _review(raw: Any) -> LessonReview | None:
    """A lesson's spaced review (:mod:`.spaced`, imported only for an entry that has one)."""
    from .spaced import LessonReview

    return LessonReview.from_doc(raw)


@record
class Recur:
    """How a task repeats (:mod:`.recur`): finishing it makes its next occurrence, once.

    ``every`` is the rule (``1w``, ``1m``, ``mon,thu``); ``start`` (``from`` in the file) is
    ``due`` or ``done``, what the next due date is counted from; ``anchor`` the day of the
    month a monthly rule keeps; ``series`` the id of the series' first task; ``next`` the id
    of the occurrence finishing this one made (so finishing it again makes no other).
    """

    every: str
    start: str = "due"
    anchor: int | None = None
    series: str | None = None
    next: str | None = None

    def to_doc(self) -> Doc:
        return {
            "every": self.every,
            "from": self.start,
            "anchor": self.anchor,
            "series": self.series,
            "next": self.next,
        }

    @classmethod
    def from_doc(cls, doc: Any) -> Recur | None:
        if not isinstance(doc, dict):
            return None
        rule = every(doc.get("every"))
        if rule is None:
            return None
        return cls(
            every=rule,
            start=choice(doc.get("from"), FROM_CHOICES, "due"),
            anchor=whole(doc.get("anchor"), 1, 31),
            series=ref(doc.get("series")),
            next=ref(doc.get("next")),
        )


@record
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
    recur: Recur | None = None

    def to_doc(self) -> Doc:
        return {
            "id": self.id,
            "title": self.title,
            "goal_id": self.goal_id,
            "column": self.column,
            "position": self.position,
            "due": self.due,
            "priority": self.priority,
            "notes": self.notes,
            "created_at": self.created_at,
            "done_at": self.done_at,
            "recur": self.recur.to_doc() if self.recur else None,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Task:
        # Each field by its rule in .reading, the common case (a value of the right type, an
        # optional field absent) decided in line: a file holds thousands of tasks, and a
        # call per field was most of the time to read them. tests/test_reading_in_line.py
        # holds this to the rules, value by value.
        try:  # every field to_doc writes is there (as in every file masterytui wrote)
            (
                key,
                title,
                goal_id,
                column,
                position,
                due,
                priority,
                notes,
                created_at,
                done_at,
                recur,
            ) = _TASK_FIELDS(doc)
        except KeyError:
            get = doc.get
            key = doc["id"]
            title = get("title")
            goal_id = get("goal_id")
            column = get("column")
            position = get("position")
            due = get("due")
            priority = get("priority")
            notes = get("notes")
            created_at = get("created_at")
            done_at = get("done_at")
            recur = get("recur")
        return _make_task(
            str(key),
            title if type(title) is str else "",
            goal_id if type(goal_id) is str and goal_id else None,
            column if type(column) is str and column in _COLUMN_SET else "backlog",
            position
            if type(position) is int and -NUMBER_MAX <= position <= NUMBER_MAX
            else number(position, 0),
            day_text(due) if type(due) is str else None,
            priority if type(priority) is str and priority in _PRIORITY_SET else None,
            notes if type(notes) is str else "",
            created_at if type(created_at) is str else "",
            (moment_text(done_at) or None) if type(done_at) is str else None,
            None if recur is None else Recur.from_doc(recur),
        )


_make_task = lazy_maker(Task, globals(), "_make_task")
_TASK_FIELDS: Final = itemgetter(
    *("id", "title", "goal_id", "column", "position", "due", "priority", "notes"),
    *("created_at", "done_at", "recur"),
)
_COLUMN_SET: Final = frozenset(COLUMNS)
_PRIORITY_SET: Final = frozenset(PRIORITIES)


@record
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
    obstacle: str = ""
    """The obstacle a setback met (a goal's WOOP obstacle, or any other)."""
    review: LessonReview | None = None
    """Its spaced review (:mod:`.spaced`): when marked, and the answers so far."""

    def to_doc(self) -> Doc:
        doc: Doc = {
            "id": self.id,
            "at": self.at,
            "text": self.text,
            "kind": self.kind,
            "source": self.source,
            "next_step": self.next_step,
            "goal_id": self.goal_id,
            "task_id": self.task_id,
            "step_task_id": self.step_task_id,
        }
        if self.obstacle:
            doc["obstacle"] = self.obstacle
        if self.review is not None:
            doc["review"] = self.review.to_doc()
        return doc

    @classmethod
    def from_doc(cls, doc: Doc) -> FeedbackEntry:
        # As Task.from_doc: each field by its rule in .reading, the common case in line.
        get = doc.get
        try:  # the fields to_doc always writes
            key, at, body, kind, source, next_step, goal_id, task_id, step_task_id = _ENTRY_FIELDS(
                doc
            )
        except KeyError:
            key = doc["id"]
            at, body, kind, source = get("at"), get("text"), get("kind"), get("source")
            next_step, goal_id, task_id = get("next_step"), get("goal_id"), get("task_id")
            step_task_id = get("step_task_id")
        obstacle, review = get("obstacle"), get("review")
        return _make_entry(
            str(key),
            moment_text(at) if type(at) is str else "",
            body if type(body) is str else "",
            kind if type(kind) is str and kind in _KIND_SET else "note",
            source if type(source) is str and source in _SOURCE_SET else "other",
            next_step if type(next_step) is str else "",
            goal_id if type(goal_id) is str and goal_id else None,
            task_id if type(task_id) is str and task_id else None,
            step_task_id if type(step_task_id) is str and step_task_id else None,
            obstacle if type(obstacle) is str else "",
            None if review is None else _review(review),
        )


_make_entry = lazy_maker(FeedbackEntry, globals(), "_make_entry")
_ENTRY_FIELDS: Final = itemgetter(
    "id", "at", "text", "kind", "source", "next_step", "goal_id", "task_id", "step_task_id"
)
_KIND_SET: Final = frozenset(FEEDBACK_KINDS)
_SOURCE_SET: Final = frozenset(SOURCES)


PRACTICE_EXTRAS: Final = ("focus", "quality", "difficulty", "next_fix")
"""A session's deliberate-practice fields: optional, and absent from its document when unset."""
SCORE_RANGE: Final = (1, 5)
"""Quality and difficulty are scores from 1 to 5."""
DAY_MINUTES: Final = 24 * 60
"""A session's minutes read as at most a day's."""


@record
class PracticeSession:
    """Minutes of deliberate practice on a day, usually for a mastery goal.

    It may say what it was deliberate about: its ``focus`` (the sub-skill worked on), its
    ``quality`` (1-5: how deliberate it was) and ``difficulty`` (1-5), and the ``next_fix``
    (what to work on next time), which the next session's form for the goal shows.
    """

    id: str
    date: str
    minutes: int
    goal_id: str | None = None
    note: str = ""
    focus: str = ""
    quality: int | None = None
    difficulty: int | None = None
    next_fix: str = ""

    @property
    def is_deliberate(self) -> bool:
        """True when any of the deliberate-practice fields is set."""
        return bool(self.focus or self.quality or self.difficulty or self.next_fix)

    def to_doc(self) -> Doc:
        # id, date and minutes lead, in this order: the quick path finds a day's minutes by
        # their bytes (store/quick.py); the optional fields are left out when unset, so a
        # file that never used them is written as before.
        doc: Doc = {
            "id": self.id,
            "date": self.date,
            "minutes": self.minutes,
            "goal_id": self.goal_id,
            "note": self.note,
        }
        for name in PRACTICE_EXTRAS:
            value = getattr(self, name)
            if value is not None and value != "":
                doc[name] = value
        return doc

    @classmethod
    def from_doc(cls, doc: Doc) -> PracticeSession:
        # As Task.from_doc: each field by its rule in .reading, the common case in line (a
        # file holds tens of thousands of sessions). The commonest of all, a document of
        # the five fields to_doc always writes and none other, is read in one look-up.
        if len(doc) == 5:
            try:
                key, on, minutes, goal_id, note = _SESSION_FIELDS(doc)
            except KeyError:
                pass
            else:
                if (
                    type(key) is str
                    and type(on) is str
                    and type(minutes) is int
                    and 0 <= minutes <= DAY_MINUTES
                    and (goal_id is None or (type(goal_id) is str and goal_id))
                    and type(note) is str
                ):
                    return _make_session(
                        key, day_text(on) or "", minutes, goal_id, note, "", None, None, ""
                    )
        low, high = SCORE_RANGE
        get = doc.get
        on, minutes, goal_id, note = get("date"), get("minutes"), get("goal_id"), get("note")
        focus, quality, difficulty = get("focus"), get("quality"), get("difficulty")
        next_fix = get("next_fix")
        return _make_session(
            str(doc["id"]),
            (day_text(on) or "") if type(on) is str else "",
            minutes
            if type(minutes) is int and 0 <= minutes <= DAY_MINUTES
            else whole(minutes, 0, DAY_MINUTES) or 0,
            goal_id if type(goal_id) is str and goal_id else None,
            note if type(note) is str else "",
            focus if type(focus) is str else "",
            None if quality is None else whole(quality, low, high),
            None if difficulty is None else whole(difficulty, low, high),
            next_fix if type(next_fix) is str else "",
        )


_make_session = lazy_maker(PracticeSession, globals(), "_make_session")
_SESSION_FIELDS: Final = itemgetter("id", "date", "minutes", "goal_id", "note")


Table = list["Any"] | Callable[[], list["Any"]]
Picker = Callable[[Collection[str]], list["Any"]]
"""Makes the items of a table linked to the given goals (see :meth:`Snapshot.of_goals`)."""


class Snapshot:
    """Everything in the file at one moment, as domain objects, for screens to render.

    A table may be given as a function that makes its list: it is called once, the first
    time the table is read, so a screen that shows only goals and tasks never pays for
    turning 20,000 practice sessions into objects.

    ``versions`` (given by the store) names each table's version: a number that changes
    whenever the table's documents may have, and is never reused (in any store), so what is
    worked out from a table can be kept until its version changes (:mod:`masterytui.views`).
    """

    __slots__ = ("_pickers", "_tables", "_versions")

    def __init__(
        self,
        goals: Table | None = None,
        tasks: Table | None = None,
        feedback: Table | None = None,
        practice: Table | None = None,
        *,
        versions: dict[str, int] | None = None,
        pickers: dict[str, Picker] | None = None,
    ) -> None:
        self._versions = versions
        self._pickers = pickers or {}
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

    def versions(self, names: tuple[str, ...]) -> tuple[int, ...] | None:
        """The versions of tables ``names``; None when this snapshot does not know them (one
        made by hand, or by a reader without them)."""
        known = self._versions
        if known is None or any(name not in known for name in names):
            return None
        return tuple(known[name] for name in names)

    def of_goals(self, name: str, goal_ids: Collection[str]) -> list[Any]:
        """The items of table ``name`` linked to one of ``goal_ids``, in the table's order.

        While the table is not read yet, only those items are made (``pickers``, given by
        the store): the Goals detail shows one goal's tasks, feedback and practice without
        turning 35,000 documents into objects.
        """
        table = self._tables[name]
        picker = self._pickers.get(name)
        if callable(table) and picker is not None:
            return picker(goal_ids)
        return [item for item in self._table(name) if item.goal_id in goal_ids]

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
