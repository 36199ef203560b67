"""``?``: every key of the current screen and the keys that work everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KeyRow = tuple[str, str]


def _key_name(key: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "space": "space",
        "greater_than_sign": ">",
        "less_than_sign": "<",
        "full_stop": ".",
        "plus": "+",
        "minus": "-",
    }
    return ", ".join(names.get(k.strip(), k.strip()) for k in key.split(","))


def rows_from_bindings(bindings: Iterable[Binding | tuple[str, ...]]) -> list[KeyRow]:
    """(key, description) rows for the bindings that have a description."""
    rows: list[KeyRow] = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((_key_name(binding.key), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """A list of keys in sections; any of escape, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[KeyRow]]]) -> None:
        super().__init__(classes="form-dialog")
        self.sections = sections
        self.held: list[Callable[[], None]] = []
        """Notifications that came while the help was open: shown once it closes, not over it
        (the app's ``notify`` puts them here)."""

    def on_unmount(self) -> None:
        held, self.held = self.held, []
        for show in held:
            show()

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="help"):
            yield Label("Keys", id="form-title")
            with VerticalScroll(id="help-body"):
                for title, rows in self.sections:
                    text = Text()
                    text.append(f"{title}\n", style="bold")
                    for key, description in rows:
                        text.append(f"  {key:<14}", style="bold")
                        text.append(f"{description}\n")
                    yield Static(text, classes="help-section")
            yield Static("esc close", id="form-hint")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
