"""If-then plans (implementation intentions) and how often they ran.

A goal's commitment may be an if-then plan: **when** a cue comes (a time, a place, an
event), **I'm going to** do an action. The weekly review asks, per plan, whether the cue came
and the plan ran; the answers (one per calendar week, keyed by its Monday) give the rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .reading import choice, day
from .record import record
from .words import plural

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any, Final

PLAN_ANSWERS: Final = ("yes", "no", "no_cue")
PLAN_ANSWER_WORDS: Final = {
    "yes": "the cue came and the plan ran",
    "no": "the cue came, the plan did not run",
    "no_cue": "the cue did not come",
}
RATE_WEEKS: Final = 8
"""How many weeks the rate looks back over."""
_GOING_TO = ("i'm going to", "i’m going to", "i am going to")


@record
class PlanCheck:
    """The review's answer for one week: ``week`` is that week's Monday."""

    week: str
    answer: str

    def to_doc(self) -> dict[str, str]:
        return {"week": self.week, "answer": self.answer}


def read_checks(raw: Any) -> tuple[PlanCheck, ...]:
    """A goal's ``plan_checks`` as stored: malformed items read as absent, one per week."""
    found: dict[str, PlanCheck] = {}
    for item in raw if type(raw) is list else ():
        if type(item) is dict:
            week, answer = day(item.get("week")), choice(item.get("answer"), PLAN_ANSWERS, None)
            if week is not None and answer is not None and week not in found:
                found[week] = PlanCheck(week, answer)
    return tuple(found.values())


def week_of(day_in_week: date) -> str:
    """The Monday of the week ``day_in_week`` falls in, as the key of that week's answer."""
    return (day_in_week - timedelta(days=day_in_week.weekday())).isoformat()


def with_check(checks: Iterable[PlanCheck], week: str, answer: str) -> tuple[PlanCheck, ...]:
    """``checks`` with ``week``'s answer set to ``answer`` (replacing one given before)."""
    kept = [c for c in checks if c.week != week]
    kept.append(PlanCheck(week, answer))
    return tuple(sorted(kept, key=lambda c: c.week))


def has_plan(cue: str, commitment: str) -> bool:
    """True for an if-then plan: a cue and an action."""
    return bool(cue.strip() and commitment.strip())


def plan_sentence(cue: str, commitment: str) -> str:
    """``When <cue>, I'm going to <action>`` (the action's own words kept as typed)."""
    action = commitment.strip()
    if action and not action.lower().startswith(_GOING_TO):
        action = f"I'm going to {action}"
    cue = cue.strip()
    if not cue:
        return action
    if not action:
        return f"When {cue}, …"
    return f"When {cue}, {action}"


@record
class PlanRate:
    """How a plan fared over the last :data:`RATE_WEEKS` weeks, oldest week first."""

    weeks: tuple[str | None, ...]
    """Each week's answer (None: not asked)."""

    @property
    def ran(self) -> int:
        return self.weeks.count("yes")

    @property
    def missed(self) -> int:
        return self.weeks.count("no")

    @property
    def no_cue(self) -> int:
        return self.weeks.count("no_cue")

    @property
    def rate(self) -> float | None:
        """Ran out of the weeks the cue came (None when it never came or was never asked)."""
        came = self.ran + self.missed
        return self.ran / came if came else None

    def describe(self) -> str:
        """``ran 3 of 4 weeks the cue came (75%) · no cue 1 week · last 8 weeks``."""
        asked = self.ran + self.missed + self.no_cue
        if not asked:
            return "not asked yet"
        parts = []
        came = self.ran + self.missed
        if came:
            rate = self.rate or 0.0
            parts.append(f"ran {self.ran} of {plural(came, 'week')} the cue came")
            parts[-1] += f" ({rate:.0%})"
        if self.no_cue:
            parts.append(f"no cue {plural(self.no_cue, 'week')}")
        parts.append(f"last {len(self.weeks)} weeks")
        return " · ".join(parts)


def plan_rate(checks: Iterable[PlanCheck], today: date, weeks: int = RATE_WEEKS) -> PlanRate:
    """The answers of the ``weeks`` calendar weeks up to the one ``today`` is in."""
    by_week = {c.week: c.answer for c in checks}
    monday = date.fromisoformat(week_of(today))
    keys = [(monday - timedelta(weeks=back)).isoformat() for back in range(weeks - 1, -1, -1)]
    return PlanRate(tuple(by_week.get(key) for key in keys))
