"""The command line as a new user meets it in the first hour (issue #13, items 5-7, 12).

``--goal`` by a word of a title, negative date offsets, weekday names that point the right
way, numbers written out and refused when written otherwise, and a day's practice capped at
24 hours across sessions, on the quick path and on the whole store.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from masterytui.demo import seed_demo
from masterytui.domain import rules
from masterytui.domain.errors import AmbiguousError, NotFoundError, ValidationError
from masterytui.domain.figures import Consistency
from masterytui.domain.matching import match_goal
from masterytui.domain.model import Goal, Measure
from masterytui.domain.text import plain_number
from masterytui.domain.words import number as show_number
from masterytui.store import MasteryStore
from masterytui.store.export import export_csv
from masterytui.store.quick import NeedsWholeFile, QuickStore
from masterytui.views.progress import WeekPlan
from tests.test_cli import one_error_line, run

MONDAY = date(2026, 11, 23)  # the frozen day of the UI tests
TUESDAY = MONDAY + timedelta(days=1)


def goals(*titles: str) -> list[Goal]:
    return [Goal(id=f"g{n:06x}", title=t) for n, t in enumerate(titles, 1)]


# --goal ------------------------------------------------------------------------------------


def test_goal_by_a_word_of_its_title() -> None:
    found = goals(
        "A consistent running cadence and efficient foot strikes",
        "Sales copywriting",
        "Coding custom page layouts",
        "Sales pages",
    )
    assert match_goal("cadence", found).title.startswith("A consistent")
    assert match_goal("COPY", found).title == "Sales copywriting"
    assert match_goal("foot str", found).title.startswith("A consistent")  # words in a row
    assert match_goal("  custom   PAGE ", found).title.startswith("Coding")
    assert match_goal("g000004", found).title == "Sales pages"
    assert match_goal("G000004", found).title == "Sales pages"


def test_goal_matching_order_and_ambiguity() -> None:
    found = goals("Run", "Running cadence", "Sales copy", "Sales pages", "Pages of notes", "Page")
    assert match_goal("run", found).title == "Run"  # a whole title beats longer ones
    assert match_goal("page", found).title == "Page"
    assert match_goal("pages", found).title == "Pages of notes"  # title start beats a word
    with pytest.raises(AmbiguousError) as info:
        match_goal("sal", found)
    assert info.value.candidates == ["g000003  Sales copy", "g000004  Sales pages"]
    with pytest.raises(AmbiguousError) as info:
        match_goal("c", goals("Sales copy", "Running cadence"))  # two word matches
    assert len(info.value.candidates) == 2
    with pytest.raises(NotFoundError, match="'swim'"):
        match_goal("swim", found)
    with pytest.raises(NotFoundError):
        match_goal("  ", found)
    with pytest.raises(AmbiguousError):  # two goals with one title: ask, never guess
        match_goal("technique", goals("Technique", "Technique"))


def test_goal_word_on_the_command_line_quick_path_and_whole_store(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    store = MasteryStore(db)
    seed_demo(store)
    assert store.lock.path.is_file()  # the layout is there: `add` takes the quick path
    ids = {}
    for ref in ("cadence", "copy"):
        result = run("add", "practice", "25", "--goal", ref, db=db)
        assert result.returncode == 0, result.stderr
        ids[ref] = result.stdout.strip()
    after = MasteryStore(db)
    titles = {g.id: g.title for g in after.snapshot().goals}
    assert titles[after.practice_session(ids["cadence"]).goal_id].startswith("A consistent")
    assert titles[after.practice_session(ids["copy"]).goal_id] == "Sales copywriting"
    db.with_name(db.name + ".lock").unlink()  # no layout: the whole store, the same rule
    result = run("add", "task", "Drills", "--goal", "cadence", db=db)
    assert result.returncode == 0, result.stderr
    task = MasteryStore(db).task(result.stdout.strip())
    assert titles[task.goal_id or ""].startswith("A consistent")
    line = one_error_line(run("add", "task", "x", "--goal", "sales", db=db))
    assert "matches 2 goals" in line and "Sales copywriting" in line and "Sales pages" in line


# Dates -------------------------------------------------------------------------------------


def test_negative_offsets_need_no_equals_sign(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    today = date.today()
    practice = run("add", "practice", "30", "--date", "-1w", db=db)
    task = run("add", "task", "x", "--due", "-3d", db=db)
    short = run("add", "task", "y", "-d", "-2d", db=db)
    for result in (practice, task, short):
        assert result.returncode == 0, result.stderr
    store = MasteryStore(db)
    assert store.practice_session(practice.stdout.strip()).date == str(today - timedelta(7))
    assert store.task(task.stdout.strip()).due == str(today - timedelta(3))
    assert store.task(short.stdout.strip()).due == str(today - timedelta(2))


def test_weekday_names_point_back_for_practice_and_forward_for_due() -> None:
    def day(text: str, *, past: bool, today: date = TUESDAY) -> str | None:
        return rules.parse_date(text, today=today, past=past)

    assert day("monday", past=True) == "2026-11-23"  # yesterday, not next week
    assert day("tue", past=True) == "2026-11-24"  # today's name: today
    assert day("wednesday", past=True) == "2026-11-18"
    assert day("last tuesday", past=True) == "2026-11-17"  # "last": always before today
    assert day("monday", past=False) == "2026-11-30"
    assert day("tuesday", past=False) == "2026-12-01"  # due: a week away, as in Taskwarrior
    assert day("wed", past=False) == "2026-11-25"
    assert day("next wed", past=False) == "2026-11-25"
    assert day("Next  Friday", past=True) == "2026-11-27"  # "next": always after today
    with pytest.raises(ValidationError, match="is not a date"):
        day("someday monday", past=True)


def test_practice_on_a_weekday_name_is_the_last_one(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    yesterday = date.today() - timedelta(days=1)
    name = yesterday.strftime("%A").lower()
    result = run("add", "practice", "30", "--date", name, db=db)
    assert result.returncode == 0, result.stderr
    assert MasteryStore(db).practice_session(result.stdout.strip()).date == str(yesterday)
    task = run("add", "task", "x", "--due", name, db=db)
    assert MasteryStore(db).task(task.stdout.strip()).due == str(yesterday + timedelta(7))


def test_feedback_and_proficiency_dates_point_back(store: MasteryStore) -> None:
    yesterday = date.today() - timedelta(days=1)
    name = yesterday.strftime("%a")
    entry = store.add_feedback("Hands tense", "lesson", at=name)
    assert entry.at.startswith(str(yesterday))
    goal = store.add_goal("Guitar")
    assert store.log_proficiency(goal.id, 4, on=name).proficiency[-1].date == str(yesterday)


# Numbers -----------------------------------------------------------------------------------


NUMBER_REFUSALS = [
    ("99999999", "at most 1440 (24 h); got 99999999."),
    ("1e3", "got '1e3'"),
    ("1E3", "got '1E3'"),
    ("inf", "got 'inf'"),
    ("nan", "got 'nan'"),
    ("1,5", "got '1,5'"),  # not 15
    ("0x10", "got '0x10'"),
    ("1_000", "got '1_000'"),
    ("12.5", "whole number; got 12.5."),
]


@pytest.mark.parametrize(("typed", "message"), NUMBER_REFUSALS)
def test_minutes_refused_as_typed(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        rules.check_minutes(typed)
    assert str(info.value).endswith(message.rstrip(".") + ".")
    assert "e+" not in str(info.value)


def test_numbers_written_out_are_read() -> None:
    assert rules.check_minutes(" 25 ") == 25
    assert rules.check_minutes("1,440") == 1440
    assert rules.check_minutes("30.0") == 30
    assert rules.parse_number("-2.5", what="Current", field="current") == -2.5
    assert rules.parse_number(".5", what="Current", field="current") == 0.5
    assert rules.parse_number("1,234,567.25", what="Target", field="target") == 1234567.25
    with pytest.raises(ValidationError, match="at most 10; got 12"):
        rules.check_level(12)


def test_numbers_shown_in_full() -> None:
    assert show_number(99999999.0) == "99,999,999"
    assert show_number(99999999.0, grouped=False) == "99999999"
    assert show_number(2.75) == "2.75"
    assert show_number(1 / 3) == "0.333333"
    assert plain_number(0.00001) == "0.00001"
    assert plain_number(1e20) == "100000000000000000000"
    assert rules.parse_number(plain_number(0.00001), what="x", field="x") == 0.00001
    assert rules.parse_number(plain_number(123456789.5), what="x", field="x") == 123456789.5


def test_the_command_line_echoes_minutes_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    line = one_error_line(run("add", "practice", "99999999", db=db))
    assert line.endswith("got 99999999.")
    assert "must be a number" in one_error_line(run("add", "practice", "1e3", db=db))
    assert not db.exists()


def test_big_numbers_in_csv_and_progress_lines(store: MasteryStore) -> None:
    goal = store.add_goal("Savings", "performance")
    store.update_goal(goal.id, measure=Measure(target=99999999.0, unit="$", current=12345678.0))
    csv = export_csv(store.snapshot(), "goals")
    assert "99999999" in csv and "12345678" in csv and "e+" not in csv
    assert (
        Consistency(365, 1234567.0, 9999999.0, "min").describe() == "1,234,567/9,999,999 min (12%)"
    )
    assert WeekPlan(1234567.0, 9999999.0, 0, "min").describe() == "1,234,567/9,999,999 min"


# A day's practice --------------------------------------------------------------------------


def test_a_day_holds_24_hours_of_practice(store: MasteryStore) -> None:
    store.log_practice(1000, on="yesterday")
    raw = store.path.read_bytes()
    with pytest.raises(ValidationError, match="already has 1000, so at most 440 more fit"):
        store.log_practice(441, on="yesterday")
    assert store.path.read_bytes() == raw
    store.log_practice(440, on="yesterday")
    with pytest.raises(ValidationError, match="already has 1440, so no more fit"):
        store.log_practice(1, on="yesterday")
    store.log_practice(1440)  # another day has its own 24 h


def test_editing_a_session_keeps_the_day_within_24_hours(store: MasteryStore) -> None:
    first = store.log_practice(1000, on="yesterday")
    second = store.log_practice(401)
    store.update_practice(first.id, minutes=1440)  # the session itself is not counted twice
    store.update_practice(first.id, minutes=1040)
    yesterday = str(date.today() - timedelta(1))
    with pytest.raises(ValidationError, match="already has 1040, so at most 400 more fit"):
        store.update_practice(second.id, date=yesterday)
    assert store.practice_session(second.id).date == str(date.today())
    store.update_practice(second.id, minutes=400)
    store.update_practice(second.id, date=yesterday)  # exactly 24 h


def test_the_quick_path_checks_the_day_too(store: MasteryStore) -> None:
    today = str(date.today())
    store.add_goal("Guitar")
    store.log_practice(1400, note=f'not a session: {{"id":"p1","date":"{today}","minutes":9}}')
    with QuickStore(store.path) as quick:  # the quick path itself, not a fallback
        assert quick.practice_minutes(today) == 1400
        with pytest.raises(ValidationError, match="at most 40 more fit"):
            quick.log_practice(60)
        quick.log_practice(40)
    assert sum(s.minutes for s in MasteryStore(store.path).snapshot().practice) == 1440


def test_a_session_the_quick_path_cannot_read_sends_add_to_the_whole_store(
    tmp_path: Path,
) -> None:
    db = tmp_path / "m.json"
    store = MasteryStore(db)
    today = str(date.today())
    with store.change("a session written by another program"):
        store.put("practice", {"minutes": 1000, "date": today, "id": "pforeign"})
    with QuickStore(db) as quick, pytest.raises(NeedsWholeFile):
        quick.practice_minutes(today)
    line = one_error_line(run("add", "practice", "441", db=db))
    assert "already has 1000, so at most 440 more fit" in line
    assert run("add", "practice", "440", db=db).returncode == 0


def test_the_command_line_refuses_a_second_full_day(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    assert run("add", "practice", "1440", db=db).returncode == 0
    raw = db.read_bytes()
    line = one_error_line(run("add", "practice", "1440", db=db))
    assert "A day holds at most 1440 min (24 h)" in line
    assert db.read_bytes() == raw
    assert run("add", "practice", "1", db=db).returncode == 1
