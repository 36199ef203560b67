"""The practice form, as a user types it: minutes and enter still log at once; the focus,
quality, difficulty and next fix below them; the next form shows the last next fix."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.screens.practice_form import PracticeForm
from masterytui.store import MasteryStore
from tests.helpers import screen_text, text_of

SIZE = (80, 24)


def guitar(store: MasteryStore) -> tuple[str, str]:
    """Two mastery goals; the first practised last (the form's default goal)."""
    area = store.add_goal("Music", "area")
    other = store.add_goal("Piano", "mastery", area.id)
    goal = store.add_goal("Guitar", "mastery", area.id)
    store.log_practice(10, other.id, on="-2d")
    store.log_practice(10, goal.id, on="-1d", focus="left-hand legato")
    return goal.id, other.id


async def open_practice(app: MasteryApp, pilot: object) -> PracticeForm:
    await pilot.press("4")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, PracticeForm)
    return app.screen


async def test_quick_log_is_still_minutes_and_enter(store: MasteryStore, frozen: date) -> None:
    goal_id, _ = guitar(store)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_practice(app, pilot)
        assert app.focused is form.query_one("#field-minutes")
        await pilot.press("2", "5", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    session = store.snapshot().practice[-1]
    assert (session.minutes, session.goal_id, session.date) == (25, goal_id, frozen.isoformat())
    assert not session.is_deliberate
    doc = next(d for d in store.docs("practice").values() if d["id"] == session.id)
    assert set(doc) == {"id", "date", "minutes", "goal_id", "note", "changed_at"}


async def test_a_full_log_and_the_next_form_shows_its_next_fix(
    store: MasteryStore, frozen: date
) -> None:
    goal_id, _ = guitar(store)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_practice(app, pilot)
        assert not form.intro.display  # no next fix left yet
        await pilot.press("3", "0", "tab", "tab")
        assert app.focused is form.query_one("#field-focus")
        await pilot.press("L", "E", "F", "right")  # the earlier focus, completed
        assert form.query_one("#field-focus", Input).value == "left-hand legato"
        await pilot.press("tab", "4")
        await pilot.pause()
        assert "= focused on one weakness" in text_of(form.query_one("#error-quality"))
        await pilot.press("tab", "3", "tab", *"slower at 60 bpm", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        session = store.snapshot().practice[-1]
        assert (session.minutes, session.focus, session.quality) == (30, "left-hand legato", 4)
        assert (session.difficulty, session.next_fix, session.goal_id) == (
            3,
            "slower at 60 bpm",
            goal_id,
        )

        form = await open_practice(app, pilot)
        assert form.intro.display
        assert text_of(form.intro) == "→ Last next fix (today): slower at 60 bpm\n"
        assert "Last next fix (today): slower at 60 bpm" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()


async def test_the_next_fix_follows_the_goal_field(store: MasteryStore, frozen: date) -> None:
    goal_id, other_id = guitar(store)
    store.log_practice(5, goal_id, on="-1d", next_fix="[red]slower[/] \x1b[2J")
    store.log_practice(5, other_id, on="-3d", next_fix="scales in thirds", focus="Scales")
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_practice(app, pilot)
        assert "Last next fix (yesterday): [red]slower[/] \ufffd" in text_of(form.intro)
        form.query_one("#field-goal_id", Select).value = other_id
        await pilot.pause()
        assert "scales in thirds" in text_of(form.intro)
        assert "e.g. Scales" in form.query_one("#field-focus", Input).placeholder
        await pilot.press("ctrl+n")  # no goal: no next fix to show
        await pilot.pause()
        assert not form.intro.display


async def test_bad_scores_are_shown_beside_their_fields_and_nothing_is_saved(
    store: MasteryStore, frozen: date
) -> None:
    guitar(store)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_practice(app, pilot)
        before = store.path.read_bytes()
        form.query_one("#field-minutes", Input).value = "20"
        form.query_one("#field-quality", Input).value = "7"
        form.query_one("#field-difficulty", Input).value = "abc"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert "Quality must be a whole number from 1 to 5; got 7." in text_of(
            form.query_one("#error-quality")
        )
        assert "got 'abc'" in text_of(form.query_one("#error-difficulty"))
        assert store.path.read_bytes() == before


async def test_the_practice_tab_edits_every_field(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("v")  # the Practice tab
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeForm) and form.editing is not None
        session = form.editing
        assert form.query_one("#field-focus", Input).value == session.focus
        assert not form.intro.display  # an edit shows no next fix of its own
        quality = form.query_one("#field-quality", Input)
        quality.value = "1"
        form.query_one("#field-focus", Input).value = "brand new focus"
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = demo_store.practice_session(session.id)
        assert (edited.quality, edited.focus) == (1, "brand new focus")
        assert edited.next_fix == session.next_fix
