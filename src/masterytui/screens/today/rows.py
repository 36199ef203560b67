"""The Today screen's rows: the Today list (:func:`masterytui.views.today.today_view`), as
options of a list.

Plain functions of the view (no store, no app): each row says what it is (a heading, a
practice goal, a streak at risk, a task, a line of text) and which goal or task a key acts
on. The words are the view's, shared with ``masterytui today`` and the report. User text
goes in as ``Text`` objects, never markup.

A row's words are drawn when first asked for (:attr:`Row.prompt`): the list shows only the
rows on screen, so 2,800 overdue tasks cost 2,800 small records, not 2,800 drawn lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from rich.console import Group, RenderableType
from rich.text import Text

from ...domain.model import Goal, Snapshot, Task
from ...domain.recur import describe
from ...domain.today import PracticeDue, StreakRisk, Today
from ...domain.words import days, number, plural, short_date
from ...views.lessons import DueLesson
from ...views.today import (
    LESSONS,
    LESSONS_ASK,
    Habit,
    TodayView,
    as_sentence,
    lesson_state,
    risk_label,
    risk_state,
)
from ...widgets.glyphs import KIND_STYLE, glyph
from ...widgets.safe import one_line
from .hanging import Hanging


@dataclass(slots=True, eq=False)
class Row:
    """One line of the Today list."""

    draw: Callable[[], Text] = field(repr=False)
    """What draws the row's words (once: :attr:`prompt` keeps them)."""
    kind: str  # "heading", "practice", "risk", "lesson", "task", "text"
    goal_id: str | None = None
    task_id: str | None = None
    entry_id: str | None = None
    """For a lesson row: the feedback entry due for review."""
    minutes: int | None = None
    """For a practice row: the minutes to pre-fill when logging a session."""
    _prompt: Text | None = field(default=None, init=False, repr=False)

    @property
    def prompt(self) -> Text:
        """The row's words, drawn the first time they are asked for."""
        if self._prompt is None:
            self._prompt = self.draw()
        return self._prompt

    @property
    def key(self) -> str | None:
        """The option id: a goal's or a task's, unique in the list (headings have none)."""
        if self.kind == "task":
            return f"task:{self.task_id}"
        if self.kind == "lesson":
            return f"lesson:{self.entry_id}"
        if self.kind in ("practice", "risk"):
            return f"{self.kind}:{self.goal_id}"
        return None


def heading(title: str, detail: str = "") -> Row:
    return Row(partial(_heading, title, detail), "heading")


def _heading(title: str, detail: str) -> Text:
    text = Text(title, style="bold", end="")
    if detail:
        text.append(f" {glyph('dot')} {detail}", style="dim")
    return text


def note(words: str) -> Row:
    return Row(partial(Text, f"  {words}", style="italic dim", end=""), "text")


def _goal(goal: Goal) -> Text:
    text = Text(f"{glyph(goal.kind)} ", style=KIND_STYLE.get(goal.kind, ""), end="")
    text.append_text(one_line(goal.title, 200))
    return text


AMOUNT = 19
"""Cells of a practice row's amount ("10/20 min, 10 left", "2 sessions in 5 days")."""


def _cell(words: str, width: int, style: str = "") -> Text:
    cut = words if len(words) <= width else words[: width - 1] + glyph("ellipsis")
    return Text(f"{cut:<{width}}", style=style, end="")


def practice_row(due: PracticeDue, habit: Habit | None) -> Row:
    """``✓ 20/20 min  ♦46d  95%  ● Title``: done mark, amount, streak, habit, the goal."""
    plan = due.goal.practice_plan
    minutes = None
    if plan is not None and plan.minutes_per_day:
        minutes = due.minutes_left or plan.minutes_per_day
    return Row(partial(_practice, due, habit), "practice", goal_id=due.goal.id, minutes=minutes)


def _practice(due: PracticeDue, habit: Habit | None) -> Text:
    plan = due.goal.practice_plan
    text = Text(end="")
    text.append(f"{glyph('done')} " if due.done else "  ", style="bold green")
    if plan is not None and plan.minutes_per_day:
        amount = f"{due.minutes_done}/{plan.minutes_per_day} min"
        if due.minutes_left:
            amount += f", {due.minutes_left} left"
    elif plan is not None and plan.days:
        amount = "done today" if due.minutes_done else "a session today"
    elif due.sessions_left:
        amount = f"{due.sessions_left} left in {days(due.days_to_go)}"
    else:
        amount = "week's sessions done"
    text.append_text(_cell(amount, AMOUNT, "" if due.done else "bold"))
    streak = habit.streak if habit else 0
    strength = habit.strength if habit else 0
    text.append_text(_cell(f"{glyph('streak')}{streak}d" if streak else "", 6, "green"))
    text.append_text(_cell(f"{strength:>3}%", 6, "dim"))
    text.append_text(_goal(due.goal))
    return text


def risk_words(risk: StreakRisk) -> str:
    """What a streak at risk says, in the tone of the setback prompt."""
    if risk.misses or risk.missed_yesterday:
        return as_sentence(risk_state(risk))
    return f"{days(risk.streak)} in a row: one session today keeps the streak going."


def risk_row(risk: StreakRisk) -> Row:
    plan = risk.goal.practice_plan
    minutes = plan.minutes_per_day if plan else None
    return Row(partial(_risk, risk), "risk", goal_id=risk.goal.id, minutes=minutes)


def _risk(risk: StreakRisk) -> Text:
    label = risk_label(risk)
    if risk.misses >= 2:
        style = "yellow"
    elif risk.missed_yesterday:
        style = "bold yellow"
    else:
        label, style = f"{glyph('streak')}{label}", "bold"
    text = Text("  ", end="")
    text.append_text(_cell(label, AMOUNT + 12, style))
    text.append_text(_goal(risk.goal))
    return text


def lesson_row(due: DueLesson, today: date) -> Row:
    """``due today  ◆ lesson  Reading sales letters aloud…  · Sales copywriting``."""
    draw = partial(_lesson, due, today)
    return Row(draw, "lesson", goal_id=due.entry.goal_id, entry_id=due.entry.id)


def _lesson(due: DueLesson, today: date) -> Text:
    waited = due.overdue_days(today)
    text = Text("  ", end="")
    text.append_text(_cell(lesson_state(due, today), 16, "bold yellow" if waited else "bold"))
    kind = due.entry.kind
    text.append(f"{glyph(kind)} {kind:<8}", style=KIND_STYLE.get(kind, ""))
    text.append_text(one_line(due.entry.text, 200))
    if due.goal_title:
        text.append(f" {glyph('dot')} ", style="dim")
        text.append_text(one_line(due.goal_title, 60, style="dim"))
    return text


def task_row(task: Task, when: str, goals: dict[str, Goal], today: date) -> Row:
    goal = goals.get(task.goal_id or "")
    draw = partial(_task, task, when, goal, today)
    return Row(draw, "task", goal_id=task.goal_id, task_id=task.id)


def _task(task: Task, when: str, goal: Goal | None, today: date) -> Text:
    style = {"overdue": "bold red", "today": "bold yellow", "doing": "cyan"}[when]
    label = {"overdue": f"!{_short(task.due, today)}", "today": "today", "doing": "doing"}[when]
    text = Text(end="")
    text.append(f"  {label:<7} ", style=style)
    text.append(f"{glyph('repeat')} " if task.recur else "  ", style="bold")
    text.append_text(one_line(task.title, 200))
    if goal is not None:
        text.append(f" {glyph('dot')} ", style="dim")
        text.append_text(one_line(goal.title, 60, style="dim"))
    return text


def _short(due: str | None, today: date) -> str:
    return short_date(date.fromisoformat(due), today) if due else ""


def today_rows(view: TodayView, snapshot: Snapshot) -> list[Row]:
    """Every row of the list, section by section."""
    found = view.found
    goals = {g.id: g for g in snapshot.goals}
    rows: list[Row] = []
    done = sum(1 for p in found.practice if p.done)
    rows.append(heading("Practice today", f"{number(done)} of {number(len(found.practice))} done"))
    if not found.practice:
        rows.append(note("No plan asks for practice today: a rest day, or give a goal a plan."))
    rows += [practice_row(due, view.habits.get(due.goal.id)) for due in found.practice]
    if found.risks:
        rows.append(heading("Streaks at risk"))
        rows += [risk_row(r) for r in found.risks]
    if view.lessons:
        how_many = f"{number(len(view.lessons))} due"
        rows.append(heading(LESSONS, f"{how_many} {glyph('dot')} r: {LESSONS_ASK}"))
        rows += [lesson_row(due, found.day) for due in view.lessons]
    count = len(found.overdue) + len(found.due) + len(found.doing)
    rows.append(heading("Tasks", f"{number(count)} to do" if count else "all clear"))
    if not count:
        rows.append(note("Nothing overdue, due today or in Doing."))
    for when, tasks in (("overdue", found.overdue), ("today", found.due), ("doing", found.doing)):
        rows += [task_row(t, when, goals, found.day) for t in tasks]
    return rows


def side_text(found: Today, *, compact: bool = False) -> RenderableType:
    """The commitments of the day, this week's wins and the next outcome deadline;
    ``compact``: a line each, for the strip under the list of a narrow terminal.

    A goal and what goes under it sit in two columns (:class:`.hanging.Hanging`), so every
    wrapped line keeps the hanging indent (a goal's title under its title, not under its
    glyph)."""
    if compact:
        return _compact_side(found)
    parts: list[RenderableType] = [Text("Your commitments", style="bold")]
    if not found.commitments:
        parts.append(Text("None for today's goals: add an \"I'm going to…\" (e on Goals).", "dim"))
    else:
        grid = Hanging()
        for goal, sentence in found.commitments:
            grid.add_row(*_goal_cells(goal))
            grid.add_row("", one_line(sentence, 300))
        parts.append(grid)
    week = Text()
    week.append("\nThis week\n", style="bold")
    week.append(f"{glyph('win')} {plural(found.wins_week, 'win')}", style="bold yellow")
    week.append(" so far")
    if found.streak:
        week.append(f"\nLongest live streak: {plural(found.streak, 'day')}")
    parts.append(week)
    if found.deadline:
        goal, deadline = found.deadline
        left = (date.fromisoformat(deadline) - found.day).days
        when = short_date(date.fromisoformat(deadline), found.day)
        parts.append(Text("Next deadline:"))
        grid = Hanging()
        grid.add_row(*_goal_cells(goal))
        grid.add_row("", Text(f"{when} (in {days(left)})", end=""))
        parts.append(grid)
    return Group(*parts)


def _goal_cells(goal: Goal) -> tuple[Text, Text]:
    style = KIND_STYLE.get(goal.kind, "")
    return Text(f"{glyph(goal.kind)} ", style=style, end=""), one_line(goal.title, 200, style)


def detail_text(row: Row | None, view: TodayView, snapshot: Snapshot) -> Text:
    """Two lines about the selected row: what it asks, and the key that does it."""
    if row is None:
        return Text("Nothing to act on here. t adds a task, p logs practice.", style="dim")
    goals = {g.id: g for g in snapshot.goals}
    if row.kind == "lesson":
        return _lesson_detail(row, view)
    if row.kind == "task":
        task = view.tasks.get(row.task_id or "")
        if task is None:
            return Text("")
        text = one_line(task.title, 300, style="bold")
        bits = [f"due {_short(task.due, view.found.day)}" if task.due else "no due date"]
        if task.recur:
            bits.append(f"{glyph('repeat')} {describe(task.recur.every, task.recur.start)}")
        # The keys first: at 80 columns a long line is cut at its end, never the keys.
        text.append("\nspace done · e edit · b on the Board  ", style="dim italic")
        text.append(f" {glyph('dot')} ".join(bits), style="dim")
        return text
    goal = goals.get(row.goal_id or "")
    if goal is None:
        return Text("")
    plan = goal.practice_plan
    if row.kind == "risk":
        risk = view.risk_of(goal.id)
        text = Text(risk_words(risk) if risk else "", style="bold", end="")
    else:
        text = Text(plan.describe() if plan else "no plan", style="bold", end="")
        if goal.commitment.strip():
            text.append(f" {glyph('dot')} ")
            text.append_text(one_line(goal.commitment, 200))
    text.append("\ns log a session", style="dim italic")
    habit = view.habits.get(goal.id)
    if habit is not None:
        text.append(
            f"  habit {habit.strength_text} {glyph('dot')} next: {habit.next_due}", style="dim"
        )
    return text


def _lesson_detail(row: Row, view: TodayView) -> Text:
    due = next((d for d in view.lessons if d.entry.id == row.entry_id), None)
    if due is None:
        return Text("")
    entry = due.entry
    text = one_line(entry.text, 300, style="bold")
    plan = due.schedule
    bits = [f"{entry.kind} from {entry.source}, {entry.at[:10]}", f"{plan.interval}-day interval"]
    if plan.applied:
        bits.append(f"applied {plural(plan.applied, 'time')}")
    text.append("\n" + f" {glyph('dot')} ".join(bits), style="dim")
    text.append("  r review it", style="dim italic")
    return text


def _compact_side(found: Today) -> Text:
    text = Text(end="")
    for goal, sentence in found.commitments:
        text.append_text(_goal(goal))
        text.append(": ")
        text.append_text(one_line(sentence, 300, style="italic"))
        text.append("\n")
    text.append(f"{glyph('win')} {plural(found.wins_week, 'win')}", style="bold yellow")
    text.append(" this week")
    if found.streak:
        text.append(f" {glyph('dot')} longest streak {found.streak}d")
    if found.deadline:
        goal, deadline = found.deadline
        left = (date.fromisoformat(deadline) - found.day).days
        text.append(f" {glyph('dot')} next deadline in {days(left)}: ")
        text.append_text(_goal(goal))
    return text
