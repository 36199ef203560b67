"""How a card of the Board reads: a title line and a meta line (priority, due, goal).

Both lines are Rich Text built from the task's fields as literal text, cut to the column's
width with an ellipsis. Meaning never rests on colour alone: an overdue date carries ``!``,
the due day reads ``today``, priorities are the letters H, M and L, finished cards a tick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.style import Style
from rich.text import Text

from ...domain import words
from ...domain.figures import days_left
from ...domain.model import PRIORITY_NAMES, Task
from ...domain.recur import describe
from ...domain.words import iso_day, plural
from ...widgets.glyphs import glyph
from ...widgets.safe import one_line

CARD_HEIGHT = 2
"""Lines per card: the title, then the meta line."""


@dataclass(frozen=True, slots=True)
class CardStyles:
    """The styles a card is drawn with (taken from the theme by the widget)."""

    title: Style = field(default_factory=lambda: Style())
    meta: Style = field(default_factory=lambda: Style(dim=True))
    goal: Style = field(default_factory=lambda: Style(dim=True, italic=True))
    overdue: Style = field(default_factory=lambda: Style(bold=True, color="red"))
    today: Style = field(default_factory=lambda: Style(bold=True, color="yellow"))
    done: Style = field(default_factory=lambda: Style(color="green"))
    high: Style = field(default_factory=lambda: Style(bold=True, color="red"))
    medium: Style = field(default_factory=lambda: Style(color="yellow"))
    low: Style = field(default_factory=lambda: Style(dim=True))
    marker: Style = field(default_factory=lambda: Style(bold=True))


def short_date(iso: str, today: date) -> str:
    """``25 Nov`` in this year, ``25 Nov 2025`` in another (:mod:`~.domain.words`)."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return one_line(iso, 10).plain
    return words.short_date(day, today)


def due_text(due: str | None, today: date) -> tuple[str, str]:
    """The due date as a card shows it and how urgent it is: overdue, today, later, none."""
    if not due:
        return "", "none"
    left = days_left(due, today)
    if left is None:
        return one_line(due, 10).plain, "later"
    if left < 0:
        return f"!{short_date(due, today)}", "overdue"
    if left == 0:
        return "today", "today"
    return short_date(due, today), "later"


def due_words(due: str | None, today: date) -> str:
    """The due date in words for the detail line: ``due 2026-11-25 (in 2 days)``."""
    if not due:
        return ""
    left = days_left(due, today)
    if left is None:
        return f"due {due}"
    if left < 0:
        late = -left
        return f"! overdue since {due} ({plural(late, 'day')})"
    if left == 0:
        return "due today"
    if left == 1:
        return f"due tomorrow ({due})"
    return f"due {due} (in {left} days)"


def title_line(task: Task, width: int, styles: CardStyles) -> Text:
    """The card's title, literal, on one line cut to ``width`` cells."""
    text = one_line(task.title)
    text.stylize(styles.title)
    text.no_wrap = True
    text.truncate(max(1, width), overflow="ellipsis")
    return text


def meta_line(
    task: Task, goal_title: str | None, today: date, width: int, styles: CardStyles
) -> Text:
    """Priority letter, due (or finished) date and the goal's title, cut to ``width``."""
    text = Text(no_wrap=True, end="")
    if task.priority:
        style = {"H": styles.high, "M": styles.medium}.get(task.priority, styles.low)
        text.append(task.priority, style=style)
    if task.column == "done":
        when = short_date(task.done_at, today) if task.done_at else ""
        if text:
            text.append(" ")
        text.append(f"{glyph('done')}{when}", style=styles.done)
    else:
        due, urgency = due_text(task.due, today)
        if due:
            if text:
                text.append(" ")
            style = {"overdue": styles.overdue, "today": styles.today}.get(urgency, styles.meta)
            text.append(due, style=style)
    if task.recur is not None:  # the series goes on: a mark on every card of it
        if text:
            text.append(" ")
        text.append(glyph("repeat"), style=styles.meta)
    if goal_title:
        room = width - text.cell_len - (1 if text else 0)
        if room >= 2:
            if text:
                text.append(" ")
            text.append(one_line(goal_title).plain, style=styles.goal)
    text.truncate(max(1, width), overflow="ellipsis")
    return text


def card_summary(task: Task, goal_title: str | None, today: date) -> str:
    """The whole card on one line, for the detail bar under the board."""
    parts = [one_line(task.title).plain]
    if goal_title:
        parts.append(f"goal: {one_line(goal_title).plain}")
    if task.column == "done":
        if task.done_at:
            parts.append(f"{glyph('done')} done {iso_day(task.done_at, today)}")
    elif task.due:
        parts.append(due_words(task.due, today))
    if task.recur is not None:
        parts.append(f"{glyph('repeat')} {describe(task.recur.every, task.recur.start)}")
    if task.priority:
        parts.append(f"{PRIORITY_NAMES[task.priority]} priority")
    if task.notes:
        parts.append(f"notes: {one_line(task.notes).plain}")
    return " · ".join(parts)
