"""The Today screen's figures (``today_view``) in process, cold and after a moved card.

    python benchmarks/bench_today.py benchmarks/data/L.json --runs 9

Each run reads the file into a fresh store (not timed), reads its tables (not timed), then
times ``today_view`` with every kept answer of the Today views dropped ("cold": what a user
who opens on Today pays before the first frame); then the same after one task is added
(a new version of the tasks alone: what a switch back after moving a card pays). The file
is copied first: the one given is never written.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from masterytui.domain import schedule
from masterytui.store import MasteryStore
from masterytui.views import today as today_views


def forget() -> None:
    """Drop every kept answer of the Today views and of the schedule."""
    for module in (today_views, schedule):
        for name in dir(module):
            clear = getattr(getattr(module, name), "cache_clear", None)
            if callable(clear):
                clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    day = date.today()
    cold: list[float] = []
    moved: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        shutil.copyfile(args.file, path)
        for _ in range(args.runs):
            store = MasteryStore(path)
            snapshot = store.snapshot()
            _ = (snapshot.goals, snapshot.tasks, snapshot.feedback, snapshot.practice)
            forget()
            started = time.perf_counter()
            today_views.today_view(snapshot, day)
            cold.append((time.perf_counter() - started) * 1000)
            store.add_task("A card", column="next")
            snapshot = store.snapshot()
            _ = snapshot.tasks
            started = time.perf_counter()
            today_views.today_view(snapshot, day)
            moved.append((time.perf_counter() - started) * 1000)

    def line(figures: list[float]) -> str:
        runs = " ".join(f"{f:.1f}" for f in figures)
        return f"median {statistics.median(figures):.1f} ms ({runs})"

    print(f"today_view cold:            {line(cold)}")
    print(f"today_view after a new task: {line(moved)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
