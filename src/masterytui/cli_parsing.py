"""argparse as ``masterytui`` uses it; imported only when a command line needs argparse
(:func:`masterytui.cli.quick_add` reads a plain ``add`` without it)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from typing import Any, NoReturn

# argparse passes each of its messages through gettext, which imports ``locale`` and looks
# for a catalogue on disk on every call; Python ships none for argparse, so the messages are
# always English, as masterytui's own. Skipping the look-up keeps ``add`` quick.
setattr(argparse, "_", str)  # noqa: B010


class Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized as ``shutil.get_terminal_size`` would, without importing
    ``shutil`` (and its compression modules) for every ``add``: argparse makes a formatter
    for each argument it is given."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)


def _columns() -> int:
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line, not a usage block.

    A value that starts with a minus and a digit (``--date -1w``, ``-3d``, ``-5``) is a value,
    not an unknown option: none of masterytui's options looks like that. (Python 3.11's own
    test takes only plain negative numbers, so ``--due -1w`` was "expected one argument".)
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {_safe(message)} (see `{self.prog} --help`)\n")


def _safe(text: str) -> str:
    from .domain.text import clean_text

    return clean_text(text)
