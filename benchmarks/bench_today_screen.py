"""The Today screen in the app, headless, key to the frame that shows the result (#16).

    python benchmarks/bench_today_screen.py FILE [--runs N] [--size 100x30]

Each run opens the app on a copy of FILE (on Goals, the other screens not built ahead, the
tables read: not timed) and times, from the key to the first frame that shows its result
(``bench_app.Frames``):

- ``0`` the first time (Today built on the key: what a user who presses 0 early pays);
- in a second app, the warm build of Today as :mod:`masterytui.warm` does it (install, then
  lay out and render off screen: the time a key pressed meanwhile waits at most), then ``0``;
- ``j``, ``pagedown``, ``G``, ``k``, ``g`` on the list (the slowest of each);
- ``space`` on the last row (a task finished: the list redrawn) and ``s`` ``enter`` on the
  first (a session logged).

Asserts nothing; on a shared machine compare figures of the same run (the demo file or an S
file is the floor: the same screen with little in it).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import Frames

KEYS = ("j", "j", "pagedown", "G", "k", "g")


async def one_app(path: Path, size: tuple[int, int], warm: bool) -> dict[str, float]:
    from textual.widgets import OptionList

    from masterytui.app import MasteryApp
    from masterytui.screens.base import MasteryScreen
    from masterytui.store import MasteryStore
    from masterytui.warm import _prerender

    store = MasteryStore(path)
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", "goals")
    app = MasteryApp(store, watch_file=False, warm_screens=False, write_behind=True)
    figures: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        frames = Frames(app)
        for _ in range(500):
            snapshot = store.snapshot()
            if app.painted and snapshot.ready("feedback") and snapshot.ready("practice"):
                break
            await pilot.pause(0.01)
        _ = (snapshot.goals, snapshot.tasks, snapshot.feedback, snapshot.practice)
        await pilot.pause(0.3)

        def shown() -> bool:
            screen = app.screen
            return (
                app.current_mode == "today"
                and isinstance(screen, MasteryScreen)
                and screen._drawn_version == store.data_version
            )

        if warm:
            started = time.perf_counter()
            await app._init_mode("today")
            _prerender(app._screen_stacks["today"][0], app)
            figures["warm build"] = (time.perf_counter() - started) * 1000
            await pilot.pause(0.2)
            figures["0 after the warm build"] = await frames.key_to_frame(pilot, ["0"], shown)
        else:
            figures["0, first visit"] = await frames.key_to_frame(pilot, ["0"], shown)
        screen = app.screen
        listing = screen.query_one(OptionList)
        for key in KEYS:
            await pilot.pause(0.05)
            before = listing.highlighted
            try:
                took = await frames.key_to_frame(
                    pilot, [key], lambda before=before: listing.highlighted != before
                )
            except RuntimeError:
                continue  # a short list: the key had nowhere to go
            figures[f"key {key}"] = max(took, figures.get(f"key {key}", 0.0))

        def redrawn(version: int) -> Any:
            return lambda: (
                store.data_version != version
                and app.screen is screen
                and isinstance(screen, MasteryScreen)
                and screen._drawn_version == store.data_version
            )

        await pilot.press("G")
        await pilot.pause(0.1)
        figures["space (a task done)"] = await frames.key_to_frame(
            pilot, ["space"], redrawn(store.data_version)
        )
        await pilot.pause(0.2)
        await pilot.press("g")
        await pilot.pause(0.1)
        figures["s enter (a session)"] = await frames.key_to_frame(
            pilot, ["s", "enter"], redrawn(store.data_version)
        )
    store.wait_for_writes()
    return figures


async def run(source: Path, runs: int, size: tuple[int, int]) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(runs):
            for warm in (False, True):
                path = Path(folder) / f"run{number}-{warm}.json"
                shutil.copyfile(source, path)
                for name, value in (await one_app(path, size, warm)).items():
                    figures.setdefault(name, []).append(value)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a data file (a copy is changed)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", default="100x30", help="terminal size, COLSxROWS")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.split("x"))
    figures = asyncio.run(run(args.file, args.runs, (width, height)))
    for name, samples in figures.items():
        runs = " ".join(f"{s:.0f}" for s in samples)
        print(f"{name:<24} median {statistics.median(samples):7.1f} ms   ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
