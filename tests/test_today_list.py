"""The Today list with hundreds of overdue tasks (#16): every one reachable, only what is on
screen drawn, the selection kept through a finished task, the headings in place."""

from __future__ import annotations

from datetime import date, timedelta

from masterytui.domain.model import PracticePlan
from masterytui.screens.today.screen import TodayList, TodayScreen
from masterytui.store import MasteryStore

from .helpers import screen_text
from .test_today_screen import today_screen

OVERDUE = 300


def many_overdue(store: MasteryStore, today: date) -> None:
    """A practice goal and :data:`OVERDUE` overdue tasks, written in one change."""
    with store.change("seed"):
        goal = store.add_goal("Scales", "mastery")
        store.update_goal(goal.id, practice_plan=PracticePlan(minutes_per_day=20))
        for n in range(OVERDUE):
            due = (today - timedelta(days=1 + n % 40)).isoformat()
            store.add_task(f"Overdue {n:03}", goal.id, column="next", due=due)


def selected_title(screen: TodayScreen) -> str:
    row = screen.selected_row()
    assert row is not None and row.kind == "task"
    task = screen.view.tasks[row.task_id or ""] if screen.view else None
    assert task is not None
    return task.title


def on_screen(app: object, title: str) -> bool:
    return title in screen_text(app)  # type: ignore[arg-type]


async def test_the_last_of_hundreds_of_overdue_tasks_is_reachable(
    store: MasteryStore, frozen: date
) -> None:
    many_overdue(store, frozen)
    async with today_screen(store) as (app, pilot, screen):
        tasks = [row for row in screen.rows if row.kind == "task"]
        assert len(tasks) == OVERDUE
        # Only the rows on screen were drawn, not three hundred.
        drawn = [row for row in screen.rows if row._prompt is not None]
        assert 0 < len(drawn) <= app.size.height
        text = screen_text(app)
        assert "Practice today" in text and f"Tasks · {OVERDUE} to do" in text
        last = tasks[-1]
        await pilot.press("G")
        await pilot.pause()
        assert screen.selected_row() is last
        assert on_screen(app, selected_title(screen))
        await pilot.press("g")
        await pilot.pause()
        assert screen.selected_row() is screen.rows[1]  # the practice row under its heading
        assert "Practice today" in screen_text(app)
        seen: list[str] = []
        for _ in range(OVERDUE):  # page by page to the end, each page's row in view
            await pilot.press("pagedown")
            await pilot.pause()
            row = screen.selected_row()
            if row is not None and row.kind == "task":
                seen.append(selected_title(screen))
                assert on_screen(app, seen[-1])
            if row is last:
                break
        assert screen.selected_row() is last and len(seen) > 5
        await pilot.press("k", "k")
        await pilot.pause()
        assert screen.selected_row() is tasks[-3]


async def test_scrolling_shows_the_end_of_the_list(store: MasteryStore, frozen: date) -> None:
    many_overdue(store, frozen)
    async with today_screen(store) as (app, pilot, screen):
        listing = screen.query_one(TodayList)
        assert listing.virtual_size.height == len(screen.rows)
        listing.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        last = [row for row in screen.rows if row.kind == "task"][-1]
        assert screen.view is not None
        title = screen.view.tasks[last.task_id or ""].title
        assert on_screen(app, title)
        assert not on_screen(app, "Practice today")  # scrolled away from the top


async def test_finishing_a_task_deep_in_the_list_keeps_the_place(
    store: MasteryStore, frozen: date
) -> None:
    many_overdue(store, frozen)
    async with today_screen(store) as (app, pilot, screen):
        for _ in range(5):
            await pilot.press("pagedown")
        await pilot.pause()
        rows = screen.rows
        here = rows.index(screen.selected_row())  # type: ignore[arg-type]
        finished, following = selected_title(screen), rows[here + 1]
        listing = screen.query_one(TodayList)
        scrolled = listing.scroll_y
        assert scrolled > 0
        await pilot.press("space")
        await pilot.pause()
        assert finished not in [t.title for t in screen.view.tasks.values()]  # type: ignore[union-attr]
        assert screen.selected_row() is not None
        assert screen.selected_row().key == following.key  # type: ignore[union-attr]
        assert on_screen(app, selected_title(screen))
        assert abs(listing.scroll_y - scrolled) <= 1  # the list did not jump
        text = screen_text(app)
        assert f"Tasks · {OVERDUE - 1} to do" in "\n".join(r.prompt.plain for r in screen.rows)
        assert "Done!" in text or any("Done!" in (n.title or "") for n in app._notifications)
        # Another session finishes one above: the selection stays on the same task.
        chosen = selected_title(screen)
        other = MasteryStore(store.path)
        first = next(t for t in other.snapshot().tasks if t.title == "Overdue 000")
        other.move_task(first.id, "done")
        app.check_file()
        await pilot.pause()
        assert selected_title(screen) == chosen
        assert on_screen(app, chosen)
        headings = [r.prompt.plain for r in screen.rows if r.kind == "heading"]
        assert headings[0].startswith("Practice today")
        assert headings[-1].startswith(f"Tasks · {OVERDUE - 2} to do")


async def test_b_shows_a_task_from_the_end_of_the_list_on_the_board(
    store: MasteryStore, frozen: date
) -> None:
    many_overdue(store, frozen)
    async with today_screen(store, (100, 30)) as (app, pilot, screen):
        await pilot.press("G")
        await pilot.pause()
        row = screen.selected_row()
        assert row is not None and row.task_id is not None
        await pilot.press("b")
        await pilot.pause()
        assert app.current_mode == "board"
        assert app.screen.card_list("next").selected_id == row.task_id  # type: ignore[attr-defined]


async def test_a_click_on_a_row_far_down_the_list_opens_that_task(
    store: MasteryStore, frozen: date
) -> None:
    """The mouse finds the row under it after scrolling (each line knows its row)."""
    from masterytui.dialogs.form import FormDialog

    many_overdue(store, frozen)
    async with today_screen(store) as (app, pilot, screen):
        listing = screen.query_one(TodayList)
        listing.scroll_to(y=200, animate=False, immediate=True)
        await pilot.pause()
        row = screen.rows[203]
        assert row.kind == "task" and screen.view is not None
        title = screen.view.tasks[row.task_id or ""].title
        await pilot.click(TodayList, offset=(20, 3))
        await pilot.pause()
        assert screen.selected_row() is row
        form = app.screen
        assert isinstance(form, FormDialog) and form.values()["title"] == title


async def test_brackets_jump_between_sections(store: MasteryStore, frozen: date) -> None:
    """``]`` goes to the first row of the next section (Tasks, below hundreds of rows) with
    its heading in view, ``[`` back to the section before; at either end nothing moves."""
    many_overdue(store, frozen)
    for n in range(40):  # lessons due: a long section between practice and the tasks
        store.add_feedback(f"Lesson {n:02}", "lesson", at=(frozen - timedelta(days=2)).isoformat())
    async with today_screen(store) as (app, pilot, screen):
        kinds = [row.kind for row in screen.rows]
        assert "lesson" in kinds
        assert screen.selected_row() is screen.rows[1]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        row = screen.selected_row()
        assert row is not None and row.kind == "lesson"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first_task = next(row for row in screen.rows if row.kind == "task")
        assert screen.selected_row() is first_task
        assert "Tasks · " in screen_text(app) and on_screen(app, selected_title(screen))
        await pilot.press("right_square_bracket")  # the last section: it stays
        await pilot.pause()
        assert screen.selected_row() is first_task
        await pilot.press("j", "j", "left_square_bracket")
        await pilot.pause()
        row = screen.selected_row()
        assert row is not None and row.kind == "lesson"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.selected_row() is screen.rows[1]
        assert "Practice today" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.selected_row() is screen.rows[1]
