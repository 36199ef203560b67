"""``T`` turns a feedback entry's next step into a task once (issue #13, item 3).

The entry keeps the new task's id (``step_task_id``), so a second ``T`` (now, after a restart,
or from another session) says the task exists and offers to show it on the Board.
"""

from __future__ import annotations

import pytest

from masterytui.app import MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.domain.errors import AlreadyExistsError
from masterytui.domain.model import FeedbackEntry
from masterytui.screens.board.screen import BoardScreen
from masterytui.screens.feedback.screen import FeedbackScreen
from masterytui.store import MasteryStore

SIZE = (120, 34)
STEP = "Practise right after lunch, before email."


def setback(store: MasteryStore) -> FeedbackEntry:
    return next(e for e in store.snapshot().feedback if e.next_step == STEP)


def step_tasks(store: MasteryStore) -> list[str]:
    return [t.id for t in store.snapshot().tasks if t.title == STEP]


def test_the_store_makes_the_task_once_and_remembers_it_across_restarts(
    demo_store: MasteryStore,
) -> None:
    entry = setback(demo_store)
    task = demo_store.next_step_to_task(entry.id)
    assert demo_store.feedback_entry(entry.id).step_task_id == task.id
    again = MasteryStore(demo_store.path)  # a restart, or another session
    with pytest.raises(AlreadyExistsError, match="a task already") as raised:
        again.next_step_to_task(entry.id)
    assert raised.value.existing_id == task.id
    assert step_tasks(again) == [task.id]
    # One undo takes back the task and the link; the task deleted, T makes a new one.
    assert demo_store.undo() is not None
    assert step_tasks(demo_store) == [] and setback(demo_store).step_task_id is None
    first = demo_store.next_step_to_task(entry.id)
    demo_store.delete_task(first.id)
    second = demo_store.next_step_to_task(entry.id)
    assert step_tasks(demo_store) == [second.id]


async def test_a_second_t_offers_the_task_instead_of_a_duplicate(
    demo_store: MasteryStore,
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        entry = setback(demo_store)
        assert screen.log_table.select_key(entry.id)
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        made = step_tasks(demo_store)
        assert len(made) == 1
        await pilot.press("T")
        await pilot.pause()
        assert step_tasks(demo_store) == made  # no duplicate
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert f"This next step is a task already: {STEP}" in dialog.body
        await pilot.press("b")  # show it on the Board
        await pilot.pause()
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        task = board.selected_task()
        assert task is not None and task.id == made[0]
        assert board.current_column == "next"


async def test_jumping_to_the_task_clears_a_board_filter_that_hides_it(
    demo_store: MasteryStore,
) -> None:
    demo_store.set_setting("welcomed", True)
    entry = setback(demo_store)
    task = demo_store.next_step_to_task(entry.id)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", "z", "z", "q", "enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen) and board.board_filter.text == "zzq"
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        assert screen.log_table.select_key(entry.id)
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is board and not board.board_filter.active
        selected = board.selected_task()
        assert selected is not None and selected.id == task.id
