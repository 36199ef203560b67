"""The charts of the Progress screen, drawn from the figures of :mod:`views.progress`.

Everything is a Rich renderable for one Static per panel, not a widget per row: at 200
goals, hundreds of small widgets took over a second to lay out. The weekly bar chart uses
Rich's ``Bar``; the rest is Rich Text and tables. User text always goes through ``one_line``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.bar import Bar
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ...domain.words import MONTHS, days, days_left_words, number, relative_date, short_date
from ...views.progress import GoalPractice, Outcome, Trend, Wins
from ...widgets.glyphs import KIND_STYLE, bar, glyph, marked, use_ascii
from ...widgets.safe import one_line


class Rows:
    """Lines of cells in columns; column ``flex`` takes the width the others leave.

    What a Rich Table draws for plain rows of one line each, without measuring every cell of
    every row on each render: at 200 goals a Table took a tenth of a second, and Textual
    renders a panel twice (to size it, then to draw it).
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Text]],
        *,
        header: Sequence[Text] | None = None,
        flex: int = 0,
        widths: dict[int, int] | None = None,
        right: frozenset[int] = frozenset(),
        min_flex: int = 12,
    ) -> None:
        self.rows = [list(header)] if header else []
        self.rows += [list(row) for row in rows]
        self.flex = flex
        self.right = right
        self.min_flex = min_flex
        columns = max((len(row) for row in self.rows), default=0)
        self.widths = [
            (widths or {}).get(n) or max((row[n].cell_len for row in self.rows), default=0)
            for n in range(columns)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = list(self.widths)
        if widths:
            others = sum(w for n, w in enumerate(widths) if n != self.flex) + len(widths) - 1
            widths[self.flex] = max(self.min_flex, options.max_width - others)
        lines = Text(no_wrap=True, overflow="ellipsis")  # ends in a newline: Textual counts them
        for index, row in enumerate(self.rows):
            if index:
                lines.append("\n")
            for column, (cell, width) in enumerate(zip(row, widths, strict=False)):
                if column:
                    lines.append(" ")
                cell = cell.copy()
                cell.truncate(width, overflow="ellipsis")
                pad = " " * (width - cell.cell_len)
                if column in self.right:
                    lines.append(pad)
                    lines.append_text(cell)
                else:
                    lines.append_text(cell)
                    if column < len(row) - 1:
                        lines.append(pad)
        yield lines


CHANGE = "Change"
"""The heading over the change in habit strength over the last 4 weeks (+18)."""


def practice_table(rows: Sequence[GoalPractice], today: date) -> RenderableType:
    """One line per mastery goal: current streak, longest streak, habit strength and its
    change over 4 weeks (a column each, each headed), this week against plan."""
    if not rows:
        return Text(
            "No mastery goal with a practice plan here yet. Give one a plan on the Goals "
            "screen (e), then log practice with p.",
            style="italic dim",
        )
    bold = Style(bold=True)
    header = [
        Text(name, style=bold)
        for name in ("Mastery goal", "Streak", "Best", "Habit", CHANGE, "This week")
    ]
    lines: list[list[Text]] = []
    for row in rows:
        title = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
        title.append_text(one_line(row.goal.title))
        if row.current:
            streak = Text(marked("streak", days(row.current)), style="bold green")
        elif row.last_day is not None:
            streak = Text(f"last {relative_date(row.last_day, today)}", style="dim")
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
        habit = Text(f"{row.strength}%", end="")
        change = Text(f"{row.strength_change:+d}" if row.strength_change else "", style="dim")
        lines.append([title, streak, Text(str(row.longest)), habit, change, week])
    return Rows(lines, header=header, right=frozenset({1, 2, 3, 4}))


def wins_text(wins: Wins, titles: dict[str, str], today: date) -> Text:
    """Counts of wins and the latest three, each with its goal."""
    text = Text(end="")
    text.append(f"{glyph('win')} {wins.this_week}", style="bold yellow")
    text.append(f" this week {glyph('dot')} ")
    text.append(str(wins.this_month), style="bold")
    # The month by name: on 2 Dec "3 this week · 2 this month" read as a contradiction.
    text.append(f" in {MONTHS[today.month - 1]} {glyph('dot')} {wins.total} in all")
    if not wins.latest:
        text.append("\nNo wins yet: press w when something goes well.", style="italic dim")
    for entry in wins.latest:
        text.append("\n")
        text.append(f"{relative_date(date.fromisoformat(entry.at[:10]), today):>6} ", style="dim")
        text.append_text(one_line(entry.text, 200))
        goal = titles.get(entry.goal_id or "")
        if goal:
            text.append(f" {glyph('dot')} ", style="dim")
            text.append_text(one_line(goal, 40, style="dim italic"))
    return text


def weekly_chart(weeks: Sequence[tuple[date, int]]) -> RenderableType:
    """Tasks finished per week as horizontal bars (Rich's ``Bar``), newest week last.

    The bars take whatever width the panel has, less two cells each side of the count.
    """
    top = max((count for _, count in weeks), default=0)
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, no_wrap=True)
    table.add_column(no_wrap=True)  # right-aligned by hand: Rich strips a right cell's end
    wide = len(str(top))
    ascii_only = use_ascii()
    for monday, count in weeks:
        label = f"{monday.day:>2} {MONTHS[monday.month - 1]}"
        drawn: RenderableType
        if ascii_only:
            drawn = Text(glyph("full") * round(10 * count / top) if top else "", style="cyan")
        else:
            drawn = Bar(max(top, 1), 0, count)
            drawn.style = Style(color="cyan")  # no background: the panel's shows through
        # a space each side: the busiest week's bar does not run into its count, nor the
        # count into the scrollbar
        table.add_row(label, drawn, Text(f" {count:>{wide}} ", style="bold" if count else "dim"))
    return table


SPARKS = "▁▂▃▄▅▆▇█"


def spark_line(levels: Sequence[int], width: int = 16) -> Text:
    """Self-ratings from 1 to 10 as a line of eighth blocks, the latest ``width`` of them.

    In ASCII mode (the Linux console has no eighth blocks) the ratings themselves.
    """
    if use_ascii():
        return Text(" ".join(str(v) for v in levels[-8:]), style="dim")
    steps = [SPARKS[round((max(1, min(10, v)) - 1) * 7 / 9)] for v in levels[-width:]]
    return Text("".join(steps), style="cyan")


def trends_view(trends: Sequence[Trend], today: date) -> RenderableType:
    """One line per mastery goal: title, its ratings as a sparkline, first and latest."""
    lines: list[list[Text]] = []
    for trend in trends:
        title = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
        title.append_text(one_line(trend.goal.title, 27))
        figures = Text(no_wrap=True, overflow="ellipsis", end="")
        if len(trend.levels) == 1:
            figures.append(f"{trend.first}/10", style="bold")
            figures.append(" (one rating: r on Goals rates again)", style="dim")
            line = Text("")
        else:
            figures.append(f"{trend.first} {glyph('arrow')} ")
            figures.append(f"{trend.latest}/10", style="bold")
            style = "green" if trend.change > 0 else "yellow" if trend.change < 0 else "dim"
            figures.append(f" ({trend.change:+d})", style=style)
            first = date.fromisoformat(trend.first_date[:10])
            figures.append(f" since {relative_date(first, today)}", style="dim")
            line = spark_line(trend.levels)
        lines.append([title, line, figures])
    return Rows(lines, flex=2, widths={0: 30, 1: 16})


def meter(ratio: float | None, width: int, style: str) -> Text:
    """A progress bar of ``width`` cells: the done part in ``style``, the rest dim."""
    ratio = max(0.0, min(1.0, ratio or 0.0))
    filled = round(ratio * width)
    if use_ascii():
        return Text(bar(ratio, width), style=style)
    text = Text("━" * filled, style=style, end="")
    text.append("━" * (width - filled), style="bright_black")
    return text


def outcomes_view(outcomes: Sequence[Outcome]) -> Text:
    """Each active performance goal: its measure as a bar, the deadline, and a flag."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    for index, o in enumerate(outcomes):
        if index:
            text.append("\n")
        text.append(f"{glyph('performance')} ", style=KIND_STYLE["performance"])
        text.append_text(one_line(o.goal.title, 200, style="bold"))
        text.append("\n")
        if o.goal.measure is None:
            tasks = (
                f"tasks {o.task_done} of {o.task_total} done" if o.task_total else "no tasks yet"
            )
            text.append(f"  no measure (e on Goals sets one) {glyph('dot')} {tasks}", style="dim")
            continue
        style = "red" if o.overdue else "yellow" if o.lagging else "green" if o.reached else "blue"
        text.append_text(meter(o.progress, 20, style))
        text.append(f" {(o.progress or 0.0):>4.0%} ")
        text.append_text(_figures(o))
        flag = _flag(o)
        if flag is not None:
            text.append("\n")
            text.append_text(flag)
    return text


def _figures(o: Outcome) -> Text:
    m = o.goal.measure
    assert m is not None
    unit = f" {m.unit}" if m.unit else ""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(one_line(f"{number(m.current)}{unit} of {number(m.target)}{unit}"))
    if o.days_left is None:
        text.append(f" {glyph('dot')} no deadline", style="dim")
    else:
        deadline = date.fromisoformat(m.deadline) if m.deadline else None
        today = deadline - timedelta(days=o.days_left) if deadline else None
        shown = short_date(deadline, today) if deadline and today else ""
        text.append(f" {glyph('dot')} {shown} ")
        late = o.days_left < 0
        style = "bold red" if late else "bold" if o.days_left <= 14 else ""
        text.append(f"({days_left_words(o.days_left)})", style=style)
    return text


def _flag(o: Outcome) -> Text | None:
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
