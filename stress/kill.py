"""A writer SIGKILLed at random moments, hundreds of times: the file always opens and every
acknowledged change survives. Prints its figures.

    python stress/kill.py               # 300 kills
    python stress/kill.py --kills 1000
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from masterytui.store import MasteryStore
from tests.test_concurrency import ENDLESS, spawn, task_ids, wait_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    added: set[str] = set()
    deleted: set[str] = set()
    tried: set[str] = set()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kill.json"
        for kill in range(1, args.kills + 1):
            proc = spawn(ENDLESS, str(path))
            wait_for(proc, "ready")
            time.sleep(rng.uniform(0.0, 0.15))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=30)
            for line in out[: out.rfind("\n") + 1].splitlines():
                action, task_id = line.split()
                {"add": added, "del": deleted, "try": tried}[action].add(task_id)
            on_disk = task_ids(path) if path.exists() else set()  # raises if torn
            lost = (added - tried) - on_disk
            resurrected = deleted & on_disk
            if lost or resurrected:
                print(f"kill {kill}: LOST {sorted(lost)} RESURRECTED {sorted(resurrected)}")
                return 1
            if kill % 50 == 0:
                print(f"{kill} kills: file opens, {len(on_disk)} tasks, nothing lost")
        MasteryStore(path).add_task("after the last kill")  # a change: stale copies go
        left = [p.name for p in Path(folder).rglob("*.tmp")]
        if left:
            print(f"temporary copies left behind after a change: {left}")
            return 1
    took = time.perf_counter() - start
    print(
        f"{args.kills} kills in {took:.0f} s: {len(added)} acknowledged adds and "
        f"{len(deleted)} deletes all on disk as acknowledged; the file opened after every kill; "
        "no temporary copy left once the next change took the lock"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
