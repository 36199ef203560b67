"""Export: JSON (the whole file, re-importable), CSV per table, the Markdown report, the CLI."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from masterytui.domain.model import Measure
from masterytui.domain.words import md
from masterytui.store import MasteryStore
from masterytui.store.export import (
    CSV_COLUMNS,
    default_export_path,
    export_csv,
    export_json,
)
from masterytui.store.files import SCHEMA_VERSION
from masterytui.store.importers import import_data
from masterytui.views.report import export_markdown

TABLES = ("goals", "tasks", "feedback", "practice")
State = dict[str, dict[str, dict[str, Any]]]


def state(store: MasteryStore) -> State:
    """The data by table and item id (TinyDB's internal doc ids and change stamps ignored)."""
    store.snapshot()
    return {
        t: {
            d["id"]: {k: v for k, v in d.items() if k != "changed_at"}
            for d in store.docs(t).values()
        }
        for t in TABLES
    }


def run(*args: str, db: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "MASTERYTUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "masterytui", "--db", str(db), *args],
        capture_output=True,
        input=stdin,
        env=env,
        timeout=60,
    )


# JSON ---------------------------------------------------------------------------------------


def test_json_export_is_the_whole_file_with_its_schema_version(demo_store: MasteryStore) -> None:
    data = orjson.loads(export_json(demo_store))
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert set(data) == {*TABLES, "meta"}
    on_disk = orjson.loads(demo_store.path.read_bytes())
    assert {t: data[t] for t in TABLES} == {t: on_disk[t] for t in TABLES}
    assert len(data["practice"]) == len(demo_store.snapshot().practice)


def test_round_trip_export_import_into_an_empty_file_gives_identical_data(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    with demo_store.change("an odd one"):  # unknown fields and tricky text survive too
        doc = dict(demo_store.docs("tasks")["1"])
        demo_store.put("tasks", {**doc, "tw_uuid": "abc", "notes": "[red]x[/] ☃\nline 2"})
    payload = export_json(demo_store)
    empty = MasteryStore(tmp_path / "empty.json")
    plan = import_data(empty, payload, "export.json")
    assert plan.added["goals"] == len(demo_store.snapshot().goals)
    assert state(empty) == state(demo_store)
    assert orjson.loads(export_json(empty))["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    # and the second copy exports the same data again
    again = orjson.loads(export_json(empty))

    def unstamped(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {
            t: sorted(
                ({k: v for k, v in d.items() if k != "changed_at"} for d in data[t].values()),
                key=lambda d: d["id"],
            )
            for t in TABLES
        }

    assert unstamped(again) == unstamped(orjson.loads(payload))


def test_export_of_an_empty_store_is_importable(store: MasteryStore, tmp_path: Path) -> None:
    payload = export_json(store)
    assert orjson.loads(payload) == {
        "goals": {},
        "tasks": {},
        "feedback": {},
        "practice": {},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    other = MasteryStore(tmp_path / "other.json")
    assert import_data(other, payload, "x").changes == 0


# CSV ----------------------------------------------------------------------------------------


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_header_and_one_row_per_item(demo_store: MasteryStore) -> None:
    snapshot = demo_store.snapshot()
    for table in TABLES:
        text = export_csv(snapshot, table)
        rows = parse_csv(text)
        assert list(rows[0]) == list(CSV_COLUMNS[table])
        assert len(rows) == len(getattr(snapshot, table))
    tasks = parse_csv(export_csv(snapshot, "tasks"))
    first = next(r for r in tasks if r["title"] == "Metronome run at 178 spm")
    assert first["goal"] == "A consistent running cadence and efficient foot strikes"
    assert (first["column"], first["priority"], first["due"]) == ("doing", "H", "2026-11-23")
    goals = parse_csv(export_csv(snapshot, "goals"))
    bench = next(r for r in goals if r["title"] == "Bench press 200 lb")
    assert (bench["measure_target"], bench["measure_current"], bench["measure_start"]) == (
        "200",
        "175",
        "150",
    )
    assert bench["measure_progress"] == "0.50"
    cadence = next(r for r in goals if r["title"].startswith("A consistent running"))
    assert cadence["plan_minutes_per_day"] == "20"
    assert cadence["proficiency"].split()[0] == "2026-09-28:3"


def test_csv_quotes_commas_newlines_and_defuses_formulas(store: MasteryStore) -> None:
    store.add_task('Say "hi", then leave', notes="line 1\nline 2")
    store.add_task('=HYPERLINK("http://x")')
    store.add_task("-5 reps is fine")
    rows = parse_csv(export_csv(store.snapshot(), "tasks"))
    titles = {r["title"] for r in rows}
    assert 'Say "hi", then leave' in titles
    assert '\'=HYPERLINK("http://x")' in titles
    assert "'-5 reps is fine" in titles
    assert next(r for r in rows if r["title"].startswith("Say"))["notes"] == "line 1\nline 2"


# Markdown -----------------------------------------------------------------------------------


def test_markdown_report_has_goals_pairs_measures_tasks_feedback_practice(
    demo_store: MasteryStore, frozen: date
) -> None:
    report = export_markdown(demo_store, frozen)
    assert report.startswith("# masterytui report, 2026-11-23\n")
    lines = report.splitlines()
    assert "## Goals" in lines and "## Open tasks" in lines
    assert any(line.startswith("## Feedback, last 30 days (10, 4 wins)") for line in lines)
    assert any(line.startswith("## Practice, last 30 days") for line in lines)
    assert "    - Paired with: Strength in accessory muscles" in lines
    assert "      - Supports: Bench press 200 lb" in lines
    assert (
        "    - Measure: 175 lb of 200 lb (from 150), 50%; deadline 2027-02-26 (95 days left)"
        in lines
    )
    assert "### Doing (4)" in lines and "### Next (7)" in lines and "### Backlog (5)" in lines
    assert any("Rewrite the pricing page headline" in x and "(overdue)" in x for x in lines)
    assert "  - Next time: Read every draft aloud before publishing." in lines
    # a win older than 30 days is left out; one 27 days old is in
    assert "First week of drills every single day." not in report
    assert "Your headlines describe the product" in report
    # done tasks are listed under their own heading, not with the open ones
    doing = report.index("### Doing")
    done = report.index("### Done in the last 30 days")
    assert report.index("Book the spring marathon") > done > doing


def test_markdown_escapes_user_text(store: MasteryStore, frozen: date) -> None:
    goal = store.add_goal("**bold** <script> | pipe", "performance")
    store.update_goal(goal.id, measure=Measure(10, "km", 2, "2026-12-01"))
    store.log_practice(20, goal.id, note="a | b", on="2026-11-20")
    report = export_markdown(store, frozen)
    assert r"\*\*bold\*\* \<script\> \| pipe" in report
    assert "<script>" not in report
    assert r"| a \| b |" in report
    assert md("# not a heading") == r"\# not a heading"


def test_markdown_can_append_other_sections(store: MasteryStore, frozen: date) -> None:
    report = export_markdown(
        store, frozen, extra_sections=[lambda s, d: f"# Weekly review\n\nWeek of {d}\n"]
    )
    assert report.rstrip().endswith("\n## Weekly review\n\nWeek of 2026-11-23")


def test_markdown_report_ends_with_the_weekly_review(
    demo_store: MasteryStore, frozen: date
) -> None:
    from masterytui.views.review_markdown import review_section

    report = export_markdown(demo_store, frozen)
    review = review_section(demo_store.snapshot(), frozen)
    first = review.splitlines()[0]
    assert first.startswith("# Weekly review")
    assert "\n#" + first + "\n" in report  # nested one level down
    assert report.index("## Practice, last 30 days") < report.index("#" + first)
    assert report.count("\n# ") == 0  # one title only: the report's own


def test_default_export_path_is_beside_the_data_file(tmp_path: Path) -> None:
    from datetime import datetime

    when = datetime(2026, 11, 23, 10, 5, 9)
    data = tmp_path / "m.json"
    assert default_export_path(data, "md", when) == tmp_path / "m-export-20261123-100509.md"
    assert default_export_path(data, "csv", when).name == "m-export-20261123-100509-csv"


# The command line ---------------------------------------------------------------------------


@pytest.fixture
def demo_file(demo_store: MasteryStore) -> Path:
    return demo_store.path


def test_cli_export_json_to_stdout_and_to_a_file(demo_file: Path, tmp_path: Path) -> None:
    shown = run("export", "--format", "json", db=demo_file)
    assert shown.returncode == 0, shown.stderr
    assert orjson.loads(shown.stdout)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    target = tmp_path / "out" / "x.json"
    written = run("export", "-f", "json", "-o", str(target), db=demo_file)
    assert written.returncode == 0, written.stderr
    assert target.read_bytes() == shown.stdout
    assert b"Wrote" in written.stdout
    assert not list(target.parent.glob(".*tmp"))  # no temporary file left behind


def test_cli_export_csv_folder_table_and_md(demo_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    result = run("export", "-f", "csv", "-o", str(folder), db=demo_file)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "feedback.csv",
        "goals.csv",
        "practice.csv",
        "tasks.csv",
    ]
    table = run("export", "-f", "csv", "--table", "tasks", db=demo_file)
    assert table.stdout == (folder / "tasks.csv").read_bytes()
    report = run("export", "-f", "md", db=demo_file)
    assert report.stdout.decode().startswith("# masterytui report")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "csv"), "give a folder with -o"),
        (("-f", "json", "--table", "tasks"), "--table goes with --format csv"),
        (("-f", "xml"), "invalid choice"),
    ],
)
def test_cli_export_mistakes_are_one_line(
    demo_file: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("export", *args, db=demo_file)
    assert result.returncode != 0
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_cli_export_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    result = run("export", "-f", "json", db=missing)
    assert result.returncode == 1
    assert "does not exist" in result.stderr.decode()
    assert not missing.exists()


def test_export_and_import_never_import_textual(demo_file: Path, tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "taskwarrior_export.json"
    code = (
        "import sys\n"
        "from masterytui.cli import main\n"
        f"main(['--db', {str(demo_file)!r}, 'export', '-f', 'md', '-o', "
        f"{str(tmp_path / 'r.md')!r}])\n"
        f"main(['--db', {str(demo_file)!r}, 'import', {str(fixture)!r}])\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
        "'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
