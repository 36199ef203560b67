"""Textual's Footer, without restyling each key twice whenever it is drawn.

Textual's ``FooterKey`` starts compact (``compact = reactive(True)``) and is then bound to its
footer's ``compact`` (False here): each key's class is added when it mounts and removed a
moment later, and each change restyles the key from the whole stylesheet. The footer is
recomposed on every screen's first visit and every change of focus or bindings, so that was
most of the cost of opening a screen. This footer gives each key its footer's ``compact``
and its class before it mounts, so nothing changes and nothing is restyled; it draws the
same.

Below :data:`TIGHT` columns it carries ``-tight``: each key gives up the space after its
label (one space between keys, not two), so every screen's keys, ``? Keys`` last, fit
beside the palette key at 80 columns.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

TIGHT = 100
"""Below this width the footer's keys stand one space apart."""


class Footer(TextualFooter):
    """A Footer whose keys are born with the footer's ``compact``."""

    def on_resize(self, event: Resize) -> None:
        tight = event.size.width < TIGHT
        if tight != self.has_class("-tight"):
            self.set_class(tight, "-tight")

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Textual binds every key's compact to the footer's, but the palette key's,
                # which keeps FooterKey's default (compact). Set both before any read: the
                # first read of a reactive runs its watcher, which restyles.
                palette = widget.has_class("-command-palette")
                compact = True if palette else self.compact
                widget.set_class(compact, "-compact", update=False)
                widget.set_reactive(FooterKey.compact, compact)
            yield widget
