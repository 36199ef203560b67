"""Deliberate practice on the Progress screen: the heat map by minutes or by quality (v),
and each mastery goal's quality and focus areas over the last four weeks."""

from __future__ import annotations

from datetime import date

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore
from tests.helpers import text_of

SIZE = (100, 30)


def shown(app: MasteryApp, selector: str) -> str:
    return text_of(app.screen.query_one(selector))


async def test_v_shows_the_heat_map_by_quality_and_back(
    demo_store: MasteryStore, frozen: date
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        minutes = shown(app, "#progress-heatmap")
        assert "min a day" in minutes
        assert "(v: quality)" in shown(app, "#progress-heat-title")
        await pilot.press("v")
        await pilot.pause()
        quality = shown(app, "#progress-heatmap")
        assert "quality a day" in quality and "not rated" in quality
        today_row = quality.splitlines()[1 + frozen.weekday()]
        assert today_row.rstrip().endswith("5")  # the demo's last cadence session: quality 5
        assert "(v: minutes)" in shown(app, "#progress-heat-title")
        assert "rated sessions, quality" in shown(app, "#progress-heat-total")
        await pilot.press("v")
        await pilot.pause()
        assert shown(app, "#progress-heatmap") == minutes


async def test_the_quality_map_follows_the_narrowing(store: MasteryStore, frozen: date) -> None:
    guitar = store.add_goal("Guitar")
    piano = store.add_goal("Piano")
    store.log_practice(30, guitar.id, quality=2)
    store.log_practice(30, piano.id, quality=5)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "v")
        await pilot.pause()
        row = shown(app, "#progress-heatmap").splitlines()[1 + frozen.weekday()]
        assert row.rstrip().endswith("4")  # (2 + 5) / 2 = 3.5: a half rounds up
        await pilot.press("slash", *"piano", "enter")
        await pilot.pause()
        row = shown(app, "#progress-heatmap").splitlines()[1 + frozen.weekday()]
        assert row.rstrip().endswith("5")
        assert "1 rated session, quality 5.0 of 5" in shown(app, "#progress-heat-total")


async def test_focus_areas_most_and_least_with_user_text_literal(
    store: MasteryStore, frozen: date
) -> None:
    goal = store.add_goal("[b]Guitar[/b]", "mastery")
    store.log_practice(40, goal.id, focus="[red]legato[/]", quality=4, on="-1d")
    store.log_practice(20, goal.id, focus="scales", quality=3, on="-2d")
    store.log_practice(10, goal.id, focus="arpeggios", on="-3d")
    store.log_practice(15, goal.id, focus="tremolo \x1b[2J", on="-40d")
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        panel = shown(app, "#progress-focus-rows")
    lines = panel.splitlines()
    assert lines[0].startswith("● [b]Guitar[/b]")
    assert "70 min" in lines[0] and "quality 3.7" in lines[0]
    assert lines[1].split() == ["most", "[red]legato[/]", "40", "min", "·", "scales", "20", "min"]
    assert lines[2].startswith("  least tremolo \ufffd: not in 4 weeks (last 14 Oct)")
    assert "arpeggios 10 min" in lines[2]


async def test_no_focus_yet_says_how_to_log_one(store: MasteryStore, frozen: date) -> None:
    store.log_practice(20, store.add_goal("Guitar").id)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "No focus or quality logged here yet" in shown(app, "#progress-focus-rows")
