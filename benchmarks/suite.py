"""Every benchmark in one table: S against L, each beside its floor, with the targets.

    python benchmarks/suite.py                # about 5 minutes on 2 cores
    python benchmarks/suite.py --runs 3       # fewer runs, rougher medians

Generates the seeded S and L files (``generate.py``) in a temporary folder, then measures,
each figure the median of several runs and each paired in the same run with its floor:

- launch to first painted screen in a real terminal (tmux, 100x30) against a minimal Textual
  app (Header, Static, Footer) (``bench_launch.py``), on a file as masterytui wrote it and on
  the same bytes as another program left them (parsed whole);
- ``masterytui add task`` as a whole process, against ``python -c pass`` and the cost of
  ``import textual.app`` (``bench_add.py``); at L both the usual quick path and the whole-file
  path it falls back to when the file was changed by something else;
- ``masterytui status`` and ``masterytui list tasks`` as whole processes, against
  ``python -c pass``;
- switching screens in tmux, key to the new screen's text, first and repeat visits, against
  a minimal Textual app with four modes (a Header, 25 Statics, a Footer per screen) timed the
  same way in the same runs (``bench_switch.py``);
- moving a card, adding a task and logging practice in tmux, key to the screen showing the
  result, against that app's repeat switch timed in tmux in the same runs (``bench_actions.py``);
- inside the app (headless, key to the frame showing the result): opening each screen the
  first time and again, moving a card, adding a task and logging practice, durable write
  included, against the same four-mode app's first and repeat visits timed the same way
  in process, and a durable write of a file the same size (``bench_app.py``);
- peak memory (``VmHWM``) of the app in tmux after visiting every screen;
- how each figure grows from S to L, beside how much the file grows.

Prints one table with each figure's ratio to its floor and the target, ``MISSED`` where a
target is missed, and exits 0; timing targets live here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_actions
from bench_add import add_command, add_task, bench_env
from bench_launch import MINIMAL_APP, TMUX, as_masterytui_wrote_it, launch_ms, tmux_server
from bench_switch import floor_and_app
from generate import generate

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    what: str
    small: float | None
    large: float | None
    floor: float | None = None
    floor_name: str = ""
    target: str = ""
    met: bool | None = None
    unit: str = "ms"
    textual: float | None = None  # ``import textual.app`` in the same rounds, for L/textual


def median(values: list[float]) -> float:
    return statistics.median(values)


def launch_rows(folder: Path, files: dict[str, Path], runs: int) -> list[Row]:
    env = bench_env(folder)
    env["TERM"] = "xterm-256color"
    script = folder / "minimal.py"
    script.write_text(MINIMAL_APP)
    app = Path(sys.executable).with_name("masterytui")
    # The same files as another program left them: no layout beside the lock, so the whole
    # file is parsed and checked before the first frame (the fallback).
    elsewhere = {}
    for scale in ("S", "L"):
        elsewhere[scale] = folder / f"{scale}-elsewhere.json"
        shutil.copyfile(files[scale], elsewhere[scale])
    times: dict[str, list[float]] = {"floor": [], "S": [], "L": [], "S-": [], "L-": []}
    # Warm the caches: the OS's, and the bytecode of masterytui's modules (written on first
    # import, as an installed package has it; a single timed run would otherwise compile).
    launch_ms(f"{sys.executable} {script}", "minimal app painted", env)
    launch_ms(f"{app} --db {elsewhere['S']}", "1 Goals", env)
    for _ in range(runs):
        times["floor"].append(launch_ms(f"{sys.executable} {script}", "minimal app painted", env))
        for scale in ("S", "L"):
            times[scale].append(launch_ms(f"{app} --db {files[scale]}", "1 Goals", env))
            times[scale + "-"].append(launch_ms(f"{app} --db {elsewhere[scale]}", "1 Goals", env))
    floor, large = median(times["floor"]), median(times["L"])
    return [
        Row(
            "launch to first paint (tmux)",
            median(times["S"]),
            large,
            floor,
            "minimal app",
            "L <= 1.5x floor",
            large <= 1.5 * floor,
        ),
        Row(
            "  same, file changed elsewhere",
            median(times["S-"]),
            median(times["L-"]),
            floor,
            "minimal app",
        ),
    ]


def peak_memory_mb(command: str, marker: str, keys: list[str], env: dict[str, str]) -> float:
    """Peak resident memory (VmHWM) of ``command`` run in tmux, after visiting ``keys``."""
    session = f"mem{time.monotonic_ns()}"
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", f"exec {command}"],
        check=True,
        env=env,
    )
    try:

        def screen() -> str:
            return subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout

        deadline = time.monotonic() + 30
        while marker not in screen() and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = subprocess.run(
            [*TMUX, "list-panes", "-t", session, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        for key in keys:
            subprocess.run([*TMUX, "send-keys", "-t", session, key], check=True)
            time.sleep(1.5)  # the screen opens and draws; memory is read after all of them
        status = Path(f"/proc/{pid}/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], check=False)


def memory_rows(folder: Path, files: dict[str, Path]) -> list[Row]:
    if not Path("/proc/self/status").exists():
        return []
    env = bench_env(folder)
    env["TERM"] = "xterm-256color"
    script = folder / "minimal.py"
    app = Path(sys.executable).with_name("masterytui")
    floor = peak_memory_mb(f"{sys.executable} {script}", "minimal app painted", [], env)
    keys = ["2", "3", "4", "1"]
    peak = {
        scale: peak_memory_mb(f"{app} --db {files[scale]}", "1 Goals", keys, env)
        for scale in ("S", "L")
    }
    return [
        Row(
            "peak memory, every screen opened",
            peak["S"],
            peak["L"],
            floor,
            "minimal app",
            "L <= 150",
            peak["L"] <= 150,
            "MB",
        )
    ]


def interleaved(
    commands: dict[str, Callable[[int], list[str]]],
    runs: int,
    env: dict[str, str],
    before: dict[str, Callable[[], None]] | None = None,
) -> dict[str, list[float]]:
    """Wall times in ms of each command, run in turn ``runs`` times (round-robin, so a busy
    moment of a shared box falls on every command alike), after one uncounted warm-up each
    (it compiles the bytecode and takes ``add``'s backup of the minute). ``before[name]``
    runs before each run of ``name``, untimed."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for n in range(runs + 1):
        for name, make in commands.items():
            if before and name in before:
                before[name]()
            command = make(n)
            started = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, env=env)
            elapsed = (time.perf_counter() - started) * 1000
            if result.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
            if n:
                times[name].append(elapsed)
    return times


def cli_rows(folder: Path, files: dict[str, Path], runs: int) -> list[Row]:
    """The shell commands as whole processes (``add task``, ``status``, ``list tasks``) at S
    and L, each beside ``python -c pass`` and ``import textual.app`` from the same rounds."""
    env = bench_env(folder)
    python = sys.executable
    command = add_command()
    parse = "import json, sys; json.load(open(sys.argv[1], 'rb'))"  # the least a list could do
    commands: dict[str, Callable[[int], list[str]]] = {
        "floor": lambda n: [python, "-c", "pass"],
        "textual": lambda n: [python, "-c", "import textual.app"],
    }
    before: dict[str, Callable[[], None]] = {}
    for scale in ("S", "L"):
        path = files[scale]
        commands[f"add {scale}"] = add_task(command, path)
        # Another program changed the file: no quick path, the whole file is parsed.
        commands[f"add whole {scale}"] = add_task(command, path)
        before[f"add whole {scale}"] = lambda path=path: os.utime(path)  # type: ignore[misc]
        commands[f"status {scale}"] = lambda n, p=path: [*command, "--db", str(p), "status"]
        commands[f"list {scale}"] = lambda n, p=path: [*command, "--db", str(p), "list", "tasks"]
        commands[f"json {scale}"] = lambda n, p=path: [python, "-c", parse, str(p)]
    found = {
        name: median(times) for name, times in interleaved(commands, runs, env, before).items()
    }
    floor, textual = found["floor"], found["textual"]

    def row(what: str, key: str, target: str = "", met: bool | None = None) -> Row:
        return Row(
            what,
            found[f"{key} S"],
            found[f"{key} L"],
            floor,
            "python -c pass",
            target,
            met,
            textual=textual,
        )

    add, status = found["add L"], found["status L"]
    return [
        Row("floor: python -c pass", None, None, floor, "same rounds"),
        Row("  import textual.app (same rounds)", None, textual, floor, "python -c pass"),
        row(
            "add task (CLI process)",
            "add",
            "L <= 100, <= 0.3x textual",
            add <= 100 and add <= 0.3 * textual,
        ),
        row("  same, file changed elsewhere", "add whole"),
        row("status (CLI process, read-only)", "status", "L <= 100", status <= 100),
        row("list tasks (CLI process)", "list"),
        row("  python parses the file (json)", "json"),
    ]


def app_json(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_app.py"), *args, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench_app.py {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def app_rows(files: dict[str, Path], runs: int) -> list[Row]:
    results = {scale: app_json([str(files[scale]), "--runs", str(runs)]) for scale in ("S", "L")}
    minimal = app_json(["--minimal", "--runs", str(max(runs, 3))])["figures"]
    first = median(minimal["first visit"])  # type: ignore[index]
    repeat = median(minimal["repeat visit"])  # type: ignore[index]
    write = {scale: median(results[scale]["durable_write"]) for scale in results}  # type: ignore[arg-type]
    rows = [
        Row("floor: four-mode app, first visit", None, None, first, "in process"),
        Row("floor: four-mode app, repeat visit", None, None, repeat, "in process"),
    ]
    figures = results["L"]["figures"]
    for name in figures:  # type: ignore[union-attr]
        small = median(results["S"]["figures"][name])  # type: ignore[index]
        large = median(figures[name])  # type: ignore[index]
        if name.startswith("open"):
            floor, floor_name, limit = first, "first visit", 1.5
        elif name.startswith(("back", "repeat")):
            floor, floor_name, limit = repeat, "repeat visit", 1.3
        else:
            floor, floor_name, limit = repeat, "repeat visit", 0.6
        rows.append(
            Row(
                f"{name} (in the app)",
                small,
                large,
                floor,
                floor_name,
                f"L <= {limit}x floor",
                large <= limit * floor,
            )
        )
    rows.append(Row("durable write of the file", write["S"], write["L"], None, "", ""))
    big = app_json([str(files["B"]), "--runs", str(runs), "--board"])["figures"]
    for name in ("open Board", "move a card"):
        large = median(big[name])  # type: ignore[index]
        floor, limit = (first, 1.5) if name.startswith("open") else (repeat, 0.6)
        rows.append(
            Row(
                f"  {name}, 2,000-card Backlog",
                None,
                large,
                floor,
                "first visit" if name.startswith("open") else "repeat visit",
                f"L <= {limit}x floor",
                large <= limit * floor,
            )
        )
    return rows


def switch_rows(folder: Path, files: dict[str, Path], runs: int) -> list[Row]:
    """Screen switches in tmux against the four-mode floor, same runs (``bench_switch.py``)."""
    env = bench_env(folder)
    env["TERM"] = "xterm-256color"
    found = floor_and_app(folder, {"S": files["S"], "L": files["L"]}, runs, env)
    rows = []
    for kind, limit in (("first", 1.5), ("repeat", 1.3)):
        floor = median(found["floor"][kind])
        large = median(found["L"][kind])
        rows.append(
            Row(
                f"switch screens, {kind} visit (tmux)",
                median(found["S"][kind]),
                large,
                floor,
                f"four-mode {kind}",
                f"L <= {limit}x floor",
                large <= limit * floor,
            )
        )
    return rows


def action_rows(folder: Path, files: dict[str, Path], runs: int) -> list[Row]:
    """Moving a card, adding a task and logging practice in tmux, key to the screen showing
    the result, against the four-mode floor's repeat switch in the same runs
    (``bench_actions.py``; the files are copies, as the actions change them)."""
    env = bench_env(folder)
    env["TERM"] = "xterm-256color"
    copies = {}
    for scale in ("S", "L"):
        copies[scale] = folder / f"{scale}-actions.json"
        shutil.copyfile(files[scale], copies[scale])
    with bench_actions.tmux_server(env):
        found = bench_actions.floor_and_actions(folder, copies, runs, env)
    floor = median(found["floor"]["repeat"])
    rows = [Row("floor: four-mode repeat switch (tmux)", None, None, floor, "same runs")]
    limit = bench_actions.TARGET
    for name in bench_actions.ACTIONS:
        large = median(found["L"][name])
        rows.append(
            Row(
                f"{name} (tmux)",
                median(found["S"][name]),
                large,
                floor,
                "four-mode repeat",
                f"L <= {limit}x floor",
                large <= limit * floor,
            )
        )
    return rows


def show(rows: list[Row], sizes: dict[str, float]) -> None:
    print()
    head = (
        f"{'figure':<34}{'S':>9}{'L':>9}{'L/S':>7}{'floor':>9}{'L/floor':>8}{'L/textual':>10}"
        f"  {'target':<26} ok"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        cells = [f"{row.what:<34}"]
        for value in (row.small, row.large):
            cells.append(f"{value:>9.1f}" if value is not None else f"{'':>9}")
        ratio = row.large / row.small if row.large and row.small else None
        cells.append(f"{ratio:>6.1f}x" if ratio else f"{'':>7}")
        cells.append(f"{row.floor:>9.1f}" if row.floor is not None else f"{'':>9}")
        over = row.large / row.floor if row.large and row.floor else None
        cells.append(f"{over:>7.1f}x" if over else f"{'':>8}")
        versus = row.large / row.textual if row.large and row.textual else None
        cells.append(f"{versus:>9.2f}x" if versus else f"{'':>10}")
        verdict = "" if row.met is None else ("yes" if row.met else "MISSED")
        cells.append(f"  {row.target:<26} {verdict}")
        print("".join(cells) + ("" if row.unit == "ms" else f"  ({row.unit})"))
    print()
    print(
        f"file size: S {sizes['S']:.2f} MB, L {sizes['L']:.2f} MB "
        f"({sizes['L'] / sizes['S']:.0f}x). Times in ms unless marked; floors are from the "
        "same run; ratios are of medians."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per process figure (default 7)")
    parser.add_argument(
        "--app-runs", type=int, default=3, help="fresh apps per in-app figure (default 3)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cli-only",
        action="store_true",
        help="only the shell commands (add, status, list) and their floors: about a minute",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="masterytui-suite-") as name:
        folder = Path(name)
        files: dict[str, Path] = {}
        for scale in ("S", "L"):
            files[scale] = folder / f"{scale}.json"
            counts = generate(files[scale], scale, seed=args.seed)
            as_masterytui_wrote_it(files[scale])
            print(f"{scale}: " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
        sizes = {scale: path.stat().st_size / 1e6 for scale, path in files.items()}
        if not args.cli_only:
            files["B"] = folder / "B.json"
            generate(files["B"], "L", seed=args.seed, big_column=2000)
        print(
            f"python {sys.version.split()[0]} on {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.2f}"
        )
        rows: list[Row] = []
        if args.cli_only:
            pass
        elif shutil.which("tmux") is None:
            print("tmux is not installed: launch and memory are not measured")
        else:
            with tmux_server(bench_env(folder)):
                print("launch ...", flush=True)
                rows += launch_rows(folder, files, args.runs)
                print("switching screens ...", flush=True)
                rows += switch_rows(folder, files, max(2, args.runs // 2))
                print("actions in the app (tmux) ...", flush=True)
                rows += action_rows(folder, files, max(2, args.runs // 2))
                print("memory ...", flush=True)
                rows += memory_rows(folder, files)
        print("add, status and list ...", flush=True)
        rows += cli_rows(folder, files, args.runs)
        if not args.cli_only:
            print("in the app ...", flush=True)
            rows += app_rows(files, args.app_runs)
    show(rows, sizes)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
