"""The popup capture form: each kind saves and exits; bad input keeps the form open."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from masterytui.capture_app import CaptureApp
from masterytui.store import MasteryStore
from tests.helpers import screen_text, text_of

POPUP = (70, 12)


def with_goal(store: MasteryStore) -> str:
    area = store.add_goal("Guitar", "area")
    return store.add_goal("Barre chords", "mastery", area.id).id


async def test_task_with_goal_completion_and_due(store: MasteryStore, frozen: date) -> None:
    goal_id = with_goal(store)
    app = CaptureApp(store)
    async with app.run_test(size=POPUP) as pilot:
        await pilot.press(*"Practise F major", "tab", *"barre")
        await pilot.pause()
        await pilot.press("right", "tab", *"tomorrow", "enter")
        await pilot.pause()
    task = store.snapshot().tasks[0]
    assert app.return_value == task.id
    assert (task.title, task.goal_id, task.due) == ("Practise F major", goal_id, "2026-11-24")


async def test_each_kind(store: MasteryStore, frozen: date) -> None:
    with_goal(store)
    for first_letter, extra, check in (
        ("f", "lesson", lambda s: s.snapshot().feedback[-1].kind == "lesson"),
        ("w", "", lambda s: s.snapshot().feedback[-1].kind == "win"),
        ("p", "25", lambda s: s.snapshot().practice[-1].minutes == 25),
    ):
        app = CaptureApp(store)
        async with app.run_test(size=POPUP) as pilot:
            await pilot.press("shift+tab", first_letter, "tab", *"text here")
            if extra:
                await pilot.press("tab", "tab", *extra)
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_value is not None
        assert check(store)


async def test_bad_input_keeps_the_form_and_writes_nothing(store: MasteryStore) -> None:
    with_goal(store)
    before = store.path.read_bytes()
    app = CaptureApp(store)
    async with app.run_test(size=POPUP) as pilot:
        await pilot.press("enter")
        assert "cannot be empty" in text_of(app.query_one("#message"))
        await pilot.press(*"x", "tab", *"nothing like this", "enter")
        assert "No goal" in text_of(app.query_one("#message"))
        assert isinstance(app.focused, Input) and app.focused.id == "goal"
        await pilot.press("escape")
    assert app.return_value is None
    assert store.path.read_bytes() == before


async def test_practice_needs_minutes(store: MasteryStore) -> None:
    app = CaptureApp(store, kind="practice")
    async with app.run_test(size=POPUP) as pilot:
        await pilot.press(*"scales", "enter")
        assert "Minutes" in text_of(app.query_one("#message"))
        assert isinstance(app.focused, Input) and app.focused.id == "extra"
        await pilot.press("escape")
    assert not store.path.exists()


POPUP_INSIDE = (68, 10)
"""What `tmux display-popup -w 70 -h 12` gives the command: the border takes 2 columns, 2 rows."""

BAD_VALUES = [
    ("task", ("tab", "tab", *"soonish"), "is not a date"),
    ("feedback", ("tab", "tab", *"rant"), "Kind must be one of"),
    ("win", ("tab", *"no goal like this at all"), "No goal has the id"),
    ("practice", ("tab", "tab", *"1e3"), "Minutes must be a number"),
    ("practice", ("tab", "tab", *"99999999"), "at most 1440 (24 h); got 99999999."),
]


@pytest.mark.parametrize(("kind", "keys", "message"), BAD_VALUES)
@pytest.mark.parametrize("size", [POPUP_INSIDE, POPUP])
async def test_a_bad_value_shows_its_error_in_the_popup(
    store: MasteryStore, kind: str, keys: tuple[str, ...], message: str, size: tuple[int, int]
) -> None:
    with_goal(store)
    before = store.path.read_bytes()
    app = CaptureApp(store, kind=kind)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"some text", *keys, "enter")
        await pilot.pause()
        shown = text_of(app.query_one("#message"))
        assert message in shown
        on_screen = " ".join(screen_text(app).split())
        assert " ".join(shown.split()) in on_screen  # the whole message, not cut off
        for label in ("What", "Text", "Goal"):
            assert label in on_screen
        await pilot.press("escape")
    assert app.return_value is None
    assert store.path.read_bytes() == before
