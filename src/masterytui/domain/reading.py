"""How a stored value is read: one rule per kind of field, so a hand-edited file still opens.

``from_doc`` (:mod:`.model`) reads every field through these: a value that breaks the rule
reads as the field's default (an empty text, no date, position 0), never as an exception.
The rules are those new input must follow (:mod:`.rules`), so what the forms and ``add``
refuse is read as nothing, and :func:`masterytui.store.doctor` reports it (and ``--fix``
writes the value as read). :func:`field_problems` says which fields of a document break them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from .errors import ValidationError
from .recur import WEEKDAY_NAMES, is_every
from .rules import parse_date

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

NUMBER_MAX = 1e15
"""Positions and measures beyond this read as the default (they could not be written back)."""


def text(value: Any) -> str:
    """A string as it is; anything else (a number, a list, null) as empty."""
    return value if type(value) is str else ""


def ref(value: Any) -> str | None:
    """An id of another item: a non-empty string, else none."""
    return value if type(value) is str and value else None


def choice(value: Any, choices: Iterable[str], default: T) -> str | T:
    return value if type(value) is str and value in choices else default


def number(value: Any, default: T) -> float | T:
    """A finite number (not a boolean) no larger than :data:`NUMBER_MAX`, else ``default``."""
    kind = type(value)
    if kind is int:
        return value if -NUMBER_MAX <= value <= NUMBER_MAX else default
    if kind is float and math.isfinite(value) and abs(value) <= NUMBER_MAX:
        return value  # type: ignore[no-any-return]
    return default


def whole(value: Any, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high`` (``3.0`` counts), else none."""
    kind = type(value)
    if kind is float and math.isfinite(value) and value.is_integer():
        value = int(value)
    elif kind is not int:
        return None
    return value if low <= value <= high else None


def day(value: Any) -> str | None:
    """A calendar date as ``YYYY-MM-DD`` (what the forms accept, written out), else none."""
    return day_text(value) if type(value) is str else None


@lru_cache(maxsize=8192)
def day_text(value: str) -> str | None:
    """:func:`day` of a string (kept: a file's dates fall on a few thousand days).

    A date as written (ASCII ``YYYY-MM-DD``) is checked at once, as :func:`parse_date` would
    end up checking it after trying every word it knows (a third of reading 200 goals)."""
    if len(value) == 10 and value.isascii() and value[4] == value[7] == "-":
        try:
            return value if date.fromisoformat(value).isoformat() == value else None
        except ValueError:
            return None
    try:
        parsed = parse_date(value)
    except ValidationError:
        return None
    return value if parsed == value else None


def every(value: Any) -> str | None:
    """A repeat rule as the file keeps it (``1w``, ``1m``, ``mon,thu``: :mod:`.recur`)."""
    return value if type(value) is str and is_every(value) else None


def weekdays(value: Any) -> tuple[int, ...]:
    """Practice days as the file keeps them (``["mon", "wed"]``, in week order, each once)
    as weekday numbers (Monday 0); anything else as none (every day)."""
    if type(value) is not list or not value:
        return ()
    if not all(type(v) is str and v in WEEKDAY_NAMES for v in value):
        return ()
    days = tuple(WEEKDAY_NAMES.index(v) for v in value)
    return days if list(days) == sorted(set(days)) else ()


def moment(value: Any) -> str:
    """An ISO date or timestamp, else empty."""
    return moment_text(value) if type(value) is str else ""


@lru_cache(maxsize=8192)
def moment_text(value: str) -> str:
    """:func:`moment` of a string."""
    if not value[:4].isdigit():
        return ""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return ""
    return value


OPTIONAL_FIELDS = frozenset(
    {"cue", "outcome", "obstacle", "plan_checks", "review"}  # goals, feedback
    | {"focus", "quality", "difficulty", "next_fix"}  # practice (model.PRACTICE_EXTRAS)
)
"""Fields a document holds only when set: ``to_doc`` leaves them out at their default, so a
value that reads as the default (a cue of ``5``) is a problem even though it is not read back."""


def field_problems(raw: dict[str, Any], read: dict[str, Any]) -> list[str]:
    """The fields of document ``raw`` that read differently (``read``: the doc as read back).

    Fields ``raw`` does not have are not problems (they read as their defaults), nor are
    fields masterytui does not know (kept as they are). An optional field (see
    :data:`OPTIONAL_FIELDS`) is one ``read`` leaves out when unset: in
    ``raw`` with a value (not null or empty) but not in ``read``, it was read as unset (a
    quality of 7), which is a problem too.
    """
    return [
        key
        for key, value in raw.items()
        if (key in read and _differs(value, read[key]))
        or (key in OPTIONAL_FIELDS and key not in read and value not in (None, "", [], {}))
    ]


def _differs(raw: Any, read: Any) -> bool:
    if type(raw) is dict and type(read) is dict:
        return any(key in read and _differs(value, read[key]) for key, value in raw.items())
    if type(raw) is list and type(read) is list:
        return len(raw) != len(read) or any(map(_differs, raw, read))
    if type(raw) is bool or type(read) is bool:
        return type(raw) is not type(read) or raw != read
    return bool(raw != read)


def shown(value: Any, width: int = 40) -> str:
    """``value`` as a person would read it in a message, cut to ``width``."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."
