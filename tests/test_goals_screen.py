"""Pilot tests of the Goals screen: every key, every validation error, hostile titles."""

from __future__ import annotations

from datetime import date

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Static

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.domain.figures import Consistency
from masterytui.domain.model import Goal
from masterytui.screens.goals.detail import GoalDetail, against_plan
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.screens.goals.tree import GoalTree
from masterytui.store import MasteryStore
from masterytui.widgets.glyphs import glyph
from tests.helpers import screen_text, text_of

SIZE = (100, 30)


def goal_by_title(store: MasteryStore, title: str) -> Goal:
    return next(g for g in store.snapshot().goals if g.title == title)


def tree(app: MasteryApp) -> GoalTree:
    return app.screen.query_one(GoalTree)


def tree_titles(app: MasteryApp) -> list[str]:
    titles = []

    def walk(node: object) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            titles.append(child.label.plain)
            walk(child)

    walk(tree(app).root)
    return titles


async def select(pilot: object, app: MasteryApp, title: str) -> None:
    """Move the tree cursor onto the goal called ``title`` with the keyboard."""
    goal_tree = tree(app)
    await pilot.press("g")  # type: ignore[attr-defined]
    for _ in range(40):
        if goal_tree.selected_goal_id and goal_by_title(app.store, title).id == (
            goal_tree.selected_goal_id
        ):
            return
        await pilot.press("j")  # type: ignore[attr-defined]
    raise AssertionError(f"could not reach {title!r}")


def simple_store(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    area = store.add_goal("Running", "area")
    perf = store.add_goal("Marathon under 3:40", "performance", area.id)
    store.add_goal("Cadence", "mastery", perf.id)
    store.add_goal("Foot strike", "mastery", perf.id)
    store.add_goal("Guitar", "area")
    return store


async def test_tree_shows_goals_in_order_with_kind_status_and_progress(
    demo_store: MasteryStore,
) -> None:
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = tree_titles(app)
        assert titles[0].startswith("◆ Running")
        assert any(t.startswith("▲ Beat last year's marathon time") for t in titles)
        assert any("Deadlift 300 lb" in t and "achieved" in t and "100%" in t for t in titles)
        assert any("Illustrator icons" in t and "paused" in t for t in titles)


async def test_add_child_and_sibling(store: MasteryStore) -> None:
    simple_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Marathon under 3:40")
        await pilot.press("a")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Long runs", "enter")
        await pilot.pause()
        child = goal_by_title(store, "Long runs")
        assert child.parent_id == goal_by_title(store, "Marathon under 3:40").id
        assert child.kind == "mastery"
        assert tree(app).selected_goal_id == child.id
        await pilot.press("n")
        await pilot.press(*"Hill repeats", "enter")
        await pilot.pause()
        sibling = goal_by_title(store, "Hill repeats")
        assert sibling.parent_id == child.parent_id
        siblings = sorted(
            (g for g in store.snapshot().goals if g.parent_id == child.parent_id),
            key=lambda g: g.position,
        )
        assert [g.title for g in siblings][-2:] == ["Long runs", "Hill repeats"]


async def test_edit_every_field_and_inline_errors(store: MasteryStore) -> None:
    simple_store(store)
    before = store.path.read_bytes()
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Marathon under 3:40")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-target").value = "abc"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        error = form.query_one("#error-target", Static)
        assert "must be a number" in text_of(error)
        assert error.has_class("-shown")
        assert app.screen is form
        assert store.path.read_bytes() == before
        form.query_one("#field-target").value = "220"  # type: ignore[attr-defined]
        form.query_one("#field-deadline").value = "2027-02-30"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert "not a real calendar date" in text_of(form.query_one("#error-deadline"))
        assert not form.query_one("#error-target").has_class("-shown")
        assert store.path.read_bytes() == before
        form.query_one("#field-deadline").value = "2027-04-02"  # type: ignore[attr-defined]
        form.query_one("#field-ready").value = "4"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert "all three scores" in text_of(form.query_one("#error-willing"))
        values = {
            "current": "228",
            "start": "236",
            "unit": "min",
            "willing": "2",
            "able": "5",
            "why": "Faded after 30 km",
            "commitment": "I'm going to run 3:39",
            "sessions_per_week": "4",
        }
        for name, value in values.items():
            form.query_one(f"#field-{name}").value = value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        goal = goal_by_title(store, "Marathon under 3:40")
        assert goal.measure is not None and goal.measure.target == 220
        assert goal.measure.deadline == "2027-04-02" and goal.measure.start == 236
        assert goal.rwa is not None and goal.rwa.willing == 2
        assert goal.practice_plan is not None and goal.practice_plan.sessions_per_week == 4
        assert goal.why == "Faded after 30 km"
        detail = text_of(app.screen.query_one("#detail-head", Static))
        assert "Scale it back" in detail
        assert "228 min of 220 min" in detail


async def test_empty_title_refused_inline(store: MasteryStore) -> None:
    simple_store(store)
    before = store.path.read_bytes()
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.press("space", "space", "enter")
        assert isinstance(app.screen, FormDialog)
        assert "cannot be empty" in text_of(app.screen.query_one("#error-title"))
        await pilot.press("escape")
        assert isinstance(app.screen, GoalsScreen)
    assert store.path.read_bytes() == before


async def test_status_delete_and_undo(store: MasteryStore) -> None:
    simple_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Cadence")
        await pilot.press("s", "c")
        await pilot.pause()
        assert goal_by_title(store, "Cadence").status == "achieved"
        await pilot.press("x")  # hide achieved and dropped
        await pilot.pause()
        assert not any("Cadence" in t for t in tree_titles(app))
        await pilot.press("x")
        await pilot.pause()
        assert any("Cadence" in t for t in tree_titles(app))

        perf = goal_by_title(store, "Marathon under 3:40")
        task = store.add_task("Run 20 km", perf.id)
        await select(pilot, app, "Marathon under 3:40")
        await pilot.press("d")
        body = text_of(app.screen.query_one("#choice-body", Static))
        assert "2 goals" in body and "1 task" in body
        await pilot.press("m")  # move them up
        await pilot.pause()
        titles = [g.title for g in store.snapshot().goals]
        assert "Marathon under 3:40" not in titles
        area = goal_by_title(store, "Running")
        assert goal_by_title(store, "Cadence").parent_id == area.id
        assert store.task(task.id).goal_id == area.id
        await pilot.press("u")
        await pilot.pause()
        assert goal_by_title(store, "Cadence").parent_id == perf.id
        assert store.task(task.id).goal_id == perf.id

        await select(pilot, app, "Marathon under 3:40")
        await pilot.press("d", "D")  # delete everything
        await pilot.pause()
        titles = [g.title for g in store.snapshot().goals]
        assert "Cadence" not in titles and "Marathon under 3:40" not in titles
        assert not store.snapshot().tasks
        await pilot.press("u")
        await pilot.pause()
        assert len(store.snapshot().goals) == 5 and len(store.snapshot().tasks) == 1


async def test_move_indent_outdent_and_refused_cycle(store: MasteryStore) -> None:
    simple_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Foot strike")
        await pilot.press("K")
        await pilot.pause()
        order = sorted(
            (g for g in store.snapshot().goals if g.kind == "mastery"), key=lambda g: g.position
        )
        assert [g.title for g in order] == ["Foot strike", "Cadence"]
        await pilot.press("shift+down")
        await pilot.pause()
        assert goal_by_title(store, "Foot strike").position == 1
        await pilot.press("greater_than_sign")  # indent under Cadence
        await pilot.pause()
        assert goal_by_title(store, "Foot strike").parent_id == goal_by_title(store, "Cadence").id
        await pilot.press("less_than_sign")
        await pilot.pause()
        perf = goal_by_title(store, "Marathon under 3:40")
        assert goal_by_title(store, "Foot strike").parent_id == perf.id
        assert tree(app).selected_goal_id == goal_by_title(store, "Foot strike").id

        before = store.path.read_bytes()
        await select(pilot, app, "Running")
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#field-parent").value = perf.id  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert "cannot be moved under itself" in text_of(form.query_one("#error-parent"))
        assert store.path.read_bytes() == before
        await pilot.press("escape")
        await pilot.press("shift+left")  # already at the top level
        await pilot.pause()
        assert store.path.read_bytes() == before


async def test_rate_proficiency_and_filter(store: MasteryStore, frozen: date) -> None:
    simple_store(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, "Cadence")
        await pilot.press("r")
        await pilot.press("1", "1", "enter")
        assert "at most 10" in text_of(app.screen.query_one("#error-level"))
        await pilot.press("backspace", "backspace", "7", "enter")
        await pilot.pause()
        assert [p.level for p in goal_by_title(store, "Cadence").proficiency] == [7]

        await pilot.press("slash")
        await pilot.press(*"foot")
        await pilot.pause()
        titles = tree_titles(app)
        assert [t.split(" ", 1)[1].rsplit(" ", 1)[0] for t in titles] == [
            "Running",
            "Marathon under 3:40",
            "Foot",
        ] or all(("Foot" in t or "Running" in t or "Marathon" in t) for t in titles)
        assert not any("Guitar" in t or "Cadence" in t for t in titles)
        assert len(titles) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert len(tree_titles(app)) == 5


async def test_hostile_titles_are_shown_literally(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    hostile = ["[red]x[/]", "[/]", "[link=x]y", "a [/bold] b", "[@click=app.quit]q[/]"]
    for title in hostile:
        store.add_goal(title, "area", why=title)
    store.add_goal("clear\x1b[2Jscreen\x1b]0;pwned\x07", "area")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = tree_titles(app)
        for title in hostile:
            assert any(title in t for t in titles), title
        escaped = next(t for t in titles if "clear" in t)
        assert "\x1b" not in escaped and "\x07" not in escaped
        head = app.screen.query_one(GoalDetail).query_one("#detail-head", Static)
        assert "[red]x[/]" in text_of(head)
        assert app.is_running


def tree_rows(app: MasteryApp) -> list[str]:
    """The Goals tree as drawn: the left pane of each screen line, up to its border."""
    left = tree(app).region
    lines = screen_text(app).splitlines()
    return [line[left.x : left.right] for line in lines[left.y : left.bottom]]


async def test_long_titles_are_cut_with_an_ellipsis_and_keep_their_figures(
    monkeypatch: pytest.MonkeyPatch, demo_store: MasteryStore
) -> None:
    monkeypatch.setenv("MASTERYTUI_ASCII", "0")
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        narrow = tree_rows(app)
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        wide = tree_rows(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow_again = tree_rows(app)
    # Cut to the pane with an ellipsis; the status and progress after the title stay whole.
    assert "├ ▼ ▲ Beat last year's maratho… 50%" in narrow
    assert "└ ● Learn to swim butter… ✗ dropped" in narrow
    # With room, the same titles are whole; narrowed again, cut again.
    wide = [row.rstrip() for row in wide]
    assert "├ ▼ ▲ Beat last year's marathon time 50%" in wide
    assert "└ ● Learn to swim butterfly ✗ dropped" in wide
    assert narrow_again == narrow


@pytest.mark.parametrize("ascii_only", ["0", "1"])
def test_practice_at_or_over_the_plan_is_a_full_bar_and_a_done_mark(
    monkeypatch: pytest.MonkeyPatch, ascii_only: str
) -> None:
    monkeypatch.setenv("MASTERYTUI_ASCII", ascii_only)
    met = Style(color="green", bold=True)
    over = against_plan(Consistency(7, 160, 140, "min"), met)
    assert over.plain == f"{glyph('full') * 10} 160/140 min (114%) {glyph('done')}"
    coloured = [over.plain[s.start : s.end] for s in over.spans if s.style == met]
    assert coloured == [glyph("full") * 10, glyph("done")]
    under = against_plan(Consistency(7, 70, 140, "min"), met)
    assert under.plain == f"{glyph('full') * 5}{glyph('empty') * 5} 70/140 min (50%)"
    assert not under.spans and not under.style


async def test_the_over_plan_bar_takes_the_themes_success_colour(
    demo_store: MasteryStore, frozen: date
) -> None:
    """On the demo the cadence goal is over its plan (114% in 7 days): the bar is drawn in
    the theme's success colour, and again in the new one's when the theme changes."""
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")
        await pilot.pause()
        detail = app.screen.query_one(GoalDetail)
        lines = text_of(detail.query_one("#detail-head", Static)).splitlines()
        week = next(line for line in lines if "7 days" in line)
        assert f"{glyph('full') * 10} " in week and "(114%)" in week
        assert week.rstrip().endswith(glyph("done"))

        def success() -> object:
            theme = app.current_theme.success
            assert theme is not None
            return Color.parse(theme).rich_color

        assert detail._met.color == success() and detail._met.bold
        app.theme = "nord"
        await pilot.pause()
        await pilot.pause()
        assert detail._met.color == success()
