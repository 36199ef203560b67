"""What every screen shares: the store, the goal in context, refreshing on change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from textual.app import SystemCommand
from textual.screen import Screen

from ..domain.errors import MasteryError

if TYPE_CHECKING:
    from ..app import MasteryApp
    from ..store import MasteryStore

R = TypeVar("R")


class MasteryScreen(Screen[None]):
    """Base of the four screens.

    A screen draws from ``store.snapshot()`` in :meth:`refresh_data`, which the app calls when
    the data changed (here or in another session) and when the screen is shown again.
    """

    TITLE_TEXT = ""
    _drawn_generation = -1

    @property
    def mastery_app(self) -> MasteryApp:
        from ..app import MasteryApp

        app = self.app
        assert isinstance(app, MasteryApp)
        return app

    @property
    def store(self) -> MasteryStore:
        return self.mastery_app.store

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
        """This screen's actions for the command palette."""
        return ()

    def on_screen_resume(self) -> None:
        self.maybe_refresh()

    def maybe_refresh(self) -> None:
        """Redraw if the data changed since this screen last drew."""
        generation = self.mastery_app.data_generation
        if generation != self._drawn_generation:
            self._drawn_generation = generation
            self.refresh_data()

    def after_first_paint(self) -> None:
        """Draw what this screen left out of the app's first frame (default: nothing)."""

    def attempt(self, change: Callable[[], R], done: str | None = None) -> R | None:
        """Run a store change; show a refusal as a notification and return None."""
        try:
            result = change()
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        self.mastery_app.data_changed()
        if done:
            self.notify(done, markup=False)
        return result

    def key_help(self) -> list[tuple[str, str]]:
        """(key, description) rows of this screen's own keys, for ``?``."""
        from ..dialogs.help import rows_from_bindings

        return rows_from_bindings(self.BINDINGS)
