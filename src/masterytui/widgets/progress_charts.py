"""The charts of the Progress screen, drawn from the figures of :mod:`domain.progress`.

Sparklines and progress bars are Textual's own widgets; the weekly bar chart uses Rich's
``Bar``; streak rows and wins are Rich Text. User text always goes through ``one_line``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.bar import Bar
from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Sparkline, Static

from ..domain.progress import GoalPractice, Outcome, Trend, Wins
from .glyphs import bar, glyph, marked, use_ascii
from .goal_tree import KIND_STYLE
from .progress_words import MONTHS, days, short_date
from .safe import one_line


def practice_table(rows: Sequence[GoalPractice], today: date) -> RenderableType:
    """One line per mastery goal: current streak, longest streak, this week against plan."""
    if not rows:
        return Text(
            "No mastery goal with a practice plan here yet. Give one a plan on the Goals "
            "screen (e), then log practice with p.",
            style="italic dim",
        )
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=True)
    table.add_column("Mastery goal", ratio=1, no_wrap=True, overflow="ellipsis", min_width=12)
    table.add_column("Streak", no_wrap=True, justify="right")
    table.add_column("Best", no_wrap=True, justify="right")
    table.add_column("This week", no_wrap=True)
    for row in rows:
        title = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
        title.append_text(one_line(row.goal.title))
        if row.current:
            streak = Text(marked("streak", days(row.current)), style="bold green")
        elif row.last_day is not None:
            streak = Text(f"last {short_date(row.last_day, today)}", style="dim")
        else:
            streak = Text("never", style="dim")
        week = Text(end="")
        if row.week is not None:
            plan = row.week
            week.append(bar(plan.ratio, 8), style="green" if plan.on_track else "yellow")
            week.append(f" {plan.describe()}")
            if plan.done >= plan.planned:
                week.append(f" {glyph('done')}", style="bold green")
        else:
            week.append(f"{row.minutes_week} min (no plan)", style="dim")
        table.add_row(title, streak, str(row.longest), week)
    return table


def wins_text(wins: Wins, titles: dict[str, str], today: date) -> Text:
    """Counts of wins and the latest three, each with its goal."""
    text = Text(end="")
    text.append(f"{glyph('win')} {wins.this_week}", style="bold yellow")
    text.append(f" this week {glyph('dot')} ")
    text.append(str(wins.this_month), style="bold")
    text.append(f" this month {glyph('dot')} {wins.total} in all")
    if not wins.latest:
        text.append("\nNo wins yet: press w when something goes well.", style="italic dim")
    for entry in wins.latest:
        text.append("\n")
        text.append(f"{short_date(date.fromisoformat(entry.at[:10]), today):>6} ", style="dim")
        text.append_text(one_line(entry.text, 200))
        goal = titles.get(entry.goal_id or "")
        if goal:
            text.append(f" {glyph('dot')} ", style="dim")
            text.append_text(one_line(goal, 40, style="dim italic"))
    return text


def weekly_chart(weeks: Sequence[tuple[date, int]]) -> RenderableType:
    """Tasks finished per week as horizontal bars (Rich's ``Bar``), newest week last.

    The bars take whatever width the panel has.
    """
    top = max((count for _, count in weeks), default=0)
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    ascii_only = use_ascii()
    for monday, count in weeks:
        label = f"{monday.day:>2} {MONTHS[monday.month - 1]}"
        drawn: RenderableType
        if ascii_only:
            drawn = Text(glyph("full") * round(10 * count / top) if top else "", style="cyan")
        else:
            drawn = Bar(max(top, 1), 0, count)
            drawn.style = Style(color="cyan")  # no background: the panel's shows through
        table.add_row(label, drawn, Text(str(count), style="bold" if count else "dim"))
    return table


class TrendRow(Horizontal):
    """One mastery goal's proficiency: title, a sparkline, first and latest rating."""

    DEFAULT_CSS = """
    TrendRow { height: 1; }
    TrendRow > .trend-title { width: 30; }
    TrendRow > Sparkline, TrendRow > .trend-levels { width: 16; margin: 0 1; }
    TrendRow > .trend-figures { width: 1fr; }
    """

    def __init__(self, trend: Trend, today: date) -> None:
        super().__init__()
        self.trend = trend
        self.today = today

    def compose(self) -> ComposeResult:
        trend = self.trend
        title = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
        title.append_text(one_line(trend.goal.title, 27))
        yield Static(title, classes="trend-title")
        if use_ascii():  # the Linux console has no eighth blocks: show the ratings
            levels = " ".join(str(v) for v in trend.levels[-8:])
            yield Static(Text(levels, style="dim"), classes="trend-levels")
        else:
            yield Sparkline([float(v) for v in trend.levels])
        figures = Text(no_wrap=True, overflow="ellipsis", end="")
        if len(trend.levels) == 1:
            figures.append(f"{trend.first}/10", style="bold")
            figures.append(" (one rating: r on Goals rates again)", style="dim")
        else:
            figures.append(f"{trend.first} {glyph('arrow')} ")
            figures.append(f"{trend.latest}/10", style="bold")
            style = "green" if trend.change > 0 else "yellow" if trend.change < 0 else "dim"
            figures.append(f" ({trend.change:+d})", style=style)
            first = date.fromisoformat(trend.first_date[:10])
            figures.append(f" since {short_date(first, self.today)}", style="dim")
        yield Static(figures, classes="trend-figures")

    def on_mount(self) -> None:
        for spark in self.query(Sparkline):
            spark.display = len(self.trend.levels) > 1


class OutcomeRow(Vertical):
    """An active performance goal: its measure as a progress bar, deadline, and a flag."""

    DEFAULT_CSS = """
    OutcomeRow { height: auto; }
    OutcomeRow > Horizontal { height: 1; }
    OutcomeRow ProgressBar { width: auto; margin-right: 1; }
    OutcomeRow ProgressBar Bar { width: 20; }
    OutcomeRow .outcome-figures { width: 1fr; }
    OutcomeRow .outcome-bar { width: 27; }
    OutcomeRow.-lagging ProgressBar Bar > .bar--bar { color: $warning; }
    OutcomeRow.-overdue ProgressBar Bar > .bar--bar { color: $error; }
    """

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome
        self.set_class(outcome.lagging, "-lagging")
        self.set_class(outcome.overdue, "-overdue")

    def compose(self) -> ComposeResult:
        o = self.outcome
        title = Text(f"{glyph('performance')} ", style=KIND_STYLE["performance"], end="")
        title.append_text(one_line(o.goal.title, 200, style="bold"))
        yield Static(title)
        if o.goal.measure is None:
            tasks = (
                f"tasks {o.task_done} of {o.task_total} done" if o.task_total else "no tasks yet"
            )
            yield Static(
                Text(f"  no measure (e on Goals sets one) {glyph('dot')} {tasks}", style="dim")
            )
            return
        with Horizontal():
            if use_ascii():  # Textual's bar draws with glyphs the Linux console lacks
                ratio = o.progress or 0.0
                yield Static(Text(f"{bar(ratio, 20)} {ratio:>4.0%} "), classes="outcome-bar")
            else:
                progress = ProgressBar(total=100, show_eta=False)
                progress.progress = round((o.progress or 0.0) * 100)
                yield progress
            yield Static(self._figures(), classes="outcome-figures")
        flag = self._flag()
        if flag is not None:
            yield Static(flag)

    def _figures(self) -> Text:
        o = self.outcome
        m = o.goal.measure
        assert m is not None
        unit = f" {m.unit}" if m.unit else ""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append_text(one_line(f"{_number(m.current)}{unit} of {_number(m.target)}{unit}"))
        if o.days_left is None:
            text.append(f" {glyph('dot')} no deadline", style="dim")
        elif o.days_left >= 0:
            text.append(f" {glyph('dot')} {m.deadline} ")
            left = "due today" if o.days_left == 0 else f"{days(o.days_left)} left"
            text.append(f"({left})", style="bold" if o.days_left <= 14 else "")
        else:
            text.append(f" {glyph('dot')} {m.deadline} ")
            text.append(f"({days(-o.days_left)} overdue)", style="bold red")
        return text

    def _flag(self) -> Text | None:
        o = self.outcome
        if o.reached:
            return Text(f"  {glyph('done')} target reached", style="bold green")
        if o.overdue:
            return Text("  ! past the deadline: set a new one or close the goal", style="bold red")
        if o.lagging and o.progress is not None and o.elapsed is not None:
            return Text(
                f"  ! behind: {o.progress:.0%} done with {o.elapsed:.0%} of the time gone",
                style="bold yellow",
            )
        return None


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
