"""An edit never silently overwrites another session's change to the same record."""

from __future__ import annotations

import pytest

from masterytui.app import MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.dialogs.form import FormDialog
from masterytui.store import MasteryStore
from masterytui.store.errors import ConflictError


def one_goal(store: MasteryStore) -> str:
    store.set_setting("welcomed", True)
    return store.add_goal("Sight-reading", "mastery", why="mine").id


def test_store_refuses_a_stale_edit(store: MasteryStore) -> None:
    goal_id = one_goal(store)
    seen = store.goal(goal_id)
    MasteryStore(store.path).update_goal(goal_id, why="theirs")
    before = store.path.read_bytes()
    with pytest.raises(ConflictError) as caught:
        store.update_goal(goal_id, expected=seen, why="my edit")
    assert "changed in another session" in str(caught.value)
    assert store.path.read_bytes() == before
    assert store.update_goal(goal_id, expected=seen, force=True, why="my edit").why == "my edit"


def test_store_brings_back_a_deleted_record_only_when_asked(store: MasteryStore) -> None:
    task = store.add_task("Scales in A")
    MasteryStore(store.path).delete_task(task.id)
    with pytest.raises(ConflictError) as caught:
        store.update_task(task.id, expected=task, title="Scales in A minor")
    assert caught.value.deleted
    assert store.snapshot().tasks == []
    again = store.update_task(task.id, expected=task, force=True, title="Scales in A minor")
    assert [t.title for t in MasteryStore(store.path).snapshot().tasks] == [again.title]


@pytest.mark.parametrize(("choice", "why"), [("k", "my edit"), ("t", "theirs")])
async def test_the_form_asks_keep_mine_or_take_theirs(
    store: MasteryStore, choice: str, why: str
) -> None:
    goal_id = one_goal(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormDialog)
        MasteryStore(store.path).update_goal(goal_id, why="theirs")
        form.query_one("#field-why").value = "my edit"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(choice)
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog | ChoiceDialog)
    assert MasteryStore(store.path).goal(goal_id).why == why


def test_feedback_and_practice_edits_are_guarded_too(store: MasteryStore) -> None:
    entry = store.add_feedback("Coach: slow down the tempo", "improve", "coach")
    session = store.log_practice(20, note="scales")
    other = MasteryStore(store.path)
    other.update_feedback(entry.id, next_step="metronome at 60")
    other.update_practice(session.id, minutes=25)
    with pytest.raises(ConflictError):
        store.update_feedback(entry.id, expected=entry, text="Coach: slower")
    with pytest.raises(ConflictError):
        store.update_practice(session.id, expected=session, note="arpeggios")
    kept = store.update_practice(session.id, expected=session, force=True, note="arpeggios")
    assert (kept.minutes, kept.note) == (25, "arpeggios")  # my field on top of theirs
