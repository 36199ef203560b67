"""Thousands of random actions across every screen, several seeds; prints what survived.

Keys, clicks at random cells, pastes, resizes down to 12x5, the command palette, and
bursts of keys and clicks delivered at once (see tests/monkey.py).

python stress/monkey.py               # 5 seeds x 2,000 actions
python stress/monkey.py --actions 5000 --seeds 10 --first-seed 11
"""

from __future__ import annotations

import sys
from pathlib import Path

# The repository instead of this folder, whose concurrent.py would shadow the standard
# library's package of that name (asyncio imports concurrent.futures).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from tests.monkey import run_monkey  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", "--keys", type=int, default=2000, dest="actions")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args()
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            counts = asyncio.run(run_monkey(Path(folder), args.actions, seed))
            took = time.perf_counter() - start
            print(
                f"seed {seed}: {args.actions} actions in {took:.0f} s, no crash, "
                f"file valid: {counts}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
