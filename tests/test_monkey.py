"""The monkey's short run, in the test suite; stress/monkey.py runs thousands of actions."""

from __future__ import annotations

from pathlib import Path

from tests.monkey import run_monkey


async def test_random_actions_never_crash_the_app(tmp_path: Path) -> None:
    """Keys, clicks, pastes, resizes down to 12x5, the palette, and bursts of them at once."""
    counts = await run_monkey(tmp_path, presses=150, seed=1)
    assert set(counts) == {"goals", "tasks", "feedback", "practice"}
