"""In-app actions in a real terminal (tmux 100x30): key to the screen that shows the result.

    python benchmarks/bench_actions.py FILE [FILE ...] [-n RUNS]

Each run starts masterytui on each FILE in a fresh tmux session, opens the Board and, timing
from the last key to the first ``tmux capture-pane`` (polled every 2 ms) that shows text only
the result shows:

- moves a card one column (``L``, then ``H`` back, four times): the column headers' counts;
- adds a task (``t``, a title, enter; the title typed is on screen before enter is timed):
  the Backlog's count one higher;
- logs practice (``p``, minutes, enter): its notice, "N min of practice logged".

In the same run, the floor: a minimal Textual app with four modes (a Header, 25 Statics, a
Footer per screen, :data:`bench_switch.FOUR_MODE_APP`), its repeat screen switch timed the
same way (``bench_switch.switch_ms``). The target (issue #16) is each action <= 0.6x the
floor's repeat switch. Prints medians and ratios; asserts nothing. The files are changed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_add import bench_env
from bench_switch import APP_MARKERS, FLOOR_MARKERS, FOUR_MODE_APP, SETTLE, switch_ms

TMUX = ["tmux", "-L", f"masterytui-actions-{os.getpid()}"]
"""A tmux server of this run's own: other runs (benchmarks of other checkouts on the same
machine kill their server when they end) never take its sessions away."""

ACTIONS = ("move a card", "add a task", "log practice")
TARGET = 0.6
"""Each action <= this times the floor's repeat switch (issue #16)."""
MOVES = 4
ADDS = 2
LOGS = 2
SETTLE_ACTIONS = float(os.environ.get("SETTLE_ACTIONS", str(max(SETTLE, 3.0))))
"""Seconds the Board is left before the first action: at L the app builds its other screens
for a second or two after the first frame, and a key pressed meanwhile waits for a build."""
HEADER = re.compile(r"\b(Backlog|Next|Doing|Done) (\d+)\b")


@contextlib.contextmanager
def tmux_server(env: dict[str, str]) -> Iterator[None]:
    """This run's tmux server, up while one idle session holds it (see bench_launch)."""
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 86400"], check=True, env=env)
    try:
        yield
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True, check=False)


def _screen(session: str) -> str:
    return subprocess.run(
        [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def _until(session: str, shows: Callable[[str], bool], timeout: float = 20.0) -> float:
    """The time of the first capture of ``session`` for which ``shows`` holds."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if shows(_screen(session)):
            return time.perf_counter()
        time.sleep(0.002)
    raise TimeoutError(f"the result did not appear within {timeout} s:\n{_screen(session)}")


def _keys(session: str, *keys: str, literal: bool = False) -> None:
    flags = ["-l"] if literal else []
    subprocess.run([*TMUX, "send-keys", "-t", session, *flags, *keys], check=True)


def _timed(session: str, key: str, shows: Callable[[str], bool]) -> float:
    """Milliseconds from pressing ``key`` to the first capture that ``shows`` the result."""
    started = time.perf_counter()
    _keys(session, key)
    elapsed = (_until(session, shows) - started) * 1000
    time.sleep(0.3)  # what the key set off (the durable write, a notice) finishes first
    return elapsed


def counts(screen: str) -> dict[str, int]:
    """The Board's column counts as its headers show them (the first of each)."""
    found: dict[str, int] = {}
    for name, value in HEADER.findall(screen):
        found.setdefault(name, int(value))
    return found


def actions_ms(command: str, env: dict[str, str], run: int) -> dict[str, list[float]]:
    """One run of masterytui (``command``) in tmux: ms from each action's last key to the
    screen showing its result."""
    session = f"actions{time.monotonic_ns()}"
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
    )
    times: dict[str, list[float]] = {name: [] for name in ACTIONS}
    try:
        _until(session, lambda screen: any(m in screen for m in APP_MARKERS.values()))
        _keys(session, "2")
        _until(session, lambda screen: APP_MARKERS["2"] in screen)
        time.sleep(SETTLE_ACTIONS)
        for move in range(MOVES):
            before = counts(_screen(session))
            source, target = ("Backlog", "Next") if move % 2 == 0 else ("Next", "Backlog")
            want = {source: before[source] - 1, target: before[target] + 1}

            def moved(screen: str, want: dict[str, int] = want) -> bool:
                now = counts(screen)
                return all(now.get(name) == value for name, value in want.items())

            times["move a card"].append(_timed(session, "L" if move % 2 == 0 else "H", moved))
        for add in range(ADDS):
            backlog = counts(_screen(session))["Backlog"]
            title = f"bench task r{run}n{add}"
            _keys(session, "t")
            _until(session, lambda screen: "New task" in screen)
            time.sleep(0.1)  # the form takes the focus
            _keys(session, title, literal=True)
            _until(session, lambda screen, title=title: title in screen)

            def added(screen: str, backlog: int = backlog) -> bool:
                return counts(screen).get("Backlog") == backlog + 1

            times["add a task"].append(_timed(session, "Enter", added))
        for log in range(LOGS):
            minutes = str(21 + run * LOGS + log)
            _keys(session, "p")
            _until(session, lambda screen: "Log practice" in screen)
            time.sleep(0.1)  # the form takes the focus
            _keys(session, "C-a")
            _keys(session, minutes, literal=True)
            _until(session, lambda screen, minutes=minutes: f"│  {minutes} " in screen)
            notice = f"{minutes} min of practice logged"
            times["log practice"].append(
                _timed(session, "Enter", lambda screen, notice=notice: notice in screen)
            )
        return times
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], check=False)


def floor_and_actions(
    folder: Path, files: dict[str, Path], runs: int, env: dict[str, str]
) -> dict[str, dict[str, list[float]]]:
    """{"floor": {"repeat": [...]}, scale: {action: [...]}} over ``runs`` interleaved runs
    (inside :func:`tmux_server`)."""
    script = folder / "four_modes.py"
    script.write_text(FOUR_MODE_APP)
    app = Path(sys.executable).with_name("masterytui")
    results: dict[str, dict[str, list[float]]] = {"floor": {"repeat": []}}
    for run in range(runs):
        floor = switch_ms(f"{sys.executable} {script}", FLOOR_MARKERS, env, TMUX)
        results["floor"]["repeat"].extend(floor["repeat"])
        for scale, path in files.items():
            for name, samples in actions_ms(f"{app} --db {path}", env, run).items():
                results.setdefault(scale, {}).setdefault(name, []).extend(samples)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="data files (they are changed)")
    parser.add_argument("-n", "--runs", type=int, default=3)
    args = parser.parse_args(argv)
    files = {path.stem: path for path in args.files}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = bench_env(folder)
        env["TERM"] = "xterm-256color"
        with tmux_server(env):
            results = floor_and_actions(folder, files, args.runs, env)
    floor = statistics.median(results["floor"]["repeat"])
    print(f"floor: four-mode app, repeat switch (tmux) {floor:7.1f} ms")
    for scale in files:
        for name in ACTIONS:
            samples = results[scale][name]
            value = statistics.median(samples)
            verdict = "ok" if value <= TARGET * floor else "MISSED"
            print(
                f"{scale:<6} {name:<14} median {value:7.1f} ms  (min {min(samples):6.1f}, "
                f"n={len(samples)})  ratio {value / floor:.2f}  target <= {TARGET}x: {verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
