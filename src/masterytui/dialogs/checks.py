"""The rules of the forms' fields, one callable each (see ``Field.check``).

Each raises the domain's ValidationError for a bad value, so a form shows every field's
error at once on save and clears one as soon as its field is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..domain import rules
from ..domain.errors import ValidationError
from ..domain.words import WEEKDAYS


def title(value: str) -> None:
    rules.clean_title(value)


def due(value: str) -> str:
    """A due date as typed; a good one is spelled back with its weekday (a live hint)."""
    day = rules.parse_date(value, field="due")
    if day is None:
        return ""
    return f"= {WEEKDAYS[date.fromisoformat(day).weekday()]} {day}"


def every(value: str) -> str:
    """A repeat as typed; a good one is spelled back in words (``= every 2 weeks``)."""
    from ..domain.recur import describe, parse_every

    rule = parse_every(value, field="every")
    return "" if rule is None else f"= {describe(rule)}"


def day(value: str) -> None:
    rules.parse_date(value, field="date")


def moment(value: str) -> None:
    rules.parse_datetime(value, field="at")


def minutes(value: str) -> None:
    rules.check_minutes(value)


def level(value: str) -> None:
    rules.check_level(value)


def body(what: str, field: str) -> Callable[[str], None]:
    """Free text: may be empty, bounded."""

    def check(value: str) -> None:
        rules.clean_body(value, what=what, field=field)

    return check


def required(message: str, what: str, field: str) -> Callable[[str], None]:
    """Free text that must not be empty: ``message`` says so."""

    def check(value: str) -> None:
        if not rules.clean_body(value, what=what, field=field):
            raise ValidationError(message, field)

    return check
