"""Showing user text literally: never markup, never control sequences."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ..domain.text import clean_text
from .glyphs import glyph


def plain(text: str, style: str = "") -> Text:
    """``text`` as a Rich Text that is drawn exactly as typed (markup is not parsed)."""
    return Text(clean_text(text, multiline=True), style=style, end="")


def one_line(text: str, width: int | None = None, style: str = "") -> Text:
    """The first line of ``text`` as literal Text, cut with an ellipsis to ``width`` cells."""
    line = clean_text(text).strip()
    if width is not None and cell_len(line) > width:
        line = cut(line, width)
    return Text(line, style=style, end="")


def markup_literal(text: str) -> str:
    """``text`` as Textual markup that shows it literally (for APIs that only take markup).

    The command palette parses a command's title and help as markup: a ``[`` escaped with a
    backslash is shown as itself, and nothing else in the text is markup then.
    """
    return clean_text(text).replace("[", "\\[")


def cut(line: str, width: int) -> str:
    """``line`` cut to ``width`` cells, ending in an ellipsis this terminal can show."""
    ellipsis = glyph("ellipsis")
    return set_cell_size(line, max(0, width - cell_len(ellipsis))) + ellipsis
