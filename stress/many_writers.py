"""N processes x M adds at once, through the store API and through `masterytui add`.

python stress/many_writers.py                  # 8 processes x 100 adds each way
python stress/many_writers.py -n 16 -m 200
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from masterytui.store import MasteryStore
from tests.test_concurrency import ADDER, spawn, wait_for


def through_the_store(folder: Path, processes: int, adds: int) -> tuple[int, float]:
    path, go = folder / "api.json", folder / "go"
    procs = [spawn(ADDER, str(path), str(adds), f"p{n}", str(go)) for n in range(processes)]
    for proc in procs:
        wait_for(proc, "ready")
    start = time.perf_counter()
    go.touch()
    for proc in procs:
        proc.communicate(timeout=600)
    return len(MasteryStore(path).snapshot().tasks), time.perf_counter() - start


def through_the_cli(folder: Path, processes: int, adds: int) -> tuple[int, float]:
    path = folder / "cli.json"
    loop = (
        f"for i in $(seq {adds}); do {sys.executable} -m masterytui --db {path} "
        f'add task "p$1 $i" >/dev/null || exit 1; done'
    )
    start = time.perf_counter()
    procs = [subprocess.Popen(["sh", "-c", loop, "sh", str(n)]) for n in range(processes)]
    codes = [proc.wait(timeout=1800) for proc in procs]
    if any(codes):
        raise SystemExit(f"an add failed: exit codes {codes}")
    return len(MasteryStore(path).snapshot().tasks), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--processes", type=int, default=8)
    parser.add_argument("-m", "--adds", type=int, default=100)
    args = parser.parse_args()
    expected = args.processes * args.adds
    with tempfile.TemporaryDirectory() as name:
        for label, run in (("store API", through_the_store), ("masterytui add", through_the_cli)):
            count, took = run(Path(name), args.processes, args.adds)
            verdict = "nothing lost" if count == expected else f"LOST {expected - count}"
            print(
                f"{label:<15} {args.processes} x {args.adds}: {count}/{expected} tasks "
                f"in {took:.1f} s ({expected / took:.0f} adds/s): {verdict}"
            )
            if count != expected:
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
