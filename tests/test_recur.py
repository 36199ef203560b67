"""Recurring tasks: the rules, the next due date (month ends, leap days, late), the store."""

from __future__ import annotations

import calendar
import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from masterytui.domain.errors import ValidationError
from masterytui.domain.model import Recur, Task
from masterytui.domain.reading import field_problems
from masterytui.domain.recur import describe, next_due, parse_every, step
from masterytui.store import MasteryStore

# The rule as typed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1d", "1d"),
        ("every 2w", "2w"),
        ("every 2 weeks", "2w"),
        ("daily", "1d"),
        ("every month", "1m"),
        ("Monthly", "1m"),
        ("yearly", "1y"),
        ("every mon,thu", "mon,thu"),
        ("thursday monday", "mon,thu"),
        ("weekdays", "mon,tue,wed,thu,fri"),
        ("", None),
        ("none", None),
    ],
)
def test_parse_every(typed: str, kept: str | None) -> None:
    assert parse_every(typed) == kept


@pytest.mark.parametrize("typed", ["0d", "every blue", "1000d", "3x", "mon,blue", "1.5w"])
def test_parse_every_refuses_with_one_line(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_every(typed)
    assert "\n" not in str(caught.value) and "1d, 2w" in str(caught.value)


def test_describe() -> None:
    assert describe("1w") == "every week"
    assert describe("2m", "done") == "every 2 months from done"
    assert describe("mon,thu") == "every Mon, Thu"


# The next due date ----------------------------------------------------------------------


def test_every_month_keeps_its_anchor_day_through_short_months() -> None:
    due = date(2027, 1, 31)
    seen = []
    for _ in range(4):
        due = step("1m", due, 31)
        seen.append(due)
    assert seen == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]


def test_leap_days() -> None:
    assert step("1m", date(2028, 1, 31), 31) == date(2028, 2, 29)
    assert step("1y", date(2028, 2, 29), 29) == date(2029, 2, 28)
    assert step("1y", date(2031, 2, 28), 29) == date(2032, 2, 29)
    assert step("1d", date(2028, 2, 28)) == date(2028, 2, 29)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 1, 1)),
    st.integers(min_value=1, max_value=30),
)
def test_monthly_is_always_on_the_anchor_or_the_months_last_day(start: date, steps: int) -> None:
    anchor, due = start.day, start
    for _ in range(steps):
        following = step("1m", due, anchor)
        months = (following.year - due.year) * 12 + following.month - due.month
        assert months == 1
        last = calendar.monthrange(following.year, following.month)[1]
        assert following.day == min(anchor, last)
        due = following


def test_weekday_sets() -> None:
    monday = date(2026, 11, 23)
    assert step("mon,thu", monday) == date(2026, 11, 26)
    assert step("mon,thu", date(2026, 11, 26)) == date(2026, 11, 30)
    assert step("mon", monday) == monday + timedelta(days=7)


def test_finished_late_from_due_skips_the_past_occurrences() -> None:
    # Weekly, due Monday the 2nd, done on Thursday the 19th: due Monday the 23rd, not the 9th.
    assert next_due("1w", "due", date(2026, 11, 2), date(2026, 11, 19)) == date(2026, 11, 23)


def test_finished_late_from_done_counts_from_the_day_done() -> None:
    assert next_due("1w", "done", date(2026, 11, 2), date(2026, 11, 19)) == date(2026, 11, 26)


def test_finished_early_from_due_keeps_the_schedule() -> None:
    assert next_due("1w", "due", date(2026, 11, 6), date(2026, 11, 4)) == date(2026, 11, 13)


# Reading a stored rule ------------------------------------------------------------------


def test_a_broken_recur_reads_as_none_and_is_a_field_problem() -> None:
    raw = {"id": "t1", "title": "x", "recur": {"every": "fortnightly", "from": "due"}}
    task = Task.from_doc(raw)
    assert task.recur is None
    assert field_problems(raw, task.to_doc()) == ["recur"]
    good = {"id": "t2", "recur": {"every": "2w", "from": "done", "anchor": 40}}
    assert Task.from_doc(good).recur == Recur("2w", "done", None)


def test_a_task_that_does_not_repeat_has_recur_null() -> None:
    assert Task("t1", "x").to_doc()["recur"] is None
    assert Task.from_doc({"id": "t1"}).recur is None


# The store ------------------------------------------------------------------------------


@pytest.fixture
def at_noon() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 23, 12, 0).astimezone(), tick=False):
        yield


def test_finishing_makes_the_next_occurrence_once_and_undo_takes_both(
    store: MasteryStore, at_noon: None
) -> None:
    task = store.add_task("Pay rent", due="2026-11-30", every="monthly", column="next")
    store.move_task(task.id, "done")
    tasks = {t.id: t for t in store.snapshot().tasks}
    assert len(tasks) == 2
    finished = tasks[task.id]
    assert finished.recur is not None and finished.recur.next is not None
    following = tasks[finished.recur.next]
    assert (following.column, following.due, following.done_at) == ("next", "2026-12-30", None)
    assert following.recur == Recur("1m", "due", 30, series=task.id)
    # back out of Done and done again: no second occurrence
    store.move_task(task.id, "next")
    store.move_task(task.id, "done")
    assert len(store.snapshot().tasks) == 2
    # undo, undo, undo: back to one task, not done, with no link
    store.undo()
    store.undo()
    store.undo()
    (only,) = store.snapshot().tasks
    assert only.column == "next" and only.recur == Recur("1m", "due", 30)
    # and done again after the undo makes exactly one
    store.move_task(task.id, "done")
    assert len(store.snapshot().tasks) == 2


def test_from_due_without_a_due_date_is_due_today(store: MasteryStore, at_noon: None) -> None:
    task = store.add_task("Stretch", every="1d")
    assert task.due == "2026-11-23"
    untimed = store.add_task("Tidy", every="1w", recur_from="done")
    assert untimed.due is None
    store.move_task(untimed.id, "done")
    made = [t for t in store.snapshot().tasks if t.id not in (task.id, untimed.id)]
    assert [t.due for t in made] == ["2026-11-30"]


def test_the_day_done_is_the_local_day_across_a_dst_change(tmp_path: Path) -> None:
    # Done at 00:30 local time on the night clocks go back in Europe: the local day counts.
    if not hasattr(time, "tzset"):
        pytest.skip("no tzset")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        store = MasteryStore(tmp_path / "m.json")
        moment = datetime(2026, 10, 25, 0, 30).astimezone()
        with time_machine.travel(moment, tick=False):
            task = store.add_task("Water", every="1d", recur_from="done")
            store.move_task(task.id, "done")
        dues = sorted(t.due or "" for t in store.snapshot().tasks)
        assert dues == ["", "2026-10-26"]
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_delete_series_leaves_done_history(store: MasteryStore, at_noon: None) -> None:
    task = store.add_task("Review", due="2026-11-23", every="1w")
    store.move_task(task.id, "done")
    other = store.add_task("Other")
    (following,) = [t for t in store.snapshot().tasks if t.column != "done" and t.recur]
    assert store.delete_series(following.id) == 1
    left = {t.id for t in store.snapshot().tasks}
    assert left == {task.id, other.id}
    store.undo()
    assert len(store.snapshot().tasks) == 3


def test_editing_the_repeat(store: MasteryStore, at_noon: None) -> None:
    task = store.add_task("Read", due="2026-11-23")
    changed = store.update_task(task.id, every="mon,thu")
    assert changed.recur == Recur("mon,thu", "due", None)
    assert store.update_task(task.id, every="").recur is None
    with pytest.raises(ValidationError):
        store.update_task(task.id, every="sometimes")
    assert store.task(task.id).recur is None


# Taskwarrior's recur ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tw", "rule"),
    [
        ("weekly", "1w"),
        ("2wk", "2w"),
        ("P1M", "1m"),
        ("3mo", "3m"),
        ("quarterly", "3m"),
        ("1y", "1y"),
        ("weekdays", "mon,tue,wed,thu,fri"),
        ("2h", None),
        ("", None),
        (7, None),
    ],
)
def test_taskwarrior_recur(tw: object, rule: str | None) -> None:
    from masterytui.store.importers import tw_recur

    assert tw_recur(tw) == rule


def _tw(uuid: str, status: str, **extra: object) -> dict[str, object]:
    return {"uuid": uuid, "description": "Pay rent", "status": status, **extra}


def test_a_series_without_its_template_imports_once_and_twice_changes_nothing(
    store: MasteryStore,
) -> None:
    import json as _json

    from masterytui.store.importers import import_data

    parent = "11111111-1111-1111-1111-111111111111"
    items = [
        _tw(f"2222222{n}-1111-1111-1111-111111111111", "pending", parent=parent,
            recur="monthly", due=f"2026113{n}T120000Z" if n < 1 else f"2026123{n}T120000Z")
        for n in range(2)
    ]  # fmt: skip
    raw = _json.dumps(items).encode()
    import_data(store, raw, "tw.json")
    (task,) = store.snapshot().tasks
    assert task.recur == Recur("1m", "due", 30) and task.due == "2026-11-30"
    before = store.path.read_bytes()
    assert import_data(store, raw, "tw.json").changes == 0
    assert store.path.read_bytes() == before


# Export, import and doctor --------------------------------------------------------------


def test_recur_round_trips_through_export_and_is_in_the_report(
    store: MasteryStore, tmp_path: Path, at_noon: None
) -> None:
    from masterytui.store.export import export_json
    from masterytui.store.importers import import_data
    from masterytui.views.report import export_markdown

    task = store.add_task("Pay rent", due="2027-01-31", every="monthly", recur_from="due")
    assert "repeats every month" in export_markdown(store)
    other = MasteryStore(tmp_path / "other.json")
    import_data(other, export_json(store), "export.json")
    assert other.task(task.id).recur == Recur("1m", "due", 31)
    assert import_data(other, export_json(store), "export.json").changes == 0


def test_doctor_reports_and_fixes_a_broken_repeat(store: MasteryStore) -> None:
    from masterytui.store.doctor import check_file, fix_file
    from masterytui.store.files import atomic_write, dump
    from masterytui.store.lock import FileLock

    task = store.add_task("Pay rent", due="2027-01-31", every="monthly")
    data = orjson.loads(store.path.read_bytes())
    doc = next(d for d in data["tasks"].values() if d["id"] == task.id)
    doc["recur"] = {"every": "fortnightly", "from": "due"}
    atomic_write(store.path, dump(data))
    problems = check_file(store.path).problems
    assert len(problems) == 1 and "recur" in problems[0]
    fix_file(store.path, store.backups, FileLock(store.path))
    assert not check_file(store.path).problems
