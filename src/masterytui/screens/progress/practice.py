"""Deliberate practice on the Progress screen: the quality heat map and the focus areas.

Drawn from :mod:`masterytui.views.practice` as literal Rich Text. The quality map has
the minutes map's calendar (:mod:`.heatmap`); each day shows its score as a digit
in a colour, so it reads in 16 colours, in monochrome and on the Linux console.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ...domain.words import number, plural, relative_date
from ...views.practice import (
    FOCUS_DAYS,
    UNRATED,
    FocusArea,
    GoalFocus,
    QualityMap,
    score_level,
)
from ...widgets.glyphs import KIND_STYLE, glyph, use_ascii
from ...widgets.safe import one_line
from .heatmap import LABEL_WIDTH, render_calendar

SCORE_STYLES = ("dim", "bold red", "red", "yellow", "green", "bold bright_green", "dim")
"""Styles of the quality map's levels: none, the scores 1-5, practised but not rated."""


def quality_marks() -> tuple[str, ...]:
    """The quality map's marks: none, the scores 1-5, practised but not rated."""
    none = "." if use_ascii() else "·"
    return (none, "1", "2", "3", "4", "5", "-")


def render_quality_map(qmap: QualityMap) -> Text:
    """Month labels, seven rows of days (each its quality score), and the legend."""
    marks = quality_marks()
    text = render_calendar(qmap, marks, SCORE_STYLES)
    text.append(" " * LABEL_WIDTH)
    text.append(f"{marks[0]} none", style="dim")
    text.append(f"  {marks[UNRATED]} not rated  ", style="dim")
    for score in range(1, 6):
        text.append(marks[score], style=SCORE_STYLES[score])
        text.append(" " if score < 5 else "")
    text.append(" quality a day", style="dim")
    return text


def quality_total(qmap: QualityMap) -> Text:
    """The line under the quality map: how many sessions were rated, and their average."""
    if qmap.average is None:
        return Text(
            "No session rated here yet: p logs practice, with a quality from 1 to 5.",
            style="dim",
        )
    rated = plural(qmap.rated, "rated session")
    return Text(f"{qmap.weeks} weeks: {rated}, quality {qmap.average:.1f} of 5", style="dim")


SPARK_LEVELS = "▁▂▄▆█"


def quality_spark(weekly: Sequence[float | None]) -> Text:
    """Quality by week as a line of blocks (``·`` a week without a score); digits in ASCII."""
    text = Text(end="")
    for quality in weekly:
        if quality is None:
            text.append(glyph("dot") if not use_ascii() else ".", style="dim")
        else:
            score = score_level(quality)
            mark = str(score) if use_ascii() else SPARK_LEVELS[score - 1]
            text.append(mark, style=SCORE_STYLES[score])
    return text


class FocusView:
    """Each mastery goal's last four weeks: minutes, quality (and its way), quality by week,
    then its focus areas practised most and least. Lines are cut to the panel's width."""

    def __init__(self, goals: Sequence[GoalFocus], today: date) -> None:
        self.goals = goals
        self.today = today

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = Text(no_wrap=True, overflow="ellipsis")
        for index, row in enumerate(self.goals):
            if index:
                lines.append("\n")
            figures = self._figures(row)
            title = Text(f"{glyph('mastery')} ", style=KIND_STYLE["mastery"], end="")
            title.append_text(one_line(row.goal.title))
            title.truncate(max(12, width - figures.cell_len - 2), overflow="ellipsis")
            title.append(" " * max(2, width - figures.cell_len - title.cell_len))
            title.append_text(figures)
            title.truncate(width, overflow="ellipsis")
            lines.append_text(title)
            for label, areas in (("most", row.most), ("least", row.least)):
                if areas:
                    lines.append("\n")
                    part = Text(f"  {label:<6}", style="dim", end="")
                    part.append_text(self._areas(areas))
                    part.truncate(width, overflow="ellipsis")
                    lines.append_text(part)
            if not row.areas:
                lines.append("\n")
                lines.append(Text("  no focus named yet: the Focus field of p", style="dim"))
        yield lines

    def _figures(self, row: GoalFocus) -> Text:
        text = Text(f"{number(row.minutes)} min", end="")
        if row.quality is not None:
            text.append("  quality ")
            text.append(f"{row.quality:.1f}", style="bold")
            if row.previous is not None and round(row.quality, 1) != round(row.previous, 1):
                better = row.quality > row.previous
                text.append(
                    f" {'up' if better else 'down'} from {row.previous:.1f}",
                    style="green" if better else "yellow",
                )
        text.append("  ")
        text.append_text(quality_spark(row.weekly))
        return text

    def _areas(self, areas: Sequence[FocusArea]) -> Text:
        text = Text(end="")
        for index, area in enumerate(areas):
            if index:
                text.append(f" {glyph('dot')} ", style="dim")
            text.append_text(one_line(area.name))
            if area.minutes:
                text.append(f" {number(area.minutes)} min", style="dim")
            else:
                last = f" (last {relative_date(area.last, self.today)})" if area.last else ""
                text.append(f": not in {FOCUS_DAYS // 7} weeks{last}", style="yellow")
        return text


def focus_view(goals: Sequence[GoalFocus], today: date) -> FocusView | Text:
    """The focus-areas panel, or what to do when no goal here has any yet."""
    if not goals:
        return Text(
            "No focus or quality logged here yet: p logs practice, and the fields below the "
            "minutes name the sub-skill worked on and rate how deliberate it was.",
            style="italic dim",
        )
    return FocusView(goals, today)
