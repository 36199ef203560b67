"""A mark and wrapped text beside it, each wrapped line under the text's start (#16).

What a two-column ``Table.grid`` of the side pane drew, line for line, for a fraction of its
cost: a grid measures every cell to size its columns before it draws, and the side pane at
L holds a hundred commitments, drawn twice a frame (once to find its height). Here the
columns are known (:data:`MARK` cells, then the rest) and the lines are kept per width.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

MARK = 2
"""Cells of the first column: a glyph and a space."""


class Hanging:
    """Rows of (mark, text): the mark in the first :data:`MARK` cells, the text folded to
    the rest of the width beside it (the grid's ``ratio=1, overflow="fold"`` column)."""

    def __init__(self) -> None:
        self.rows: list[tuple[RenderableType, RenderableType]] = []
        self._lines: dict[int, list[list[Segment]]] = {}

    def add_row(self, mark: RenderableType, text: RenderableType) -> None:
        self.rows.append((Text("") if mark == "" else mark, text))
        self._lines.clear()

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The lines at ``options.max_width``, drawn once per width."""
        width = options.max_width
        kept = self._lines.get(width)
        if kept is not None:
            return kept
        text_width = max(1, width - MARK)
        mark_options = options.update(
            width=MARK, justify="left", no_wrap=True, overflow="ellipsis", height=None
        )
        text_options = options.update(
            width=text_width, justify="left", no_wrap=False, overflow="fold", height=None
        )
        null = Style.null()
        lines: list[list[Segment]] = []
        for mark, text in self.rows:
            marks = console.render_lines(mark, mark_options, style=null)
            texts = console.render_lines(text, text_options, style=null)
            height = max(len(marks), len(texts))
            marks = Segment.set_shape(Segment.align_top(marks, MARK, height, null), MARK, height)
            texts = Segment.set_shape(
                Segment.align_top(texts, text_width, height, null), text_width, height
            )
            lines += [left + right for left, right in zip(marks, texts, strict=True)]
        self._lines[width] = lines
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)  # it fills the width
