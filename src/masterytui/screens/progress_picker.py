"""The goal picker of the Progress screen (``g``): type to filter, enter to narrow."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

ALL = ""
"""The value of the "All goals" choice."""


class GoalPicker(ModalScreen[str | None]):
    """Pick a goal (or all goals); dismisses with its id, ``ALL``, or None on escape.

    ``options`` are (label, goal id) pairs in tree order, labels already indented.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]

    def __init__(self, options: list[tuple[str, str]], current: str | None) -> None:
        super().__init__(classes="form-dialog goal-picker")
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label("Narrow Progress to a goal and everything under it", id="form-title")
            yield Input(placeholder="type part of a title", id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static("enter choose · ↑↓ move · esc cancel", id="form-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, needle: str) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        lowered = needle.strip().lower()
        if not lowered:
            listing.add_option(Option(Text("All goals (no narrowing)", style="italic"), id="*"))
        matches = [(label, gid) for label, gid in self.options if lowered in label.lower()]
        listing.add_options(Option(_indented(label), id=gid) for label, gid in matches)
        if listing.option_count:
            ids = [gid for _, gid in matches]
            start = 0 if lowered else 1
            if not lowered and self.current in ids:
                start = ids.index(self.current) + 1
            listing.highlighted = min(start, listing.option_count - 1)

    @on(Input.Changed, "#picker-filter")
    def _filtered(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            self.notify("No goal matches: change the text or press escape.", markup=False)
            return
        self._choose(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        self.dismiss(ALL if option_id in (None, "*") else option_id)

    def action_move(self, delta: int) -> None:
        listing = self.query_one(OptionList)
        if listing.option_count:
            current = listing.highlighted if listing.highlighted is not None else -1
            listing.highlighted = max(0, min(listing.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _indented(label: str) -> Text:
    """The label with its depth indent kept (leading spaces would be trimmed when drawn)."""
    body = label.lstrip(" ")
    return Text("\u00a0" * (len(label) - len(body)) + body)
