"""The first-run welcome: the method in three lines, the keys to start, the sample data."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..bindings import bindings

WELCOME = (
    "1. Pick an area, set a performance goal (an outcome) and pair it with mastery goals "
    "(the skills that get you there); break them into small tasks.\n"
    "2. Practise a little every day and log it: streaks and trends show the habit.\n"
    "3. Seek feedback, log wins, lessons and setbacks, and turn them into next steps."
)
KEYS = (
    "n new goal · a sub-goal · t task · p practice · f feedback · w win\n"
    "0 Today · 1-4 Goals, Board, Feedback, Progress · ? keys · ^p palette"
)


class WelcomeScreen(ModalScreen[bool]):
    """Dismisses True to load the sample data, False to start with an empty file."""

    DEFAULT_CLASSES = "form-dialog"

    BINDINGS: ClassVar[list[BindingType]] = bindings("welcome")

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="welcome"):
            yield Label("Welcome to masterytui", id="form-title")
            yield Static(Text(WELCOME), id="welcome-method")
            yield Static(Text(KEYS), id="welcome-keys")
            with Horizontal(id="form-buttons"):
                yield Button(Text("Start empty (esc)"), id="welcome-empty", compact=True)
                yield Button(
                    Text("Load the sample data (s)"),
                    id="welcome-sample",
                    variant="primary",
                    compact=True,
                )

    def on_mount(self) -> None:
        self.query_one("#welcome-empty", Button).focus()

    def action_start_empty(self) -> None:
        self.dismiss(False)

    def action_load_sample(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#welcome-empty")
    def _empty(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#welcome-sample")
    def _sample(self) -> None:
        self.dismiss(True)
