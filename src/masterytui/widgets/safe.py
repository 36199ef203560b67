"""Showing user text literally: never markup, never control sequences."""

from __future__ import annotations

from rich.text import Text

from ..domain.text import clean_text


def plain(text: str, style: str = "") -> Text:
    """``text`` as a Rich Text that is drawn exactly as typed (markup is not parsed)."""
    return Text(clean_text(text, multiline=True), style=style, end="")


def one_line(text: str, width: int | None = None, style: str = "") -> Text:
    """The first line of ``text`` as literal Text, cut with an ellipsis to ``width``."""
    line = clean_text(text).strip()
    if width is not None and len(line) > width:
        line = line[: max(0, width - 1)] + "…"
    return Text(line, style=style, end="")
