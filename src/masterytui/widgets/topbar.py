"""The one-line bar at the top of every screen: the four screens, and what is filtered."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..actions import SCREENS
from .safe import cut

BRAND = " masterytui "


class TopBar(Static):
    """Shows which screen is current and a status on the right (a filter, a count)."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $text; }
    """

    status: reactive[str] = reactive("")
    """Right-hand status text, drawn literally."""

    def __init__(self, current: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.current = current

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        # A status that would be cut takes the name's room first: at 80 columns "goal: Str…"
        # becomes "goal: Strength" (the terminal's title still says masterytui).
        tabs = sum(len(f"  {screen.key} {screen.title} ") for screen in SCREENS)
        if len(self.status) <= self.size.width - tabs - len(BRAND) - 2:
            text.append(BRAND, style="bold reverse")
        for screen in SCREENS:
            style = "bold reverse" if screen.name == self.current else "dim"
            text.append(" ")
            text.append(f" {screen.key} {screen.title} ", style=style)
        if self.status:
            width = self.size.width
            room = width - text.cell_len - 2
            status = self.status if len(self.status) <= room else cut(self.status, room)
            if room > 3:
                text.append(" " * max(1, room - len(status)))
                text.append(status, style="italic")
        return text
