"""Screen switches in a real terminal (tmux 100x30): key to the screen that shows the result.

    python benchmarks/bench_switch.py FILE [-n RUNS]

For masterytui on FILE and for the floor, a minimal Textual app with four modes (a Header,
25 Statics and a Footer per screen, :data:`FOUR_MODE_APP`), each run starts the program in a
fresh tmux session, waits for its first screen, then presses 2, 3, 4 (first visits) and 1, 2,
3, 4 (repeat visits), each time polling ``tmux capture-pane`` every 2 ms until the new
screen's own text is on the screen. Prints medians and the ratios; asserts nothing.
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

FOUR_MODE_APP = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

NAMES = ("one", "two", "three", "four")


class Page(Screen):
    def __init__(self, name):
        super().__init__()
        self.page = name

    def compose(self):
        yield Header()
        for line in range(25):
            yield Static(f"page {self.page} line {line}")
        yield Footer()


class Floor(App):
    MODES = {name: (lambda name=name: Page(name)) for name in NAMES}
    DEFAULT_MODE = "one"
    BINDINGS = [
        (str(key), f"switch_mode({name!r})", name.title())
        for key, name in enumerate(NAMES, start=1)
    ]


if __name__ == "__main__":
    Floor().run()
"""
"""The floor for screen switches, as a script (tmux) and as source to exec (in process)."""

FLOOR_MARKERS = {
    key: f"page {name} line 0"
    for key, name in zip("1234", ("one", "two", "three", "four"), strict=True)
}
APP_MARKERS = {"1": "a Sub-goal", "2": "space Done", "3": "T To task", "4": "g Narrow"}
"""Text only that screen shows once drawn (its footer's keys)."""

SETTLE = float(__import__("os").environ.get("SETTLE", "1.0"))
FIRST = ["2", "3", "4"]
REPEAT = ["1", "2", "3", "4"]


def _screen(session: str, tmux: list[str] = TMUX) -> str:
    return subprocess.run(
        [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
    ).stdout


def _wait(session: str, marker: str, timeout: float = 20.0, tmux: list[str] = TMUX) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in _screen(session, tmux):
            return time.perf_counter()
        time.sleep(0.002)
    raise TimeoutError(f"{marker!r} did not appear within {timeout} s")


def switch_ms(
    command: str, markers: dict[str, str], env: dict[str, str], tmux: list[str] = TMUX
) -> dict[str, list[float]]:
    """One run of ``command`` in tmux (the server ``tmux`` names): ms from each key to its
    screen, first and repeat."""
    session = f"switch{time.monotonic_ns()}"
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
    )
    times: dict[str, list[float]] = {"first": [], "repeat": []}
    try:
        _wait(session, markers["1"], tmux=tmux)
        time.sleep(SETTLE)  # the app settles (masterytui reads its logs after the first frame)
        for kind, keys in (("first", FIRST), ("repeat", REPEAT)):
            for key in keys:
                started = time.perf_counter()
                subprocess.run([*tmux, "send-keys", "-t", session, key], check=True)
                times[kind].append((_wait(session, markers[key], tmux=tmux) - started) * 1000)
                time.sleep(0.3)  # what the key set off finishes before the next key
        return times
    finally:
        subprocess.run([*tmux, "kill-session", "-t", session], check=False)


def floor_and_app(
    folder: Path, files: dict[str, Path], runs: int, env: dict[str, str]
) -> dict[str, dict[str, list[float]]]:
    """{"floor" | scale: {"first": [...], "repeat": [...]}} over ``runs`` interleaved runs."""
    script = folder / "four_modes.py"
    script.write_text(FOUR_MODE_APP)
    app = Path(sys.executable).with_name("masterytui")
    results: dict[str, dict[str, list[float]]] = {}
    for _ in range(runs):
        programs = {"floor": (f"{sys.executable} {script}", FLOOR_MARKERS)}
        for scale, path in files.items():
            programs[scale] = (f"{app} --db {path}", APP_MARKERS)
        for name, (command, markers) in programs.items():
            for kind, samples in switch_ms(command, markers, env).items():
                results.setdefault(name, {}).setdefault(kind, []).extend(samples)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a data file (its settings are changed)")
    parser.add_argument("-n", "--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = bench_env(folder)
        env["TERM"] = "xterm-256color"
        with tmux_server(env):
            results = floor_and_app(folder, {"app": args.file}, args.runs, env)
    for kind in ("first", "repeat"):
        floor = statistics.median(results["floor"][kind])
        app = statistics.median(results["app"][kind])
        print(f"{kind:<7} visit: app {app:7.1f} ms  floor {floor:7.1f} ms  ratio {app / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
