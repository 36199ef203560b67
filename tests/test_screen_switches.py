"""Keys in a burst while a screen opens are answered; changes read while one opens are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore
from tests.helpers import screen_text


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


async def test_another_sessions_change_read_by_a_screen_opening_reaches_every_screen(
    tmp_path: Path,
) -> None:
    """A screen opening (or built in the background) may be what reads the file anew after
    another session's change: the screens already drawn must still be told about it."""
    mine = MasteryStore(tmp_path / "g.json")
    mine.set_setting("welcomed", True)
    mine.add_goal("Running", "area")
    app = MasteryApp(mine, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Backlog 1" not in screen_text(app)
        MasteryStore(tmp_path / "g.json").add_task("Hill repeats x6", mine.snapshot().goals[0].id)
        await pilot.press("2")  # the Board's first visit reads the file anew
        await pilot.pause()
        assert "Hill repeats x6" in screen_text(app)
        app.check_file()  # the app's once-a-second look at the file
        await pilot.press("1")
        await pilot.pause()
        assert "Backlog 1" in screen_text(app)
