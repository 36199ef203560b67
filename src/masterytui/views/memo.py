"""Keeping a view until the tables it reads change (:meth:`Snapshot.versions`).

A view is a pure function of a snapshot and a few plain arguments (a day, a filter). Each
table of a snapshot the store hands out carries a version that changes with the table and is
never reused, so the view's answer for (those versions, those arguments) holds for as long as
the versions do: switching back to a screen, or a change to a table the screen does not
show (a new win while the Board is open), costs a dictionary look-up, not a recount.

The answer is shared: callers must treat it as read-only (every view's result is).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from ..domain.model import Snapshot

P = ParamSpec("P")
R = TypeVar("R")
View = Callable[Concatenate[Snapshot, P], R]

KEPT = 8
"""Answers kept per view: a few days, filters and weeks of the review, then the oldest go."""

_MISSING = object()


def memoised(*tables: str, kept: int = KEPT) -> Callable[[View[P, R]], View[P, R]]:
    """Keep the answers of a view of ``tables`` per version of those tables and arguments.

    A snapshot without versions (made by hand in a test, or by the shell's reader) or an
    argument that cannot be hashed is simply computed each time.
    """

    def decorate(
        view: Callable[Concatenate[Snapshot, P], R],
    ) -> Callable[Concatenate[Snapshot, P], R]:
        answers: OrderedDict[Hashable, R] = OrderedDict()

        @wraps(view)
        def kept_view(snapshot: Snapshot, /, *args: P.args, **kwargs: P.kwargs) -> R:
            versions = snapshot.versions(tables)
            if versions is None:
                return view(snapshot, *args, **kwargs)
            key = (versions, args, tuple(sorted(kwargs.items())))
            try:
                found = answers.get(key, _MISSING)
            except TypeError:  # an argument that cannot be hashed
                return view(snapshot, *args, **kwargs)
            if found is not _MISSING:
                answers.move_to_end(key)
                return found  # type: ignore[return-value]
            answer = answers[key] = view(snapshot, *args, **kwargs)
            while len(answers) > kept:
                answers.popitem(last=False)
            return answer

        kept_view.cache_clear = answers.clear  # type: ignore[attr-defined]
        return kept_view

    return decorate
