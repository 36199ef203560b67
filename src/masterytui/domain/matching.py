"""Finding a goal from what a person types after ``--goal`` (and in the capture form).

:func:`match_item` is the same rule for any titled thing (the tasks of ``masterytui done``).

One rule for every place a goal is named by text, tried in this order, any case:

1. the goal's id (``g3fa9c1``);
2. its whole title;
3. the start of its title (``sales`` for "Sales copywriting");
4. the start of any word of its title, and of what follows (``copy`` or ``copywriting`` for
   "Sales copywriting", ``cadence`` or ``cadence drills`` for "Running cadence drills").

The first step that finds exactly one goal wins. A step that finds several stops the search:
the person is told the candidates and can type more, rather than get a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .errors import AmbiguousError, NotFoundError
from .model import Goal

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Protocol, TypeVar

    class Titled(Protocol):
        @property
        def id(self) -> str: ...
        @property
        def title(self) -> str: ...

    Item = TypeVar("Item", bound=Titled)

_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")
"""A letter or digit with no letter or digit just before it: where a word of a title starts."""


def word_starts(title: str) -> list[str]:
    """The rest of ``title`` from the start of each of its words, folded for comparison."""
    folded = title.casefold()
    return [folded[m.start() :] for m in _WORD_START.finditer(folded)]


def match_goal(ref: str, goals: Iterable[Goal]) -> Goal:
    """The one goal ``ref`` names (see the module's rule); NotFound- or AmbiguousError."""
    return match_item(ref, goals, "goal")


def match_item(ref: str, items: Iterable[Item], what: str) -> Item:
    """The one goal or task (``what``) ``ref`` names, by the module's rule."""
    text = " ".join(ref.split())
    if not text:
        raise NotFoundError(f"Name a {what}: its id, or a word from its title.")
    options = list(items)
    folded = text.casefold()
    steps = (
        lambda g: g.id.casefold() == folded,
        lambda g: " ".join(g.title.split()).casefold() == folded,
        lambda g: " ".join(g.title.split()).casefold().startswith(folded),
        lambda g: any(s.startswith(folded) for s in word_starts(" ".join(g.title.split()))),
    )
    for step in steps:
        found = [g for g in options if step(g)]
        if len(found) == 1:
            return found[0]
        if found:
            raise _ambiguous(text, found, what)
    raise NotFoundError(f"No {what} has the id {text!r} or a title or word starting with it.")


def _ambiguous(text: str, found: Sequence[Titled], what: str) -> AmbiguousError:
    names = [f"{g.id}  {g.title}" for g in sorted(found, key=lambda g: (g.title.casefold(), g.id))]
    return AmbiguousError(
        f"{text!r} matches {len(found)} {what}s: " + "; ".join(names) + ".", names
    )
