"""An OptionList of one-line options that draws only the options on screen (issue #16).

Textual's ``OptionList`` measures every option's height (wrapping its prompt to the width)
when options are added, when it is shown and after each resize: 2,800 options at L cost
hundreds of milliseconds on the UI thread before a frame. :class:`LineList` is for lists
whose every option is one line (its CSS says ``text-wrap: nowrap``, and a long prompt is cut
with an ellipsis): line ``y`` is option ``y``, so nothing is measured; and a
:class:`LazyOption`'s prompt is drawn the first time its line is on screen. Keys, messages,
styles, the mouse and the scrollbar are ``OptionList``'s own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import overload

from textual.geometry import Region, Size
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class LazyOption(Option):
    """An option whose prompt is drawn by ``draw`` when it is first needed (on screen)."""

    def __init__(
        self, draw: Callable[[], VisualType], id: str | None = None, disabled: bool = False
    ) -> None:
        super().__init__("", id=id, disabled=disabled)
        self._draw: Callable[[], VisualType] | None = draw

    @property
    def prompt(self) -> VisualType:
        if self._draw is not None:
            self._prompt, self._draw = self._draw(), None
        return self._prompt


class _Lines(Sequence[tuple[int, int]]):
    """OptionList's (option, line of it) per line, when each option is one line."""

    def __init__(self, count: int) -> None:
        self.size = count

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, y: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, y: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, y: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        if isinstance(y, slice):
            return [(i, 0) for i in range(*y.indices(self.size))]
        line = y + self.size if y < 0 else y
        if not 0 <= line < self.size:
            raise IndexError(y)
        return (line, 0)


class _Same(Mapping[int, int]):
    """Option index to its first line (the same number), or to its height (``value``)."""

    def __init__(self, count: int, value: int | None = None) -> None:
        self.size = count
        self.value = value

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self.size:
            raise KeyError(index)
        return index if self.value is None else self.value

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.size))

    def __len__(self) -> int:
        return self.size


HEADING = 2
"""Disabled options above the highlighted one that scroll into view with it, at most."""


class LineList(OptionList):
    """An ``OptionList`` whose options are one line each: nothing measured, only the
    options on screen drawn. Give it a CSS ``text-wrap: nowrap``, prompts of one line and a
    width that is not ``auto`` (an auto width measures every prompt)."""

    @property
    def _lines(self) -> Sequence[tuple[int, int]]:
        # No _update_lines() here (OptionList's does, for each line drawn): the virtual size
        # follows the options when they change, on a resize and before each render.
        return _Lines(len(self.options))

    @property
    def _heights(self) -> dict[int, int]:
        return _Same(len(self.options), 1)  # type: ignore[return-value]

    @property
    def _index_to_line(self) -> dict[int, int]:
        return _Same(len(self.options))  # type: ignore[return-value]

    def _update_lines(self) -> None:
        """The virtual height is the number of options (OptionList measures each here)."""
        if not self.scrollable_content_region:
            return
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(self.options))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.options)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the highlighted option into view, and with it the disabled options (a
        heading) just above it: ``g`` shows the list's first heading, not only its first row."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted or highlighted >= len(self.options):
            return
        first = highlighted
        while first > 0 and self.options[first - 1].disabled and highlighted - first < HEADING:
            first -= 1
        width = self.scrollable_content_region.width
        region = Region(0, first, width, highlighted - first + 1)
        self.scroll_to_region(region, force=True, animate=False, top=top, immediate=True)

    def replace_options(self, options: Sequence[Option], highlighted: int | None) -> None:
        """Show ``options`` instead, ``highlighted`` selected; the list stays scrolled where
        it was (as far as the new length allows) and the highlight is scrolled into view."""
        scroll_y = self.scroll_y
        self.set_options(options)
        self.scroll_y = scroll_y
        self.highlighted = highlighted
        self.scroll_to_highlight()
