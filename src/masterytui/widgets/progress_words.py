"""Short words for dates and counts on the Progress screen (English, locale independent)."""

from __future__ import annotations

from datetime import date

from ..domain.text import plural

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return plural(count, "day")


def short_date(day: date, today: date) -> str:
    """``today``, ``yesterday``, ``28 Sep`` this year, ``Sep 2025`` before."""
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    if day.year == today.year:
        return f"{day.day} {MONTHS[day.month - 1]}"
    return f"{MONTHS[day.month - 1]} {day.year}"
