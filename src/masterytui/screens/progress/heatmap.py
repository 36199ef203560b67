"""The consistency calendar: practice minutes as a heat map, one cell a day.

Textual has no calendar heat map, so the cells are drawn as Rich Text: seven rows (Monday to
Sunday) by one column a week, each cell a shade character *and* a colour, so it reads in 16
colours, in monochrome and on the Linux console (ASCII shades).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from rich.text import Text
from textual.widgets import Static

from ...domain.words import MONTHS
from ...views.progress import FUTURE, HeatMap
from ...widgets.glyphs import use_ascii

SHADES = ("·", "░", "▒", "▓", "█")
ASCII_SHADES = (".", ":", "+", "*", "#")
LEVEL_STYLES = ("dim", "green", "green", "bright_green", "bold bright_green")
DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
LABEL_WIDTH = 3
"""Room for the day labels on the left."""


def heat_width(weeks: int) -> int:
    """Cells wide the heat map is for ``weeks`` weeks (a cell and a gap per week)."""
    return LABEL_WIDTH + 2 * weeks - 1


def shades() -> tuple[str, ...]:
    return ASCII_SHADES if use_ascii() else SHADES


class Calendar(Protocol):
    """A map of days, one column a week (the minutes map, the quality map)."""

    @property
    def weeks(self) -> int: ...

    def day(self, row: int, column: int) -> date: ...

    @property
    def levels(self) -> Sequence[Sequence[int]]:
        """Each day's level, by row (weekday) and column (week)."""
        ...

    @property
    def today(self) -> date: ...


def month_row(heat: Calendar) -> str:
    """Month names above the week where each month's first Monday falls."""
    width = heat_width(heat.weeks)
    row = [" "] * (width + 3)
    starts = [
        column
        for column in range(heat.weeks)
        if column == 0 or heat.day(0, column).month != heat.day(0, column - 1).month
    ]
    for index, column in enumerate(starts):
        # the first column's month is named only if there is room before the next name
        if column == 0 and len(starts) > 1 and starts[1] < 2:
            continue
        name = MONTHS[heat.day(0, column).month - 1]
        at = LABEL_WIDTH + 2 * column
        if index + 1 < len(starts) and at + len(name) >= LABEL_WIDTH + 2 * starts[index + 1]:
            continue
        row[at : at + len(name)] = name
    return "".join(row).rstrip()


def render_heat_map(heat: HeatMap) -> Text:
    """The month labels, seven rows of day cells, and the legend, as literal Rich Text."""
    text = render_calendar(heat, shades(), LEVEL_STYLES)
    text.append_text(legend(heat))
    return text


def render_calendar(grid: Calendar, marks: Sequence[str], styles: Sequence[str]) -> Text:
    """The month labels and seven rows of day cells of ``grid``, each level drawn as its
    mark in its style, today underlined. The caller appends its legend."""
    text = Text(no_wrap=True, overflow="crop", end="")
    text.append(month_row(grid) + "\n", style="dim")
    for row in range(7):
        text.append(f"{DAY_LABELS[row]:<{LABEL_WIDTH}}", style="dim")
        for column in range(grid.weeks):
            level = grid.levels[row][column]
            if column:
                text.append(" ")
            if level == FUTURE:
                text.append(" ")
                continue
            style = styles[level]
            if grid.day(row, column) == grid.today:
                style += " underline reverse" if level == 0 else " underline"
            text.append(marks[level], style=style)
        text.append("\n")
    return text


def legend(heat: HeatMap) -> Text:
    """What each shade means, in minutes a day."""
    marks = shades()
    text = Text(" " * LABEL_WIDTH, end="")
    text.append(f"{marks[0]} none", style=LEVEL_STYLES[0])
    for level, span in heat.legend():
        text.append("  ")
        text.append(marks[level], style=LEVEL_STYLES[level])
        text.append(f" {span}")
    text.append(" min a day" if heat.top else "  (no practice logged yet)", style="dim")
    return text


class HeatMapView(Static):
    """Shows a :class:`HeatMap`; the screen gives it one and it draws."""

    DEFAULT_CSS = """
    HeatMapView { height: auto; width: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    def show(self, heat: HeatMap) -> None:
        self.update(render_heat_map(heat))
