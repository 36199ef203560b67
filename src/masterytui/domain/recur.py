"""Recurring tasks: how often a task repeats, and the due date of its next occurrence.

A rule is written ``<n><unit>`` (``1d``, ``2w``, ``1m``, ``1y``) or as a set of weekdays
(``mon,thu``). What a person types is freer: ``every 2 weeks``, ``daily``, ``weekly``,
``monthly``, ``yearly``, ``weekdays``, ``mon thu``; :func:`parse_every` writes it the one way
the file keeps it, and refuses anything else with a message.

The next occurrence is counted from the due date (``from: due``: a bill due on the 1st stays
on the 1st) or from the day the task was done (``from: done``: water the plants a week after
you last did). Months keep their anchor day: monthly from Jan 31 is due Feb 28 (29 in a leap
year), then Mar 31. Finished late, a ``from: due`` task skips the occurrences already past,
so finishing it makes one task due after the day it was done, never a pile of overdue ones.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import ValidationError
from .text import clean_text
from .words import plural

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Final

WEEKDAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FROM_CHOICES: Final = ("due", "done")
UNITS: Final = {"d": "day", "w": "week", "m": "month", "y": "year"}
EVERY_MAX: Final = 999
_WORDS: Final = {
    "day": "d",
    "days": "d",
    "daily": "d",
    "week": "w",
    "weeks": "w",
    "weekly": "w",
    "month": "m",
    "months": "m",
    "monthly": "m",
    "year": "y",
    "years": "y",
    "yearly": "y",
    "annually": "y",
}
_FULL_DAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_INTERVAL = re.compile(r"^(\d{1,3})\s*([a-z]+)$")
_CANONICAL = re.compile(r"^[1-9]\d{0,2}[dwmy]$")


def parse_every(value: str | None, *, field: str = "every") -> str | None:
    """The rule ``value`` asks for, written as the file keeps it; empty means no repeat."""
    text = " ".join((value or "").lower().split())
    text = text.removeprefix("every ").strip()
    if not text or text in ("no", "none", "never"):
        return None
    if text in _WORDS:
        return f"1{_WORDS[text]}"
    if text == "weekdays":
        return ",".join(WEEKDAY_NAMES[:5])
    if text == "weekends":
        return ",".join(WEEKDAY_NAMES[5:])
    match = _INTERVAL.match(text)
    if match:
        count, unit = int(match.group(1)), _WORDS.get(match.group(2), match.group(2))
        if unit in UNITS and 1 <= count <= EVERY_MAX:
            return f"{count}{unit}"
    days = _weekdays(text)
    if days:
        return ",".join(WEEKDAY_NAMES[d] for d in sorted(days))
    raise ValidationError(
        f"{clean_text(value or '')!r} is not a repeat: use 1d, 2w, 1m, 1y (every n days, "
        "weeks, months, years) or weekdays such as mon,thu.",
        field,
    )


def _weekdays(text: str) -> set[int]:
    """The weekdays ``text`` lists (``mon,thu``, ``monday thursday``), or none if not that."""
    words = [w for w in re.split(r"[\s,/+]+|\band\b", text) if w]
    found: set[int] = set()
    for word in words:
        index = next(
            (i for i, name in enumerate(_FULL_DAYS) if len(word) >= 2 and name.startswith(word)),
            -1,
        )
        if index < 0:
            return set()
        found.add(index)
    return found


def is_every(value: str) -> bool:
    """True when ``value`` is a rule as the file keeps it (what :func:`parse_every` writes)."""
    if _CANONICAL.match(value):
        return True
    names = value.split(",")
    return all(n in WEEKDAY_NAMES for n in names) and names == sorted(
        set(names), key=WEEKDAY_NAMES.index
    )


def describe(every: str, start: str = "due") -> str:
    """``every 2 weeks``, ``every Mon, Thu``, with ``from done`` when counted so."""
    if _CANONICAL.match(every):
        count, unit = int(every[:-1]), UNITS[every[-1]]
        text = f"every {unit}" if count == 1 else f"every {plural(count, unit)}"
    else:
        text = "every " + ", ".join(n.capitalize() for n in every.split(","))
    return text + (" from done" if start == "done" else "")


def add_months(day: date, months: int, anchor: int | None = None) -> date:
    """``day`` moved ``months`` on, on the ``anchor`` day of the month (default its own day),
    or the month's last day when it is shorter."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = _month_days(year, month + 1)
    return date(year, month + 1, min(anchor or day.day, last))


def _month_days(year: int, month: int) -> int:
    """The days of ``month`` (not :mod:`calendar`, which imports ``locale``: ``add`` is quick)."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def step(every: str, day: date, anchor: int | None = None) -> date:
    """The occurrence after ``day`` for rule ``every`` (``anchor``: the day of the month)."""
    if _CANONICAL.match(every):
        count, unit = int(every[:-1]), every[-1]
        if unit == "d":
            return day + timedelta(days=count)
        if unit == "w":
            return day + timedelta(weeks=count)
        return add_months(day, count * (12 if unit == "y" else 1), anchor)
    wanted = {WEEKDAY_NAMES.index(n) for n in every.split(",")}
    for ahead in range(1, 8):
        candidate = day + timedelta(days=ahead)
        if candidate.weekday() in wanted:
            return candidate
    raise ValueError(f"no weekday in {every!r}")  # parse_every never writes such a rule


def next_due(
    every: str, start: str, due: date | None, done: date, anchor: int | None = None
) -> date:
    """The due date of the occurrence after one due ``due`` and done on ``done``.

    ``from: done`` counts from ``done``; ``from: due`` from ``due`` (``done`` when there is
    none), stepping on past any occurrence that is not after ``done`` (finished late).
    """
    if start == "done" or due is None:
        return step(every, done)
    following = step(every, due, anchor)
    while following <= done:
        following = step(every, following, anchor)
    return following


def anchor_for(every: str, due: date | None) -> int | None:
    """The day of the month a monthly or yearly rule keeps (None for the others)."""
    return due.day if due is not None and every[-1:] in ("m", "y") else None


def check_from(value: str | None, *, field: str = "from") -> str:
    """``due`` or ``done`` (empty: ``due``), what a repeat is counted from."""
    text = (value or "due").strip().lower()
    if text not in FROM_CHOICES:
        raise ValidationError(
            f"A repeat counts from due or done; got {clean_text(value or '')!r}.", field
        )
    return text


def first_due(every: str, today: date) -> date:
    """The first due date of a new series with none given: today, or for a set of weekdays
    the first of them from today on."""
    if _CANONICAL.match(every) or today.weekday() in _weekday_set(every):
        return today
    return step(every, today)


def _weekday_set(every: str) -> set[int]:
    return {WEEKDAY_NAMES.index(n) for n in every.split(",")}
