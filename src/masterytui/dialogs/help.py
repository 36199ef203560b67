"""``?``: every key of the current screen and the keys that work everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..actions import in_scope, keys_label
from ..bindings import bindings
from ..config import KeyConfig
from ..widgets.glyphs import use_ascii

KeyRow = tuple[str, str]
KEY_WIDTH = 10
COLUMN_WIDTH = 37


def _columns(rows: list[KeyRow]) -> Table:
    """The rows in two columns, filled top to bottom: a key, then what it does. A long
    description (or a third key) wraps onto the next line of its cell, never cut."""
    half = (len(rows) + 1) // 2
    table = Table.grid(padding=(0, 1))
    room = COLUMN_WIDTH - KEY_WIDTH - 1
    for _ in range(2):
        table.add_column(width=KEY_WIDTH - 1, style="bold", overflow="fold")
        table.add_column(width=room, overflow="fold")
    for index in range(half):
        pair = [rows[index]] + ([rows[index + half]] if index + half < len(rows) else [])
        cells = [Text(part, end="") for key, description in pair for part in (key, description)]
        table.add_row(*cells)
    return table


def help_rows(scopes: tuple[str, ...], config: KeyConfig) -> list[KeyRow]:
    """(keys, title) of every action with keys in ``scopes``, the user's keys shown; the
    screen switches share one row."""
    plain = use_ascii()
    rows: list[KeyRow] = []
    switches: list[str] = []
    at = -1
    for scope in scopes:
        for action in in_scope(scope):
            keys = config.keys(action)
            if not keys:
                continue
            if action.run.startswith("show("):
                at = len(rows) if at < 0 else at
                if not switches:
                    rows.append(("", ""))
                switches.append(keys_label(keys[:1], ascii_only=plain))
                continue
            rows.append((_fitting_keys(keys, plain), action.title))
    if switches:
        rows[at] = (" ".join(switches), "Switch screen")
    return rows


def _fitting_keys(keys: tuple[str, ...], plain: bool) -> str:
    """The two shortest of ``keys``, and more while they fit the key column on one line
    (``L >`` rather than ``L shift+→``), shown in the registry's order."""
    labels = [keys_label((key,), ascii_only=plain) for key in keys]
    room = KEY_WIDTH - 1
    chosen: set[int] = set()
    used = -1
    for index in sorted(range(len(labels)), key=lambda i: len(labels[i])):
        if len(chosen) >= 2 and used + 1 + len(labels[index]) > room:
            continue
        chosen.add(index)
        used += 1 + len(labels[index])
    return " ".join(label for index, label in enumerate(labels) if index in chosen)


class HelpScreen(ModalScreen[None]):
    """The keys in sections, two columns each; any of escape, ? or q closes it.

    At 80×24 the screen's keys and the global ones fit in one view (no scrolling).
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

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
                for index, (title, rows) in enumerate(self.sections):
                    classes = "help-title -later" if index else "help-title"
                    yield Static(Text(title, style="bold underline"), classes=classes)
                    yield Static(_columns(rows), classes="help-section")
            yield Static("esc close", id="form-hint")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
