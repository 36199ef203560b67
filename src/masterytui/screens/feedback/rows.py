"""How feedback entries and practice sessions read in the Feedback screen's tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from rich.text import Text

from ...domain.model import FeedbackEntry, Goal, PracticeSession, Snapshot, Task
from ...domain.words import iso_day
from ...widgets.glyphs import glyph
from ...widgets.safe import one_line
from .table import Column

KIND_STYLE: Final = {
    "win": "bold green",
    "lesson": "cyan",
    "improve": "yellow",
    "setback": "bold red",
    "note": "",
}

ENTRY_COLUMNS: Final = (
    Column("Date", 9),
    Column("Kind", 9),
    Column("Source", 6),
    Column("Goal or task", ratio=2, min_width=8),
    Column("Text", ratio=3, min_width=10),
)
PRACTICE_COLUMNS: Final = (
    Column("Date", 9),
    Column("Minutes", 7),
    Column("Goal", ratio=2, min_width=8),
    Column("Focus", ratio=2, min_width=6),
    Column("Q", 1),
    Column("Note", ratio=2, min_width=6),
)
"""Q is the session's quality, 1-5 (blank: not rated)."""


def day_text(stamp: str, today: date) -> Text:
    """``today``, ``yesterday``, ``28 Sep``, ``Sep 2025``: a log's day in at most 9 cells
    (the detail pane gives the whole date); text that is no date is shown as it is."""
    return one_line(iso_day(stamp, today, relative=True), 9)


def kind_label(kind: str) -> Text:
    """The kind as glyph and word (it reads without colour too)."""
    return Text(f"{glyph(kind)} {kind}", style=KIND_STYLE.get(kind, ""), end="")


def goal_cell(goal: Goal | None, width: int | None = None) -> Text:
    if goal is None:
        return Text("—", style="dim", end="")
    text = Text(f"{glyph(goal.kind)} ", end="")
    text.append_text(one_line(goal.title, width))
    return text


def task_label(task: Task) -> Text:
    mark = glyph("done") if task.column == "done" else glyph("task")
    text = Text(f"{mark} ", end="")
    text.append_text(one_line(task.title))
    return text


class EntryCells:
    """Cells of a feedback row; built once per redraw with the goal and task look-ups.
    Dates read as :func:`day_text` says (the detail pane gives the whole date)."""

    def __init__(self, snapshot: Snapshot, today: date | None = None) -> None:
        self.goals = {g.id: g for g in snapshot.goals}
        self.tasks = {t.id: t for t in snapshot.tasks}
        self.today = today or date.today()

    def __call__(self, entry: FeedbackEntry) -> Sequence[Text]:
        task = self.tasks.get(entry.task_id) if entry.task_id else None
        linked = task_label(task) if task else goal_cell(self.goals.get(entry.goal_id or ""))
        text = one_line(entry.text, 400)
        if entry.next_step:
            text.append(f"  {glyph('arrow')} ", style="dim")
            text.append_text(one_line(entry.next_step, 200, style="italic"))
        return (
            day_text(entry.at, self.today),
            kind_label(entry.kind),
            Text(entry.source, end=""),
            linked,
            text,
        )


class PracticeCells:
    """Cells of a practice row."""

    def __init__(self, snapshot: Snapshot, today: date | None = None) -> None:
        self.goals = {g.id: g for g in snapshot.goals}
        self.today = today or date.today()

    def __call__(self, session: PracticeSession) -> Sequence[Text]:
        return (
            day_text(session.date, self.today),
            Text(f"{session.minutes:>3} min", end=""),
            goal_cell(self.goals.get(session.goal_id or "")),
            one_line(session.focus, 200),
            Text("" if session.quality is None else str(session.quality), end=""),
            one_line(session.note, 400),
        )
