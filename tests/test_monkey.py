"""The monkey's short run, in the test suite; stress/monkey.py runs thousands of keys."""

from __future__ import annotations

from pathlib import Path

from tests.monkey import run_monkey


async def test_random_keys_never_crash_the_app(tmp_path: Path) -> None:
    counts = await run_monkey(tmp_path, presses=200, seed=1)
    assert set(counts) == {"goals", "tasks", "feedback", "practice"}
