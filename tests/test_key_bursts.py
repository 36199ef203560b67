"""Keys typed in a burst while a screen is being switched to are answered, not eaten."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore


@pytest.mark.parametrize(("burst", "lands_on"), [("3412", "board"), ("4321", "goals")])
async def test_a_burst_of_screen_keys_ends_on_the_last(
    demo_store: MasteryStore, burst: str, lands_on: str
) -> None:
    """Each key is queued before the screen the one before it opens has been built.

    A new screen used to give the focus to its filter box (the first thing it holds), and a
    filter box takes printable keys: the rest of the burst was neither typed nor acted on.
    """
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in burst:
            app.post_message(events.Key(key, key))
        for _ in range(6):
            await pilot.pause()
        typed = [
            box.value for stack in app._screen_stacks.values() for box in stack[0].query(Input)
        ]
        assert app.current_mode == lands_on
        assert typed == [""] * len(typed)
        assert not isinstance(app.focused, Input)
