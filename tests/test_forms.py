"""The shared form dialog: every error at once, errors that go when fixed, enter saves from a
drop-down, a key line that is never cut, and the screen behind a dialog kept in sight."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.widgets import Select, Static, TextArea

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.screens import capture
from masterytui.screens.board import forms as board_forms
from masterytui.screens.feedback import forms as feedback_forms
from masterytui.screens.goals import forms as goal_forms
from masterytui.store import MasteryStore
from masterytui.views.feedback import Filters
from tests.helpers import screen_text, text_of

SIZE = (100, 30)
Factory = Callable[[MasteryStore], FormDialog[Any]]


def shown_errors(form: FormDialog[Any]) -> dict[str, str]:
    """The errors on show, by field name (``form`` for the one under the form)."""
    return {
        str(label.id).removeprefix("error-"): text_of(label).strip()
        for label in form.query(".field-error.-shown")
        if not label.has_class("-hint")
    }


async def open_form(app: MasteryApp, pilot: Any, form: FormDialog[Any]) -> FormDialog[Any]:
    app.push_screen(form)
    await pilot.pause()
    assert app.screen is form
    return form


async def test_save_shows_every_fields_error_at_once(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, goal_forms.goal_dialog(demo_store))
        form.query_one("#field-title").focus()
        await pilot.press(*"Swim")
        for name, typed in (("target", "lots"), ("deadline", "someday"), ("ready", "9")):
            form.query_one(f"#field-{name}").focus()
            await pilot.press(*typed)
        before = demo_store.path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = shown_errors(form)
        assert set(errors) == {"target", "deadline", "ready", "willing"}
        assert "lots" in errors["target"] and "number" in errors["target"]
        assert app.focused is form.query_one("#field-target")  # the first one, in field order
        assert demo_store.path.read_bytes() == before


async def test_a_fixed_field_loses_its_error_at_once(demo_store: MasteryStore) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, goal_forms.goal_dialog(demo_store))
        form.query_one("#field-deadline").focus()
        await pilot.press(*"someday")
        await pilot.press("ctrl+s")  # no title, a bad deadline, and so a measure without target
        await pilot.pause()
        assert set(shown_errors(form)) == {"title", "deadline", "target"}
        await pilot.press(*"Swim")  # the focus is on the title, the first error
        await pilot.pause()
        assert set(shown_errors(form)) == {"deadline", "target"}
        form.query_one("#field-deadline").focus()
        await pilot.press(*["backspace"] * 7, *"+2")
        await pilot.pause()
        assert set(shown_errors(form)) == {"deadline", "target"}  # "+2" is no date yet
        await pilot.press("w")
        await pilot.pause()
        assert set(shown_errors(form)) == {"target"}
        # A rule across fields: the target's error goes once there is one; so does the start's
        # (equal to the target) when the target changes.
        form.query_one("#field-target").focus()
        await pilot.press("5")
        await pilot.pause()
        assert shown_errors(form) == {}
        form.query_one("#field-start").focus()
        await pilot.press("5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert set(shown_errors(form)) == {"start"}
        form.query_one("#field-target").focus()
        await pilot.press("0")
        await pilot.pause()
        assert shown_errors(form) == {}
        await pilot.press("ctrl+s")
        await pilot.pause()
        swim = next(g for g in demo_store.snapshot().goals if g.title == "Swim")
        assert swim.measure is not None and swim.measure.target == 50


async def test_an_error_from_saving_goes_when_its_field_is_edited(store: MasteryStore) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, capture.practice_dialog(store, None))
        await pilot.press("0", "enter")
        await pilot.pause()
        assert "at least 1" in shown_errors(form)["minutes"]
        await pilot.press("backspace", "2")
        await pilot.pause()
        assert shown_errors(form) == {}


async def test_enter_on_a_drop_down_saves(store: MasteryStore, frozen: date) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, capture.task_dialog(store, None))
        await pilot.press(*"Tune the guitar")
        column = form.query_one("#field-column", Select)
        column.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not column.expanded
        assert [t.title for t in store.snapshot().tasks] == ["Tune the guitar"]
        assert app.screen is not form


async def test_space_opens_a_drop_down_and_enter_picks(store: MasteryStore) -> None:
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, capture.task_dialog(store, None))
        await pilot.press(*"Tune the guitar")
        column = form.query_one("#field-column", Select)
        column.focus()
        await pilot.press("space")
        await pilot.pause()
        assert column.expanded
        await pilot.press("down", "enter")  # picks an option: the form stays open
        await pilot.pause()
        assert app.screen is form and not column.expanded
        assert column.value == "next"
        await pilot.press("enter")
        await pilot.pause()
        assert [t.column for t in store.snapshot().tasks] == ["next"]


async def test_enter_in_notes_is_a_new_line_and_the_hint_says_so(store: MasteryStore) -> None:
    task = store.add_task("Restring")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(app, pilot, board_forms.task_edit_dialog(store, task))
        notes = form.query_one("#field-notes", TextArea)
        notes.focus()
        await pilot.press(*"one", "enter", *"two")
        await pilot.pause()
        assert app.screen is form and notes.text == "one\ntwo"
        hint = text_of(form.query_one("#form-hint", Static))
        assert "ctrl+s" in hint and "enter in Notes: new line" in hint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.task(task.id).notes == "one\ntwo"


def _forms() -> dict[str, Factory]:
    def goal(store: MasteryStore) -> Any:
        return store.snapshot().goals[0]

    def task(store: MasteryStore) -> Any:
        return store.snapshot().tasks[0]

    def entry(store: MasteryStore) -> Any:
        return store.snapshot().feedback[0]

    def session(store: MasteryStore) -> Any:
        return store.snapshot().practice[0]

    today, week = date(2026, 11, 23), date(2026, 11, 16)
    return {
        "new goal": lambda s: goal_forms.goal_dialog(s),
        "edit goal": lambda s: goal_forms.goal_dialog(s, goal(s)),
        "move goal": lambda s: goal_forms.move_dialog(s, goal(s)),
        "rating": lambda s: goal_forms.rating_dialog(s, goal(s)),
        "new task": lambda s: capture.task_dialog(s, None),
        "feedback": lambda s: capture.feedback_dialog(s, None),
        "win": lambda s: capture.feedback_dialog(s, None, "win"),
        "setback": lambda s: capture.setback_dialog(s, entry(s)),
        "practice": lambda s: capture.practice_dialog(s, None),
        "edit card": lambda s: board_forms.task_edit_dialog(s, task(s)),
        "wip limit": lambda s: board_forms.wip_limit_dialog(s, 3),
        "edit entry": lambda s: feedback_forms.entry_dialog(s, entry(s)),
        "new entry": lambda s: feedback_forms.entry_dialog(s),
        "edit practice": lambda s: feedback_forms.practice_edit_dialog(s, session(s)),
        "filters": lambda s: feedback_forms.filter_dialog(s.snapshot(), Filters()),
        "adjustment": lambda s: feedback_forms.adjustment_dialog(s, week, today),
    }


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("name", list(_forms()))
async def test_the_key_line_is_whole_on_screen(
    demo_store: MasteryStore, name: str, size: tuple[int, int]
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=size) as pilot:
        form = await open_form(app, pilot, _forms()[name](demo_store))
        hint = form.query_one("#form-hint", Static)
        region = hint.region
        assert region.bottom <= size[1]
        rows = screen_text(app).splitlines()[region.y : region.bottom]
        on_screen = " ".join(row[region.x : region.right] for row in rows)
        assert " ".join(on_screen.split()) == " ".join(form.hint.split())


async def test_the_screen_behind_a_dialog_stays_in_sight_in_16_colours(
    demo_store: MasteryStore,
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    app.theme = "ansi-dark"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = screen_text(app).splitlines()
        await pilot.press("e")  # edit the selected goal
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        after = screen_text(app).splitlines()
        assert after[0] == before[0]  # the top bar, above the dialog
        assert "Beat last year's marathon time" in after[2]  # the tree, beside it
        assert any("Edit goal" in row for row in after)
