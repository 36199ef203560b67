"""A fast table for long logs: only the lines on screen are ever rendered (the Line API).

The feedback log may hold thousands of entries; a widget per entry, or even DataTable's
eager layout, makes every refresh slow. :class:`LogTable` keeps the items as they are and
asks a ``cells`` function for a row's cells only when that row is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...bindings import bindings
from ...widgets.selection import kept_selection

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: a fixed ``width``, or (width 0) a share ``ratio`` of the room left."""

    title: str
    width: int = 0
    ratio: int = 1
    min_width: int = 6


def column_widths(columns: Sequence[Column], total: int, gap: int = 1) -> list[int]:
    """Widths for ``columns`` in ``total`` cells, ``gap`` cells between columns."""
    fixed = sum(c.width for c in columns if c.width)
    room = max(0, total - fixed - gap * (len(columns) - 1))
    flexible = [c for c in columns if not c.width]
    shares = sum(c.ratio for c in flexible) or 1
    widths: list[int] = []
    left = room
    for column in columns:
        if column.width:
            widths.append(column.width)
            continue
        if column is flexible[-1]:
            width = left
        else:
            width = max(min(column.min_width, left), room * column.ratio // shares)
        widths.append(max(0, width))
        left -= width
    return widths


class LogTable(ScrollView, Generic[T], can_focus=True):
    """Rows of ``items`` under a header line, a row cursor, keys and mouse.

    Items are ``(key, item)`` pairs; ``cells(item)`` gives one Text per column, drawn
    literally (callers build them with :mod:`masterytui.widgets.safe`).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "log-table--header",
        "log-table--cursor",
        "log-table--empty",
    }
    DEFAULT_CSS = """
    LogTable {
        background: $surface;
        height: 1fr;
        overflow-x: hidden;
        & > .log-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .log-table--header { background: ansi_default; text-style: bold underline; }
        & > .log-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .log-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:ansi > .log-table--cursor { text-style: reverse; }
        & > .log-table--empty { color: $text-muted; text-style: italic; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("feedback_table")

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to the row with ``key`` (None when the table is empty)."""

        table: LogTable[Any]
        key: str | None

        @property
        def control(self) -> LogTable[Any]:
            return self.table

    @dataclass
    class Selected(Message):
        """Enter (or a double click) on the row with ``key``."""

        table: LogTable[Any]
        key: str

        @property
        def control(self) -> LogTable[Any]:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[T], Sequence[Text]],
        *,
        empty: str = "Nothing here yet.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self._cells = cells
        self.empty_text = empty
        self._items: list[tuple[str, T]] = []
        self._index: dict[str, int] = {}
        self._lines: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(256)

    # Data ------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._items)

    @property
    def cursor_key(self) -> str | None:
        """The key of the highlighted row, or None when the table is empty."""
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor][0]
        return None

    @property
    def cursor_item(self) -> T | None:
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor][1]
        return None

    def row_keys(self) -> list[str]:
        return [key for key, _ in self._items]

    def set_items(
        self,
        items: Sequence[tuple[str, T]],
        keep: str | None = None,
        cells: Callable[[T], Sequence[Text]] | None = None,
    ) -> None:
        """Show ``items`` (drawn by ``cells`` when given); the cursor stays on ``keep`` (else
        the selected row's item); when that item is not shown, on the nearest one that is (see
        :func:`~.selection.kept_selection`)."""
        if cells is not None:
            self._cells = cells
        keep = keep if keep is not None else self.cursor_key
        old_order = [key for key, _ in self._items]
        self._items = list(items)
        self._index = {key: i for i, (key, _) in enumerate(self._items)}
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(self._items) + 1)
        target = kept_selection(old_order, keep, [key for key, _ in self._items], self._index)
        self.cursor = self._index[target] if target is not None else 0
        self.refresh()

    def select_key(self, key: str) -> bool:
        """Move the cursor to the row with ``key``; False when there is none."""
        if key not in self._index:
            return False
        self.cursor = self._index[key]
        return True

    # Cursor ----------------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._items) - 1)) if self._items else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._lines.clear()
        self.refresh()
        if self._items:
            # Screen line 0 is the header, so keep one line of room above the row.
            self.scroll_to_region(
                Region(0, new + 1, 1, 1), spacing=Spacing(1, 0, 0, 0), animate=False
            )
        self.post_message(self.Highlighted(self, self.cursor_key))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._items) - 1

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return None
        row = offset.y - 1 + round(self.scroll_offset.y)
        return row if 0 <= row < len(self._items) else None

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        self.focus()
        self.cursor = row
        if event.chain >= 2:
            self.action_select()

    # Drawing ---------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(self._items) + 1)

    def on_focus(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._lines.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        row = y - 1 + round(self.scroll_offset.y)
        if not self._items:
            if y == 1:
                style = base + self.get_component_rich_style("log-table--empty")
                text = Text(f" {self.empty_text}", no_wrap=True, overflow="ellipsis")
                return self._strip(text, width, style)
            return Strip.blank(width, base)
        if row >= len(self._items):
            return Strip.blank(width, base)
        is_cursor = row == self.cursor
        cache_key = (row, width, is_cursor, self.has_focus)
        cached = self._lines.get(cache_key)
        if cached is not None:
            return cached
        line = self._row_text(self._items[row][1], width)
        style = base
        if is_cursor:
            line.stylize(self.get_component_rich_style("log-table--cursor"))
            style = base + self.get_component_rich_style("log-table--cursor")
        strip = self._strip(line, width, style)
        self._lines[cache_key] = strip
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("log-table--header")
        widths = column_widths(self.columns, width - 1)
        text = Text(" ", no_wrap=True)
        for index, (column, cell_width) in enumerate(zip(self.columns, widths, strict=True)):
            if index:
                text.append(" ")
            text.append(column.title[:cell_width].ljust(cell_width))
        return self._strip(text, width, style)

    def _row_text(self, item: T, width: int) -> Text:
        widths = column_widths(self.columns, width - 1)
        line = Text(" ", no_wrap=True, end="")
        for index, (cell, cell_width) in enumerate(zip(self._cells(item), widths, strict=False)):
            if index:
                line.append(" ")
            piece = cell.copy()
            piece.no_wrap = True
            piece.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append_text(piece)
        return line

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap = True
        segments = [s for s in text.render(self.app.console) if s.text != "\n"]
        return Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)
