"""The detail pane of the Goals screen: everything the method says about one goal."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import VerticalScroll
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widgets import Sparkline, Static

from ...domain import schedule
from ...domain.figures import (
    Consistency,
    children_map,
    consistency,
    days_left,
    measure_progress,
    practice_days,
    proficiency_levels,
    subtree_ids,
    task_progress,
)
from ...domain.model import COLUMN_TITLES, COLUMNS, Goal, PracticeSession, Snapshot
from ...domain.plans import has_plan, plan_rate
from ...domain.schedule import next_due_text, strength_text
from ...domain.words import days_left_words, iso_day, number, plural, short_date
from ...widgets.glyphs import KIND_STYLE, bar, glyph, use_ascii
from ...widgets.safe import one_line, plain

LABEL = "bold"
HINT = "italic"


class _Rows:
    """Label/value rows that wrap with a hanging indent (a two-column grid)."""

    def __init__(self) -> None:
        self.table = Table.grid(padding=(0, 1))
        self.table.add_column(width=12, style=LABEL, no_wrap=True)
        self.table.add_column(ratio=1)

    def add(self, label: str, value: Text | str, style: str = "") -> None:
        self.table.add_row(label, value if isinstance(value, Text) else Text(value, style=style))

    def note(self, message: str, style: str) -> None:
        self.table.add_row("", Text(message, style=style))


class ProficiencyLine(Sparkline):
    """Textual's Sparkline; in ASCII mode drawn with only the half and full block.

    The Linux console font has no eighth blocks, but two lines of ``▄`` and ``█`` still give
    four heights.
    """

    def render(self) -> RenderResult:
        rendered = super().render()
        if use_ascii() and isinstance(rendered, SparklineRenderable):
            rendered.BARS = "▄█"
        return rendered


OVER_PLAN = "goal-detail--over-plan"
"""The style of practice at or over the plan: the theme's success colour."""


class GoalDetail(VerticalScroll):
    """Shows one goal (or a hint when none is selected); drawn from domain objects only."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {OVER_PLAN}
    DEFAULT_CSS = """
    GoalDetail { padding: 0 1; }
    GoalDetail > .goal-detail--over-plan { color: $success; text-style: bold; }
    GoalDetail #detail-spark { height: 2; margin: 0 0 1 12; max-width: 40; }
    GoalDetail .-hidden { display: none; }
    """
    _shown: tuple[Goal | None, Snapshot, date, str | None] | None = None
    """What :meth:`show` was last asked to show."""
    _met = Style()
    """The over-plan style the pane was drawn with (see :meth:`notify_style_update`)."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield ProficiencyLine([], id="detail-spark", classes="-hidden")
        yield Static(id="detail-rest")

    def show(
        self, goal: Goal | None, snapshot: Snapshot, today: date, *, hint: str | None = None
    ) -> None:
        """Show ``goal``; with None, say nothing is selected (and why: ``hint``)."""
        self._shown = (goal, snapshot, today, hint)
        self._met = self._over_plan_style()
        head = self.query_one("#detail-head", Static)
        spark = self.query_one("#detail-spark", ProficiencyLine)
        rest = self.query_one("#detail-rest", Static)
        if goal is None:
            head.update(
                Text(
                    f"No goal selected.\n\n{hint}"
                    if hint
                    else "No goal selected.\n\nPress n to add a goal: start with an area of "
                    "focus, then a performance goal (an outcome) and the mastery goals (skills) "
                    "that serve it.",
                    style=HINT,
                )
            )
            spark.add_class("-hidden")
            rest.update("")
            return
        head.update(self._head(goal, snapshot, today))
        levels = proficiency_levels(goal)
        spark.set_class(len(levels) < 2, "-hidden")
        spark.data = [float(v) for v in levels]
        rest.update(self._rest(goal, snapshot, today))

    def _over_plan_style(self) -> Style:
        # only the colour and weight: the pane's background shows through
        full = self.get_component_rich_style(OVER_PLAN)
        return Style(color=full.color, bold=full.bold)

    def notify_style_update(self) -> None:
        """A new theme: draw again with its success colour."""
        super().notify_style_update()
        if self._shown is not None:
            self.call_later(self._redraw)  # once the component styles have the new theme's

    def _redraw(self) -> None:
        if self._shown is not None and self._over_plan_style() != self._met:
            goal, snapshot, today, hint = self._shown
            self.show(goal, snapshot, today, hint=hint)

    def _head(self, goal: Goal, snapshot: Snapshot, today: date) -> RenderableType:
        title = Text(end="")
        title.append(f"{glyph(goal.kind)} ", style=KIND_STYLE.get(goal.kind, ""))
        title.append_text(plain(goal.title, style="bold"))
        title.append("\n")
        kind = f"{goal.kind} goal" if goal.kind != "area" else "area of focus"
        title.append(f"{kind} {glyph('dot')} {goal.status}", style="dim")
        rows = _Rows()
        if goal.why:
            rows.add("Why", plain(goal.why))
        if goal.outcome:
            rows.add("Outcome", plain(goal.outcome))
        if goal.obstacle:
            rows.add("Obstacle", plain(goal.obstacle))
        if goal.cue:
            rows.add("When", plain(goal.cue, style="italic"))
        if goal.commitment:
            rows.add("I'm going to", plain(_commitment(goal.commitment), style="italic"))
        if has_plan(goal.cue, goal.commitment):
            rate = plan_rate(goal.plan_checks, today)
            ran = rate.describe() if any(rate.weeks) else "not asked yet (the weekly review asks)"
            rows.add("Plan ran", ran, "dim" if not any(rate.weeks) else "")
        if goal.measure:
            m = goal.measure
            ratio = measure_progress(m) or 0.0
            unit = f" {m.unit}" if m.unit else ""
            value = Text(f"{number(m.current)}{unit} of {number(m.target)}{unit}", end="")
            if m.start is not None:
                value.append(f" (from {number(m.start)})", style="dim")
            rows.add("Measure", value)
            rows.add("", Text(f"{bar(ratio, 20)} {ratio:.0%} of target", style="green", end=""))
            left = days_left(m.deadline, today)
            if left is not None and m.deadline:
                when = (
                    f"{short_date(date.fromisoformat(m.deadline), today)} ({days_left_words(left)})"
                )
                rows.add("Deadline", when, "bold red" if left < 0 else "")
        else:
            ids = subtree_ids(goal.id, children_map(snapshot.goals))
            tasks = task_progress(ids, snapshot.of_goals("tasks", ids))
            if tasks.ratio is not None:
                done = f"{tasks.ratio:.0%} of tasks done ({tasks.done} of {tasks.total})"
                rows.add("Progress", Text(f"{bar(tasks.ratio, 10)} {done}", style="green", end=""))
        if goal.rwa:
            r = goal.rwa
            rows.add("R·W·A", f"ready {r.ready} · willing {r.willing} · able {r.able} (of 5)")
            if r.needs_scaling_back:
                rows.note("Scale it back until it feels like a no-brainer.", "bold yellow")
        sessions: list[PracticeSession] = snapshot.of_goals("practice", {goal.id})
        if goal.practice_plan or sessions:
            plan = goal.practice_plan.describe() if goal.practice_plan else "no plan set"
            practised = {d for d in practice_days(sessions) if d <= today}
            streak = schedule.streak(goal.practice_plan, practised, today)
            rows.add("Practice", f"{plan} {glyph('dot')} streak {plural(streak, 'day')}")
            if goal.practice_plan:
                rows.add("  Next", next_due_text(goal.practice_plan, practised, today))
                rows.add("  Habit", strength_text(goal.practice_plan, practised, today))
            for days in (7, 28):
                figure = consistency(sessions, goal.practice_plan, today, days)
                if figure is not None:
                    rows.add(f"  {days} days", against_plan(figure, self._met))
        levels = proficiency_levels(goal)
        if levels:
            trend = f"{levels[0]} {glyph('arrow')} {levels[-1]}" if len(levels) > 1 else ""
            rows.add("Proficiency", f"{trend or levels[0]} of 10 ({plural(len(levels), 'rating')})")
        return Group(title, Text(""), rows.table)

    def _rest(self, goal: Goal, snapshot: Snapshot, today: date) -> RenderableType:
        rows = _Rows()
        by_id = {g.id: g for g in snapshot.goals}
        children = children_map(snapshot.goals)
        self._pairs(rows, goal, by_id, children)
        ids = subtree_ids(goal.id, children)
        counts = dict.fromkeys(COLUMNS, 0)
        for task in snapshot.of_goals("tasks", ids):
            counts[task.column] += 1
        summary = f" {glyph('dot')} ".join(f"{COLUMN_TITLES[c]} {counts[c]}" for c in COLUMNS)
        rows.add("Tasks", summary if any(counts.values()) else "none yet (t adds one)")
        entries = sorted(snapshot.of_goals("feedback", ids), key=lambda f: f.at, reverse=True)[:3]
        for index, entry in enumerate(entries):
            value = Text(f"{glyph(entry.kind)} {iso_day(entry.at, today)} ", style="dim", end="")
            value.append_text(one_line(entry.text, 200))
            rows.add("Feedback" if index == 0 else "", value)
        return rows.table

    def _pairs(
        self,
        rows: _Rows,
        goal: Goal,
        by_id: dict[str, Goal],
        children: dict[str | None, list[Goal]],
    ) -> None:
        if goal.kind == "mastery":
            parent = by_id.get(goal.parent_id or "")
            while parent is not None and parent.kind != "performance":
                parent = by_id.get(parent.parent_id or "")
            if parent is not None:
                value = Text(f"{glyph('performance')} ", style=KIND_STYLE["performance"], end="")
                value.append_text(one_line(parent.title, 200))
                rows.add("Supports", value)
        elif goal.kind == "performance":
            skills = [g for g in children.get(goal.id, ()) if g.kind == "mastery"]
            for index, skill in enumerate(skills):
                value = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
                value.append_text(one_line(skill.title, 200))
                rows.add("Paired with" if index == 0 else "", value)
            if not skills:
                rows.add(
                    "Pair it",
                    "Which skill would get you there? Press a to add a mastery goal under it.",
                    "italic yellow",
                )


def against_plan(figure: Consistency, met: Style) -> Text:
    """Practice in a window against the plan, as a bar of 10 cells and the figures; at or
    over the plan the bar is full in ``met`` (the theme's success colour) and a done mark
    follows, so it reads as met in 16 colours, in monochrome and in ASCII too."""
    if figure.ratio < 1:
        return Text(f"{bar(figure.ratio, 10)} {figure.describe()}", end="")
    text = Text(end="")
    text.append(bar(1.0, 10), style=met)
    text.append(f" {figure.describe()} ")
    text.append(glyph("done"), style=met)
    return text


def _commitment(sentence: str) -> str:
    """The commitment without a leading "I'm going to", which the label already says."""
    for prefix in ("I'm going to ", "I’m going to ", "I am going to "):
        if sentence.lower().startswith(prefix.lower()):
            return sentence[len(prefix) :]
    return sentence
