"""Pilot tests of the app shell: quick capture everywhere, help, welcome, palette, refresh."""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.demo import seed_demo
from masterytui.dialogs.form import FormDialog
from masterytui.dialogs.help import HelpScreen
from masterytui.dialogs.welcome import WelcomeScreen
from masterytui.domain.errors import ValidationError
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.store import MasteryStore
from tests.helpers import text_of

SIZE = (100, 30)


def prepared(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    area = store.add_goal("Guitar", "area")
    store.add_goal("Play barre chords cleanly", "mastery", area.id)
    return store


@pytest.mark.parametrize("screen_key", ["1", "2", "3", "4"])
async def test_capture_a_task_from_every_screen(store: MasteryStore, screen_key: str) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(screen_key)
        await pilot.pause()
        await pilot.press("t")
        assert isinstance(app.screen, FormDialog)
        assert isinstance(app.focused, Input) and app.focused.id == "field-title"
        await pilot.press(*"Practise F major", "enter")
        await pilot.pause()
        assert [t.title for t in store.snapshot().tasks] == ["Practise F major"]
        assert not isinstance(app.screen, FormDialog)


async def test_global_keys_type_letters_inside_a_field(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("q", "1", "t", "2", "f", "w", "p", "u", "question_mark", "slash")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.values()["title"] == "q1t2fwpu?/"
        assert app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert store.snapshot().tasks[0].title == "q1t2fwpu?/"


async def test_task_goal_defaults_to_the_selected_goal(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # the mastery goal
        await pilot.pause()
        await pilot.press("t", *"Barre drill", "enter")
        await pilot.pause()
        skill = next(g for g in store.snapshot().goals if g.kind == "mastery")
        assert store.snapshot().tasks[0].goal_id == skill.id


async def test_escape_cancels_and_writes_nothing(store: MasteryStore) -> None:
    prepared(store)
    before = store.path.read_bytes()
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("t", "f", "w", "p"):
            await pilot.press(key, "x", "escape")
            assert isinstance(app.screen, GoalsScreen)
    assert store.path.read_bytes() == before


async def test_win_is_celebrated_with_the_week_count(store: MasteryStore, frozen: date) -> None:
    prepared(store)
    store.log_win("Played the intro without looking")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", *"Clean barre chord", "enter")
        await pilot.pause()
        wins = [f for f in store.snapshot().feedback if f.kind == "win"]
        assert len(wins) == 2
        messages = [n.message for n in app._notifications]
        assert any("Clean barre chord" in m and "2 wins this week" in m for m in messages)


async def test_feedback_and_practice_capture(store: MasteryStore, frozen: date) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"Coach: thumb too high", "enter")
        await pilot.pause()
        assert store.snapshot().feedback[0].text == "Coach: thumb too high"
        await pilot.press("p", "0", "enter")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert "at least 1" in text_of(form.query_one("#error-minutes"))
        await pilot.press("backspace", "2", "5", "enter")
        await pilot.pause()
        session = store.snapshot().practice[0]
        assert session.minutes == 25 and session.date == frozen.isoformat()


async def test_help_lists_screen_and_global_keys(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(text_of(s) for s in app.screen.query(".help-section"))
        for expected in (
            "sub-goal",
            "Move the goal up",
            "Indent",
            "Quit",
            "task",
            "ctrl+p",
            "Undo",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_welcome_offers_the_sample(store: MasteryStore) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert len(store.snapshot().goals) > 10
        assert store.setting("welcomed") is True


@pytest.mark.parametrize("table", ["tasks", "feedback", "practice"])
async def test_no_welcome_on_a_file_that_holds_data_without_goals(
    store: MasteryStore, table: str
) -> None:
    """Only `masterytui add task` (or feedback, practice) so far: that is the user's data."""
    {
        "tasks": lambda: store.add_task("Read chapter 3"),
        "feedback": lambda: store.add_feedback("Mentor liked the intro", "win"),
        "practice": lambda: store.log_practice(20),
    }[table]()
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("s")  # a key the welcome would have taken as "load the sample"
        await pilot.pause()
    assert store.snapshot().goals == []


async def test_the_sample_is_refused_if_data_arrived_while_the_welcome_was_open(
    store: MasteryStore,
) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        MasteryStore(store.path).add_task("From another session")  # e.g. `masterytui add`
        await pilot.press("s")
        await pilot.pause()
        assert [t.title for t in store.snapshot().tasks] == ["From another session"]
        assert store.snapshot().goals == []
        assert any("loaded only into an empty file" in n.message for n in app._notifications)
        assert isinstance(app.screen, GoalsScreen)


def test_seed_demo_refuses_a_file_with_any_document(store: MasteryStore) -> None:
    store.log_practice(15)
    before = store.path.read_bytes()
    with pytest.raises(ValidationError, match="only into an empty file"):
        seed_demo(store)
    assert store.path.read_bytes() == before


async def test_welcome_start_empty_is_remembered(store: MasteryStore) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
    assert store.snapshot().goals == []
    assert MasteryApp(store).store.setting("welcomed") is True


async def test_palette_offers_every_action(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE):
        titles = {c.title for c in app.get_system_commands(app.screen)}
    for expected in (
        "New task",
        "Log a win",
        "Log practice",
        "Log feedback",
        "Undo",
        "Theme",
        "Show Board",
        "New goal",
        "Delete the goal (u undoes)",
        "Rate your skill, 1-10",
        "Move the goal up",
        "Indent under the one above",
        "Move under another goal",
        "Board: New card",
        "Feedback: Filter by the next kind",
        "Progress: Export: JSON, CSV or MD",
        "Show config path",
    ):
        assert expected in titles


async def test_last_screen_and_theme_are_remembered(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
    assert store.setting("theme") == "nord"
    assert store.setting("last_screen") == "feedback"
    again = MasteryApp(store, watch_file=False)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.current_mode == "feedback"
        assert again.theme == "nord"


async def test_undo_key(store: MasteryStore) -> None:
    prepared(store)
    store = MasteryStore(store.path)  # a new session: nothing of its own to undo yet
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert any("Nothing to undo" in n.message for n in app._notifications)
        await pilot.press("t", *"Oops", "enter")
        await pilot.pause()
        assert len(store.snapshot().tasks) == 1
        await pilot.press("u")
        await pilot.pause()
        assert store.snapshot().tasks == []


async def test_another_sessions_change_appears(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        other = MasteryStore(store.path)
        other.add_goal("Written elsewhere", "area")
        app.check_file()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        labels = [n.label.plain for n in screen.goal_tree.root.children]
        assert any("Written elsewhere" in label for label in labels)


async def test_a_change_while_a_screen_is_still_opening(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        for mode in ("board", "feedback", "progress", "goals"):
            app.switch_mode(mode)
            app.data_changed()  # another session's change lands before the screen is built
            await pilot.pause()
        assert app.is_running
        assert app.current_mode == "goals"


async def test_a_key_typed_while_a_form_opens_does_no_harm(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # As from a fast typist or a tmux script: "t", then "u" and "2" before the form is up.
        app.post_message(events.Key("t", "t"))
        app.post_message(events.Key("u", "u"))
        app.post_message(events.Key("2", "2"))
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.values()["title"] in ("", "u2")  # typed into the form or dropped, no more
        assert len(store.snapshot().goals) == 2  # "u" undid nothing
        assert app.current_mode == "goals"  # "2" switched nothing
