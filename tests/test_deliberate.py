"""Deliberate practice: a session's focus, quality, difficulty and next fix, from the rules
through the store, the quick path, the shell, export and import, and doctor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from masterytui.domain import deliberate
from masterytui.domain.errors import ValidationError
from masterytui.domain.model import PracticeSession
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file, fix_file
from masterytui.store.export import csv_rows, export_csv, export_json
from masterytui.store.importers import import_data
from masterytui.store.quick import QuickStore
from masterytui.store.stamps import STAMP
from masterytui.views.report import export_markdown


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "masterytui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


# The rules ---------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=5))
def test_every_score_from_1_to_5_is_taken_typed_or_given(score: int) -> None:
    assert deliberate.check_quality(score) == score
    assert deliberate.check_difficulty(f" {score} ") == score


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_a_score_outside_1_to_5_is_refused_with_the_value(score: int) -> None:
    for check, what in (
        (deliberate.check_quality, "Quality"),
        (deliberate.check_difficulty, "Difficulty"),
    ):
        with pytest.raises(ValidationError, match=f"{what} must be a whole number from 1 to 5"):
            check(str(score))
        with pytest.raises(ValidationError, match=f"got {score}"):
            check(score)


@given(st.text().filter(lambda s: s.strip() not in {"", "1", "2", "3", "4", "5"}))
def test_any_other_text_is_refused_as_a_score(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        deliberate.check_difficulty(typed)
    assert caught.value.field == "difficulty"
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)


def test_empty_means_no_score() -> None:
    assert deliberate.check_quality("") is None
    assert deliberate.check_quality("  ") is None
    assert deliberate.check_quality(None) is None


def test_a_focus_is_one_short_line() -> None:
    assert deliberate.clean_focus("  left-hand\n  legato ") == "left-hand legato"
    assert deliberate.clean_focus("\x1b[2Jscales") == "\ufffdscales"
    with pytest.raises(ValidationError, match="limit is 100"):
        deliberate.clean_focus("x" * 101)


@given(
    st.builds(
        PracticeSession,
        id=st.just("p1"),
        date=st.just("2026-11-20"),
        minutes=st.integers(1, 1440),
        focus=st.text(max_size=20),
        quality=st.none() | st.integers(1, 5),
        difficulty=st.none() | st.integers(1, 5),
        next_fix=st.text(max_size=20),
    )
)
def test_a_session_reads_back_as_written_and_leaves_unset_fields_out(
    session: PracticeSession,
) -> None:
    doc = session.to_doc()
    assert PracticeSession.from_doc(doc) == session
    assert list(doc)[:3] == ["id", "date", "minutes"]  # what the quick path looks for
    for name in ("focus", "quality", "difficulty", "next_fix"):
        assert (name in doc) == (getattr(session, name) not in (None, ""))


@given(st.one_of(st.integers(), st.floats(), st.text(), st.booleans(), st.none()))
def test_a_stored_score_out_of_range_reads_as_none(value: Any) -> None:
    session = PracticeSession.from_doc({"id": "p1", "date": "2026-11-20", "quality": value})
    assert session.quality is None or (1 <= session.quality <= 5 and session.quality == value)


# What the form looks up ---------------------------------------------------------------------


def _session(day: str, goal: str = "g1", **fields: Any) -> PracticeSession:
    return PracticeSession(id=f"p{day}{len(fields)}", date=day, minutes=20, goal_id=goal, **fields)


def test_last_next_fix_is_the_latest_one_left_for_that_goal() -> None:
    sessions = [
        _session("2026-11-20", next_fix="slower at 60 bpm"),
        _session("2026-11-21", goal="g2", next_fix="other goal"),
        _session("2026-11-19", next_fix="older"),
        _session("2026-11-22"),  # a quick log after it keeps the fix
    ]
    last = deliberate.last_next_fix(sessions, "g1")
    assert last is not None and last.next_fix == "slower at 60 bpm"
    assert deliberate.last_next_fix(sessions, "g3") is None
    assert deliberate.last_next_fix(sessions, None) is None
    # two on one day: the one logged last (later in the file) wins
    same_day = [_session("2026-11-23", next_fix="first"), _session("2026-11-23", next_fix="then")]
    assert deliberate.last_next_fix(same_day, "g1").next_fix == "then"  # type: ignore[union-attr]


def test_earlier_focuses_newest_first_once_each() -> None:
    sessions = [
        _session("2026-11-18", focus="scales"),
        _session("2026-11-20", focus="Left-hand  legato"),
        _session("2026-11-21", focus="left-hand legato"),
        _session("2026-11-19", focus="arpeggios"),
        _session("2026-11-22", goal="g2", focus="other"),
    ]
    assert deliberate.earlier_focuses(sessions, "g1") == ["left-hand legato", "arpeggios", "scales"]
    known = deliberate.earlier_focuses(sessions, "g1")
    assert deliberate.match_focus("LEFT-HAND legato", known) == "left-hand legato"
    assert deliberate.match_focus("tremolo", known) == "tremolo"


# The store, the quick path and the shell ---------------------------------------------------


def test_log_and_edit_the_deliberate_fields(store: MasteryStore) -> None:
    goal = store.add_goal("Guitar")
    session = store.log_practice(
        30, goal.id, focus="left-hand legato", quality="4", difficulty=3, next_fix="slower"
    )
    assert (session.focus, session.quality, session.difficulty) == ("left-hand legato", 4, 3)
    before = store.path.read_bytes()
    with pytest.raises(ValidationError, match="Quality must be a whole number from 1 to 5"):
        store.log_practice(30, goal.id, quality=7)
    with pytest.raises(ValidationError, match="Difficulty"):
        store.update_practice(session.id, difficulty="abc")
    assert store.path.read_bytes() == before
    cleared = store.update_practice(session.id, quality="", focus="", next_fix="")
    assert cleared.quality is None and cleared.difficulty == 3
    doc = next(d for d in store.docs("practice").values() if d["id"] == session.id)
    assert set(doc) == {"id", "date", "minutes", "goal_id", "note", "difficulty", STAMP}


def test_a_plain_session_is_written_as_before(store: MasteryStore) -> None:
    store.log_practice(20, note="scales")
    (doc,) = store.docs("practice").values()
    assert list(doc) == ["id", "date", "minutes", "goal_id", "note", STAMP]


def test_the_quick_path_writes_the_fields_and_refuses_bad_ones(store: MasteryStore) -> None:
    goal = store.add_goal("Guitar")
    store.log_practice(10, goal.id)
    with QuickStore(store.path) as quick:  # the quick path itself, not a fallback
        quick.log_practice(25, goal.id, focus="scales", quality="5", next_fix="metronome at 80")
        before = store.path.read_bytes()
        with pytest.raises(ValidationError, match="got 'abc'"):
            quick.log_practice(25, goal.id, quality="abc")
        with pytest.raises(ValidationError, match="got 0"):
            quick.log_practice(25, goal.id, difficulty="0")
    assert store.path.read_bytes() == before
    latest = MasteryStore(store.path).snapshot().practice[-1]
    assert (latest.focus, latest.quality, latest.next_fix) == ("scales", 5, "metronome at 80")
    with QuickStore(store.path) as quick:  # what it wrote keeps the quick path open
        assert quick.practice_minutes(date.today().isoformat()) == 35


def test_add_practice_with_every_flag(tmp_path: Path) -> None:
    db = tmp_path / "m.json"
    MasteryStore(db).add_goal("Guitar: legato")
    result = run(
        "add", "practice", "30", "--goal", "guitar", "--focus", "left-hand legato",
        "--quality", "4", "--difficulty", "3", "--next-fix", "slower at 60 bpm", db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    session = MasteryStore(db).practice_session(result.stdout.strip())
    assert session.focus == "left-hand legato"
    assert (session.quality, session.difficulty, session.next_fix) == (4, 3, "slower at 60 bpm")
    listed = json.loads(run("list", "practice", "--json", db=db).stdout)
    assert listed[0]["next_fix"] == "slower at 60 bpm" and listed[0]["quality"] == 4
    table = run("list", "practice", db=db).stdout.split("\t")
    assert "left-hand legato" in table and "slower at 60 bpm\n" in table


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--quality", "7", "Quality must be a whole number from 1 to 5; got 7."),
        ("--quality", "abc", "Quality must be a whole number from 1 to 5; got 'abc'."),
        ("--difficulty", "3.5", "Difficulty must be a whole number from 1 to 5; got '3.5'."),
        ("--focus", "x" * 101, "Focus is 101 characters long; the limit is 100"),
    ],
)
def test_add_practice_bad_values_one_line_nothing_saved(
    tmp_path: Path, flag: str, value: str, message: str
) -> None:
    db = tmp_path / "m.json"
    MasteryStore(db).log_practice(10)
    before = db.read_bytes()
    result = run("add", "practice", "30", flag, value, db=db)
    assert result.returncode == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"masterytui: {message}")
    assert db.read_bytes() == before


# Export, import, doctor ---------------------------------------------------------------------


def _deliberate_store(path: Path) -> MasteryStore:
    store = MasteryStore(path)
    goal = store.add_goal("Guitar")
    store.log_practice(
        30, goal.id, focus="[red]legato[/]", quality=4, difficulty=2, next_fix="a | b\nline 2"
    )
    store.log_practice(15, goal.id)
    return store


def test_export_carries_the_fields_and_import_brings_them_back(
    tmp_path: Path, frozen: date
) -> None:
    store = _deliberate_store(tmp_path / "a.json")
    payload = export_json(store)
    other = MasteryStore(tmp_path / "b.json")
    import_data(other, payload, "export.json")
    assert sorted(other.snapshot().practice, key=lambda s: s.id) == sorted(
        store.snapshot().practice, key=lambda s: s.id
    )
    header = export_csv(store.snapshot(), "practice").splitlines()[0]
    assert header.endswith("focus,quality,difficulty,next_fix")
    rows = {row[0]: row for row in csv_rows(store.snapshot(), "practice")}
    assert ["[red]legato[/]", 4, 2, "a | b\nline 2"] in [row[-4:] for row in rows.values()]
    report = export_markdown(store)
    assert "| Focus | Quality | Difficulty | Note | Next fix |" in report
    assert "\\[red\\]legato\\[/\\] | 4 | 2 |  | a \\| b line 2 |" in report


def test_import_refuses_a_session_with_a_score_out_of_range(tmp_path: Path) -> None:
    store = _deliberate_store(tmp_path / "a.json")
    data = orjson.loads(export_json(store))
    first = next(iter(data["practice"].values()))
    first["quality"] = 7
    other = MasteryStore(tmp_path / "b.json")
    plan = import_data(other, orjson.dumps(data), "export.json")
    assert "1 practice session with invalid values refused" in plan.summary()
    assert len(other.snapshot().practice) == 1


def test_doctor_finds_and_mends_scores_out_of_range(tmp_path: Path) -> None:
    store = _deliberate_store(tmp_path / "a.json")
    data = orjson.loads(store.path.read_bytes())
    docs = list(data["practice"].values())
    docs[0]["quality"], docs[0]["difficulty"], docs[1]["focus"] = 7, "hard", 12
    docs[1]["next_fix"] = None  # null reads as unset: not a problem
    store.path.write_bytes(orjson.dumps(data))
    problems = check_file(store.path).problems
    assert problems == [
        f"practice: {docs[0]['id']} has quality 7, not a whole number from 1 to 5, "
        "which reads as none",
        f"practice: {docs[0]['id']} has difficulty 'hard', not a whole number from 1 to 5, "
        "which reads as none",
        f"practice: {docs[1]['id']} has focus 12, not a text, which reads as none",
    ]
    run("doctor", db=store.path)  # reporting changes nothing
    assert check_file(store.path).problems == problems
    done = fix_file(store.path, store.backups, store.lock)
    assert len(done) == 3 and check_file(store.path).problems == []
    fixed = orjson.loads(store.path.read_bytes())["practice"]
    assert "quality" not in fixed["1"] and fixed["1"]["focus"] == "[red]legato[/]"


def test_doctor_on_the_cli_says_which_session(tmp_path: Path) -> None:
    store = _deliberate_store(tmp_path / "a.json")
    data = orjson.loads(store.path.read_bytes())
    data["practice"]["2"]["difficulty"] = 9
    store.path.write_bytes(orjson.dumps(data))
    result = run("doctor", db=store.path)
    assert result.returncode == 1
    assert "has difficulty 9, not a whole number from 1 to 5, which reads as none" in result.stdout


def test_demo_practice_is_deliberate(demo_store: MasteryStore, frozen: date) -> None:
    sessions = demo_store.snapshot().practice
    rated = [s for s in sessions if s.quality is not None]
    assert len(rated) > 20 and any(not s.is_deliberate for s in sessions)
    cadence = next(g for g in demo_store.snapshot().goals if g.title.startswith("A consistent"))
    last = deliberate.last_next_fix(sessions, cadence.id)
    assert last is not None and last.date >= (frozen - timedelta(days=3)).isoformat()
    assert len(deliberate.earlier_focuses(sessions, cadence.id)) == 3


def test_every_deliberate_field_is_one_the_reading_rules_treat_as_optional() -> None:
    """doctor and import find a quality of 7 through one list of optional fields."""
    from masterytui.domain.model import PRACTICE_EXTRAS
    from masterytui.domain.reading import OPTIONAL_FIELDS

    assert set(PRACTICE_EXTRAS) <= OPTIONAL_FIELDS
