"""Which item stays selected when a list or tree is rebuilt (a filter, a refresh, an undo).

One rule for every screen: the selection is an id, never a row. The item selected before
stays selected if it is still shown; if it is gone (filtered out, deleted), the nearest one
still shown takes its place: the next in the old order, else the previous; when nothing is
shown, nothing is selected.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def kept_selection(
    old_order: Sequence[str],
    wanted: str | None,
    shown: Sequence[str],
    visible: Collection[str] | None = None,
) -> str | None:
    """The id to select among ``shown`` after the list went from ``old_order`` to ``shown``.

    ``wanted`` is the id selected before (or the one asked for). ``shown`` is in its new
    order (``visible``, if given, the same ids for fast look-ups); when ``wanted`` and all
    its old neighbours are gone, the first shown is chosen.
    """
    if not shown:
        return None
    if visible is None:
        visible = set(shown)
    if wanted is not None and wanted in visible:
        return wanted
    if wanted is not None:
        try:
            index = list(old_order).index(wanted)
        except ValueError:
            index = -1
        if index >= 0:
            for key in old_order[index + 1 :]:
                if key in visible:
                    return key
            for key in reversed(old_order[:index]):
                if key in visible:
                    return key
    return shown[0]
