"""The read layer (views/) and the words module (issue #15, item 4; #17's report and CSV)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from masterytui.domain.model import PracticePlan, Snapshot
from masterytui.domain.words import (
    day_month,
    md,
    md_block,
    number,
    period_label,
    plural,
    relative_date,
    short_date,
    week_start,
    weekday_date,
)
from masterytui.store import MasteryStore
from masterytui.store.export import export_csv, export_json
from masterytui.store.importers import import_data
from masterytui.views.board import BoardFilter, board_view
from masterytui.views.feedback import Filters, filter_entries
from masterytui.views.progress import progress_figures
from masterytui.views.report import export_markdown
from masterytui.views.review import weekly_review
from masterytui.views.today import (
    DONT_MISS_TWICE,
    lesson_state,
    practice_state,
    risk_state,
    today_view,
)

TODAY = date(2026, 11, 23)  # a Monday


# Words --------------------------------------------------------------------------------------


def test_plurals_and_numbers() -> None:
    assert plural(1, "day") == "1 day" and plural(0, "day") == "0 days"
    assert plural(2, "entry", "entries") == "2 entries"
    assert plural(1440, "minute") == "1,440 minutes"
    assert number(1440) == "1,440" and number(2.75) == "2.75" and number(1 / 3) == "0.333333"
    assert number(99999999.0, grouped=False) == "99999999" and number(1e20).count(",") == 6
    assert number(-1234.5) == "-1,234.5" and number(float("inf")) == "inf"


def test_one_date_style_everywhere() -> None:
    assert day_month(date(2026, 11, 25)) == "25 Nov"
    assert short_date(date(2026, 11, 25), TODAY) == "25 Nov"
    assert short_date(date(2027, 1, 5), TODAY) == "5 Jan 2027"
    assert weekday_date(date(2026, 11, 25)) == "Wed 25 Nov"
    assert weekday_date(date(2026, 11, 25), year=True) == "Wed 25 Nov 2026"
    assert relative_date(TODAY, TODAY) == "today"
    assert relative_date(date(2026, 11, 22), TODAY) == "yesterday"
    assert relative_date(date(2025, 9, 28), TODAY) == "Sep 2025"
    assert period_label(date(2026, 11, 28), date(2026, 12, 4)) == "28 Nov – 4 Dec 2026"


def test_weeks_start_on_monday() -> None:
    assert week_start(TODAY) == TODAY
    assert week_start(date(2026, 11, 29)) == TODAY  # Sunday
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across the year


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("~~x~~", r"\~\~x\~\~"),
        ("Tom &amp; Jerry", r"Tom \&amp; Jerry"),
        ("&lt;b&gt;", r"\&lt;b\&gt;"),
        ("[link](http://x) *b* _i_ `c`", r"\[link\](http://x) \*b\* \_i\_ \`c\`"),
        ("a | b", r"a \| b"),
        ("<script>", r"\<script\>"),
        ("# not a heading", r"\# not a heading"),
        ("back\\slash", r"back\\slash"),
        ("two\nlines  and\tspace", "two lines and space"),
        ("\x1b[2Jclear", "\ufffdclear"),
        ("Well done!", "Well done!"),
    ],
)
def test_one_markdown_escaper(typed: str, escaped: str) -> None:
    assert md(typed) == escaped


def test_markdown_line_starts_and_blocks() -> None:
    assert md("1. first", starts_line=True) == r"1\. first"
    assert md("- item", starts_line=True) == r"\- item" and md("- item") == "- item"
    assert md_block("one\n\n- two\n3) three", "  ") == "one\n  \\- two\n  3\\) three"


# Views are kept per table version --------------------------------------------------------


def test_views_are_kept_until_their_tables_change(store: MasteryStore) -> None:
    goal = store.add_goal("Scales", "mastery")
    store.add_task("Practise", goal.id)
    first = store.snapshot()
    board = board_view(first, TODAY, BoardFilter())
    figures = progress_figures(first, TODAY)
    assert board_view(first, TODAY, BoardFilter()) is board
    store.add_feedback(
        "A win", "win", at="2026-11-23"
    )  # feedback only: the Board's tables did not change
    second = store.snapshot()
    assert second is not first
    assert board_view(second, TODAY, BoardFilter()) is board
    assert progress_figures(second, TODAY) is not figures  # Progress counts wins
    assert progress_figures(second, TODAY).wins.this_week == 1
    store.add_task("Another", goal.id)
    third = store.snapshot()
    again = board_view(third, TODAY, BoardFilter())
    assert again is not board and again.columns["backlog"].total == 2
    # another filter, another day: other answers
    assert board_view(third, TODAY, BoardFilter(text="another")) is not again
    assert board_view(third, date(2026, 11, 24), BoardFilter()) is not again


def test_todays_parts_are_kept_per_table_they_read(store: MasteryStore) -> None:
    """A moved card recounts the Today list's tasks, not the practice figures, the habit
    strengths or the lessons; a practice session recounts the habits."""
    goal = store.add_goal("Scales", "mastery", practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(20, goal.id, on="2026-11-22")
    store.add_task("Practise", goal.id)
    first = today_view(store.snapshot(), TODAY)
    assert first.habits[goal.id].streak == 1
    task = store.add_task("Another", goal.id, due="2026-11-23", column="next")
    second = today_view(store.snapshot(), TODAY)
    assert task.id in second.tasks and task.id not in first.tasks
    assert second.habits is first.habits and second.lessons is first.lessons
    store.log_practice(20, goal.id, on="2026-11-23")
    third = today_view(store.snapshot(), TODAY)
    assert third.habits is not first.habits and third.habits[goal.id].streak == 2


def test_a_change_in_another_session_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    mine, theirs = MasteryStore(path), MasteryStore(path)
    mine.add_feedback("First", "win", at="2026-11-22")
    assert [e.text for e in filter_entries(mine.snapshot(), Filters())] == ["First"]
    theirs.add_feedback("Second", "win", at="2026-11-23")
    assert [e.text for e in filter_entries(mine.snapshot(), Filters())] == ["Second", "First"]


def test_a_snapshot_without_versions_is_computed_each_time() -> None:
    snapshot = Snapshot()
    assert snapshot.versions(("goals",)) is None
    assert weekly_review(snapshot, TODAY) is not weekly_review(snapshot, TODAY)
    assert weekly_review(snapshot, TODAY) == weekly_review(snapshot, TODAY)


def test_views_never_import_textual_or_tinydb() -> None:
    code = (
        "import sys, masterytui.views.report, masterytui.views.board, masterytui.views.feedback\n"
        "print(sorted(m for m in ('textual', 'tinydb') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# The report: Today and the recurring tasks ------------------------------------------------


@pytest.fixture
def at_noon() -> object:
    with time_machine.travel(datetime(2026, 11, 23, 12, 0).astimezone(), tick=False):
        yield


def test_the_report_has_the_today_list_and_the_recurring_tasks(
    store: MasteryStore, at_noon: object
) -> None:
    goal = store.add_goal("Scales *fast*", "mastery")
    store.update_goal(goal.id, practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(5, goal.id, on="2026-11-23")
    store.log_practice(20, goal.id, on="2026-11-22")
    store.add_task("Pay ~~rent~~", due="2026-11-20", every="monthly", column="next")
    store.add_task("Call & book", due="2026-11-23", column="next")
    plants = store.add_task("Water the plants", due="2026-11-16", every="1w", column="next")
    store.move_task(plants.id, "done")
    report = export_markdown(store, TODAY)
    today = report.split("## Today, Mon 23 Nov 2026\n", 1)[1].split("\n## Goals", 1)[0]
    assert r"- **Scales \*fast\***: 5 min today, 15 min left" in today
    assert "Overdue (1):" in today and "Due today (1):" in today
    assert (
        r"- [ ] Pay \~\~rent\~\~ · due 2026-11-20 (3 days overdue) · repeats every month" in today
    )
    assert r"- [ ] Call \& book · due 2026-11-23" in today
    recurring = report.split("## Recurring tasks (2)\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in recurring.splitlines() if line]
    assert lines[0].startswith(r"- [ ] Pay \~\~rent\~\~ · due 2026-11-20")
    assert lines[0].endswith("done 0 times in 30 days")
    assert lines[1] == (
        "- [ ] Water the plants · due 2026-11-30 (7 days left) · repeats every week"
        " · done once in 30 days"
    )
    assert report.index("## Today") < report.index("## Goals") < report.index("## Recurring")


def test_an_empty_file_has_a_short_today_and_no_recurring_tasks(store: MasteryStore) -> None:
    report = export_markdown(store, TODAY)
    assert "No goal's plan asks for practice today." in report
    assert "Nothing overdue, due today or in Doing." in report
    assert "## Recurring tasks (0)\n\nNo task repeats." in report
    assert "\n\n\n" not in report


def test_the_today_list_says_the_same_in_the_shell_the_report_and_on_the_screen(
    store: MasteryStore, at_noon: object
) -> None:
    """One list (views.today): ``masterytui today``, the report and the screen agree."""
    from masterytui.screens.today.rows import today_rows
    from masterytui.today_text import today_markdown

    gym = store.add_goal("Gym", "mastery")
    store.update_goal(gym.id, practice_plan=PracticePlan(sessions_per_week=3, days=(0, 2, 4)))
    store.log_practice(40, gym.id, on="2026-11-18")  # Wednesday done, Friday missed
    scales = store.add_goal("Scales", "mastery")
    store.update_goal(scales.id, practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(20, scales.id, on="2026-11-22")  # yesterday: ends tonight
    store.add_feedback("Slow is smooth", "lesson", goal_id=gym.id, at="2026-11-21T08:00")
    snapshot = store.snapshot()
    view = today_view(snapshot, TODAY)
    shell = today_markdown(view, snapshot)
    report = export_markdown(store, TODAY)
    assert [p.goal.title for p in view.found.practice] == ["Gym", "Scales"]
    assert [r.goal.title for r in view.found.risks] == ["Gym", "Scales"]
    for due in view.found.practice:
        assert practice_state(due) in shell and practice_state(due) in report
    for risk in view.found.risks:
        assert risk_state(risk) in shell and risk_state(risk) in report
    assert f"- Gym: {DONT_MISS_TWICE}" in shell
    assert "- Scales: a 1-day streak ends tonight" in shell
    assert "- **Gym**: a session today (mon, wed, fri)" in report
    rows = [row.prompt.plain for row in today_rows(view, snapshot) if row.kind == "risk"]
    assert "don't miss twice" in rows[0] and "1d ends tonight" in rows[1]
    lessons = [row.prompt.plain for row in today_rows(view, snapshot) if row.kind == "lesson"]
    assert [d.entry.text for d in view.lessons] == ["Slow is smooth"]
    state = lesson_state(view.lessons[0], TODAY)
    assert state == "waiting 1 day"
    assert "Slow is smooth (Gym) · waiting 1 day" in shell
    assert "Slow is smooth · *Gym* · waiting 1 day" in report
    assert len(lessons) == 1 and state in lessons[0] and "Slow is smooth" in lessons[0]


# CSV: recur and step_task_id --------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_recur_and_step_task_id_and_json_round_trips_them(
    store: MasteryStore, tmp_path: Path, at_noon: object
) -> None:
    rent = store.add_task("Pay rent", due="2026-11-30", every="monthly", column="next")
    store.move_task(rent.id, "done")
    entry = store.add_feedback("Slow start", "lesson", next_step="Warm up first")
    step = store.next_step_to_task(entry.id)
    snapshot = store.snapshot()
    tasks = {r["id"]: r for r in rows(export_csv(snapshot, "tasks"))}
    done = tasks[rent.id]
    following = next(t for t in snapshot.tasks if t.recur and t.recur.series == rent.id)
    assert (done["recur_every"], done["recur_from"], done["recur_anchor"]) == ("1m", "due", "30")
    assert done["recur_next"] == following.id and done["recur_series"] == ""
    assert tasks[following.id]["recur_series"] == rent.id
    assert tasks[step.id]["recur_every"] == ""
    (feedback,) = rows(export_csv(snapshot, "feedback"))
    assert feedback["step_task_id"] == step.id
    other = MasteryStore(tmp_path / "other.json")
    import_data(other, export_json(store), "export.json")
    assert other.snapshot().tasks == snapshot.tasks
    assert other.snapshot().feedback == snapshot.feedback
    assert rows(export_csv(other.snapshot(), "tasks")) == list(tasks.values())
