"""Finding a goal from what a person types after ``--goal`` (and in the capture form).

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

_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")
"""A letter or digit with no letter or digit just before it: where a word of a title starts."""


def word_starts(title: str) -> list[str]:
    """The rest of ``title`` from the start of each of its words, folded for comparison."""
    folded = title.casefold()
    return [folded[m.start() :] for m in _WORD_START.finditer(folded)]


def match_goal(ref: str, goals: Iterable[Goal]) -> Goal:
    """The one goal ``ref`` names (see the module's rule); NotFound- or AmbiguousError."""
    text = " ".join(ref.split())
    if not text:
        raise NotFoundError("Name a goal: its id, or a word from its title.")
    options = list(goals)
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
            raise _ambiguous(text, found)
    raise NotFoundError(f"No goal has the id {text!r} or a title or word starting with it.")


def _ambiguous(text: str, found: Sequence[Goal]) -> AmbiguousError:
    names = [f"{g.id}  {g.title}" for g in sorted(found, key=lambda g: (g.title.casefold(), g.id))]
    return AmbiguousError(f"{text!r} matches {len(found)} goals: " + "; ".join(names) + ".", names)
