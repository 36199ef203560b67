"""Save an SVG of every screen on the demo data into screenshots/ (one Pilot run per view).

    python scripts/screenshots.py            # all views
    python scripts/screenshots.py goals      # only the named ones

The calendar is frozen at the same day as the snapshot tests, so the pictures are stable.
Look at one with `rsvg-convert screenshots/today.svg -o /tmp/today.png`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import time_machine

from masterytui.app import MasteryApp
from masterytui.demo import seed_demo
from masterytui.store import MasteryStore

OUT = Path(__file__).resolve().parent.parent / "screenshots"
FROZEN = datetime(2026, 11, 23, 10, 0, 0)

# name: (keys to press, terminal size, sample data?)
VIEWS: dict[str, tuple[list[str], tuple[int, int], bool]] = {
    "goals": ([], (100, 30), True),
    "goals-mastery": (["j", "j"], (100, 30), True),
    "goals-80x24": ([], (80, 24), True),
    "goal-edit-error": (["j", "e", "ctrl+a", "ctrl+k", "enter"], (100, 30), True),
    "capture-task": (["t", *"Film my stride at 180 spm"], (100, 30), True),
    "help": (["question_mark"], (100, 30), True),
    "welcome": ([], (100, 30), False),
    "board": (["2"], (100, 30), True),
    "board-80x24": (["2"], (80, 24), True),
    "feedback": (["3"], (100, 30), True),
    "feedback-80x24": (["3"], (80, 24), True),
    "review": (["3", "R"], (100, 30), True),
    "progress": (["4"], (100, 30), True),
    "progress-80x24": (["4"], (80, 24), True),
    "progress-narrowed": (["4", "g", *"sales copy", "enter"], (100, 30), True),
    "progress-quality": (["4", "v"], (100, 30), True),
    "today": (["0"], (100, 30), True),
    "today-80x24": (["0"], (80, 24), True),
    "woop-plan": (["j", "j", "W", "enter", "enter", "enter"], (100, 30), True),
    "lesson-review": (["3", "r"], (100, 30), True),
    "practice-next-fix": (["j", "j", "p"], (100, 30), True),
}


async def shoot(name: str, presses: list[str], size: tuple[int, int], sample: bool) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        store = MasteryStore(Path(folder) / "demo.json")
        if sample:
            seed_demo(store, today=FROZEN.date())
        app = MasteryApp(store, watch_file=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in presses:
                await pilot.press(key)
                await pilot.pause()
            for widget in app.screen.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
            await pilot.pause()
            app.save_screenshot(f"{name}.svg", str(OUT))
    return OUT / f"{name}.svg"  # the app marks it xml:space="preserve" (ConsoleFontApp)


def main(names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    with time_machine.travel(FROZEN, tick=True):
        for name in names or list(VIEWS):
            presses, size, sample = VIEWS[name]
            print(asyncio.run(shoot(name, presses, size, sample)))


if __name__ == "__main__":
    main(sys.argv[1:])
