"""A confirmation that offers a few choices, each on a key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..bindings import bindings
from ..widgets.safe import one_line, plain


class ChoiceDialog(ModalScreen[str | None]):
    """Ask a question; dismiss with the chosen key's value, or None on escape.

    ``choices`` are (value, key, label) triples: pressing ``key`` or the button chooses it.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("choice")

    def __init__(self, title: str, body: str, choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(classes="form-dialog")
        self.question = title
        self.body = body
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(one_line(self.question), id="form-title")
            yield Static(plain(self.body), id="choice-body")
            with Horizontal(id="form-buttons"):
                for value, key, label in self.choices:
                    yield Button(Text(f"{label} ({key})"), id=f"choice-{value}", compact=True)
                yield Button(Text("Cancel (esc)"), id="choice-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event: Key) -> None:
        for value, key, _ in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "choice-cancel":
            self.dismiss(None)
        else:
            self.dismiss(button_id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
