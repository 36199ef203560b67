"""The WOOP prompt's Plan step: an empty "when" looks empty (its placeholder is a prompt, the
obstacle is shown in the question), and a plan left without its cue is not saved in silence."""

from __future__ import annotations

from textual.widgets import Input, Static

from masterytui.app import MasteryApp
from masterytui.dialogs.woop import CUE_HINT, WoopDialog
from masterytui.store import MasteryStore

from .test_learning_screens import SIZE, goal_named, select, small_store

OBSTACLE = "I slow down when it hurts"


async def _to_the_plan(pilot: object, app: MasteryApp) -> WoopDialog:
    await select(pilot, app, "Running")
    press = pilot.press  # type: ignore[attr-defined]
    await press("W")
    await press(*"Hill form", "enter", *"Strong at km 35", "enter", *OBSTACLE, "enter")
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen
    assert isinstance(dialog, WoopDialog) and dialog.step == 3
    return dialog


async def test_the_empty_cue_shows_a_prompt_not_the_obstacle(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _to_the_plan(pilot, app)
        cue = dialog.query_one("#field-cue", Input)
        assert cue.value == "" and cue.placeholder == CUE_HINT
        assert OBSTACLE not in cue.placeholder
        question = str(dialog.query_one("#woop-question", Static).render())
        assert f"Your obstacle: {OBSTACLE}" in question


async def test_an_empty_cue_is_said_then_enter_again_keeps_the_plain_plan(
    store: MasteryStore,
) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _to_the_plan(pilot, app)
        await pilot.press("enter", *"shorten my stride", "enter")  # no when
        await pilot.pause()
        assert isinstance(app.screen, WoopDialog)  # not saved yet
        assert 'No "when" yet' in dialog.error and "enter again" in dialog.error
        assert dialog.focused is dialog.query_one("#field-cue", Input)
        assert not any(g.title == "Hill form" for g in store.snapshot().goals)
        await pilot.press("enter")  # again, from the empty when: saved without a cue
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    goal = goal_named(store, "Hill form")
    assert (goal.cue, goal.commitment) == ("", "shorten my stride")


async def test_a_cue_typed_after_the_warning_is_saved(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _to_the_plan(pilot, app)
        await pilot.press("enter", *"shorten my stride", "enter")
        await pilot.pause()
        assert dialog.error
        await pilot.press(*"the hill starts to hurt", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    goal = goal_named(store, "Hill form")
    assert (goal.cue, goal.commitment) == ("the hill starts to hurt", "shorten my stride")


async def test_an_empty_plan_is_said_too(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _to_the_plan(pilot, app)
        await pilot.press("enter", "enter")  # neither a when nor an action
        await pilot.pause()
        assert isinstance(app.screen, WoopDialog) and "No plan yet" in dialog.error
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    goal = goal_named(store, "Hill form")
    assert (goal.obstacle, goal.cue, goal.commitment) == (OBSTACLE, "", "")


async def test_escape_with_an_action_and_no_cue_says_so_once(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _to_the_plan(pilot, app)
        await pilot.press("tab", *"shorten my stride", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WoopDialog) and "esc again" in dialog.error
        await pilot.press("escape")  # keeps what was entered, as escape always does
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    goal = goal_named(store, "Hill form")
    assert (goal.cue, goal.commitment) == ("", "shorten my stride")


async def test_escape_on_an_untouched_plan_step_does_not_warn(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await _to_the_plan(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    assert goal_named(store, "Hill form").obstacle == OBSTACLE
