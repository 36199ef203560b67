"""A column of the Board: a header and a virtual list of cards that draws only what is seen.

``CardList`` is a Line API widget: a card is :data:`CARD_HEIGHT` lines, so the line under the
cursor is found by arithmetic and only the rows on screen are ever rendered. A column of
thousands of cards costs a list of Task objects, not a widget per card.

Widgets never touch the store: they post messages (a card highlighted, pressed, released,
chosen) and the screen turns them into store changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import is_
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...domain.model import Task
from ...widgets.glyphs import use_ascii
from ...widgets.selection import kept_selection
from .card import CARD_HEIGHT, CardStyles, meta_line, title_line
from .header import ColumnHeader

CURSOR_STYLES = CardStyles(
    title=Style(bold=True),
    meta=Style(),
    goal=Style(italic=True),
    overdue=Style(bold=True),
    today=Style(bold=True),
    done=Style(),
    high=Style(bold=True),
    medium=Style(),
    low=Style(),
)
"""Card styles on the cursor of the current column: its own colours, no others."""


class CardList(ScrollView, can_focus=False, inherit_bindings=False):
    """The cards of one column.

    It never takes the focus: the screen's keys drive the current column, so moving between
    columns changes no focus, restyles nothing and leaves the footer alone. ``active`` marks
    the current column (its cursor is bright and carries a marker).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card-list--cursor",
        "card-list--cursor-active",
        "card-list--alt",
        "card-list--marker",
        "card-list--muted",
        "card-list--urgent",
        "card-list--soon",
        "card-list--done",
    }
    DEFAULT_CSS = """
    CardList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .card-list--alt { background: $boost; }
        & > .card-list--cursor { background: $block-cursor-blurred-background; }
        & > .card-list--cursor-active {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .card-list--marker { color: $accent; text-style: bold; }
        & > .card-list--muted { color: $text-muted; }
        & > .card-list--urgent { color: $error; text-style: bold; }
        & > .card-list--soon { color: $warning; }
        & > .card-list--done { color: $success; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a card (``task_id`` None when the column is empty)."""

        card_list: CardList
        task_id: str | None
        by_mouse: bool = False

    @dataclass
    class Pressed(Message):
        """A mouse button went down on a card (``task_id``) or on empty space (None)."""

        card_list: CardList
        task_id: str | None

    @dataclass
    class Released(Message):
        """A mouse button came up over this list, at the gap before the card at ``index``
        (the top half of a card means before it, the bottom half after it)."""

        card_list: CardList
        index: int

    @dataclass
    class Chosen(Message):
        """A card was double-clicked."""

        card_list: CardList
        task_id: str

    def __init__(self, column: str, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.column = column
        self.cards: list[Task] = []
        self.goal_titles: dict[str, str] = {}
        self.today = date.today()
        self.cursor = 0
        self.empty_text = "no cards · n adds one"
        self.active = False
        self._card_styles: CardStyles | None = None
        self._base_styles: dict[str, Style] = {}
        self._strips: LRUCache[tuple[str, int, str, int], tuple[Task, Strip]] = LRUCache(1024)
        """Each drawn line, with the task it drew: a task the store did not change is the same
        object, so after a move only the lines of changed or shifted cards are drawn again."""

    # Data ------------------------------------------------------------------------------------

    def set_cards(
        self,
        cards: list[Task],
        goal_titles: dict[str, str],
        today: date,
        *,
        select_id: str | None = None,
        empty_text: str | None = None,
    ) -> None:
        """Show ``cards``; the cursor stays on ``select_id`` (else the selected card); when that
        card is not shown, on the nearest one that is (see :func:`~.selection.kept_selection`)."""
        keep = select_id or self.selected_id
        same = (
            len(cards) == len(self.cards)
            and all(map(is_, cards, self.cards))  # at C speed: 2,500 cards a column at L
            and (empty_text is None or empty_text == self.empty_text)
            and goal_titles == self.goal_titles
            and today == self.today
        )
        if same and (select_id is None or select_id == self.selected_id):
            return  # nothing to redraw: a move elsewhere leaves this column as it was
        old_order = [t.id for t in self.cards]
        if goal_titles != self.goal_titles or today != self.today:
            self._strips.clear()  # every card's goal line or dates may read differently
        self.cards = cards
        self.goal_titles = goal_titles
        self.today = today
        if empty_text is not None:
            self.empty_text = empty_text
        shown = [t.id for t in cards]
        target = kept_selection(old_order, keep, shown)
        index = self.index_of(target) if target else None
        self.cursor = index if index is not None else 0
        self._update_virtual_size()
        self.scroll_to_cursor()
        self.refresh()

    def index_of(self, task_id: str) -> int | None:
        for index, task in enumerate(self.cards):
            if task.id == task_id:
                return index
        return None

    @property
    def selected(self) -> Task | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    @property
    def selected_id(self) -> str | None:
        task = self.selected
        return task.id if task else None

    def select_index(self, index: int, *, by_mouse: bool = False) -> None:
        """Put the cursor on the card at ``index`` (clamped) and bring it into view."""
        index = max(0, min(index, len(self.cards) - 1))
        if index != self.cursor:
            self._refresh_cursor()
            self.cursor = index
            self._refresh_cursor()
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.selected_id, by_mouse))

    @property
    def cursor_row(self) -> int:
        """The cursor card's first line, counted from the top of the visible area."""
        return self.cursor * CARD_HEIGHT - round(self.scroll_offset.y)

    def index_at_row(self, row: int) -> int:
        """The card at visible ``row`` (clamped to the cards there are)."""
        line = round(self.scroll_offset.y) + max(0, row)
        return max(0, min(line // CARD_HEIGHT, len(self.cards) - 1))

    # Scrolling -------------------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        virtual = Size(width, len(self.cards) * CARD_HEIGHT)
        if virtual != self.virtual_size:
            # Not `self.virtual_size = ...`: that reactive re-lays out the whole screen, which
            # a move between columns would pay twice. Only a scrollbar that appears or goes
            # needs a new layout, and _scroll_update sees to that.
            self.set_reactive(CardList.virtual_size, virtual)
            self._scroll_update(virtual)
            self.refresh()

    def on_resize(self) -> None:
        self._strips.clear()
        self._update_virtual_size()
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if not self.cards:
            self.scroll_to(y=0, animate=False, force=True)
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = self.cursor * CARD_HEIGHT
        scroll_y = round(self.scroll_offset.y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False, force=True)
        elif top + CARD_HEIGHT > scroll_y + height:
            self.scroll_to(y=top + CARD_HEIGHT - height, animate=False, force=True)

    # Keys ------------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        if self.cards:
            self.select_index(self.cursor + delta)

    def action_first(self) -> None:
        if self.cards:
            self.select_index(0)

    def action_last(self) -> None:
        if self.cards:
            self.select_index(len(self.cards) - 1)

    def action_page(self, direction: int) -> None:
        if self.cards:
            step = max(1, self.scrollable_content_region.height // CARD_HEIGHT)
            self.select_index(self.cursor + direction * step)

    def set_active(self, active: bool) -> None:
        """Mark this column as the current one (or not) and redraw its cursor card."""
        if active != self.active:
            self.active = active
            self._refresh_cursor()

    def _refresh_cursor(self) -> None:
        top = self.cursor * CARD_HEIGHT - round(self.scroll_offset.y)
        self.refresh(Region(0, top, self.size.width, CARD_HEIGHT))

    def notify_style_update(self) -> None:
        self._strips.clear()
        self._card_styles = None
        self._base_styles.clear()
        super().notify_style_update()

    # Mouse -----------------------------------------------------------------------------------

    def _line_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else round(self.scroll_offset.y) + offset.y

    def on_mouse_down(self, event: events.MouseDown) -> None:
        line = self._line_at(event)
        if line is None or line // CARD_HEIGHT >= len(self.cards):
            self.post_message(self.Pressed(self, None))
            return
        self.select_index(line // CARD_HEIGHT, by_mouse=True)
        self.post_message(self.Pressed(self, self.selected_id))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        line = self._line_at(event)
        if line is None:
            return
        gap = (line + CARD_HEIGHT // 2) // CARD_HEIGHT
        self.post_message(self.Released(self, min(gap, len(self.cards))))

    def on_click(self, event: events.Click) -> None:
        task_id = self.selected_id
        if event.chain == 2 and task_id is not None:
            self.post_message(self.Chosen(self, task_id))

    # Drawing ---------------------------------------------------------------------------------

    def _styles(self) -> CardStyles:
        """The theme's styles for the parts of a card, worked out once per style change."""
        if self._card_styles is not None:
            return self._card_styles

        def part(name: str) -> Style:
            # The full style, so colours with alpha ($text-muted) are blended into solid ones;
            # then only its colour and attributes, so the line's background shows through.
            full = self.get_component_rich_style(f"card-list--{name}")
            return Style(color=full.color, bold=full.bold, italic=full.italic)

        muted, urgent, soon = part("muted"), part("urgent"), part("soon")
        self._card_styles = CardStyles(
            title=Style(),
            meta=muted,
            goal=muted + Style(italic=True),
            overdue=urgent,
            today=soon + Style(bold=True),
            done=part("done"),
            high=urgent,
            medium=soon,
            low=muted,
            marker=part("marker"),
        )
        return self._card_styles

    def _line_style(self, state: str, index: int) -> Style:
        """The background of a card's lines: the cursor's, or plain/alternate (zebra)."""
        name = {"active": "cursor-active", "cursor": "cursor"}.get(
            state, "alt" if index % 2 else "plain"
        )
        style = self._base_styles.get(name)
        if style is None:
            style = (
                self.rich_style
                if name == "plain"
                else self.get_component_rich_style(f"card-list--{name}")
            )
            self._base_styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_offset.y) + y
        index, part = divmod(line, CARD_HEIGHT)
        base = self._line_style("", 0)
        if not self.cards:
            # Wrapped to the column, never cut: "filtered out · esc clears" at 80 columns.
            lines = Text(self.empty_text, end="").wrap(self.app.console, max(1, width - 1))
            if line < len(lines):
                text = Text(" ", end="") + lines[line]
                text.stylize(self._styles().goal)
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        if index >= len(self.cards):
            return Strip.blank(width, base)
        task = self.cards[index]
        state = ""
        if index == self.cursor:
            state = "active" if self.active else "cursor"
        key = (task.id, part, state or str(index % 2), width)
        cached = self._strips.get(key)
        if cached is not None and cached[0] is task:
            return cached[1]
        base = self._line_style(state, index)
        text = Text(end="", no_wrap=True)
        gutter = (">" if use_ascii() else "▌") if state == "active" else " "
        styles = self._styles()
        text.append(gutter, style=styles.marker)
        if state == "active":
            styles = CURSOR_STYLES  # colours on the bright cursor would be hard to read
        room = width - 1
        if part == 0:
            text.append_text(title_line(task, room, styles))
        else:
            goal = self.goal_titles.get(task.goal_id) if task.goal_id else None
            text.append_text(meta_line(task, goal, self.today, room, styles))
        strip = self._strip(text, width, base)
        self._strips[key] = (task, strip)
        return strip

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, base).apply_style(base)


class BoardColumn(Vertical):
    """A column: its header above its cards."""

    def __init__(self, column: str) -> None:
        super().__init__(id=f"column-{column}", classes="board-column")
        self.column = column

    def compose(self) -> ComposeResult:
        yield ColumnHeader(self.column, id=f"header-{self.column}", classes="column-header")
        yield CardList(self.column, id=f"cards-{self.column}", classes="card-list")

    @property
    def header(self) -> ColumnHeader:
        return self.query_one(ColumnHeader)

    @property
    def cards(self) -> CardList:
        return self.query_one(CardList)
