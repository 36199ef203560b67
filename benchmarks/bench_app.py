"""Actions inside the app, key to the frame that shows their result, on one data file.

    python benchmarks/bench_app.py FILE [--runs N] [--json]
    python benchmarks/bench_app.py --minimal [--json]      # the floor: a minimal Textual app

Runs the app headless (100x30) in this process and times, from the key press to the first
frame the compositor hands to the display once the result is on screen (hooked at
``App._display``, frames Textual throws away while it batches updates not counted; Pilot's
own waits are not counted):

- opening the Board, Feedback and Progress screens the first time, going back to Goals, and
  each screen again (repeat visits); the app builds the screens not shown after its first
  frame, as it does in a terminal (``--cold``: it does not, each first visit builds);
- moving a card one column (``L``), adding a task (``t``, a title, enter) and logging practice
  (``p``, minutes, enter), as in a terminal: the change is shown at once and its durable write
  (atomic replace, fsync) runs in a thread that the next change waits for (#16; versions
  without it write before the frame);

and, in the same run, the floors: a durable write of a file of the same size, and a minimal
Textual app with four modes (a Header, 25 Statics and a Footer per screen,
``bench_switch.FOUR_MODE_APP``), timed the same way on its first and repeat visits. Also prints the
process's peak resident memory (``ru_maxrss``) after all of it. ``--json`` prints one JSON
object for :mod:`suite`. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

Check = Callable[[], bool]


class Frames:
    """Times of the frames the compositor hands to the (headless) display.

    ``until(check)`` arms a condition; the first frame drawn while it holds is the frame
    that shows the result of a key, so frames drawn for anything else do not count.
    """

    def __init__(self, app: Any) -> None:
        self.check: Check | None = None
        self.hit: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            # A frame rendered while the app batches updates is thrown away by Textual's
            # ``_display`` (a switch of mode batches for 50 ms: ``App.delay_update``): only a
            # frame written counts, for the app and the floor alike.
            written = renderable is not None and not app._batch_count
            if written and self.check is not None and self.check():
                self.hit = time.perf_counter()
                self.check = None
            original(screen, renderable)

        app._display = display

    def until(self, check: Check) -> None:
        """Arm ``check``: :attr:`hit` becomes the time of the first frame drawn while it holds."""
        self.check, self.hit = check, None

    async def key_to_frame(self, pilot: Any, keys: list[str], done: Check) -> float:
        """Milliseconds from pressing the last of ``keys`` to the first frame once ``done``."""
        if len(keys) > 1:
            await pilot.press(*keys[:-1])
            await pilot.pause()
        self.until(done)
        started = time.perf_counter()
        await pilot.press(keys[-1])
        for _ in range(200):
            if self.hit is not None:
                break
            await pilot.pause(0.01)
        if self.hit is None:
            raise RuntimeError(f"no frame showed the result of {keys!r}")
        return (self.hit - started) * 1000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def durable_write_ms(size: int, runs: int) -> list[float]:
    """The floor of any change: write ``size`` bytes atomically (temp, fsync, rename, fsync)."""
    from masterytui.store.files import atomic_write

    payload = os.urandom(size)
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "floor.json"
        for _ in range(runs):
            started = time.perf_counter()
            atomic_write(target, payload)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


async def app_figures(
    path: Path, runs: int, board_only: bool = False, cold: bool = False
) -> dict[str, Any]:
    figures: dict[str, list[float]] = {}
    for run in range(runs):
        for name, value in await one_app(path, run, board_only, cold):
            figures.setdefault(name, []).append(value)
    return {
        "figures": figures,
        "file_mb": path.stat().st_size / 1e6,
        "durable_write": durable_write_ms(path.stat().st_size, 5),
    }


async def one_app(
    path: Path, run: int, board_only: bool, cold: bool = False
) -> list[tuple[str, float]]:
    """Open one app on ``path`` and time its actions; returns (figure, ms) pairs."""
    from masterytui.app import MasteryApp
    from masterytui.screens.base import MasteryScreen
    from masterytui.store import MasteryStore

    try:
        from masterytui.screens.board.screen import BoardScreen
    except ImportError:  # before a package per screen
        from masterytui.screens.board import BoardScreen  # type: ignore[no-redef]

    timed: list[tuple[str, float]] = []
    store = MasteryStore(path)
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", "goals")
    try:
        # As in a terminal: the screens built ahead, durable writes in a thread (#16).
        app = MasteryApp(store, watch_file=False, warm_screens=not cold, write_behind=True)
    except TypeError:  # older versions: no building ahead, or no write-behind
        try:
            app = MasteryApp(store, watch_file=False, warm_screens=not cold)
        except TypeError:
            app = MasteryApp(store, watch_file=False)

    def data_version() -> int:
        """The data the screens should show (older versions counted it on the app)."""
        generation = getattr(app, "data_generation", None)
        return store.data_version if generation is None else int(generation)

    def drawn(screen: MasteryScreen) -> int:
        generation = getattr(screen, "_drawn_generation", None)
        return screen._drawn_version if generation is None else int(generation)

    def shown(mode: str) -> Check:
        def check() -> bool:
            screen = app.screen
            return (
                app.current_mode == mode
                and isinstance(screen, MasteryScreen)
                and drawn(screen) == data_version()
            )

        return check

    def redrawn(before: int) -> Check:
        def check() -> bool:
            screen = app.screen
            return (
                data_version() != before
                and isinstance(screen, MasteryScreen)
                and drawn(screen) == data_version()
            )

        return check

    async with app.run_test(size=(100, 30)) as pilot:
        frames = Frames(app)
        await pilot.pause()
        # The app reads the feedback and practice logs just after its first frame; time
        # the keys of someone who looks at the screen first, not of a key already queued.
        for _ in range(500):
            snapshot = store.snapshot()
            ready = getattr(snapshot, "ready", lambda table: True)  # older versions: no lag
            if getattr(app, "painted", True) and ready("feedback") and ready("practice"):
                break
            await pilot.pause(0.01)
        # ... and who gives it the second or two it takes to build the other screens.
        for _ in range(1000):
            stacks = app._screen_stacks
            if cold or not hasattr(app, "warm_screens") or len(stacks) >= len(app.MODES):
                break
            await pilot.pause(0.01)
        await pilot.pause(0.3)
        screens = [("2", "board")]
        if not board_only:
            screens += [("3", "feedback"), ("4", "progress")]
        for key, mode in screens:
            timed.append(
                (f"open {mode.title()}", await frames.key_to_frame(pilot, [key], shown(mode)))
            )
        if not board_only:
            timed.append(("back to Goals", await frames.key_to_frame(pilot, ["1"], shown("goals"))))
            for key, mode in [("2", "board"), ("3", "feedback"), ("4", "progress"), ("1", "goals")]:
                await pilot.pause(0.1)
                again = await frames.key_to_frame(pilot, [key], shown(mode))
                timed.append(("repeat visit", again))
            await frames.key_to_frame(pilot, ["2"], shown("board"))
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.select_column("backlog")
        cards = board.card_list("backlog")
        cards.select_index(len(cards.cards) // 2)
        await pilot.pause()
        for move in range(4):
            key = "L" if move % 2 == 0 else "H"
            moved = await frames.key_to_frame(pilot, [key], redrawn(data_version()))
            timed.append(("move a card", moved))
        if not board_only:
            keys = ["t", *f"bench task {run}", "enter"]
            added = await frames.key_to_frame(pilot, keys, redrawn(data_version()))
            timed.append(("add a task (t)", added))
            keys = ["p", "ctrl+a", *"20", "enter"]
            logged = await frames.key_to_frame(pilot, keys, redrawn(data_version()))
            timed.append(("log practice (p)", logged))
    wait = getattr(store, "wait_for_writes", None)
    if wait is not None:
        wait()  # the last change on disk before the next app opens the file
    return timed


async def minimal_figures(runs: int) -> dict[str, Any]:
    """The floor: the four-mode minimal app, first visits to 2, 3, 4, then 1, 2, 3, 4 again."""
    from bench_switch import FOUR_MODE_APP

    namespace: dict[str, Any] = {"__name__": "floor"}
    exec(FOUR_MODE_APP, namespace)
    floor_app = namespace["Floor"]
    modes = dict(zip("1234", namespace["NAMES"], strict=True))
    figures: dict[str, list[float]] = {"first visit": [], "repeat visit": []}

    async def one_run() -> None:
        app = floor_app()
        async with app.run_test(size=(100, 30)) as pilot:
            frames = Frames(app)
            await pilot.pause(0.3)
            for kind, keys in (("first visit", "234"), ("repeat visit", "1234")):
                for key in keys:
                    await pilot.pause(0.1)
                    done = lambda mode=modes[key]: app.current_mode == mode  # noqa: E731
                    figures[kind].append(await frames.key_to_frame(pilot, [key], done))

    for _ in range(runs):
        await one_run()
    return {"figures": figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="a data file (it is changed)")
    parser.add_argument("--minimal", action="store_true", help="time the minimal app instead")
    parser.add_argument("--runs", type=int, default=3, help="fresh apps to time (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--board", action="store_true", help="only open the Board, move cards")
    parser.add_argument("--cold", action="store_true", help="do not build screens ahead")
    args = parser.parse_args(argv)
    if args.minimal:
        result = asyncio.run(minimal_figures(args.runs))
    elif args.file is None:
        parser.error("give a data file, or --minimal")
    else:
        result = asyncio.run(app_figures(args.file, args.runs, args.board, args.cold))
    result["peak_mb"] = peak_mb()
    if args.json:
        print(json.dumps(result))
        return 0
    for name, samples in result["figures"].items():
        print(
            f"{name:<24} median {statistics.median(samples):7.1f} ms"
            f"   min {min(samples):7.1f}   max {max(samples):7.1f}   (n={len(samples)})"
        )
    if "durable_write" in result:
        floor = result["durable_write"]
        print(f"{'durable write (floor)':<24} median {statistics.median(floor):7.1f} ms")
    print(f"peak memory {result['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
