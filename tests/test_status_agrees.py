"""``masterytui status`` says what the Today list says, on generated files.

The status line is fed from the file's bytes (:func:`masterytui.store.reader.status_figures`)
so that a tmux status bar can run it every few seconds; the Today screen and ``masterytui
today`` work from the parsed file (:func:`masterytui.views.today.today_view`). These compare
the two on files made by ``benchmarks/generate.py`` (with practice on named days, sessions a
week and minutes a day, done and missed), on each day of a fortnight, through the bytes and
through the whole-file path the reader falls back to.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from masterytui.domain.model import PracticePlan
from masterytui.shell import status_line
from masterytui.store import MasteryStore
from masterytui.store.reader import Reader
from masterytui.views.today import today_view

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from generate import generate

MADE = date(2026, 11, 18)  # a Wednesday: the files' "today"
EVERY = "{left}|{minutes}|{sessions}|{due}|{streak}|{again}"
PLANS = [
    PracticePlan(sessions_per_week=3, days=(0, 2, 4)),
    PracticePlan(minutes_per_day=20, days=(1, 3)),
    PracticePlan(sessions_per_week=1, days=(6,)),
    PracticePlan(sessions_per_week=2),
    PracticePlan(sessions_per_week=5),
    PracticePlan(minutes_per_day=15),
]


def made_file(folder: Path, seed: int) -> Path:
    """A generated S file, then some goals given each kind of plan (and one none) and a
    fortnight of practice with gaps, written through the store (so the bytes are as
    masterytui writes them)."""
    path = folder / f"s{seed}.json"
    generate(path, "S", seed=seed, today=MADE)
    store = MasteryStore(path)
    rng = random.Random(seed)
    mastery = [g for g in store.snapshot().goals if g.kind == "mastery"]
    chosen = rng.sample(mastery, min(len(mastery), len(PLANS) + 1))
    for goal, plan in zip(chosen, [*PLANS, None], strict=False):  # and one with no plan
        store.update_goal(goal.id, practice_plan=plan, status="active")
        for back in range(16):
            if rng.random() < 0.6:
                on = (MADE - timedelta(days=back)).isoformat()
                store.log_practice(rng.choice((5, 10, 20, 30)), goal.id, on=on)
    store.add_task("due on the day", None, due=MADE.isoformat())
    return path


def expected(path: Path, day: date) -> str:
    """The status line as the Today screen's list (``today_view``) has it."""
    found = today_view(MasteryStore(path).snapshot(), day).found
    sessions = found.sessions_left
    left = f"{found.minutes_left}m" + (f"+{sessions}s" if sessions else "")
    again = " · don't miss twice" if any(r.misses == 1 for r in found.risks) else ""
    due = len(found.overdue) + len(found.due)
    return f"{left}|{found.minutes_left}|{sessions}|{due}|{found.streak}|{again}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_status_says_what_the_today_list_says(tmp_path: Path, seed: int) -> None:
    path = made_file(tmp_path, seed)
    days = [MADE + timedelta(days=n) for n in range(-3, 11)]  # every weekday, twice
    wanted = {day: expected(path, day) for day in days}
    assert any("don't miss twice" in line for line in wanted.values())
    assert any(not line.startswith("0m|") for line in wanted.values())
    fast = Reader(path)
    assert fast.layout is not None  # as masterytui wrote it: the bytes are read
    assert {day: status_line(fast, day, EVERY) for day in days} == wanted
    os.utime(path)  # the layout no longer matches: the whole file is parsed
    slow = Reader(path)
    assert slow.layout is None
    assert {day: status_line(slow, day, EVERY) for day in days} == wanted


@given(st.from_regex(rb"\A\d{4}-\d\d-\d\d\Z"))
@example(b"0000-01-01")
@example(b"2024-02-29")
@example(b"2026-02-29")
@example(b"2026-13-01")
def test_a_day_in_the_bytes_reads_as_a_documents_day(written: bytes) -> None:
    """The bytes path reads each distinct day once with ``date.fromisoformat``; on the text
    its pattern matches, that accepts exactly what a document's day accepts."""
    from masterytui.domain.reading import day
    from masterytui.store.reader import _read_date

    found = _read_date(written)
    assert (found is not None) == (day(written.decode()) is not None)
    assert found is None or found.isoformat() == written.decode()


def test_documents_written_otherwise_make_the_bytes_give_up(tmp_path: Path) -> None:
    """A task or session whose keys are in another order (a file written by another tool,
    then rewritten by masterytui as it read it) is counted from the parsed documents."""
    import json

    from masterytui.store.reader import _due_by_bytes, _figures_by_bytes

    path = tmp_path / "m.json"
    store = MasteryStore(path)
    goal = store.add_goal("Lift", "mastery", practice_plan=PracticePlan(minutes_per_day=20))
    store.add_task("first", goal.id, due=MADE.isoformat())
    store.log_practice(10, goal.id, on=MADE.isoformat())
    data = json.loads(path.read_text())
    for name in ("tasks", "practice"):
        for key, doc in list(data[name].items()):
            data[name][key] = dict(reversed(list(doc.items())))
    path.write_text(json.dumps(data))
    store = MasteryStore(path)
    store.add_goal("Other", "area")  # masterytui writes the file (and its layout) again
    reader = Reader(path)
    assert reader.layout is not None
    iso, monday = MADE.isoformat(), (MADE - timedelta(days=MADE.weekday())).isoformat()
    assert _due_by_bytes(reader, iso) is None
    assert _figures_by_bytes(reader, iso, monday, {goal.id}) is None
    assert status_line(reader, MADE, EVERY) == expected(path, MADE) == "10m|10|0|1|1|"
