"""Small helpers shared by the UI tests."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from rich.console import Console
from textual.app import App
from textual.widget import Widget
from textual.widgets import Static


def text_of(widget: Widget) -> str:
    """What a Static shows, as plain text (its content rendered without colour)."""
    assert isinstance(widget, Static)
    console = Console(width=200, color_system=None, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def screen_text(app: App[Any]) -> str:
    """Every character on the app's screen, dialogs and the screens under them included.

    The screen's compositor renders the same lines the terminal is sent (after the app's
    line filters), here without colour and one line per row.
    """
    width, height = app.size
    console = Console(
        width=width, height=height, color_system=None, record=True, file=io.StringIO()
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


CONSOLE_FONT = frozenset(
    # The light and double box-drawing lines and their joins (CP437 has them all)...
    "─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬"
    # ... its blocks and shades, and two Latin-1 characters: the middle dot, the no-break space.
    "█▄▀░▒▓·\u00a0"
)
"""What the Linux console's default font has beyond printable ASCII (and what we use of it)."""


def foreign(text: str) -> Counter[str]:
    """The characters of ``text`` that the console font does not have, with their counts."""
    return Counter(c for c in text if not (" " <= c <= "~" or c == "\n" or c in CONSOLE_FONT))


async def wait_until(pilot: Any, condition: Any, what: str, tries: int = 500) -> None:
    """Wait (in 10 ms pauses, at most ``tries``) until ``condition()`` holds: on the app's
    own state, never on a fixed sleep."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")
