"""A new item's goal taken from the screen is shown plainly and dropped with one key.

Issue #13, item 4. The forms t f w p (and n on Board and Feedback) may start with the goal in
context; then the goal field's label says where it came from, and ctrl+n (from any field, even
while typing the title) sets it to "(none)". What is in context: the selected goal on Goals;
the goal filter on Board and Feedback (never the card or entry under the cursor: a setback
logged while a past entry is selected is not about that entry's goal); the goal Progress is
narrowed to.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Label, Select

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.screens.feedback.screen import FeedbackScreen
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.store import MasteryStore
from masterytui.views.feedback import Filters

SIZE = (120, 34)


def form(app: MasteryApp) -> FormDialog[Any]:
    dialog = app.screen
    assert isinstance(dialog, FormDialog), type(dialog)
    return dialog


def goal_value(app: MasteryApp) -> str:
    return form(app).values()["goal_id"]


def goal_label(app: MasteryApp) -> str:
    select = form(app).query_one("#field-goal_id", Select)
    siblings = list(select.parent.children)  # type: ignore[union-attr]
    label = siblings[siblings.index(select) - 1]
    assert isinstance(label, Label)
    return str(label.content)


def goal_id(store: MasteryStore, title: str) -> str:
    return next(g.id for g in store.snapshot().goals if g.title == title)


async def on_goal(pilot: Any, app: MasteryApp, title: str) -> None:
    screen = app.screen
    assert isinstance(screen, GoalsScreen)
    wanted = goal_id(app.store, title)
    await pilot.press("g")
    for _ in range(30):
        if screen.goal_tree.selected_goal_id == wanted:
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(title)


@pytest.mark.parametrize(
    ("key", "first"), [("t", "title"), ("f", "text"), ("w", "text"), ("p", "minutes")]
)
async def test_the_selected_goal_is_labelled_and_ctrl_n_drops_it(
    demo_store: MasteryStore, key: str, first: str
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await on_goal(pilot, app, "Sales copywriting")
        await pilot.press(key)
        await pilot.pause()
        assert goal_value(app) == goal_id(demo_store, "Sales copywriting")
        assert goal_label(app) == "Goal · the selected goal (ctrl+n: none)"
        # While typing in the first field, ctrl+n drops the goal; the letters stay typed.
        await pilot.press(*"12")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert goal_value(app) == ""
        assert goal_label(app) == "Goal"
        assert form(app).query_one(f"#field-{first}", Input).value == "12"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    snapshot = demo_store.snapshot()
    table = {"t": snapshot.tasks, "f": snapshot.feedback, "w": snapshot.feedback}.get(
        key, snapshot.practice
    )
    newest = [item for item in table if getattr(item, "title", getattr(item, "text", "")) == "12"]
    if key == "p":
        newest = [s for s in snapshot.practice if s.minutes == 12]
    assert len(newest) == 1 and newest[0].goal_id is None


async def test_feedback_the_selected_entry_is_no_context(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        adobe = goal_id(demo_store, "The Adobe creative tools")
        entry = next(e for e in demo_store.snapshot().feedback if e.goal_id == adobe)
        assert screen.log_table.select_key(entry.id)
        for key in ("n", "f", "t"):
            await pilot.press(key)
            await pilot.pause()
            assert goal_value(app) == "", key
            assert goal_label(app) == "Goal"
            await pilot.press("escape")
            await pilot.pause()
        # A goal filter is a choice the user made: that goal is in context, and labelled.
        screen._filter(Filters(goal_id=adobe))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert goal_value(app) == adobe
        assert goal_label(app) == "Goal · the log's goal filter (ctrl+n: none)"


async def test_board_n_takes_only_the_goal_filter(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert goal_value(app) == "" and goal_label(app) == "Goal"
        await pilot.press("escape")
        await pilot.pause()
        from tests.test_board import pick_goal

        await pick_goal(pilot, "sales copy")
        await pilot.press("n")
        await pilot.pause()
        assert goal_value(app) == goal_id(demo_store, "Sales copywriting")
        assert goal_label(app) == "Goal · the Board's goal filter (ctrl+n: none)"


async def test_practice_says_it_took_the_goal_practised_last(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "p")
        await pilot.pause()
        assert goal_value(app) != ""
        assert goal_label(app) == "Goal · the goal you practised last (ctrl+n: none)"
