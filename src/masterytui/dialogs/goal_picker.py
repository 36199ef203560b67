"""The one goal picker (``g`` on the Board and Progress, the Feedback filter): type to narrow.

Options are (label, value) pairs in tree order, labels indented by depth (as
:func:`masterytui.screens.capture.goal_options` makes them); callers put their own first
choices (all goals, no goal) in front. Dismisses with the chosen value, or None on escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..bindings import bindings
from ..widgets.glyphs import glyph
from ..widgets.safe import one_line


def _label(label: str) -> Text:
    """An option's label, literal, keeping the indent that shows the goal's depth."""
    indent = len(label) - len(label.lstrip(" "))
    text = Text("\u00a0" * indent, end="")
    text.append_text(one_line(label))
    return text


class GoalPicker(ModalScreen[str | None]):
    """A filterable list of goals; enter or a click chooses, escape cancels."""

    DEFAULT_CLASSES = "form-dialog goal-picker"
    BINDINGS: ClassVar[list[BindingType]] = bindings("picker")

    def __init__(self, title: str, options: Sequence[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.picker_title = title
        self.choices = list(options)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.picker_title, id="form-title")
            yield Input(placeholder="type part of a title", id="picker-filter")
            yield OptionList(id="picker-list", compact=True)
            keys = f"enter choose · {glyph('up_down')} move · esc cancel"
            yield Static(keys, id="form-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#picker-list", OptionList)

    def _fill(self, needle: str) -> None:
        words = needle.lower().split()
        options = [
            Option(_label(label), id=value)
            for label, value in self.choices
            if all(word in label.lower() for word in words)
        ]
        option_list = self.option_list
        option_list.set_options(options)
        if not options:
            option_list.add_option(Option(Text("no goal matches", style="italic"), disabled=True))
            return
        wanted = self.current if not words else None
        option_list.highlighted = next((i for i, o in enumerate(options) if o.id == wanted), 0)

    @on(Input.Changed, "#picker-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        option = self.option_list.highlighted_option
        if option is not None and not option.disabled and option.id is not None:
            self.dismiss(option.id)

    def action_move(self, delta: int) -> None:
        option_list = self.option_list
        if option_list.option_count:
            current = option_list.highlighted if option_list.highlighted is not None else -1
            option_list.highlighted = max(0, min(option_list.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
