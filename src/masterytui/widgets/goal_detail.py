"""The detail pane of the Goals screen: everything the method says about one goal."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Sparkline, Static

from ..domain.figures import (
    children_map,
    consistency,
    current_streak,
    days_left,
    measure_progress,
    practice_days,
    proficiency_levels,
    subtree_ids,
)
from ..domain.model import COLUMN_TITLES, COLUMNS, Goal, Snapshot
from .glyphs import bar, glyph
from .goal_tree import KIND_STYLE
from .safe import one_line, plain

LABEL = "bold"
HINT = "italic"


def _row(text: Text, label: str, value: Text | str, style: str = "") -> None:
    text.append(f"{label:<12}", style=LABEL)
    if isinstance(value, Text):
        text.append_text(value)
    else:
        text.append(value, style=style)
    text.append("\n")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class GoalDetail(VerticalScroll):
    """Shows one goal (or a hint when none is selected); drawn from domain objects only."""

    DEFAULT_CSS = """
    GoalDetail { padding: 0 1; }
    GoalDetail #detail-spark { height: 2; margin: 0 0 1 12; max-width: 40; }
    GoalDetail .-hidden { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield Sparkline([], id="detail-spark", classes="-hidden")
        yield Static(id="detail-rest")

    def show(self, goal: Goal | None, snapshot: Snapshot, today: date) -> None:
        head = self.query_one("#detail-head", Static)
        spark = self.query_one("#detail-spark", Sparkline)
        rest = self.query_one("#detail-rest", Static)
        if goal is None:
            head.update(
                Text(
                    "No goal selected.\n\nPress n to add a goal: start with an area of focus, "
                    "then a performance goal (an outcome) and the mastery goals (skills) that "
                    "serve it.",
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
        rest.update(self._rest(goal, snapshot))

    def _head(self, goal: Goal, snapshot: Snapshot, today: date) -> Text:
        text = Text(end="")
        text.append(f"{glyph(goal.kind)} ", style=KIND_STYLE.get(goal.kind, ""))
        text.append_text(plain(goal.title, style="bold"))
        text.append("\n")
        text.append(f"{goal.kind} goal" if goal.kind != "area" else "area of focus", style="dim")
        text.append(f" {glyph('dot')} {goal.status}\n\n", style="dim")
        if goal.why:
            _row(text, "Why", plain(goal.why))
        if goal.commitment:
            _row(text, "Commitment", plain(goal.commitment, style="italic"))
        if goal.measure:
            m = goal.measure
            ratio = measure_progress(m) or 0.0
            unit = f" {m.unit}" if m.unit else ""
            value = Text(f"{_number(m.current)}{unit} of {_number(m.target)}{unit}", end="")
            if m.start is not None:
                value.append(f" (from {_number(m.start)})", style="dim")
            _row(text, "Measure", value)
            _row(text, "", Text(f"{bar(ratio, 24)} {ratio:.0%}", style="green", end=""))
            left = days_left(m.deadline, today)
            if left is not None:
                when = (
                    f"{left} days left"
                    if left > 0
                    else "due today"
                    if left == 0
                    else f"{-left} days overdue"
                )
                _row(text, "Deadline", f"{m.deadline} ({when})", "red" if left < 0 else "")
        if goal.rwa:
            r = goal.rwa
            _row(text, "Ready·Will·Able", f"{r.ready} · {r.willing} · {r.able}  (1-5)")
            if r.needs_scaling_back:
                text.append(
                    "            Scale it back until it feels like a no-brainer.\n",
                    style="bold yellow",
                )
        sessions = [s for s in snapshot.practice if s.goal_id == goal.id]
        if goal.practice_plan or sessions:
            plan = goal.practice_plan.describe() if goal.practice_plan else "no plan set"
            streak = current_streak(practice_days(sessions), today)
            _row(
                text,
                "Practice",
                f"{plan} {glyph('dot')} streak {glyph('streak')} {streak} day"
                f"{'s' if streak != 1 else ''}",
            )
            for days in (7, 28):
                figure = consistency(sessions, goal.practice_plan, today, days)
                if figure is not None:
                    _row(text, f"  {days} days", f"{bar(figure.ratio, 12)} {figure.describe()}")
        levels = proficiency_levels(goal)
        if levels:
            trend = (
                f"{levels[0]} {glyph('arrow')} {levels[-1]}" if len(levels) > 1 else str(levels[0])
            )
            _row(text, "Proficiency", f"{trend}  (of 10, {len(levels)} ratings)")
        return text

    def _rest(self, goal: Goal, snapshot: Snapshot) -> Text:
        text = Text(end="")
        by_id = {g.id: g for g in snapshot.goals}
        children = children_map(snapshot.goals)
        self._pairs(text, goal, by_id, children)
        ids = subtree_ids(goal.id, children)
        counts = dict.fromkeys(COLUMNS, 0)
        for task in snapshot.tasks:
            if task.goal_id in ids:
                counts[task.column] += 1
        summary = f" {glyph('dot')} ".join(f"{COLUMN_TITLES[c]} {counts[c]}" for c in COLUMNS)
        _row(text, "Tasks", summary if any(counts.values()) else "none yet (t adds one)")
        entries = sorted(
            (f for f in snapshot.feedback if f.goal_id in ids), key=lambda f: f.at, reverse=True
        )[:3]
        if entries:
            text.append("Feedback\n", style=LABEL)
            for entry in entries:
                text.append(f"  {glyph(entry.kind)} {entry.at[:10]} ", style="dim")
                text.append_text(one_line(entry.text, 70))
                text.append("\n")
        return text

    def _pairs(
        self,
        text: Text,
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
                value.append_text(one_line(parent.title, 60))
                _row(text, "Supports", value)
        elif goal.kind == "performance":
            skills = [g for g in children.get(goal.id, ()) if g.kind == "mastery"]
            if skills:
                for index, skill in enumerate(skills):
                    value = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
                    value.append_text(one_line(skill.title, 60))
                    _row(text, "Supported by" if index == 0 else "", value)
            else:
                text.append(
                    "Pair it: which skill would get you there? Press a to add a mastery goal "
                    "under it.\n",
                    style="italic yellow",
                )
