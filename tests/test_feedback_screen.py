"""Pilot tests of the Feedback screen (3): the log, filters, next steps, practice, review."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.domain.model import FEEDBACK_KINDS, FeedbackEntry, PracticePlan
from masterytui.screens.feedback.review_screen import ReviewScreen
from masterytui.screens.feedback.screen import FeedbackScreen
from masterytui.screens.feedback.table import LogTable
from masterytui.store import MasteryStore
from masterytui.store.files import SCHEMA_VERSION
from masterytui.views.review import is_adjustment, weekly_review
from masterytui.views.review_markdown import markdown
from masterytui.widgets.topbar import TopBar
from tests.helpers import text_of

SIZE = (100, 30)


def feedback_first(store: MasteryStore) -> MasteryStore:
    """Open the app straight on the Feedback screen (as after quitting there)."""
    store.set_setting("last_screen", "feedback")
    return store


def prepared(store: MasteryStore) -> dict[str, str]:
    store.set_setting("welcomed", True)
    feedback_first(store)
    area = store.add_goal("Guitar", "area")
    chords = store.add_goal("Barre chords", "mastery", area.id)
    other = store.add_goal("Running", "area")
    task = store.add_task("F major ten times", chords.id)
    return {"area": area.id, "chords": chords.id, "other": other.id, "task": task.id}


async def open_feedback(app: MasteryApp, pilot: Pilot[None]) -> FeedbackScreen:
    if not isinstance(app.screen, FeedbackScreen):
        await pilot.press("3")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, FeedbackScreen)
    return screen


def rows(table: LogTable[Any]) -> list[str]:
    """What the table shows, line by line (the header first), as plain text."""
    lines = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
    return [line for line in lines if line.strip()]


def detail_text(screen: FeedbackScreen, pane: str = "fb-entry") -> str:
    return text_of(screen.query_one(f"#{pane}-body", Static))


def form(app: MasteryApp) -> FormDialog[Any]:
    dialog = app.screen
    assert isinstance(dialog, FormDialog), type(dialog)
    return dialog


def set_field(app: MasteryApp, name: str, value: str) -> None:
    widget = form(app).query_one(f"#field-{name}")
    if isinstance(widget, Select):
        widget.value = value
    else:
        assert isinstance(widget, Input)
        widget.value = value


def messages(app: MasteryApp) -> list[str]:
    return [n.message for n in app._notifications]


def entry(store: MasteryStore, text: str) -> FeedbackEntry:
    return next(e for e in store.snapshot().feedback if e.text == text)


async def select_row(pilot: Pilot[None], table: LogTable[Any], key: str) -> None:
    """Put the cursor on the row ``key`` (keyboard moves are tested on their own)."""
    assert table.select_key(key), key
    await pilot.pause()


# The log ------------------------------------------------------------------------------------


async def test_the_log_the_detail_and_next_step_to_task(
    demo_store: MasteryStore,
) -> None:
    app = MasteryApp(feedback_first(demo_store), watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        lines = rows(screen.log_table)
        assert lines[0].split() == ["Date", "Kind", "Source", "Goal", "or", "task", "Text"]
        assert lines[1].startswith(" today     ★ win     mentor ▲ +$30,000 a year")
        assert "The pricing page headline" in lines[1]
        dates = [entry.at for _, entry in screen.log_table._items]
        assert dates == sorted(dates, reverse=True)
        tabs = screen.query_one(TabbedContent)
        assert "Feedback (14)" in str(tabs.get_tab("fb-log-tab").label)
        assert "The pricing page headline test is already ahead." in detail_text(screen)
        assert app.focused is screen.log_table
        await pilot.click("#fb-log", offset=(5, 3))  # the header is line 0
        assert screen.log_table.cursor == 2
        assert "Held 176 spm for a whole 10 km." in detail_text(screen)
        setback = entry(demo_store, "Missed three days of Photoshop practice.")
        await select_row(pilot, screen.log_table, setback.id)
        await pilot.pause()
        assert "↓ setback self" in rows(screen.log_table)[6]
        text = detail_text(screen)
        assert "↓ setback · from self · Sat 14 Nov 2026, 19:00" in text
        assert "Goal   ● The Adobe creative tools" in text
        assert "What can I learn? What will I do next time?" in text
        assert "Practise right after lunch, before email." in text
        # T turns the next step into a task on the Board, linked to the same goal.
        before = len(demo_store.snapshot().tasks)
        await pilot.press("T")
        await pilot.pause()
        tasks = demo_store.snapshot().tasks
        assert len(tasks) == before + 1
        task = next(t for t in tasks if t.title == "Practise right after lunch, before email.")
        assert (task.column, task.goal_id) == ("next", setback.goal_id)
        assert any("Added to Next on the Board" in m for m in messages(app))
        # A win has no next step: refused with a message, nothing added.
        await pilot.press("home", "T")
        await pilot.pause()
        assert len(demo_store.snapshot().tasks) == before + 1
        assert any("no next step" in m for m in messages(app))


async def test_five_thousand_entries_render_only_what_is_visible(
    tmp_path: Path, frozen: date
) -> None:
    feedback = {}
    for i in range(5000):
        day = date.fromordinal(date(2026, 11, 23).toordinal() - i // 10)
        doc = FeedbackEntry(id=f"f{i:05d}", at=f"{day}T12:00:00", text=f"entry {i}").to_doc()
        feedback[str(i + 1)] = doc
    settings = {"welcomed": True, "last_screen": "feedback"}
    meta = {"1": {"schema_version": SCHEMA_VERSION, "settings": settings}}
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps({"feedback": feedback, "meta": meta}))
    store = MasteryStore(path)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        table = screen.log_table
        assert table.row_count == 5000
        assert len(rows(table)) <= table.size.height
        assert table._lines.maxsize < 5000  # a bounded cache of rendered lines
        assert rows(table)[1].endswith("entry 9")  # newest first (same day: by id)
        await pilot.press("G")
        assert table.cursor == 4999
        oldest = table.cursor_item
        assert oldest is not None and oldest.at.startswith("2025-07-12")
        assert rows(table)[-1].endswith(oldest.text)
        await pilot.press("pageup", "k")
        assert 4999 - table.cursor == table.size.height - 2 + 1  # a page keeps 2 lines
        await pilot.press("g")
        assert table.cursor == 0 and rows(table)[1].endswith("entry 9")


# New entries, the setback prompt, next step -> task -------------------------------------------


async def test_an_empty_log_then_new_entries_of_every_kind(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        # On an empty log the keys that need an entry do nothing harmful.
        await pilot.press("e", "d", "T", "enter", "j", "G", "right_square_bracket", "escape")
        assert isinstance(app.screen, FeedbackScreen)
        assert "No feedback yet" in "\n".join(rows(screen.log_table))
        assert "No entry selected" in detail_text(screen)
        # Each path a person would use: w for a win, n (every field) and f (quick capture).
        for kind, key in [
            ("win", "w"),
            ("lesson", "n"),
            ("improve", "f"),
            ("setback", "n"),
            ("note", "f"),
        ]:
            await pilot.press(key)
            assert app.focused is not None and app.focused.id == "field-text"
            if kind == "win":
                assert form(app).form_title == "Log a win"
                await pilot.press(*"A win")  # typed, as a person would
            else:
                set_field(app, "text", f"A {kind}")
                set_field(app, "kind", kind)
            await pilot.press("enter")
            await pilot.pause()
            saved = entry(store, f"A {kind}")
            assert (saved.kind, saved.source, saved.next_step) == (kind, "self", "")
            if kind == "win":
                assert any("1 win this week" in m for m in messages(app))
            if kind == "setback":
                assert form(app).form_title == "Setbacks are how skill grows"
                await pilot.press("escape")  # skipping the question keeps the entry
                await pilot.pause()
            assert not isinstance(app.screen, FormDialog)
            assert screen.log_table.cursor_key == saved.id  # the new entry is selected
        assert [e.kind for e in store.snapshot().feedback] == list(FEEDBACK_KINDS)


async def test_new_entry_with_every_field(store: MasteryStore, frozen: date) -> None:
    ids = prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        await pilot.press("n")
        set_field(app, "text", "Thumb too high on the neck")
        set_field(app, "at", "2026-02-30")
        await pilot.press("enter")
        await pilot.pause()
        error = text_of(form(app).query_one("#error-at", Static))
        assert "not a real calendar date" in error
        assert store.snapshot().feedback == []
        set_field(app, "kind", "improve")
        set_field(app, "source", "mentor")
        set_field(app, "task_id", ids["task"])  # the goal comes from the task
        set_field(app, "at", "2026-11-20 18:30")
        set_field(app, "next_step", "Thumb behind the middle finger")
        await pilot.press("enter")
        await pilot.pause()
        saved = entry(store, "Thumb too high on the neck")
        assert (saved.kind, saved.source, saved.goal_id, saved.task_id) == (
            "improve",
            "mentor",
            ids["chords"],
            ids["task"],
        )
        assert saved.at.startswith("2026-11-20T18:30")
        assert saved.next_step == "Thumb behind the middle finger"
        text = detail_text(screen)
        assert "Task   ▪ F major ten times" in text
        assert "Goal   ● Barre chords" in text


async def test_after_a_setback_the_form_asks_what_to_learn(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        await pilot.press("f")  # quick capture; n asks the same (see the test above)
        set_field(app, "text", "Lost the rhythm at the gig")
        set_field(app, "kind", "setback")
        await pilot.press("enter")
        await pilot.pause()
        prompt = form(app)
        assert prompt.fields[0].label == "What can I learn? What can I do better next time?"
        assert app.focused is not None and app.focused.id == "field-next_step"
        await pilot.press("enter")  # an empty answer is refused, the prompt stays
        await pilot.pause()
        assert form(app) is prompt
        assert "escape to skip" in text_of(prompt.query_one("#error-next_step", Static))
        await pilot.press(*"Use a click", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        saved = entry(store, "Lost the rhythm at the gig")
        assert saved.next_step == "Use a click"
        assert screen.log_table.cursor_key == saved.id
        assert "Use a click" in detail_text(screen)
        # No question when the next step was written with the setback.
        await pilot.press("f")
        set_field(app, "text", "Skipped again")
        set_field(app, "kind", "setback")
        set_field(app, "next_step", "Already know why")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert entry(store, "Skipped again").next_step == "Already know why"


# Filters ------------------------------------------------------------------------------------


def filtered_store(store: MasteryStore) -> dict[str, str]:
    ids = prepared(store)
    store.add_feedback("Clean changes", "win", "self", goal_id=ids["chords"], at="2026-11-20")
    store.add_feedback("Buzzing strings", "lesson", "coach", goal_id=ids["chords"], at="2026-11-21")
    store.add_feedback("Shin splints", "setback", "coach", goal_id=ids["other"], at="2026-11-22")
    store.add_feedback("New shoes", "note", "self", at="2026-11-19")
    return ids


def shown(screen: FeedbackScreen) -> list[str]:
    items = [screen.log_table._items[i][1] for i in range(screen.log_table.row_count)]
    return [e.text for e in items]


async def test_search_and_kind_and_source_filters(store: MasteryStore, frozen: date) -> None:
    filtered_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        await pilot.press("slash", *"STRING")
        assert shown(screen) == ["Buzzing strings"]
        assert screen.query_one(TopBar).status == "text: “STRING”"
        await pilot.press("enter")
        assert app.focused is screen.log_table
        assert screen.query_one("#fb-search").display  # the search stays in sight
        await pilot.press("slash")
        assert app.focused is screen.query_one("#fb-search")
        await pilot.press("escape")  # straight from the search box
        assert len(shown(screen)) == 4
        assert screen.query_one(TopBar).status == ""
        assert not screen.query_one("#fb-search").display
        await pilot.press("right_square_bracket")
        assert shown(screen) == ["Clean changes"]
        assert screen.query_one(TopBar).status == "kind: ★ win"
        await pilot.press(*["right_square_bracket"] * 3)
        assert shown(screen) == ["Shin splints"]
        await pilot.press("escape", *["right_curly_bracket"] * 3)  # self, mentor, coach
        assert shown(screen) == ["Shin splints", "Buzzing strings"]
        assert screen.query_one(TopBar).status == "source: coach"


async def test_filter_form_goal_subtree_and_combined(store: MasteryStore, frozen: date) -> None:
    ids = filtered_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        await pilot.press("F")
        set_field(app, "goal_id", ids["area"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(screen) == ["Buzzing strings", "Clean changes"]  # Guitar and below
        assert screen.query_one(TopBar).status == "goal: Guitar"
        assert screen.context_goal_id() == ids["area"]
        await pilot.press("F")
        set_field(app, "source", "coach")
        set_field(app, "text", "buzz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(screen) == ["Buzzing strings"]
        status = screen.query_one(TopBar).status
        assert status == "goal: Guitar · source: coach · text: “buzz”"
        assert screen.query_one("#fb-search", Input).value == "buzz"
        await pilot.press("escape")
        assert len(shown(screen)) == 4
        assert screen.query_one(TopBar).status == ""
        # An entry that appears but does not pass the filters is announced, not lost.
        await pilot.press("right_square_bracket")
        cursor = screen.log_table.cursor_key
        other = MasteryStore(store.path)  # another session adds an entry: cursor stays
        other.add_feedback("Logged from another session", "win")
        app.data_changed()
        await pilot.pause()
        assert screen.log_table.cursor_key == cursor
        store.add_feedback("Logged here, hidden by the kind filter", "note")
        app.data_changed()
        await pilot.pause()
        assert any("hidden by the filters" in m for m in messages(app))
        await pilot.press("escape")
        # Without a goal filter, the selected entry's goal is no context: a new item has none.
        shin = entry(store, "Shin splints")
        await select_row(pilot, screen.log_table, shin.id)
        assert screen.context_goal_id() is None
        await pilot.press("t")
        assert form(app).values()["goal_id"] == ""


# Edit, delete, undo -------------------------------------------------------------------------


async def test_edit_delete_and_undo(store: MasteryStore, frozen: date) -> None:
    filtered_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        buzz = entry(store, "Buzzing strings")
        await select_row(pilot, screen.log_table, buzz.id)
        await pilot.press("enter")  # enter edits, like e
        dialog = form(app)
        assert dialog.form_title == "Edit feedback"
        assert dialog.values()["text"] == "Buzzing strings"
        assert dialog.values()["source"] == "coach"
        set_field(app, "text", "Buzzing on the B string")
        set_field(app, "next_step", "Press closer to the fret")
        await pilot.press("enter")
        await pilot.pause()
        edited = store.feedback_entry(buzz.id)
        assert (edited.text, edited.next_step, edited.at) == (
            "Buzzing on the B string",
            "Press closer to the fret",
            buzz.at,  # the time was not touched, so it did not change
        )
        assert screen.log_table.cursor_key == buzz.id
        await pilot.press("d")
        await pilot.pause()
        assert buzz.id not in {e.id for e in store.snapshot().feedback}
        assert buzz.id not in screen.log_table.row_keys()
        assert any("u undoes it" in m for m in messages(app))
        await pilot.press("u")
        await pilot.pause()
        assert store.feedback_entry(buzz.id).text == "Buzzing on the B string"
        assert screen.log_table.cursor_key == buzz.id  # the undeleted entry is selected
        # Turning an entry into a setback asks what can be learned from it.
        note = entry(store, "New shoes")
        await select_row(pilot, screen.log_table, note.id)
        await pilot.press("e")
        set_field(app, "kind", "setback")
        await pilot.press("enter")
        await pilot.pause()
        assert form(app).form_title == "Setbacks are how skill grows"
        set_field(app, "next_step", "Break them in slowly")
        await pilot.press("enter")
        await pilot.pause()
        assert store.feedback_entry(note.id).next_step == "Break them in slowly"


# Hostile text -------------------------------------------------------------------------------

HOSTILE = ["[red]x[/]", "[/]", "[link=x]y", "a\x1b[2Jb"]


async def test_hostile_text_is_shown_literally(store: MasteryStore, frozen: date) -> None:
    ids = prepared(store)
    store.update_goal(ids["chords"], title="[bold]goal[/bold]")
    for i, text in enumerate(HOSTILE):
        store.add_feedback(
            text, "lesson", next_step=f"{text} step", goal_id=ids["chords"], at=f"2026-11-{17 + i}"
        )
    store.log_practice(10, ids["chords"], note="[/] note [link=x]y")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        table = "\n".join(rows(screen.log_table))
        for text in ["[red]x[/]", "[/]", "[link=x]y", "a\ufffdb"]:
            assert text in table
        assert "[bold]goal[/bold]" in table
        assert "\x1b" not in table
        for text in HOSTILE:
            literal = text.replace("\x1b[2J", "\ufffd")
            await select_row(pilot, screen.log_table, entry(store, literal).id)
            await pilot.pause()
            shown_text = detail_text(screen)
            assert literal in shown_text and f"{literal} step" in shown_text
            assert "\x1b" not in shown_text
        await pilot.press("v")
        await pilot.pause()
        assert "[/] note [link=x]y" in "\n".join(rows(screen.practice_table))
        assert "[/] note [link=x]y" in detail_text(screen, "fb-session")
        await pilot.press("R")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review_text = text_of(review.query_one("#review-body", Static))
        assert "[red]x[/]" in review_text and "[link=x]y" in review_text


# Practice -----------------------------------------------------------------------------------


def practice_store(store: MasteryStore) -> str:
    ids = prepared(store)
    store.update_goal(ids["chords"], practice_plan=PracticePlan(minutes_per_day=20))
    store.log_practice(20, ids["chords"], on="2026-11-21", note="first")
    store.log_practice(20, ids["chords"], on="2026-11-22", note="second")
    return ids["chords"]


async def test_logging_practice_updates_the_streak_at_once(
    store: MasteryStore, frozen: date
) -> None:
    goal_id = practice_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_feedback(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert screen.on_practice and app.focused is screen.practice_table
        assert "Streak      ♦ 2 days" in detail_text(screen, "fb-session")
        await pilot.press("p", *"25")
        assert form(app).values()["goal_id"] == goal_id  # the selected session's goal
        await pilot.press("enter")
        await pilot.pause()
        today = next(s for s in store.snapshot().practice if s.date == "2026-11-23")
        assert (today.minutes, today.goal_id) == (25, goal_id)
        assert screen.practice_table.cursor_key == today.id
        text = detail_text(screen, "fb-session")
        assert "25 min on Mon 23 Nov 2026" in text
        assert "Streak      ♦ 3 days (longest 3)" in text
        assert "65/140 min (46%)" in text
        await pilot.press("d")  # delete today's: back to two days
        await pilot.pause()
        assert "♦ 2 days" in detail_text(screen, "fb-session")
        await pilot.press("u")
        await pilot.pause()
        assert any(s.id == today.id for s in store.snapshot().practice)
        # A chosen day, then an edit; log-only keys are hidden on this tab.
        await pilot.press("v")  # to the log, which is empty: its keys say so
        await pilot.pause()
        assert not screen.on_practice and app.focused is screen.log_table
        await pilot.press("T")
        assert messages(app)[-1] == "No feedback entry selected: n logs one."
        await pilot.press("v")
        await pilot.pause()
        assert screen.check_action("to_task", ()) is False  # log-only keys are hidden
        assert screen.check_action("cycle_kind", ()) is False
        await pilot.press("T", "right_square_bracket")
        assert store.snapshot().tasks[0].title == "F major ten times"
        assert len(store.snapshot().tasks) == 1 and screen.filters.kind is None
        await pilot.press("n", *"15")
        set_field(app, "date", "2026-11-19")
        set_field(app, "note", "slow changes")
        await pilot.press("enter")
        await pilot.pause()
        session = next(s for s in store.snapshot().practice if s.note == "slow changes")
        assert (session.date, session.minutes, session.goal_id) == ("2026-11-19", 15, goal_id)
        assert screen.practice_table.cursor_key == session.id
        await pilot.press("e")
        assert form(app).values()["minutes"] == "15"
        set_field(app, "minutes", "0")
        await pilot.press("enter")
        await pilot.pause()
        assert "at least 1" in text_of(form(app).query_one("#error-minutes", Static))
        set_field(app, "minutes", "40")
        set_field(app, "date", "2026-11-20")
        await pilot.press("enter")
        await pilot.pause()
        moved = next(s for s in store.snapshot().practice if s.id == session.id)
        assert (moved.minutes, moved.date) == (40, "2026-11-20")
        # 20 to 23 Nov in a row now: a streak of 4 days.
        assert "♦ 4 days" in detail_text(screen, "fb-session")


# The weekly review --------------------------------------------------------------------------


async def test_weekly_review_adjustment_copy_and_weeks(demo_store: MasteryStore) -> None:
    app = MasteryApp(feedback_first(demo_store), watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_feedback(app, pilot)
        await pilot.press("R")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        body = text_of(review.query_one("#review-body", Static))
        assert "Weekly review: 17–23 Nov 2026" in body
        assert "Practice against plan" in body and "Tasks finished (4)" in body
        assert "Wins (3)" in body and "Lessons (2)" in body and "Setbacks (0)" in body
        assert "Press a to write it down." in body
        await pilot.press("a")
        set_field(app, "next_step", "Practise Photoshop right after lunch")
        await pilot.press("enter")
        await pilot.pause()
        chosen = [e for e in demo_store.snapshot().feedback if is_adjustment(e)]
        assert [e.next_step for e in chosen] == ["Practise Photoshop right after lunch"]
        body = text_of(review.query_one("#review-body", Static))
        assert "→ Practise Photoshop right after lunch" in body
        await pilot.press("c")
        expected = markdown(weekly_review(demo_store.snapshot(), date.today()))
        assert app.clipboard == expected
        assert "- Practise Photoshop right after lunch" in app.clipboard
        await pilot.press("left")
        await pilot.pause()
        assert "Weekly review: 10–16 Nov 2026" in text_of(review.query_one("#review-body", Static))
        assert review.check_action("week", (-1,)) is True
        await pilot.press("right", "right")  # no review of days still to come
        await pilot.pause()
        assert review.weeks_back == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert entry(demo_store, chosen[0].text).id in app.screen.log_table.row_keys()


async def test_the_spaced_review_line_is_in_sight_at_80x24(demo_store: MasteryStore) -> None:
    """The smallest terminal shows 7 lines of the detail: for every demo entry the spaced
    review line is one of them; the pane takes focus with tab to scroll the rest."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(feedback_first(demo_store), watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_feedback(app, pilot)
        pane = screen.query_one("#fb-entry")
        count = len(demo_store.snapshot().feedback)
        seen = set()
        for index in range(count):
            lines = detail_text(screen).splitlines()
            seen.add(lines[0])
            at = next(n for n, line in enumerate(lines) if line.startswith("Spaced review:"))
            assert at < pane.scrollable_content_region.height, (index, lines)
            await pilot.press("j")
            await pilot.pause()
        assert len(seen) == count  # each entry in turn
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is pane


def test_log_days_read_as_words_in_nine_cells() -> None:
    from masterytui.screens.feedback.rows import day_text

    today = date(2026, 11, 23)
    assert day_text("2026-11-23T07:30:00", today).plain == "today"
    assert day_text("2026-11-22", today).plain == "yesterday"
    assert day_text("2026-09-28T10:00", today).plain == "28 Sep"
    assert day_text("2025-09-28", today).plain == "Sep 2025"
    assert day_text("not a date [b]", today).plain == "not a da…"
