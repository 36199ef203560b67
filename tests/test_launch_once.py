"""The first frame is worked out once (issue #16): no frame rendered to be thrown away, the
footer composed once, the goal tree invalidated once per rebuild. These count work, never
time it."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Tree
from textual.widgets._footer import FooterKey

from masterytui.app import MasteryApp
from masterytui.screens.goals.detail import GoalDetail
from masterytui.screens.goals.tree import GoalTree
from masterytui.store import MasteryStore
from masterytui.widgets.footer import Footer
from tests.helpers import screen_text

SIZE = (100, 30)


def prepared(store: MasteryStore) -> MasteryStore:
    store.set_setting("welcomed", True)
    area = store.add_goal("Guitar", "area")
    store.add_goal("Play barre chords cleanly", "mastery", area.id)
    store.add_goal("Read standard notation", "mastery", area.id)
    return store


async def wait_painted(app: MasteryApp, pilot: Any) -> None:
    for _ in range(400):
        if app.painted:
            return
        await pilot.pause(0.01)
    raise AssertionError("never painted")


async def test_no_frame_is_rendered_while_the_app_batches_its_start(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    rendered: list[int] = []  # the app's batch count at each frame rendered
    app = MasteryApp(store, watch_file=False)
    from textual._compositor import Compositor

    original = Compositor.render_update

    def render_update(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        rendered.append(app._batch_count)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", render_update)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        await pilot.pause()
    assert rendered, "frames are rendered"
    assert all(count == 0 for count in rendered), rendered


async def test_the_footer_is_composed_once_and_again_only_when_its_keys_change(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    composed: list[bool] = []  # each compose of the footer: with keys, or before them
    original = Footer.compose

    def compose(self: Footer) -> Any:
        composed.append(self._bindings_ready)
        return original(self)

    monkeypatch.setattr(Footer, "compose", compose)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        await pilot.pause()
        assert composed.count(True) == 1, composed
        before = {key.key for key in app.screen.query(FooterKey)}
        assert "n" in before  # the tree's screen: New goal
        await pilot.press("slash")  # the filter takes the focus: its keys differ
        await pilot.pause()
        await pilot.pause()
        assert composed.count(True) == 2, composed
        assert {key.key for key in app.screen.query(FooterKey)} != before


async def test_the_footer_s_keys_come_in_the_frame_after_the_first_then_the_detail(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in any Textual app, the first frame's footer has no keys yet: they are composed
    once it is shown, in the next frame; the goal's detail is drawn after that frame."""
    prepared(store)
    frames: list[tuple[int, bool]] = []  # each frame shown: its keys, and the detail drawn
    original = MasteryApp._display

    def display(self: MasteryApp, screen: Any, renderable: Any) -> None:
        original(self, screen, renderable)
        if renderable is not None and not self._batch_count:
            detail = screen.query_one(GoalDetail)._shown is not None
            frames.append((len(screen.query(FooterKey)), detail))

    monkeypatch.setattr(MasteryApp, "_display", display)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        for _ in range(400):
            if frames[-1][1]:
                break
            await pilot.pause(0.01)
        keys, detail = zip(*frames, strict=True)
        assert keys[0] == 0 and not detail[0], frames
        with_keys = next(index for index, count in enumerate(keys) if count)
        assert not detail[with_keys], frames  # the keys' frame came before the detail
        assert all(keys[with_keys:]), frames
        assert "Play barre chords cleanly" in screen_text(app)
        assert {key.key for key in app.screen.query(FooterKey)} >= {"n", "e"}


async def test_a_key_pressed_before_the_footer_shows_its_keys_is_answered(
    store: MasteryStore,
) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "board"


def with_tasks(store: MasteryStore) -> MasteryStore:
    prepared(store)
    goals = {goal.title: goal for goal in store.snapshot().goals}
    chords = goals["Play barre chords cleanly"].id
    store.add_task("F major", chords)
    store.move_task(store.add_task("B minor", chords).id, "done")
    return store


def tree_labels(app: MasteryApp) -> list[str]:
    tree = app.screen.query_one(GoalTree)
    labels: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            labels.append(child.label.plain)
            walk(child)

    walk(tree.root)
    return labels


async def test_in_a_terminal_the_tasks_are_counted_after_the_first_frame(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before its first frame the tree says which figures are being counted (never a blank,
    which would say a goal has no tasks); the frames after it have them."""
    with_tasks(store)
    first: list[list[str]] = []
    original = MasteryApp._display

    def display(self: MasteryApp, screen: Any, renderable: Any) -> None:
        if renderable is not None and not self._batch_count and not first:
            first.append(tree_labels(self))
        original(self, screen, renderable)

    monkeypatch.setattr(MasteryApp, "_display", display)
    app = MasteryApp(store, watch_file=False, count_later=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        tree = app.screen.query_one(GoalTree)
        for _ in range(400):
            if not tree.counting and app.screen.query_one(GoalDetail)._shown is not None:
                break
            await pilot.pause(0.01)
        assert first == [
            ["◆ Guitar …%", "● Play barre chords cleanly …%", "● Read standard notation …%"]
        ]
        assert tree_labels(app) == [
            "◆ Guitar 50%",
            "● Play barre chords cleanly 50%",
            "● Read standard notation",
        ]
        assert "Guitar 50%" in screen_text(app)


async def test_a_key_pressed_before_the_tasks_are_counted_is_kept(store: MasteryStore) -> None:
    """The tree rebuilt with the figures keeps the cursor and the folds the user moved."""
    with_tasks(store)
    app = MasteryApp(store, watch_file=False, count_later=True)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(GoalTree)
        assert tree.counting  # the first frame is not drawn yet: nothing is counted
        await pilot.press("down", "down")
        for _ in range(400):
            if not tree.counting:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert not tree.counting
        assert app.screen.goal_tree.selected_goal_id == store.snapshot().goals[2].id


async def test_headless_the_tasks_are_counted_before_the_first_frame(
    store: MasteryStore,
) -> None:
    with_tasks(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(GoalTree)
        assert not tree.counting
        await pilot.pause()
        assert "● Play barre chords cleanly 50%" in tree_labels(app)


async def test_the_goal_tree_is_invalidated_once_per_rebuild(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared(store)
    invalidated: list[int] = []
    original = Tree._invalidate

    def invalidate(self: Tree[Any]) -> None:
        if isinstance(self, GoalTree):
            invalidated.append(len(self.shown))
        original(self)

    monkeypatch.setattr(Tree, "_invalidate", invalidate)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        tree = app.screen.query_one(GoalTree)
        invalidated.clear()
        tree.populate(store.snapshot(), show_closed=True)
        assert invalidated == [3]  # once, with every goal added: not once per goal
        await pilot.pause()
        assert len(tree.shown) == 3
        assert [str(node.label) for node in tree.root.children[0].children] == [
            "● Play barre chords cleanly",
            "● Read standard notation",
        ]


async def test_the_first_frame_turns_the_garbage_collector_back_on(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line turns it off for the start (cli._open_app); the first frame turns it
    on again, with what the start made frozen."""
    import gc

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_painted(app, pilot)
            await pilot.pause()
            assert gc.isenabled()
            assert frozen == [True]
    finally:
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        await pilot.pause()
        assert gc.isenabled()
    assert frozen == []


def test_the_command_line_opens_the_app_with_the_collector_off(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from masterytui import app as app_module
    from masterytui import cli

    seen: list[bool] = []

    def run_app(store: Any, keys: Any = None) -> int:
        seen.append(gc.isenabled())
        gc.enable()
        return 0

    monkeypatch.setattr(app_module, "run_app", run_app)
    try:
        assert cli.main(["--db", str(tmp_path / "m.json")]) == 0
    finally:
        gc.enable()
    assert seen == [False]


async def test_what_the_screens_built_after_the_start_made_is_frozen_too(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started from the command line, the app freezes again once the other screens are
    built (their widgets and the logs' objects live as long as it), after collecting the
    young generations; started with the collector on, never."""
    import gc

    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    prepared(store)
    for collector_on in (False, True):
        calls.clear()
        app = MasteryApp(store, watch_file=False, warm_screens=True)
        if not collector_on:
            gc.disable()
        try:
            async with app.run_test(size=SIZE) as pilot:
                await wait_painted(app, pilot)
                for _ in range(500):
                    if len(app._screen_stacks) == len(app.MODES) and not app.workers:
                        break
                    await pilot.pause(0.01)
                assert len(app._screen_stacks) == len(app.MODES)
        finally:
            gc.enable()
        assert calls == ([] if collector_on else ["freeze", "collect 1", "freeze"])


async def test_a_switch_paints_once_the_screen_has_drawn_not_after_textual_s_pause(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual holds frames for 50 ms after a switch of mode; the screen shown says when it
    has drawn its data and the hold ends then. With the 50 ms timer never firing, the switch
    still ends its hold; a delay not from a switch is Textual's own."""
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    held: list[str] = []
    original = app.set_timer

    def set_timer(delay: float, callback: Any = None, *, name: str | None = None) -> Any:
        if name == "switch_hold":
            held.append(name)
            return None  # never fires: only the screen's word ends the hold
        return original(delay, callback, name=name)

    async with app.run_test(size=SIZE) as pilot:
        await wait_painted(app, pilot)
        monkeypatch.setattr(app, "set_timer", set_timer)
        for key, mode in (("2", "board"), ("1", "goals"), ("2", "board")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            assert app._batch_count == 0 and not app._switch_holds
        assert held == ["switch_hold"] * 3
        app.delay_update(10)  # not a switch: Textual's (its timer is a real one)
        assert app._batch_count == 1 and not app._switch_holds
