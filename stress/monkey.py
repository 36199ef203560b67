"""Thousands of random keys across every screen, several seeds; prints what survived.

python stress/monkey.py               # 5 seeds x 2,000 keys
python stress/monkey.py --keys 5000 --seeds 10
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.monkey import run_monkey


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=2000)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    for seed in range(1, args.seeds + 1):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            counts = asyncio.run(run_monkey(Path(folder), args.keys, seed))
            took = time.perf_counter() - start
            print(f"seed {seed}: {args.keys} keys in {took:.0f} s, no crash, file valid: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
