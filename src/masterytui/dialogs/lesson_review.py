"""Reviewing one lesson that came back (spaced review): still true? did I apply it?

The dialog only asks: it dismisses with ``applied``, ``again``, ``retire``, ``skip`` or None
(escape: stop reviewing), and the screen that opened it records the answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..bindings import bindings
from ..domain.spaced import INTERVALS
from ..domain.words import iso_day, weekday_date
from ..views.lessons import DueLesson
from ..widgets.glyphs import glyph
from ..widgets.safe import one_line, plain

CHOICES = (
    ("applied", "a", "Applied"),
    ("again", "g", "Again"),
    ("retire", "x", "Retire"),
    ("skip", "s", "Skip"),
)


def _when(day: date) -> str:
    return weekday_date(day)


class LessonReviewDialog(ModalScreen[str | None]):
    """One due lesson: its text and next step, the question, and what each answer does."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("lesson_review")

    def __init__(self, due: DueLesson, index: int, count: int, today: date) -> None:
        super().__init__(classes="form-dialog")
        self.due = due
        self.index = index
        self.count = count
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="lesson-review"):
            yield Label(
                one_line(f"Lesson {self.index + 1} of {self.count}: still true?"), id="form-title"
            )
            yield Static(self._body(), id="lesson-body")
            with Horizontal(id="form-buttons"):
                for value, key, label in CHOICES:
                    yield Button(Text(f"{label} ({key})"), id=f"lesson-{value}", compact=True)
                yield Button(Text("Stop (esc)"), id="lesson-stop", compact=True)

    def _body(self) -> Group:
        entry, plan = self.due.entry, self.due.schedule
        head = Text(end="")
        head.append(f"{glyph(entry.kind)} {entry.kind}", style="bold")
        head.append(f" · {iso_day(entry.at, self.today)} · {entry.source}", style="dim")
        if self.due.goal_title:
            head.append(" · ", style="dim")
            head.append_text(one_line(self.due.goal_title, 40, style="dim"))
        lines = [head, Text(""), plain(entry.text, style="bold")]
        if entry.next_step:
            step = Text(f"{glyph('arrow')} ", style="dim", end="")
            step.append_text(plain(entry.next_step, style="italic"))
            lines.append(step)
        waited = self.due.overdue_days(self.today)
        last = f"last reviewed {plan.last}" if plan.last else "first review"
        late = f", {waited} day{'' if waited == 1 else 's'} late" if waited else ""
        lines += [
            Text(""),
            Text(f"Still true? Did you apply it? ({last}{late})", style="italic"),
            Text(""),
        ]
        grown = INTERVALS[min(plan.step + 1, len(INTERVALS) - 1)]
        back = self.today + timedelta(days=grown)
        for key, label, what in (
            ("a", "applied", f"back in {grown} days ({_when(back)})"),
            ("g", "again", "not yet: back tomorrow, and the intervals start over"),
            ("x", "retire", "part of you now, or no longer true: no more reviews"),
            ("s", "skip", "leave it due for now"),
        ):
            line = Text(end="")  # the key alone reversed: a Text's own style covers every span
            line.append(f" {key} ", style="bold reverse")
            line.append(f" {label}: ", style="bold")
            line.append(what)
            lines.append(line)
        for line in lines:
            line.end = "\n"
        return Group(*lines)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_stop(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        value = (event.button.id or "").removeprefix("lesson-")
        self.dismiss(None if value == "stop" else value)
