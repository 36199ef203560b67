"""What every screen shares: the store, the goal in context, refreshing on change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._toast import ToastRack

from ..domain.errors import MasteryError
from ..messages import DataChanged, ScreenHost
from ..widgets.notices import NoticeRack

if TYPE_CHECKING:
    from ..store import MasteryStore

R = TypeVar("R")


class MasteryScreen(Screen[None]):
    """Base of the four screens.

    A screen draws from ``store.snapshot()`` in :meth:`refresh_data`, when the store's data
    changed since it last drew: at once after its own change (:meth:`announce_change`, which
    also tells the App), when the App says the data changed (another screen, another
    session) and when the screen is shown again.
    """

    TITLE_TEXT = ""
    AUTO_FOCUS: ClassVar[str | None] = ""
    """What takes the focus when the screen shows: each screen names its main list. Never a
    filter box: keys typed while a screen is being switched to would go into it and be lost."""
    KEY_SCOPES: tuple[str, ...] = ()
    """The registry scopes (:mod:`masterytui.actions`) whose keys work on this screen."""
    _drawn_version = -1

    @property
    def host(self) -> ScreenHost:
        """What this screen may read of the App (it tells the App things by messages)."""
        return cast(ScreenHost, self.app)

    @property
    def store(self) -> MasteryStore:
        return self.host.store

    def context_goal_id(self) -> str | None:
        """The goal that quick capture should link to (the selection, the filter)."""
        return None

    CONTEXT_WHY = "from this screen"
    """Where :meth:`context_goal_id` comes from, in the words a form's goal label shows."""

    def refresh_data(self) -> None:
        """Redraw from the store; keep the selection, scroll position and open forms."""

    def nothing_selected(self) -> str:
        """What a key that acts on the selected item says when nothing is selected."""
        return "Nothing is selected."

    def commands(self) -> Iterable[SystemCommand]:
        """Commands of this screen beyond its registry actions (the palette lists those)."""
        return ()

    def on_screen_resume(self) -> None:
        self.maybe_refresh()
        self.host.screen_ready(self)

    def maybe_refresh(self) -> None:
        """Redraw if the store's data changed since this screen last drew."""
        if self.store.data_version != self._drawn_version:
            self._drawn_version = self.store.data_version
            self.refresh_data()
            # Drawing may read the file anew (another session's change): that is drawn too.
            self._drawn_version = self.store.data_version

    def announce_change(self) -> None:
        """This screen changed the data: redraw it now, and tell the App (the other screens)."""
        if self.is_mounted:
            self.maybe_refresh()
        self.post_message(DataChanged())

    def after_first_paint(self) -> None:
        """Draw what this screen left out of the app's first frame (default: nothing)."""

    def _extend_compose(self, widgets: list[Widget]) -> None:
        """Textual's own widgets, with the toast rack whose toasts are mounted ahead: a
        notice shows in the next frame, not two or three frames later (issue #16)."""
        super()._extend_compose(widgets)
        for index, widget in enumerate(widgets):
            if type(widget) is ToastRack:
                widgets[index] = NoticeRack(id=widget.id)

    def _compositor_refresh(self) -> None:
        """Textual's render of a frame, not while the app batches updates (issue #16).

        A screen laid out in a batch (the app's start-up holds one over its compose and
        mount) renders its frame later, still in the batch, and ``App._display`` throws it
        away: at start-up a whole frame (~15 ms) before the one shown. The frame is rendered
        once the batch is over, when the screen is next idle.
        """
        if self.app._batch_count:
            self._repaint_required = True
            return
        super()._compositor_refresh()

    def attempt(self, change: Callable[[], R], done: str | None = None) -> R | None:
        """Run a store change; show a refusal as a notification and return None."""
        try:
            result = change()
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        self.announce_change()
        if done:
            self.notify(done, markup=False)
        return result
