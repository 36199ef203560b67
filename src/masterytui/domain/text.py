"""Cleaning user text so it can never reach a terminal as a control sequence."""

from __future__ import annotations

import re

# ESC-introduced sequences first (CSI, OSC, DCS/APC/PM/SOS strings, two-byte escapes), so the
# whole sequence goes rather than leaving its printable tail behind, then any lone C0/C1 byte.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI ... final byte
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC ... BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS, SOS, PM, APC ... ST
    | \x1b[@-Z\\-_]                       # two-byte escapes
    | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?      # 8-bit OSC
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_WITH_NEWLINES = re.compile(r"[\x00-\x1f\x7f-\x9f]")

REPLACEMENT = "\ufffd"


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Return ``text`` with escape sequences and control characters replaced by U+FFFD.

    Tabs and (when ``multiline``) newlines are kept; a one-line field turns newlines and tabs
    into spaces. Whatever is stored is then safe to print to any terminal.
    """
    if text.isprintable():  # no control character, hence no escape sequence: as it is
        return text
    text = text.replace("\r\n", "\n")
    text = _ESCAPE_SEQUENCE.sub(REPLACEMENT, text)
    if multiline:
        text = text.replace("\t", "    ")
        return _CONTROL.sub(REPLACEMENT, text.replace("\r", "\n"))
    text = text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROL_WITH_NEWLINES.sub(REPLACEMENT, text)


def plain_number(value: float) -> str:
    """A number as a form field shows it, ready to be read back by ``rules.parse_number``:
    in full, without exponent or separators (``100000000``, ``0.00001``)."""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" not in text:
        return text
    from decimal import Decimal  # rare: only numbers repr() writes with an exponent

    return format(Decimal(text), "f")
