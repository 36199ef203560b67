"""Glyphs for kinds and states, with an ASCII fallback for terminals without them.

The Linux console (TERM=linux) has a small font; ``MASTERYTUI_ASCII=1`` forces the fallback
anywhere, ``MASTERYTUI_ASCII=0`` forbids it. What Textual itself draws is kept to the console
font by :mod:`.console_font` and the ``.-ascii`` rules of the app's CSS.
"""

from __future__ import annotations

import os

_UNICODE = {
    "area": "◆",
    "performance": "▲",
    "mastery": "●",
    "task": "▪",
    "win": "★",
    "lesson": "✎",
    "improve": "↑",
    "setback": "↓",
    "note": "•",
    "done": "✓",
    "paused": "‖",
    "achieved": "✓",
    "dropped": "✗",
    "active": "",
    "full": "█",
    "empty": "░",
    "streak": "♦",
    "repeat": "↻",
    "arrow": "→",
    "dot": "·",
    "ellipsis": "…",
    "more": "…",
    "up_down": "↑↓",
    "left_right": "←/→",
    "right_key": "→",
}
_ASCII = {
    "area": "#",
    "performance": "^",
    "mastery": "o",
    "task": "-",
    "win": "*",
    "lesson": "!",
    "improve": "+",
    "setback": "v",
    "note": ".",
    "done": "x",
    "paused": "=",
    "achieved": "x",
    "dropped": "-",
    "active": "",
    "full": "#",
    "empty": ".",
    "repeat": "@",
    "streak": "",  # not "~", which ends a cut line; a streak sits under a "Streak" heading
    "arrow": "->",
    "dot": "-",
    "ellipsis": "~",
    "more": "...",
    "up_down": "up/down",
    "left_right": "</>",
    "right_key": "->",
}


KIND_STYLE = {"area": "bold magenta", "performance": "bold yellow", "mastery": "bold cyan"}
"""The colour of each goal kind's glyph: the Goals tree and detail and the Progress charts."""


def use_ascii() -> bool:
    """True when the terminal is unlikely to have the Unicode glyphs."""
    forced = os.environ.get("MASTERYTUI_ASCII")
    if forced is not None:
        return forced not in ("", "0", "no", "false")
    return os.environ.get("TERM", "") == "linux"


def glyph(name: str) -> str:
    """The glyph for ``name`` (a kind, state or drawing part) in this terminal."""
    table = _ASCII if use_ascii() else _UNICODE
    return table.get(name, "")


def marked(name: str, text: str) -> str:
    """``text`` after the glyph for ``name`` and a space, or alone where there is no glyph."""
    mark = glyph(name)
    return f"{mark} {text}" if mark else text


def bar(ratio: float | None, width: int = 20) -> str:
    """A text progress bar ``width`` cells wide for ``ratio`` from 0 to 1."""
    ratio = max(0.0, min(1.0, ratio or 0.0))
    filled = round(ratio * width)
    return glyph("full") * filled + glyph("empty") * (width - filled)
