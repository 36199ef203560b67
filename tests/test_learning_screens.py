"""The learning loop on screen: the WOOP prompt, the plan checks of the weekly review, the
spaced review of lessons, marking an entry, the setback's obstacle (Pilot)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.dialogs.form import FormDialog
from masterytui.dialogs.lesson_review import LessonReviewDialog
from masterytui.dialogs.woop import WoopDialog
from masterytui.domain.lessons import lesson_schedule
from masterytui.domain.model import Goal
from masterytui.domain.plans import week_of
from masterytui.store import MasteryStore
from masterytui.views.lessons import lessons_due

from .helpers import screen_text

SIZE = (100, 30)


def goal_named(store: MasteryStore, title: str) -> Goal:
    return next(g for g in store.snapshot().goals if g.title == title)


async def select(pilot: object, app: MasteryApp, title: str) -> None:
    goals = app.screen
    goals.refresh_data(select_id=goal_named(app.store, title).id)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def small_store(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    area = store.add_goal("Running", "area")
    store.add_goal("Cadence", "mastery", area.id, commitment="I'm going to do drills")
    return store


async def test_woop_makes_a_new_mastery_goal_in_four_steps(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Running")
        await pilot.press("W")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WoopDialog) and dialog.step == 0
        await pilot.press("escape")  # nothing typed: closes, nothing made
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
        await pilot.press("W")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WoopDialog)
        await pilot.press("enter")  # an empty wish is refused: it names the goal
        await pilot.pause()
        assert dialog.step == 0 and "wish cannot be empty" in dialog.error.lower()
        await pilot.press(*"Hill form", "enter")
        await pilot.press(*"Strong at km 35", "enter")
        await pilot.press(*"I slow down when it hurts", "enter")
        await pilot.pause()
        assert dialog.step == 3
        assert "Plan for that obstacle" in screen_text(app)
        await pilot.press(*"the hill starts to hurt", "enter")  # enter: on to the action
        await pilot.press(*"shorten my stride", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    goal = goal_named(store, "Hill form")
    assert goal.kind == "mastery" and goal.parent_id == goal_named(store, "Running").id
    assert (goal.outcome, goal.obstacle) == ("Strong at km 35", "I slow down when it hurts")
    assert (goal.cue, goal.commitment) == ("the hill starts to hurt", "shorten my stride")


async def test_escape_at_any_step_keeps_what_was_entered(store: MasteryStore) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Cadence")
        before = store.path.read_bytes()
        await pilot.press("W")
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).value == "Cadence"
        await pilot.press("escape")  # nothing changed: nothing written
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
        assert store.path.read_bytes() == before
        await pilot.press("W", "enter", *"Light feet", "enter", *"tired")
        await pilot.press("escape")  # on the third step: its text is kept too
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
        goal = goal_named(store, "Cadence")
        assert (goal.outcome, goal.obstacle, goal.cue) == ("Light feet", "tired", "")
        assert goal.commitment == "I'm going to do drills"
        # back with pgup, and a bad value refused with nothing saved
        await pilot.press("W", "enter", "enter", "pageup")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WoopDialog) and dialog.step == 1
        box = dialog.query_one("#field-outcome", Input)
        box.value = "x" * 5001
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.step == 1 and "5001 characters" in dialog.error
        await pilot.press("escape")  # refused: it says so and stays; escape again closes
        await pilot.pause()
        assert isinstance(app.screen, WoopDialog) and "Esc again" in dialog.error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WoopDialog)
    assert goal_named(store, "Cadence").outcome == "Light feet"


async def test_a_new_mastery_goal_from_the_form_is_offered_the_prompt(
    store: MasteryStore,
) -> None:
    small_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Cadence")
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Foot strike", "enter")
        await pilot.pause()
        assert any("W plans it in four steps" in n.message for n in app._notifications)
        assert not isinstance(app.screen, WoopDialog)  # offered, never forced


async def test_the_review_asks_about_each_plan(demo_store: MasteryStore, frozen: date) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "If-then plan 1 of 2" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert "If-then plan 2 of 2: Sales copywriting" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        view = app.screen.review  # type: ignore[attr-defined]
        assert [p.answer for p in view.plans] == ["yes", "no_cue"]
    week = week_of(frozen)
    answers = {
        g.title: [c.answer for c in g.plan_checks if c.week == week]
        for g in demo_store.snapshot().goals
        if g.plan_checks
    }
    assert answers["Sales copywriting"] == ["no_cue"]
    assert answers["A consistent running cadence and efficient foot strikes"] == ["yes"]


async def test_lessons_due_are_reviewed_and_come_back_later(
    demo_store: MasteryStore, frozen: date
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    first, second = lessons_due(demo_store.snapshot(), frozen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LessonReviewDialog)
        text = screen_text(app)
        assert "Lesson 1 of 2" in text and first.entry.text in text and "Still true?" in text
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, LessonReviewDialog) and "Lesson 2 of 2" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, LessonReviewDialog)
        assert any("2 lessons reviewed" in n.message for n in app._notifications)
    assert lessons_due(demo_store.snapshot(), frozen) == []
    applied = lesson_schedule(demo_store.feedback_entry(first.entry.id))
    again = lesson_schedule(demo_store.feedback_entry(second.entry.id))
    assert applied is not None and applied.due == frozen + timedelta(days=3)
    assert again is not None and again.due == frozen + timedelta(days=1)
    tomorrow = lessons_due(demo_store.snapshot(), frozen + timedelta(days=1))
    assert [d.entry.id for d in tomorrow] == [second.entry.id]  # again: back the next day
    later = lessons_due(demo_store.snapshot(), frozen + timedelta(days=3))
    assert first.entry.id in {d.entry.id for d in later}  # applied: back on its next interval


async def test_escape_stops_the_lesson_review_and_m_marks_an_entry(
    demo_store: MasteryStore, frozen: date
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("s", "escape")  # skip the first, stop: nothing written
        await pilot.pause()
        assert len(lessons_due(demo_store.snapshot(), frozen)) == 2
        feedback = app.screen
        entry = feedback.selected_entry()  # type: ignore[attr-defined]
        assert entry.kind == "win"
        await pilot.press("m")
        await pilot.pause()
        marked = lesson_schedule(demo_store.feedback_entry(entry.id))
        assert marked is not None and marked.due == frozen + timedelta(days=1)
        assert any("In the spaced review" in n.message for n in app._notifications)
        await pilot.press("m")
        await pilot.pause()
        assert lesson_schedule(demo_store.feedback_entry(entry.id)) is None


async def test_a_setback_names_the_obstacle_its_goal_planned_for(
    demo_store: MasteryStore,
) -> None:
    demo_store.set_setting("welcomed", True)
    cadence = goal_named(demo_store, "A consistent running cadence and efficient foot strikes")
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, cadence.title)
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        await pilot.press(*"Skipped drills twice")
        form.query_one("#field-kind").value = "setback"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        prompt = app.screen
        assert (
            isinstance(prompt, FormDialog) and prompt.form_title == "Setbacks are how skill grows"
        )
        await pilot.press(*"Drills before I sit down")
        prompt.query_one("#field-obstacle").value = cadence.obstacle  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    entry = next(e for e in demo_store.snapshot().feedback if e.text == "Skipped drills twice")
    assert entry.obstacle == cadence.obstacle and entry.next_step == "Drills before I sit down"


async def test_plan_text_is_shown_literally(store: MasteryStore) -> None:
    small_store(store)
    goal = goal_named(store, "Cadence")
    store.update_goal(
        goal.id, cue="[red]x[/] \x1b[2J", outcome="[/]", obstacle="[@click=app.quit]q"
    )
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Cadence")
        text = screen_text(app)
        assert "[red]x[/]" in text and "[/]" in text and "[@click=app.quit]q" in text
        assert "\x1b" not in text
        await pilot.press("3", "R")
        await pilot.pause()
        assert app.is_running
