"""Opening a screen does not redo work whose inputs did not change (issue #16).

These count work, never time it: every piece of CSS is parsed once per theme, however many
screens are opened, and drawing a footer restyles none of its keys.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css import stylesheet as textual_stylesheet
from textual.dom import DOMNode
from textual.widgets._footer import FooterKey

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore
from masterytui.widgets.css_cache import clear_css_cache
from tests.helpers import screen_text, wait_until

SIZE = (100, 30)


def prepared(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    area = store.add_goal("Guitar", "area")
    store.add_goal("Play barre chords cleanly", "mastery", area.id)
    return store


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[object, ...]]:
    """Every parse of a CSS source, by source and theme variables."""
    clear_css_cache()
    counted: Counter[tuple[object, ...]] = Counter()
    original = textual_stylesheet.parse

    def parse(scope: str, css: str, read_from: Any, **kwargs: Any) -> Any:
        tokens = kwargs.get("variable_tokens") or {}
        variables = tuple(sorted((name, repr(value)) for name, value in tokens.items()))
        inputs = (kwargs.get("is_default_rules"), kwargs.get("tie_breaker"), scope, variables)
        counted[(read_from, css, *inputs)] += 1
        return original(scope, css, read_from, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", parse)
    return counted


async def test_opening_every_screen_parses_each_css_source_once(
    store: MasteryStore, parses: Counter[tuple[object, ...]]
) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        for key in "23412341":
            await pilot.press(key)
            await pilot.pause()
        assert app.current_mode == "goals"
        parsed = sum(parses.values())
    assert parses, "the app parsed no CSS at all: the counter is not hooked"
    twice = [key[0] for key, count in parses.items() if count > 1]
    assert twice == [], f"parsed again with the same inputs: {twice}"
    assert parsed == len(parses)


async def test_a_theme_change_still_reparses_with_its_colours(
    store: MasteryStore, parses: Counter[tuple[object, ...]]
) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.screen.styles.background
        parsed = sum(parses.values())
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        assert sum(parses.values()) > parsed, "a new theme must parse the CSS afresh"
        assert app.screen.styles.background != before


async def test_drawing_a_footer_restyles_none_of_its_keys(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    restyled: Counter[str] = Counter()
    original = App.update_styles

    def update_styles(self: App[Any], node: DOMNode, animate: bool = True) -> None:
        restyled[type(node).__name__] += 1
        original(self, node, animate)

    monkeypatch.setattr(App, "update_styles", update_styles)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        for key in "2341":
            await pilot.press(key)
            await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys, "the footer shows keys"
        assert all(key.has_class("-compact") == key.compact for key in keys)
    assert restyled[FooterKey.__name__] == 0


async def test_screens_are_built_after_the_first_frame_and_show_fresh_data(
    store: MasteryStore,
) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False, warm_screens=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: set(app._screen_stacks) == {"today", "goals", "board", "feedback", "progress"},
            "every screen built",
        )
        assert app.current_mode == "goals"
        board = app._screen_stacks["board"][0]
        await wait_until(pilot, lambda: board.is_mounted, "the board mounted")
        # A change while the board waits unseen is on it when it is shown.
        goal = store.snapshot().goals[-1]
        store.add_task("Practise F major", goal.id)
        app.data_changed()
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is board
        assert "Practise F major" in screen_text(app)


async def test_headless_apps_build_only_the_screens_shown(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        assert set(app._screen_stacks) == {"goals"}


def test_add_imports_neither_shutil_nor_locale(tmp_path: Path) -> None:
    """``add`` is start-up and imports; argparse pulled these in for nothing."""
    script = textwrap.dedent(
        """
        import sys
        from masterytui.cli import main
        path = sys.argv[1]
        assert main(["--db", path, "add", "task", "x"]) == 0  # the whole-file path
        assert main(["--db", path, "add", "task", "y"]) == 0  # the quick path
        print(sorted(m for m in ("shutil", "locale", "textual") if m in sys.modules))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_help_is_as_wide_as_the_terminal_says(tmp_path: Path) -> None:
    def usage(columns: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-m", "masterytui", "add", "task", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": columns},
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    narrow, wide = usage("50"), usage("200")
    assert max(map(len, narrow)) <= 50 < max(map(len, wide))


def _parsed_files(parses: Counter[tuple[object, ...]]) -> set[str]:
    return {Path(str(key[0][0])).name for key in parses if str(key[0][0]).endswith(".tcss")}  # type: ignore[index]


@pytest.mark.parametrize(("last", "first_key"), [(None, "2"), ("board", "1")])
async def test_only_the_first_screens_stylesheet_is_parsed_before_another_screen_shows(
    store: MasteryStore, parses: Counter[tuple[object, ...]], last: str | None, first_key: str
) -> None:
    prepared(store)
    if last:
        store.set_setting("last_screen", last)
    first = last or "goals"
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == first
        assert _parsed_files(parses) == {"app.tcss", f"{first}.tcss"}
        await pilot.press(first_key)
        await pilot.pause()
        assert app.current_mode != first
        assert _parsed_files(parses) == {
            "app.tcss",
            "dialogs.tcss",
            "goals.tcss",
            "board.tcss",
            "feedback.tcss",
            "progress.tcss",
            "today.tcss",
        }
        # The screen shown second is styled by its own stylesheet, as if parsed from the start.
        if app.current_mode == "board":
            assert app.screen.query_one("#board-filter-bar").styles.height is not None


async def test_a_dialog_opened_first_brings_the_other_stylesheets_back(
    store: MasteryStore, parses: Counter[tuple[object, ...]]
) -> None:
    from textual.screen import ModalScreen
    from textual.widgets import Static

    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not {"board.tcss", "dialogs.tcss"} & _parsed_files(parses)
        dialog: ModalScreen[None] = ModalScreen(classes="form-dialog")
        await app.push_screen(dialog)
        await dialog.mount(Static("x"))
        await pilot.pause()
        assert {"board.tcss", "dialogs.tcss"} <= _parsed_files(parses)
        assert dialog.styles.align_horizontal == "center"  # dialogs.tcss styled it
        assert not app.stylesheet.deferred  # type: ignore[attr-defined]


def test_a_goals_items_are_picked_without_making_the_rest_of_the_table(tmp_path: Path) -> None:
    """The Goals detail reads one goal's tasks, feedback and practice: a file reopened makes
    only those objects, and they equal the ones the whole table gives."""
    store = prepared(MasteryStore(tmp_path / "data.json"))
    guitar, barre = store.snapshot().goals
    other = store.add_goal("Cook", "area")
    for goal in (barre, other, barre):
        store.add_task(f"task for {goal.title}", goal.id)
        store.add_feedback(f"note on {goal.title}", goal_id=goal.id)
        store.log_practice(20, goal.id)
    store.add_task("no goal")
    store.wait_for_writes()

    reopened = MasteryStore(tmp_path / "data.json").snapshot()
    picked = {
        table: reopened.of_goals(table, {barre.id, guitar.id})
        for table in ("tasks", "feedback", "practice")
    }
    assert not any(reopened.ready(table) for table in picked)  # nothing else was made
    whole = store.snapshot()
    for table, items in picked.items():
        expected = [item for item in getattr(whole, table) if item.goal_id == barre.id]
        assert items == expected and len(items) == 2
        assert reopened.of_goals(table, {barre.id}) == getattr(reopened, table)[::2][:2]
        assert reopened.of_goals(table, {barre.id}) == expected  # from the objects, once made
