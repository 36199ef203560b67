"""How long `masterytui add task` takes on small and large files, against start-up floors.

    python benchmarks/bench_add.py            # 15 runs each, files in a temporary folder
    python benchmarks/bench_add.py -n 30 --data-dir benchmarks/data

Each figure is the wall time of a whole process, as a shell or a tmux key would see it:
interpreter start, imports, reading the file under its lock, the change, the atomic write
with fsync. The target (DESIGN §5: quick capture must feel instant) is <= 100 ms at L and
well under the cost of importing Textual.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

TARGET_MS = 100.0


def add_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m masterytui``."""
    script = Path(sys.executable).with_name("masterytui")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "masterytui"]


def bench_env(folder: Path) -> dict[str, str]:
    """The environment for every timed process.

    Bytecode is cached (in ``folder``, not beside the sources) as it is for an installed
    package: with ``PYTHONDONTWRITEBYTECODE`` set, as in some development shells, an editable
    install recompiles masterytui's modules on every run, which is not what a user pays.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MASTERYTUI_DB", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    }
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def time_runs(
    make_command: Callable[[int], list[str]], runs: int, env: dict[str, str]
) -> list[float]:
    """Wall times in ms of ``runs`` runs, after one warm-up run that is not counted.

    The warm-up also compiles the bytecode and, for ``add``, takes the file's one backup
    of the minute, so the counted runs are the common case: a change with no backup due.
    """
    times = []
    for n in range(runs + 1):
        command = make_command(n)
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        elapsed = (time.perf_counter() - started) * 1000
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
        if n:
            times.append(elapsed)
    return times


def add_task(add: list[str], path: Path) -> Callable[[int], list[str]]:
    """The command line of the n-th ``add task`` on ``path``."""
    return lambda n: [*add, "--db", str(path), "add", "task", f"bench {n}"]


def row(name: str, times: Sequence[float], note: str = "") -> str:
    median = statistics.median(times)
    return f"{name:<34} {median:>8.1f} {min(times):>8.1f} {max(times):>8.1f}  {note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15, help="runs per row (default 15)")
    parser.add_argument("--data-dir", type=Path, help="where to write S.json and L.json")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="masterytui-bench-"))
    try:
        return run(folder, args.runs, args.seed)
    finally:
        if args.data_dir is None:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, runs: int, seed: int) -> int:
    files = {}
    for scale in ("S", "L"):
        path = folder / f"{scale}.json"
        shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)
        counts = generate(path, scale, seed=seed)
        files[scale] = (path, counts)

    add = add_command()
    python = sys.executable
    env = bench_env(folder)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {runs} runs per row")
    print(f"add command: {' '.join(add)} --db FILE add task TEXT")
    print()
    print(f"{'what':<34} {'median':>8} {'min':>8} {'max':>8}  (ms)")
    print("-" * 72)

    floor_pass = time_runs(lambda n: [python, "-c", "pass"], runs, env)
    print(row("python -c pass", floor_pass))
    store_import = time_runs(
        lambda n: [python, "-c", "import masterytui.cli, masterytui.store"], runs, env
    )
    print(row("import masterytui.cli + store", store_import))
    medians = {}
    for scale, (path, counts) in files.items():
        size = path.stat().st_size / 1e6
        note = f"{counts['tasks']:,} tasks, {sum(counts.values()):,} items, {size:.1f} MB"
        times = time_runs(add_task(add, path), runs, env)
        medians[scale] = statistics.median(times)
        print(row(f"masterytui add task ({scale})", times, note))
    textual = time_runs(lambda n: [python, "-c", "import textual.app"], runs, env)
    print(row("python -c 'import textual.app'", textual))
    print()

    large = medians["L"]
    textual_median = statistics.median(textual)
    verdict = "OK" if large <= TARGET_MS and large < textual_median else "OVER TARGET"
    print(
        f"add at L: {large:.0f} ms (target <= {TARGET_MS:.0f} ms); "
        f"import textual.app alone: {textual_median:.0f} ms; {verdict}"
    )
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
