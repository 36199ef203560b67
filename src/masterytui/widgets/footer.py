"""Textual's Footer, without restyling each key twice whenever it is drawn.

Textual's ``FooterKey`` starts compact (``compact = reactive(True)``) and is then bound to its
footer's ``compact`` (False here): each key's class is added when it mounts and removed a
moment later, and each change restyles the key from the whole stylesheet. The footer is
recomposed on every screen's first visit and every change of focus or bindings, so that was
most of the cost of opening a screen. This footer gives each key its footer's ``compact``
and its class before it mounts, so nothing changes and nothing is restyled; it draws the
same.

Textual recomposes the footer each time the screen's bindings may have changed (a focus
moving, a screen resuming): three times before the app's first frame, each remounting and
restyling every key. This one recomposes only when the keys it would show changed.

Textual's footer gets its keys after the app's first frame (its recompose waits for a
refresh), so a Textual app's first frame has an empty footer; masterytui's first frame is
rendered once the start-up batch is over, after such waits, so it waited for the keys too
(mounting, styling and drawing nine keys, ~15 ms at start-up). Until the app says the first
frame is shown (an app with a ``painted`` attribute, see :meth:`first_frame_shown`), the keys
are left for the next frame, as Textual's are.

Below :data:`TIGHT` columns it carries ``-tight``: each key gives up the space after its
label (one space between keys, not two), so every screen's keys, ``? Keys`` last, fit
beside the palette key at 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

TIGHT = 100
"""Below this width the footer's keys stand one space apart."""


class Footer(TextualFooter):
    """A Footer whose keys are born with the footer's ``compact``, composed again only when
    the keys to show change."""

    _shown: tuple[object, ...] | None = None
    """What the keys composed last show (see :meth:`_keys_shown`); None before any."""
    _recompose_pending = False
    _after_first_frame = False
    """Keys to compose once the app's first frame is shown (see :meth:`first_frame_shown`)."""

    def on_resize(self, event: Resize) -> None:
        tight = event.size.width < TIGHT
        if tight != self.has_class("-tight"):
            self.set_class(tight, "-tight")

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's, but one recompose pending at a time, and none if nothing shown changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            if getattr(screen.app, "painted", True):
                self.call_after_refresh(self._recompose_if_changed)
            else:
                self._after_first_frame = True

    def first_frame_shown(self, then: Callable[[], object]) -> None:
        """The app's first frame is on screen: compose the keys it left out at once, and call
        ``then`` once the frame showing them is drawn (at once when none were left out), so
        that work the app does after its first frame does not hold the keys back."""
        self._after_first_frame, held = False, self._after_first_frame
        if not held or not self.call_later(self._keys_then, then):
            then()

    async def _keys_then(self, then: Callable[[], object]) -> None:
        try:
            await self._recompose_if_changed()
        finally:
            if not self.call_after_refresh(then):
                then()

    async def _recompose_if_changed(self) -> None:
        self._recompose_pending = False
        if self._keys_shown() != self._shown:
            await self.recompose()

    def _keys_shown(self) -> tuple[object, ...] | None:
        """Everything :meth:`compose` draws the keys from (None: no keys yet)."""
        if not self._bindings_ready:
            return None
        app = self.app
        return (
            self.compact,
            self.show_command_palette,
            self.combine_groups,
            app.ENABLE_COMMAND_PALETTE,
            app.COMMAND_PALETTE_BINDING,
            tuple(
                (key, binding, enabled, tooltip, app.get_key_display(binding))
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys_shown()
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
