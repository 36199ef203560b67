"""The rules new input must follow (DESIGN §2, §6): refused with a message, never guessed."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from .errors import ValidationError
from .text import clean_text
from .words import number as show_number

TITLE_MAX = 200
TEXT_MAX = 5000
MINUTES_MAX = 24 * 60

_DECIMAL = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)")
_RELATIVE = re.compile(r"^([+-]?)(\d{1,4})([dw])$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def clean_title(value: str, *, what: str = "Title", field: str = "title") -> str:
    """A one-line title: control characters replaced, trimmed, non-empty, bounded."""
    title = clean_text(value or "").strip()
    if not title:
        raise ValidationError(f"{what} cannot be empty.", field)
    if len(title) > TITLE_MAX:
        raise ValidationError(
            f"{what} is {len(title)} characters long; the limit is {TITLE_MAX}.", field
        )
    return title


def clean_body(value: str | None, *, what: str = "Text", field: str = "text") -> str:
    """Free text (why, notes, next step): may be empty, may span lines, bounded."""
    body = clean_text(value or "", multiline=True).strip()
    if len(body) > TEXT_MAX:
        raise ValidationError(
            f"{what} is {len(body)} characters long; the limit is {TEXT_MAX}.", field
        )
    return body


def check_choice(value: str, choices: Iterable[str], *, what: str, field: str) -> str:
    """``value`` (any case, surrounding spaces ignored) if it is one of ``choices``."""
    options = tuple(choices)
    norm = (value or "").strip().lower()
    for option in options:
        if option.lower() == norm:
            return option
    raise ValidationError(
        f"{what} must be one of {', '.join(options)}; got {clean_text(value)!r}.", field
    )


def parse_priority(value: str | None) -> str | None:
    """H, M or L (also high/medium/low, any case); empty means none."""
    norm = (value or "").strip().lower()
    if not norm:
        return None
    for letter, name in (("H", "high"), ("M", "medium"), ("L", "low")):
        if norm in (letter.lower(), name):
            return letter
    raise ValidationError(
        f"Priority must be H, M or L (high, medium, low); got {clean_text(value or '')!r}.",
        "priority",
    )


def parse_date(
    value: str | None,
    *,
    today: date | None = None,
    field: str = "date",
    past: bool = False,
) -> str | None:
    """An ISO date from what a person types; empty means none.

    Accepts ``YYYY-MM-DD``, ``today``, ``tomorrow``, ``yesterday``, ``+3d``, ``-1w``, ``2w``
    and weekday names (``fri``, ``friday``, ``last friday``, ``next friday``). A bare weekday
    name means the next one after today, as in Taskwarrior (``friday`` on a Friday is a week
    away), unless ``past``: for the day something was done (practice, feedback) it means
    the most recent one, today included. ``last``/``next`` always mean before/after today.
    An impossible date is refused.
    """
    text = " ".join((value or "").split()).lower()
    if not text:
        return None
    base = today or date.today()
    if text == "today":
        return base.isoformat()
    if text == "tomorrow":
        return (base + timedelta(days=1)).isoformat()
    if text == "yesterday":
        return (base - timedelta(days=1)).isoformat()
    match = _RELATIVE.match(text)
    if match:
        sign, count, unit = match.groups()
        days = int(count) * (7 if unit == "w" else 1)
        return (base + timedelta(days=-days if sign == "-" else days)).isoformat()
    day = weekday_date(text, base, past=past)
    if day is not None:
        return day.isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(
            f"{clean_text(value or '')!r} is not a date: use YYYY-MM-DD, today, yesterday, "
            "+3d, -1w or a weekday.",
            field,
        )
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(f"{text} is not a real calendar date.", field) from None


def weekday_date(text: str, today: date, *, past: bool = False) -> date | None:
    """The date a weekday name (``mon``, ``monday``, ``last mon``, ``next mon``) stands for.

    None when ``text`` is no weekday name. See :func:`parse_date` for which one is meant.
    """
    word, _, name = text.rpartition(" ")
    if word not in ("", "last", "next"):
        return None
    weekday = next(
        (i for i, d in enumerate(_WEEKDAYS) if len(name) >= 3 and d.startswith(name)), -1
    )
    if weekday < 0:
        return None
    if word == "next" or (not word and not past):
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    back = (today.weekday() - weekday) % 7
    if word == "last":
        back = back or 7
    return today - timedelta(days=back)


def parse_datetime(value: str | None, *, field: str = "at") -> str:
    """An ISO timestamp; empty means now. A bare date means noon of that day."""
    text = (value or "").strip()
    if not text:
        return now_iso()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or not text[:1].isdigit():
        day = parse_date(text, field=field, past=True)
        return f"{day}T12:00:00"
    try:
        return datetime.fromisoformat(text).isoformat(timespec="seconds")
    except ValueError:
        raise ValidationError(f"{clean_text(text)!r} is not a date and time.", field) from None


def parse_number(
    value: str | float | None,
    *,
    what: str,
    field: str,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    allow_empty: bool = True,
    limit_note: str = "",
) -> float | None:
    """A finite number within bounds; empty means none (unless ``allow_empty`` is False).

    Text must be written out in decimal (``1500``, ``1,500``, ``2.5``, ``-3``): no exponent
    (``1e3``), no ``inf``/``nan``, and commas only between groups of three digits, so
    ``1,5`` is refused instead of read as 15. Messages quote the value as it was typed.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_empty:
            return None
        raise ValidationError(f"{what} is required.", field)
    if isinstance(value, str):
        typed = clean_text(value).strip()
        if not _DECIMAL.fullmatch(typed):
            example = "25" if integer else "25 or 2.5"
            raise ValidationError(
                f"{what} must be a number written like {example}; got {typed!r}.", field
            )
        number = float(typed.replace(",", ""))
    else:
        number = float(value)
        typed = show_number(number, grouped=False) if math.isfinite(number) else str(number)
    if not math.isfinite(number):
        raise ValidationError(f"{what} must be a finite number.", field)
    if integer and not number.is_integer():
        raise ValidationError(f"{what} must be a whole number; got {typed}.", field)
    if minimum is not None and number < minimum:
        raise ValidationError(
            f"{what} must be at least {show_number(minimum, grouped=False)}; got {typed}.", field
        )
    if maximum is not None and number > maximum:
        raise ValidationError(
            f"{what} must be at most {show_number(maximum, grouped=False)}{limit_note}; "
            f"got {typed}.",
            field,
        )
    return number


def parse_int(
    value: str | int | None,
    *,
    what: str,
    field: str,
    minimum: int,
    maximum: int,
    limit_note: str = "",
) -> int | None:
    """A whole number from ``minimum`` to ``maximum``; empty means none."""
    number = parse_number(
        value,
        what=what,
        field=field,
        minimum=minimum,
        maximum=maximum,
        integer=True,
        limit_note=limit_note,
    )
    return None if number is None else int(number)


def check_minutes(value: str | int | None) -> int:
    """Practice minutes: a whole number above 0 and at most a day (24 h)."""
    minutes = parse_int(
        value,
        what="Minutes",
        field="minutes",
        minimum=1,
        maximum=MINUTES_MAX,
        limit_note=" (24 h)",
    )
    if minutes is None:
        raise ValidationError("Minutes are required.", "minutes")
    return minutes


def check_day_practice(day: str, logged: int, minutes: int) -> None:
    """Refuse a session that would take ``day``'s practice past 24 hours.

    ``logged`` is what the day already holds (without the session being changed).
    """
    if logged + minutes <= MINUTES_MAX:
        return
    room = max(MINUTES_MAX - logged, 0)
    fits = f"at most {room} more fit, not {minutes}" if room else "no more fit"
    raise ValidationError(
        f"A day holds at most {MINUTES_MAX} min (24 h) of practice; {day} already has "
        f"{logged}, so {fits}.",
        "minutes",
    )


def check_rwa_score(value: str | int | None, what: str) -> int | None:
    return parse_int(value, what=what, field=what.lower(), minimum=1, maximum=5)


def check_level(value: str | int | None) -> int:
    """A proficiency self-rating from 1 to 10."""
    level = parse_int(value, what="Proficiency", field="level", minimum=1, maximum=10)
    if level is None:
        raise ValidationError("Proficiency is required.", "level")
    return level


def ancestors(goal_id: str | None, parents: Mapping[str, str | None]) -> list[str]:
    """The chain of ancestors of ``goal_id``, nearest first (safe against cycles in bad files)."""
    chain: list[str] = []
    current = parents.get(goal_id) if goal_id else None
    while current is not None and current not in chain and current != goal_id:
        chain.append(current)
        current = parents.get(current)
    return chain


def check_new_parent(
    goal_id: str, new_parent_id: str | None, parents: Mapping[str, str | None]
) -> None:
    """Refuse a move that would make a goal its own ancestor."""
    if new_parent_id is None:
        return
    if new_parent_id == goal_id or goal_id in ancestors(new_parent_id, parents):
        raise ValidationError("A goal cannot be moved under itself or its own sub-goals.", "parent")


def now_iso() -> str:
    """The local time now, to the second, with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
