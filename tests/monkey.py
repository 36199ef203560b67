"""A keystroke monkey: random keys across every screen of the running app (Pilot)."""

from __future__ import annotations

import random
from pathlib import Path

from masterytui.app import MasteryApp
from masterytui.demo import seed_demo
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file

KEYS = [
    *"1234tfwpnaesdrmxgvhjklHJKLTRFKS/?.<>0123456789 ",
    "greater_than_sign",
    "less_than_sign",
    "question_mark",
    "slash",
    "space",
    "up",
    "down",
    "left",
    "right",
    "shift+up",
    "shift+down",
    "shift+left",
    "shift+right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "enter",
    "escape",
    "escape",
    "tab",
    "shift+tab",
    "backspace",
    "delete",
    "ctrl+s",
    "u",
    "ctrl+a",
    "ctrl+k",
]
"""Every key the app binds and the ones a form reacts to; never q or ctrl+q/ctrl+c (quit)."""


async def run_monkey(folder: Path, presses: int, seed: int) -> dict[str, int]:
    """Press ``presses`` random keys; return what the file holds. Raises if anything broke."""
    store = MasteryStore(folder / "monkey.json")
    seed_demo(store)
    rng = random.Random(seed)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for index in range(presses):
            key = rng.choice(KEYS)
            if app.screen.focused is None and key in ("ctrl+a", "ctrl+k"):
                continue
            await pilot.press(key)
            if index % 50 == 0:
                await pilot.pause()
                assert app.is_running, f"the app stopped after key {index} ({key!r})"
        await pilot.pause()
        assert app.is_running
    assert app.return_code in (None, 0), "the app crashed"
    report = check_file(store.path)
    assert report.problems == [], report.problems
    return report.counts
