"""How fast the Board opens and moves cards on a large file, in a headless Textual run.

    python benchmarks/bench_board.py              # L scale + a Backlog of 2,000 open cards
    python benchmarks/bench_board.py --moves 40 --scale S

It generates a seeded file with ``benchmarks/generate.py`` (L: 10,000 tasks of which ~7,000
done over three years, 5,000 feedback entries, 20,000 practice sessions, plus a Backlog of
2,000 open cards: 12,000 tasks in all) and prints:

- the store alone: opening the file; ``move_card`` (lock, re-read check, change, atomic
  replace with fsync); ``store.snapshot()`` after a change, which the Board avoids;
- the Board's own work without Textual: refreshing its goal/task cache after a change (all
  documents compared; after its own move the Board reads back only that card), and building
  the view of the four columns;
- in a headless app (100x30): opening the Board, and for moves, reorders, scrolling and the
  cursor the time from the key to the next frame the compositor produces (hooked at
  ``App._display``), with a move split into the store's write and the board's redraw (the
  rest is Textual painting the frame). Pilot's own waits (it sleeps in 20 ms steps until the
  app is idle) are not counted.

Figures are medians with min and max. Nothing is asserted: timing targets live here, not in
the tests. The target for a move is well under 100 ms including the durable write.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import Frames
from generate import generate

from masterytui.app import MasteryApp
from masterytui.screens.board.screen import BoardScreen
from masterytui.store import MasteryStore
from masterytui.store.board import move_card
from masterytui.views.board import build_board


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(
        f"  {name:<46} median {statistics.median(ms):7.1f} ms"
        f"   min {min(ms):7.1f}   max {max(ms):7.1f}   (n={len(ms)})"
    )


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def store_figures(path: Path, moves: int) -> None:
    print("store and board model, no Textual:")
    report(
        "open the file (store + goals and tasks)",
        timed(lambda: MasteryStore(path).snapshot().tasks, 3),
    )
    store = MasteryStore(path)
    snapshot = store.snapshot()
    backlog = [t for t in snapshot.tasks if t.column == "backlog"]
    task_id = backlog[len(backlog) // 2].id
    count = [0]

    def move() -> None:
        move_card(store, task_id, ("next", "backlog")[count[0] % 2])
        count[0] += 1

    report("move_card (lock, change, atomic write, fsync)", timed(move, moves))
    refresh: list[float] = []
    for _ in range(5):
        move()
        refresh += timed(lambda: store.snapshot().tasks, 1)
    report("store.snapshot() tasks after a move", refresh)
    snapshot = store.snapshot()
    report(
        "build_board (filters, 4 sorted columns)",
        timed(lambda: build_board(snapshot.goals, snapshot.tasks, date.today()), 10),
    )


class Stopwatch:
    """Times the store's write and the board's redraw inside each move, while in use."""

    def __enter__(self) -> Stopwatch:
        self.store: list[float] = []
        self.redraw: list[float] = []
        self._move = MasteryStore.move_task
        self._refresh = BoardScreen.refresh_data

        def move(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return self._move(*args, **kwargs)
            finally:
                self.store.append(time.perf_counter() - started)

        def refresh(screen: BoardScreen) -> None:
            started = time.perf_counter()
            self._refresh(screen)
            self.redraw.append(time.perf_counter() - started)

        setattr(MasteryStore, "move_task", move)  # noqa: B010
        setattr(BoardScreen, "refresh_data", refresh)  # noqa: B010
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(MasteryStore, "move_task", self._move)  # noqa: B010
        setattr(BoardScreen, "refresh_data", self._refresh)  # noqa: B010


async def app_figures(path: Path, moves: int) -> None:
    store = MasteryStore(path)
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", "goals")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        frames = Frames(app)
        await pilot.pause()

        async def key_to_frame(key: str, done: Callable[[], bool] | None = None) -> float:
            """From the key to the first frame drawn once ``done`` holds (default: once the
            board redrew from new data or moved its cursor)."""
            screen = app.screen
            before = (
                (screen._drawn_version, screen.current_column, screen.card_list().cursor)
                if isinstance(screen, BoardScreen)
                else None
            )

            def changed() -> bool:
                now = app.screen
                if not isinstance(now, BoardScreen):
                    return False
                state = (now._drawn_version, now.current_column, now.card_list().cursor)
                return state != before

            frames.until(done or changed)
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            assert frames.hit is not None, f"no frame showed the result of {key!r}"
            return frames.hit - started

        print("headless app, 100x30, key to next frame:")
        report("open the Board (key 2)", [await key_to_frame("2")])
        screen = app.screen
        assert isinstance(screen, BoardScreen) and screen.view is not None
        big = max(screen.view.columns.values(), key=lambda c: len(c.cards))
        print(f"    biggest column: {big.key}, {len(big.cards):,} cards")

        def middle_of_big_column() -> None:
            screen.select_column(big.key)
            cards = screen.card_list(big.key)
            cards.select_index(len(cards.cards) // 2)

        middle_of_big_column()
        await pilot.pause()
        task_id = screen.card_list().selected_id
        assert task_id is not None
        with Stopwatch() as parts:
            samples = [await key_to_frame("L" if n % 2 == 0 else "H") for n in range(moves)]
        report("move a card a column (L, H), write included", samples)
        report("  of which the store's move_task", parts.store)
        report("  of which the board's redraw (refresh_data)", parts.redraw)
        print(f"    the card is in {store.task(task_id).column} after {moves} moves")
        samples = [await key_to_frame("space") for _ in range(2)]
        report("toggle done (space), write included", samples)
        middle_of_big_column()
        await pilot.pause()
        report("reorder in the big column (J)", [await key_to_frame("J") for _ in range(10)])
        report("cursor down (j)", [await key_to_frame("j") for _ in range(10)])
        report("scroll to the end (end)", [await key_to_frame("end") for _ in range(1)])
        report("page up (pageup)", [await key_to_frame("pageup") for _ in range(10)])
        side = "h" if screen.current_column != "backlog" else "l"  # Backlog is leftmost
        report(f"column to the side ({side})", [await key_to_frame(side) for _ in range(1)])
        await pilot.press("slash")
        letters = []
        for n, char in enumerate("cadence", 1):

            def typed(text: str = "cadence"[:n]) -> bool:
                return screen.board_filter.text == text

            letters.append(await key_to_frame(char, typed))
        report("type a filter, per letter", letters)
        shown = sum(len(c.cards) for c in screen.view.columns.values())
        print(f"    {shown:,} cards match 'cadence'")
        cleared = await key_to_frame("escape", lambda: not screen.board_filter.active)
        report("clear the filter (escape)", [cleared])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("S", "L"), default="L")
    parser.add_argument("--big-column", type=int, default=2000)
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="masterytui-bench-board-") as folder:
        run(Path(folder) / "board.json", args)
    return 0


def run(path: Path, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    counts = generate(path, args.scale, seed=args.seed, big_column=args.big_column)
    print(
        f"file: {path} ({path.stat().st_size / 1e6:.1f} MB): "
        + ", ".join(f"{n:,} {name}" for name, n in counts.items())
        + f"; generated in {time.perf_counter() - started:.1f} s"
    )
    store_figures(path, args.moves)
    asyncio.run(app_figures(path, args.moves))


if __name__ == "__main__":
    sys.exit(main())
