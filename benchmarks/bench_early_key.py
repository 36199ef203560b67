"""A key pressed just after launch is answered: ``2`` sent at the first paint and 0.5 s after
it, in tmux at 100x30, timed to the Board's footer (issue #16: "pressing 2 during the first
second after launch is answered too").

    python benchmarks/bench_early_key.py FILE [-n 3]

Prints, per run, when the first paint came (from launch) and how long each ``2`` took to
show the Board; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_add import bench_env
from bench_launch import TMUX, tmux_server
from bench_switch import APP_MARKERS, _wait


def one_run(command: str, delay: float, env: dict[str, str]) -> tuple[float, float]:
    """(first paint from launch, key to Board) in ms, the key sent ``delay`` s after the paint."""
    session = f"early{time.monotonic_ns()}"
    started = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
    )
    try:
        painted = _wait(session, "1 Goals")
        time.sleep(delay)
        sent = time.perf_counter()
        subprocess.run([*TMUX, "send-keys", "-t", session, "2"], check=True)
        shown = _wait(session, APP_MARKERS["2"])
        return (painted - started) * 1000, (shown - sent) * 1000
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=3)
    args = parser.parse_args(argv)
    app = Path(sys.executable).with_name("masterytui")
    with tempfile.TemporaryDirectory() as name:
        env = bench_env(Path(name))
        env["TERM"] = "xterm-256color"
        with tmux_server(env):
            for delay in (0.0, 0.5):
                rows = [one_run(f"{app} --db {args.file}", delay, env) for _ in range(args.runs)]
                paint = statistics.median(r[0] for r in rows)
                key = [round(r[1]) for r in rows]
                print(f"2 sent {delay:.1f} s after the paint ({paint:.0f} ms): Board in {key} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
