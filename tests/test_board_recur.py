"""Recurring cards on the Board: the mark, finishing one, deleting this one or the series."""

from __future__ import annotations

import pytest

from masterytui.dialogs.choice import ChoiceDialog
from masterytui.store import MasteryStore
from masterytui.widgets.glyphs import glyph

from .test_board import board, by_title, detail, press, shown_lines


def seed(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    store.add_task("Water plants", column="next", every="mon,thu")
    store.add_task("Long run", column="next")
    return store


async def test_a_recurring_card_has_a_mark_and_finishing_it_makes_the_next(
    store: MasteryStore,
) -> None:
    async with board(seed(store)) as (_app, pilot, screen):
        await press(pilot, "l")
        lines = shown_lines(screen.card_list("next"))
        assert any(glyph("repeat") in line for line in lines)
        assert "every Mon, Thu" in detail(screen)
        await press(pilot, "space")
        assert len([t for t in store.snapshot().tasks if t.title == "Water plants"]) == 2
        await press(pilot, "u")
        assert len([t for t in store.snapshot().tasks if t.title == "Water plants"]) == 1


@pytest.mark.parametrize(("key", "left"), [("s", 0), ("o", 1)])
async def test_delete_asks_this_one_or_the_series(store: MasteryStore, key: str, left: int) -> None:
    seed(store)
    first = by_title(store, "Water plants")
    store.move_task(first.id, "done")  # makes the next one, at the end of Next
    store.move_task(first.id, "next")  # and back: two open cards of one series
    async with board(store) as (app, pilot, screen):
        await press(pilot, "l")
        assert screen.selected_task() == store.task(first.id)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceDialog)
        await press(pilot, key)
        found = [t for t in store.snapshot().tasks if t.title == "Water plants"]
        assert len(found) == left
        await press(pilot, "u")
        assert len([t for t in store.snapshot().tasks if t.title == "Water plants"]) == 2
