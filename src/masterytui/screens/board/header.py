"""One-line parts of the Board: the column headers and the detail line under the columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from ...domain.model import COLUMN_TITLES


class BoardLine(Widget):
    """One line of text that redraws only itself when it changes (a Static re-lays out the
    whole screen on every update, which a board with four headers and a detail line would
    pay on each key)."""

    DEFAULT_CSS = "BoardLine { height: 1; }"

    def __init__(self, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = Text("")

    def show(self, text: Text) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return self.text


class ColumnHeader(BoardLine):
    """The title of a column with its counts; a click or a drop moves the picked card here.

    Whether it is the current column, or Doing is over its limit, is drawn with component
    styles rather than CSS classes: a class change would restyle the board on every move.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "column-header--current",
        "column-header--over",
        "column-header--current-over",
    }
    DEFAULT_CSS = """
    ColumnHeader {
        height: 1;
        padding: 0 0 0 1;
        background: $panel;
        color: $text;
        & > .column-header--current { background: $primary 40%; text-style: bold; }
        & > .column-header--over { background: $error 30%; }
        & > .column-header--current-over { background: $error 50%; text-style: bold; }
    }
    """

    @dataclass
    class Released(Message):
        """A mouse button came up over this header (a click, or the end of a drag)."""

        header: ColumnHeader
        column: str

    def __init__(self, column: str, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.column = column
        self.state = ""
        tip = "Click a card, then this header, to move the card here."
        if column == "doing":
            tip += "\nCards in Doing / the work-in-progress limit (W sets it)."
        self.tooltip = tip

    def show_header(self, text: Text, *, over_limit: bool, current: bool) -> None:
        state = "-".join(name for name, on in (("current", current), ("over", over_limit)) if on)
        if state != self.state:
            self.state = state
            self.refresh()
        self.show(text)

    def set_current(self, current: bool) -> None:
        self.show_header(self.text, over_limit="over" in self.state, current=current)

    def render(self) -> Text:
        if not self.state:
            return self.text
        style = self.get_component_rich_style(f"column-header--{self.state}")
        text = self.text.copy()
        text.pad_right(max(0, self.content_size.width - text.cell_len))
        text.stylize_before(style)
        return text

    def on_mouse_up(self) -> None:
        self.post_message(self.Released(self, self.column))


def header_text(
    column: str,
    *,
    shown: int,
    total: int,
    older: int,
    filtered: bool,
    wip_limit: int,
    show_all_done: bool,
) -> tuple[Text, bool]:
    """A column's header line and whether Doing is over its work-in-progress limit."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(COLUMN_TITLES[column], style="bold")
    over = False
    if column == "doing" and wip_limit > 0:
        # Work in progress: every card in Doing against the limit. "!" right after the
        # figures, so that it survives when a narrow column cuts the line.
        over = total > wip_limit
        if filtered:
            text.append(f" {shown} ·")
        text.append(f" {total}/{wip_limit}{'!' if over else ''}", style="bold" if over else "")
        if over:
            text.append(" over", style="bold")
    elif column == "done":
        text.append(f" {shown}")
        if older and not show_all_done:
            text.append(f" +{older} older", style="italic")
        elif show_all_done:
            text.append(" (all)", style="italic")
    else:
        text.append(f" {shown}" if not filtered else f" {shown} of {total}")
    return text, over
