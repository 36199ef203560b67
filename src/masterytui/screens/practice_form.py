"""The practice form (``p``, and ``n`` / ``e`` on the Practice tab): minutes first, so
``p 25 enter`` logs a session at once; below them what made it deliberate.

The form shows the goal's last "next fix" above its fields and offers the goal's earlier
focuses as the Focus field's completion; both follow the goal field when it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static

from ..dialogs.form import Field, FormDialog
from ..domain import deliberate
from ..domain.deliberate import DIFFICULTY_WORDS, QUALITY_WORDS
from ..domain.model import PracticeSession
from ..domain.text import clean_text
from ..domain.words import weekday_date
from ..widgets.glyphs import glyph
from ..widgets.safe import one_line


def deliberate_fields(session: PracticeSession | None = None) -> list[Field]:
    """Focus, quality, difficulty and next fix: every one optional."""
    s = session
    return [
        Field(
            "focus",
            "Focus (the sub-skill worked on)",
            value=s.focus if s else "",
            placeholder="e.g. left-hand legato",
            check=_check(deliberate.clean_focus),
        ),
        Field(
            "quality",
            "Quality 1-5 (how deliberate: 1 motions, 5 focused with feedback)",
            value=str(s.quality) if s and s.quality is not None else "",
            placeholder="1-5",
            check=_score(QUALITY_WORDS, "Quality", "quality"),
            live=True,
        ),
        Field(
            "difficulty",
            "Difficulty 1-5 (1 easy, 3 a stretch, 5 beyond me for now)",
            value=str(s.difficulty) if s and s.difficulty is not None else "",
            placeholder="1-5",
            check=_score(DIFFICULTY_WORDS, "Difficulty", "difficulty"),
            live=True,
        ),
        Field(
            "next_fix",
            "Next fix (what to work on next time)",
            kind="text" if s and "\n" in s.next_fix else "input",
            value=s.next_fix if s else "",
            placeholder="shown on this goal's next practice form",
            check=_check(deliberate.clean_next_fix),
        ),
    ]


def deliberate_values(values: dict[str, str], known: Sequence[str]) -> dict[str, Any]:
    """The deliberate fields of a saved form, as ``log_practice`` takes them; a focus typed
    in another case or spacing than an earlier one keeps the earlier spelling."""
    return {
        "focus": deliberate.match_focus(deliberate.clean_focus(values["focus"]), known),
        "quality": values["quality"],
        "difficulty": values["difficulty"],
        "next_fix": values["next_fix"],
    }


def _check(rule: Callable[[str], object]) -> Callable[[str], None]:
    def check(value: str) -> None:
        rule(value)

    return check


def _score(words: dict[int, str], what: str, field: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        return deliberate.score_hint(value, words, what, field)

    return check


def fix_line(last: PracticeSession | None, today: date) -> Text:
    """``Last next fix (yesterday): slower at 60 bpm``, or nothing without one."""
    if last is None:
        return Text("")
    text = Text(f"{glyph('arrow')} Last next fix ({_when(last.date, today)}): ", style="bold")
    text.append_text(one_line(last.next_fix))
    return text


def _when(day: str, today: date) -> str:
    try:
        on = date.fromisoformat(day)
    except ValueError:
        return day
    if on == today:
        return "today"
    if on == today - timedelta(days=1):
        return "yesterday"
    return weekday_date(on, year=on.year != today.year)


class PracticeForm(FormDialog[PracticeSession]):
    """A practice session's form that follows its goal: that goal's last next fix above the
    fields, and its earlier focuses as the Focus field's completion (``→`` takes one)."""

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, str]], PracticeSession],
        sessions: Sequence[PracticeSession],
        *,
        editing: PracticeSession | None = None,
    ) -> None:
        super().__init__(title, fields, save)
        self.sessions = [s for s in sessions if editing is None or s.id != editing.id]
        """The sessions to look back on (the one being edited left out)."""
        self.editing = editing

        self.intro = Static("", id="form-intro")
        """The goal's last next fix, under the form's title."""

    def on_mount(self) -> None:
        super().on_mount()
        title = self.query_one("#form-title")
        self.query_one("#form", Vertical).mount(self.intro, after=title)
        self.follow_goal()

    @on(Select.Changed, "#field-goal_id")
    def _goal_changed(self) -> None:
        self.follow_goal()

    def goal_id(self) -> str | None:
        return self.values().get("goal_id") or None

    def known_focuses(self) -> list[str]:
        """The focuses the chosen goal's sessions named, most recent first."""
        return deliberate.earlier_focuses(self.sessions, self.goal_id())

    def follow_goal(self) -> None:
        """Show the chosen goal's last next fix, and offer its earlier focuses."""
        if not self.intro.is_attached:
            return  # the goal field's first change comes before on_mount, which calls again
        goal_id = self.goal_id()
        last = None if self.editing else deliberate.last_next_fix(self.sessions, goal_id)
        self.intro.update(fix_line(last, date.today()))
        self.intro.display = last is not None
        known = [clean_text(k) for k in self.known_focuses()]
        focus = self.query_one("#field-focus", Input)
        focus.suggester = SuggestFromList(known, case_sensitive=False) if known else None
        focus.placeholder = (
            f"e.g. {known[0]} ({glyph('right_key')} completes an earlier one)"
            if known
            else "e.g. left-hand legato"
        )
