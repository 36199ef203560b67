"""Launch to first painted screen, in a real terminal (tmux), against a minimal Textual app.

    python benchmarks/bench_launch.py            # 7 runs each at S and L
    python benchmarks/bench_launch.py -n 11

Each run starts the program in a fresh detached tmux session of 100x30 and polls
``tmux capture-pane`` every 5 ms until the text that marks a painted screen appears: the
minimal app's Static, masterytui's top bar (drawn in the same frame as the goal tree). The
floor is a Textual app with a Header, a Static and a Footer. The target is L <= 1.5x the floor,
on a file as masterytui wrote it (its layout kept beside the lock, so tables are parsed when
first used), as ``suite.py`` measures it; the same file as another program left it (parsed
and checked whole before the first frame) is timed too. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_add import bench_env
from generate import generate

TMUX = ["tmux", "-L", f"masterytui-bench-{os.getpid()}"]
"""A tmux server of this run's own, so other tmux users (tests, you, a benchmark of another
checkout, which kills its server when it ends) never interfere."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("minimal app painted")
        yield Footer()

Minimal().run()
"""


@contextlib.contextmanager
def tmux_server(env: dict[str, str]) -> Iterator[None]:
    """Keep the benchmarks' tmux server up between runs (one idle session holds it).

    Without it the server exits with each run's last session, and the next run can reach
    the dying server ("server exited unexpectedly").
    """
    subprocess.run([*TMUX, "kill-server"], capture_output=True, check=False)
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 86400"], check=True, env=env)
    try:
        yield
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True, check=False)


def as_masterytui_wrote_it(path: Path) -> None:
    """Save ``path`` once through masterytui, as a user's file is (its layout is then kept
    beside the lock, so tables are parsed when first used)."""
    code = (
        "import sys; from masterytui.store import MasteryStore; "
        "s = MasteryStore(sys.argv[1]); s.set_setting('welcomed', True); s.wait_for_writes()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def launch_ms(command: str, marker: str, env: dict[str, str], timeout: float = 20.0) -> float:
    """Milliseconds from starting ``command`` in tmux until ``marker`` is on the screen."""
    session = f"bench{time.monotonic_ns()}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
        check=True,
        env=env,
    )
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if marker in screen:
                return (time.perf_counter() - start) * 1000
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} did not appear within {timeout} s")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is needed for this benchmark (apt-get install tmux)")
        return 1
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = bench_env(folder)
        env["TERM"] = "xterm-256color"
        script = folder / "minimal.py"
        script.write_text(MINIMAL_APP)
        app = Path(sys.executable).with_name("masterytui")
        rows: list[tuple[str, list[float]]] = []
        rows.append(("minimal Textual app (floor)", []))
        commands = []
        for scale in ("S", "L"):
            path = folder / f"{scale}.json"
            generate(path, scale)
            elsewhere = folder / f"{scale}-elsewhere.json"
            shutil.copyfile(path, elsewhere)
            as_masterytui_wrote_it(path)
            commands.append((f"masterytui at {scale}", f"{app} --db {path}"))
            commands.append((f"  {scale}, file changed elsewhere", f"{app} --db {elsewhere}"))
        rows += [(label, []) for label, _ in commands]
        with tmux_server(env):
            # Warm the OS's caches and masterytui's bytecode (written on first import, as an
            # installed package has it), untimed.
            launch_ms(f"{sys.executable} {script}", "minimal app painted", env)
            launch_ms(commands[1][1], "1 Goals", env)
            for _ in range(args.runs):
                minimal = launch_ms(f"{sys.executable} {script}", "minimal app painted", env)
                rows[0][1].append(minimal)
                for index, (_, command) in enumerate(commands, start=1):
                    rows[index][1].append(launch_ms(command, "1 Goals", env))
    print(f"launch to first paint in tmux 100x30, {args.runs} runs each (ms)")
    print(f"{'what':<32} {'median':>8} {'min':>8} {'max':>8}")
    for label, times in rows:
        print(f"{label:<32} {statistics.median(times):>8.0f} {min(times):>8.0f} {max(times):>8.0f}")
    floor = statistics.median(rows[0][1])
    large = statistics.median(rows[3][1])
    verdict = "within" if large <= 1.5 * floor else "OVER"
    elsewhere = statistics.median(rows[4][1])
    print(f"L / floor = {large / floor:.2f} (target <= 1.50): {verdict} target")
    print(f"L changed elsewhere / floor = {elsewhere / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
