"""The monkey's short runs, in the test suite; stress/monkey.py runs thousands of actions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.monkey import run_monkey


@pytest.mark.parametrize(
    ("presses", "seed"),
    [(60, 1), pytest.param(150, 2, marks=pytest.mark.slow)],
)
async def test_random_actions_never_crash_the_app(tmp_path: Path, presses: int, seed: int) -> None:
    """Keys, clicks, pastes, resizes down to 12x5, the palette, and bursts of them at once."""
    counts = await run_monkey(tmp_path, presses=presses, seed=seed)
    assert set(counts) == {"goals", "tasks", "feedback", "practice"}
