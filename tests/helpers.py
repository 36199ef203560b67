"""Small helpers shared by the UI tests."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widget import Widget
from textual.widgets import Static


def text_of(widget: Widget) -> str:
    """What a Static shows, as plain text (its content rendered without colour)."""
    assert isinstance(widget, Static)
    console = Console(width=200, color_system=None, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()
