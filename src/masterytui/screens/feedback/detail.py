"""Detail panes of the Feedback screen: one feedback entry, or one practice session."""

from __future__ import annotations

from datetime import date, datetime

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...domain import schedule
from ...domain.deliberate import DIFFICULTY_WORDS, QUALITY_WORDS
from ...domain.figures import consistency, practice_days
from ...domain.lessons import lesson_schedule
from ...domain.model import FeedbackEntry, Goal, PracticeSession, Snapshot
from ...domain.spaced import LESSON_KINDS, describe_schedule
from ...domain.words import plural, weekday_date
from ...widgets.glyphs import bar, glyph, marked
from ...widgets.safe import one_line, plain
from .rows import goal_cell, kind_label, task_label

LEARN = "What can I learn? What will I do next time?"


def when(stamp: str) -> str:
    """``Mon 23 Nov 2026, 19:00`` from an ISO timestamp (the raw text if it is not one)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    day = weekday_date(moment.date(), year=True)
    return day if len(stamp) <= 10 else f"{day}, {moment:%H:%M}"


def _rows() -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(width=6, style="bold", no_wrap=True)
    table.add_column(ratio=1)
    return table


class _Pane(VerticalScroll):
    """A scrollable pane holding one Static (focusable with tab to scroll long text)."""

    DEFAULT_CSS = """
    _Pane { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.id}-body")

    def _draw(self, content: RenderableType) -> None:
        self.query_one(Static).update(content)
        self.scroll_home(animate=False)


class EntryDetail(_Pane):
    """One feedback entry in full: what, when, from whom, linked to what, and its next step."""

    def show(
        self, entry: FeedbackEntry | None, snapshot: Snapshot, today: date | None = None
    ) -> None:
        if entry is None:
            self._draw(
                Text(
                    "No entry selected. Press n to log one: a win, a lesson, something to "
                    "improve, a setback or a note, from yourself or from a mentor, coach, peer "
                    "or expert.",
                    style="italic",
                )
            )
            return
        head = Text(end="")
        head.append_text(kind_label(entry.kind))
        head.append(f" {glyph('dot')} from {entry.source} {glyph('dot')} {when(entry.at)}")
        rows = _rows()
        goal = next((g for g in snapshot.goals if g.id == entry.goal_id), None)
        if entry.goal_id:
            rows.add_row("Goal", _goal_text(goal, entry.goal_id))
        if entry.task_id:
            task = next((t for t in snapshot.tasks if t.id == entry.task_id), None)
            rows.add_row("Task", task_label(task) if task else Text("(deleted task)", style="dim"))
        step = Text(end="")
        step.append(f"{LEARN}\n", style="bold")
        if entry.next_step:
            step.append_text(plain(entry.next_step, style="italic"))
            step.append("\nT turns it into a task on the Board (Next).", style="dim")
        elif entry.kind == "win":
            step.append("Nothing needed: enjoy it. e adds a next step if one comes.", style="dim")
        else:
            step.append("Not written yet: e to write it.", style="dim")
        body = Table.grid()
        body.add_column()
        body.add_row(head)
        if rows.row_count:
            body.add_row(rows)
        body.add_row(plain(entry.text))
        if entry.obstacle:
            obstacle = Text("Obstacle it met: ", style="bold", end="")
            obstacle.append_text(plain(entry.obstacle))
            body.add_row(obstacle)
        # under the text it is about, before the next step: in the 7 lines an 80x24 pane
        # shows, not past them (the pane still scrolls, with tab, for a long entry)
        body.add_row(_review_line(entry, today or date.today()))
        body.add_row(Text(""))
        body.add_row(step)
        self._draw(body)


class PracticeDetail(_Pane):
    """One practice session and its goal's streak and consistency, as of today."""

    def show(self, session: PracticeSession | None, snapshot: Snapshot, today: date) -> None:
        if session is None:
            self._draw(
                Text(
                    "No practice session selected. Press n (or p anywhere) to log minutes of "
                    "practice for today or another day.",
                    style="italic",
                )
            )
            return
        goal = next((g for g in snapshot.goals if g.id == session.goal_id), None)
        head = Text(end="")
        head.append(f"{session.minutes} min", style="bold")
        head.append(f" on {when(session.date)} {glyph('dot')} ")
        head.append_text(_goal_text(goal, session.goal_id))
        body = Table.grid()
        body.add_column()
        body.add_row(head)
        if session.note:
            body.add_row(plain(session.note, style="italic"))
        if session.is_deliberate:
            body.add_row(Text(""))
            body.add_row(_deliberate(session))
        body.add_row(Text(""))
        body.add_row(_goal_figures(goal, session, snapshot, today))
        self._draw(body)


def _review_line(entry: FeedbackEntry, today: date) -> Text:
    """Where the entry stands in the spaced review, and the key that changes it."""
    plan = lesson_schedule(entry)
    line = Text("Spaced review: ", style="bold", end="")
    if plan is None:
        line.append("not in it (m marks it to come back in 1, 3, 7, 21, 60 days)", style="dim")
        return line
    line.append(describe_schedule(plan, today))
    if plan.applied or plan.again:
        line.append(f" {glyph('dot')} applied {plan.applied}×, again {plan.again}×", style="dim")
    if plan.retired:
        keys = "m brings it back"
    else:
        keys = "m retires it" if entry.kind in LESSON_KINDS else "m takes it out"
        if plan.is_due(today):
            keys = f"r reviews it, {keys}"
    line.append(f" {glyph('dot')} {keys}", style="dim")
    return line


def _deliberate(session: PracticeSession) -> Table:
    """What made the session deliberate: its focus, scores and next fix (those it has)."""
    rows = _rows()
    rows.columns[0].width = 11
    if session.focus:
        rows.add_row("Focus", one_line(session.focus))
    for label, score, words in (
        ("Quality", session.quality, QUALITY_WORDS),
        ("Difficulty", session.difficulty, DIFFICULTY_WORDS),
    ):
        if score is not None:
            line = Text(f"{score}/5 ", style="bold", end="")
            line.append(words[score], style="dim")
            rows.add_row(label, line)
    if session.next_fix:
        rows.add_row("Next fix", plain(session.next_fix))
    return rows


def _goal_text(goal: Goal | None, goal_id: str | None) -> Text:
    if goal is None:
        return Text("(no goal)" if not goal_id else "(deleted goal)", style="dim", end="")
    return goal_cell(goal)


def _goal_figures(
    goal: Goal | None, session: PracticeSession, snapshot: Snapshot, today: date
) -> RenderableType:
    if goal is None:
        return Text("Link the session to a goal (e) to count it in a streak.", style="dim")
    sessions = [s for s in snapshot.practice if s.goal_id == goal.id]
    days = {d for d in practice_days(sessions) if d <= today}
    streak = schedule.streak(goal.practice_plan, days, today)
    rows = _rows()
    rows.columns[0].width = 11
    plan = goal.practice_plan.describe() if goal.practice_plan else "no plan set"
    rows.add_row("Plan", Text(plan))
    streak_text = Text(marked("streak", plural(streak, "day")), end="")
    streak_text.append(
        f" (longest {schedule.longest_streak(goal.practice_plan, days, today)})", style="dim"
    )
    rows.add_row("Streak", streak_text)
    for span in (7, 30):
        figure = consistency(sessions, goal.practice_plan, today, span)
        label = f"Last {span} days"
        if figure is None:
            minutes = sum(
                s.minutes for s in sessions if _within(s.date, today, span) and s.minutes > 0
            )
            rows.add_row(label, Text(f"{minutes} min"))
            continue
        value = Text(f"{bar(figure.ratio, 10)} ", style="green", end="")
        value.append(figure.describe(), style="")
        rows.add_row(label, value)
    return rows


def _within(day: str, today: date, span: int) -> bool:
    try:
        delta = (today - date.fromisoformat(day)).days
    except ValueError:
        return False
    return 0 <= delta < span
