"""Small helpers shared by the UI tests."""

from __future__ import annotations

from rich.console import Console
from textual.widget import Widget
from textual.widgets import Static


def text_of(widget: Widget) -> str:
    """What a Static shows, as plain text (its content rendered without colour)."""
    assert isinstance(widget, Static)
    console = Console(width=200, color_system=None, record=True, file=open("/dev/null", "w"))
    content = widget.content
    console.print(content if not isinstance(content, str) else content)
    return console.export_text()
