"""The Board's text filter box: enter and escape hand the keyboard back to the board at once.

Textual forwards queued keys to the focused widget before any binding runs, so keys typed in a
burst after enter (``/metro⏎lL`` from a fast typist or a tmux script) would land in the box
while its submit was still on its way. This box lets go of the focus the moment it sees enter
or escape, and leaves the keys typed after them to bubble up to the board's bindings.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input


class FilterBox(Input):
    """An Input that gives the focus back on enter (keep the filter) or escape (clear it)."""

    @dataclass
    class Done(Message):
        """Typing is over: ``cleared`` when it ended with escape."""

        box: FilterBox
        cleared: bool

    async def _on_key(self, event: events.Key) -> None:
        if not self.has_focus:
            # Typed ahead of enter or escape: not for the box. No default action (the Input
            # would insert it), but let it bubble to the screen and the app's bindings.
            event.prevent_default()
            return
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.screen.set_focus(None)
            self.post_message(self.Done(self, cleared=event.key == "escape"))
