"""The app's words, in one place: plurals, numbers, dates, the start of a week, Markdown.

English and locale independent (month and weekday names never follow ``LC_TIME``), so the
screens, the reports and the shell all say a thing the same way. Plain Python: the store
(import summaries), the views and the widgets all use it.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from .text import clean_text

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

TABLE_NOUNS = {
    "goals": ("goal", "goals"),
    "tasks": ("task", "tasks"),
    "feedback": ("feedback entry", "feedback entries"),
    "practice": ("practice session", "practice sessions"),
}
"""What one and several documents of each table are called."""


# Counts -------------------------------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 rating``, ``3 ratings``, ``0 ratings``, ``1,440 minutes``; ``many`` for an
    irregular plural."""
    return f"{number(count)} {word if count == 1 else many or word + 's'}"


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return plural(count, "day")


def number(value: float, *, grouped: bool = True) -> str:
    """A number as a person reads it: ``1,440``, ``2.75``, ``0.333333``.

    Whole numbers in full, others with the decimals they need (up to six), never in
    scientific notation. ``grouped=False`` leaves out the thousands separators, to quote back
    what someone typed (``got 99999999``).
    """
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    comma = "," if grouped else ""
    if value.is_integer():
        return f"{int(value):{comma}d}"
    return f"{value:{comma}.6f}".rstrip("0").rstrip(".")


# Dates --------------------------------------------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (weeks start on Monday, as ISO 8601 has it)."""
    return day - timedelta(days=day.weekday())


def day_month(day: date) -> str:
    """``25 Nov``: how every screen writes a day of this year."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_month_year(day: date) -> str:
    """``25 Nov 2026``."""
    return f"{day_month(day)} {day.year}"


def weekday_date(day: date, *, year: bool = False) -> str:
    """``Wed 25 Nov`` (``Wed 25 Nov 2026`` with ``year``)."""
    return f"{WEEKDAYS[day.weekday()]} {day_month_year(day) if year else day_month(day)}"


def short_date(day: date, today: date) -> str:
    """``25 Nov`` this year, ``25 Nov 2025`` in another."""
    return day_month(day) if day.year == today.year else day_month_year(day)


def iso_day(stamp: str, today: date, *, relative: bool = False) -> str:
    """The day of an ISO date or moment (``2026-11-25T07:30``) as :func:`short_date` says it
    (:func:`relative_date` with ``relative``); text that is no date is shown as it is."""
    try:
        day = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return relative_date(day, today) if relative else short_date(day, today)


def relative_date(day: date, today: date) -> str:
    """``today``, ``yesterday``, ``28 Sep`` this year, ``Sep 2025`` before."""
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    if day.year == today.year:
        return day_month(day)
    return f"{MONTHS[day.month - 1]} {day.year}"


def period_label(start: date, end: date) -> str:
    """``17–23 Nov 2026``, ``28 Nov – 4 Dec 2026`` or ``29 Dec 2026 – 4 Jan 2027``."""
    if start.year != end.year:
        return f"{day_month_year(start)} – {day_month_year(end)}"
    if start.month != end.month:
        return f"{day_month(start)} – {day_month_year(end)}"
    return f"{start.day}–{day_month_year(end)}"


def days_left_words(left: int) -> str:
    """``3 days left``, ``due today``, ``2 days overdue``."""
    if left > 0:
        return f"{days(left)} left"
    if left == 0:
        return "due today"
    return f"{days(-left)} overdue"


# Markdown -----------------------------------------------------------------------------------

# Every character CommonMark may read as markup, ``~`` (strikethrough) and ``&`` (an entity
# such as ``&amp;``) included: escaped, each renders as itself.
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|#~&])")
_LINE_START = re.compile(r"^(\s*)([+\-=]|\d+[.)])")


def md(text: str, *, starts_line: bool = False) -> str:
    """User text as Markdown that renders literally, on one line.

    Control characters are cleaned, runs of white space become one space and every
    punctuation mark Markdown could read as markup is backslash-escaped. With ``starts_line``
    a leading ``+``, ``-``, ``=`` or ``1.`` is escaped too, so text that begins a line or a
    list item cannot start a list or a heading of its own.
    """
    line = " ".join(clean_text(text).split())
    line = _MD_PUNCTUATION.sub(r"\\\1", line)
    if starts_line:
        line = _LINE_START.sub(_escape_line_start, line)
    return line


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    return f"{lead}{marker[:-1]}\\{marker[-1]}"


def md_block(text: str, indent: str, *, starts_line: bool = False) -> str:
    """Multi-line user text for a list item: each line escaped (and, after the first, its
    start too), continuation lines indented by ``indent``, blank lines dropped."""
    lines = [line for line in clean_text(text, multiline=True).splitlines() if line.strip()]
    parts = [md(line, starts_line=starts_line or index > 0) for index, line in enumerate(lines)]
    return f"\n{indent}".join(parts)
