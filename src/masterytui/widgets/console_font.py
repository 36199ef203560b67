"""ASCII mode's last line of defence: draw only characters the Linux console font has.

The console's default font holds ASCII, Latin-1, the single and double box-drawing lines
and the blocks ``█ ▄ ▀ ░ ▒ ▓``, little more. The app's CSS gives every border a kind the
font has (``.-ascii`` rules in ``styles/``) and its own widgets draw with :func:`glyph`; what
is left comes from Textual and Rich themselves: the eighth blocks of scrollbars, the tab
underline, the arrows of a Select, the ``…`` of a cut cell, the command palette's icon, and
typographic punctuation in user text. :class:`ConsoleFontFilter` replaces those, one cell
for one cell, after everything is rendered; the apps add it only in ASCII mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.segment import Segment
from textual.app import App
from textual.binding import Binding
from textual.color import Color
from textual.command import CommandPalette
from textual.filter import LineFilter

from .dismiss import SafeCommandPalette
from .glyphs import use_ascii

ReturnType = TypeVar("ReturnType")

# Each replacement takes as many cells as the character it replaces, so layouts do not move.
SUBSTITUTES: dict[str, str] = {
    # Round and heavy box drawing -> the light lines and corners of the font.
    **dict.fromkeys("╭┏┍┎", "┌"),
    **dict.fromkeys("╮┓┑┒", "┐"),
    **dict.fromkeys("╰┗┕┖", "└"),
    **dict.fromkeys("╯┛┙┚", "┘"),
    **dict.fromkeys("┣┝┞┟┠┡┢", "├"),
    **dict.fromkeys("┫┥┦┧┨┩┪", "┤"),
    **dict.fromkeys("┳┭┮┯┰┱┲", "┬"),
    **dict.fromkeys("┻┵┶┷┸┹┺", "┴"),
    **dict.fromkeys("╋┽┾┿╀╁╂╃╄╅╆╇╈╉╊", "┼"),
    # Heavy, dashed and half lines (the tab underline's ╺━╸) become light lines, and so do
    # the thin blocks that draw the edges of vkey, hkey and tall borders. Fuller blocks (the
    # ends of a scrollbar's thumb) become the nearest block the font has.
    **dict.fromkeys("━╍┄┅┈┉╌╴╶╸╺╼╾▔", "─"),
    **dict.fromkeys("┃╏┆┇┊┋╎╵╷╹╻╽╿▏▕▎▍▌▐", "│"),
    "▁": " ",  # mostly the end of a scrollbar's thumb; hkey borders are left to the CSS
    **dict.fromkeys("▂▃▅", "▄"),
    **dict.fromkeys("▆▇▉▊▋▛▜▙▟", "█"),
    **dict.fromkeys("▖▗▘▝", " "),
    **dict.fromkeys("▚▞", "▒"),
    # Arrows and triangles (Tree, Select, key names).
    **dict.fromkeys("▶▸►▷", ">"),
    **dict.fromkeys("◀◂◄◁", "<"),
    **dict.fromkeys("▼▾▽", "v"),
    **dict.fromkeys("▲▴△", "^"),
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "⏎": "<",
    # Punctuation: the ellipsis of every cut line, dashes and curly quotes in user text.
    "…": "~",  # as glyph("ellipsis") in ASCII mode: one cell, so nothing moves
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("“”„‟″", '"'),
    "•": "*",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    # The command palette's magnifying glass takes two cells.
    "🔎": "> ",
    "🔍": "> ",
}
_TABLE = str.maketrans(SUBSTITUTES)


class ConsoleFontFilter(LineFilter):
    """Replace, in every rendered line, the characters the Linux console font lacks."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.text.isascii() for segment in segments):
            return segments
        return [
            segment
            if segment.control or segment.text.isascii()
            else Segment(segment.text.translate(_TABLE), segment.style)
            for segment in segments
        ]


KEY_NAMES = {"⏎": "enter", "↑": "up", "↓": "down", "←": "left", "→": "right", "⌫": "backspace"}
"""Textual shows some keys as symbols; ASCII mode spells them out."""


class ConsoleFontApp(App[ReturnType]):
    """An App that keeps to the Linux console's font in ASCII mode (see :func:`use_ascii`).

    It carries the ``-ascii`` class, under which the CSS picks borders the font has; it
    spells out keys Textual shows as symbols; and it filters what is left. Out of ASCII mode
    it is Textual's App, unchanged.
    """

    def __init__(self) -> None:
        super().__init__()
        self.set_class(use_ascii(), "-ascii", update=False)
        self._console_filter = ConsoleFontFilter()

    @property
    def ascii_only(self) -> bool:
        """True in ASCII mode."""
        return self.has_class("-ascii")

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [*filters, self._console_filter] if self.ascii_only else filters

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        """Textual's SVG, marked ``xml:space="preserve"`` so every viewer keeps its spaces.

        Rich writes each run of one style as its own ``<text>``, spaces as no-break spaces.
        Without the mark, librsvg (``rsvg-convert``, GNOME's viewers) drops a run's leading
        space, so "★ 1 win" + " this week" reads "★ 1 winthis week" in the picture though
        the terminal shows it right. Snapshots, screenshots/ and the palette's screenshot.
        """
        svg = super().export_screenshot(title=title, simplify=simplify)
        return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)

    def action_command_palette(self) -> None:
        """Textual's palette, dismissed only once (see :mod:`.dismiss`)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            # In ASCII mode its placeholder ends in "..." rather than a cut's "~".
            palette = (
                SafeCommandPalette(placeholder="Search for commands...", id="--command-palette")
                if self.ascii_only
                else SafeCommandPalette(id="--command-palette")
            )
            self.push_screen(palette)

    def search_themes(self) -> None:
        """Textual's theme picker (the palette's "Theme" command), dismissed only once."""
        from textual.theme import ThemeProvider

        placeholder = "Search for themes" + ("..." if self.ascii_only else "\u2026")
        self.push_screen(SafeCommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def get_key_display(self, binding: Binding) -> str:
        display = super().get_key_display(binding)
        if self.ascii_only:
            for symbol, name in KEY_NAMES.items():
                display = display.replace(symbol, name)
        return display
