"""The registry of actions (issue #15, items 1, 2 and 6): one declaration per action, the
bindings, help and palette built from it, and the user's own keys from config.toml."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets import Footer, Input

import masterytui
from masterytui.actions import ACTION_BY_ID, ACTIONS, SCOPES, in_scope
from masterytui.app import MasteryApp
from masterytui.config import KeyConfig, load_keys, places
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.dialogs.help import KEY_WIDTH, HelpScreen, help_rows
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.screens.goals.tree import GoalTree
from masterytui.store import MasteryStore

from .helpers import text_of

SRC = Path(masterytui.__file__).parent


def node_classes() -> list[type[DOMNode]]:
    """Every class in the package that declares its own BINDINGS."""
    for info in pkgutil.walk_packages([str(SRC)], "masterytui."):
        if info.name not in ("masterytui.__main__",):
            importlib.import_module(info.name)
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith("masterytui") and "BINDINGS" in cls.__dict__:
            found.append(cls)
    return found


def test_every_binding_is_built_from_the_registry() -> None:
    classes = node_classes()
    scopes_seen = set()
    for cls in classes:
        for binding in cls.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding), cls
            assert binding.id in ACTION_BY_ID, (cls, binding)
            action = ACTION_BY_ID[binding.id]
            assert binding.key == ",".join(action.keys) and binding.action == action.run
            scopes_seen.add(action.scope)
            # The handler is on the node the scope's bindings live on.
            assert hasattr(cls, action.handler), (cls, action.id)
    assert scopes_seen == {s.name for s in SCOPES}
    # No Binding is written out by hand anywhere else.
    for path in SRC.rglob("*.py"):
        if path.name != "bindings.py":
            assert not re.search(r"\bBinding\(", path.read_text()), path


def test_palette_only_actions_have_handlers() -> None:
    from masterytui.screens.feedback.screen import FeedbackScreen
    from masterytui.screens.progress.screen import ProgressScreen

    owners = {"app": MasteryApp, "progress": ProgressScreen, "feedback": FeedbackScreen}
    for action in ACTIONS:
        if not action.keys:
            assert hasattr(owners[action.scope], action.handler), action.id


def test_default_keys_have_no_conflicts() -> None:
    for place, scopes in places().items():
        seen: dict[str, str] = {}
        for scope in scopes:
            for action in in_scope(scope):
                for key in action.keys:
                    assert key not in seen, (place, key, seen.get(key), action.id)
                    seen[key] = action.id


def test_moving_keys_mean_one_thing() -> None:
    """Shifted J K H L move the thing selected; never step through a filter (issue #15, 6)."""
    for action in ACTIONS:
        for key in set(action.keys) & {"J", "K", "H", "L"}:
            assert "move" in action.run or action.run.startswith(("reorder", "indent", "outdent"))
            assert key in action.keys


COLEMAK = """\
[keys]
# Colemak: n e for down, up in the goal tree
"goal_tree.down" = "n"
goal_tree.up = ["e", "up"]
"goals.new" = "N"
"goals.edit" = "E"
app.task = "ctrl+t"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_config_is_the_defaults(tmp_path: Path) -> None:
    config = load_keys(tmp_path / "none.toml")
    assert config.error is None and config.user == {} and config.keymap() == {}


async def test_remapped_keys_work_and_show(demo_store: MasteryStore, tmp_path: Path) -> None:
    demo_store.set_setting("welcomed", True)
    keys = load_keys(write(tmp_path, COLEMAK))
    assert keys.error is None
    app = MasteryApp(demo_store, watch_file=False, keys=keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(GoalTree)
        start = tree.cursor_line
        await pilot.press("n", "n")
        assert tree.cursor_line == start + 2
        await pilot.press("e")
        assert tree.cursor_line == start + 1
        await pilot.press("j", "k")  # the old keys are gone
        assert tree.cursor_line == start + 1
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, GoalsScreen)
        await pilot.press("escape")
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert any(
            b.id == "app.task" and "ctrl+t" in k
            for k, (_, b, *_) in footer.screen.active_bindings.items()
        )
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(text_of(s) for s in app.screen.query(".help-section"))
        assert re.search(r"^n +Next goal", text, re.M) or "n         Next goal" in text
        assert "e ↑" in text and "ctrl+t" in text and "N         New goal" in text


async def test_a_remapped_key_never_steals_typing(demo_store: MasteryStore, tmp_path: Path) -> None:
    """goals.clear's default (escape) is not typing; given z too, the filter box still takes z
    (a text field takes printable keys before any binding that is not a priority one, and the
    config refuses printable keys for the priority ones: see the bad config cases)."""
    demo_store.set_setting("welcomed", True)
    keys = load_keys(write(tmp_path, '[keys]\n"goals.clear" = ["escape", "z"]\n'))
    assert keys.error is None
    app = MasteryApp(demo_store, watch_file=False, keys=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "z", "o")
        await pilot.pause()
        box = app.screen.query_one("#goals-filter", Input)
        assert box.value == "zo" and box.display
        await pilot.press("enter")  # back to the tree: z is the user's clear-filter key
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert not box.display and box.value == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[keys]\n\n"goal_tree.down" = "a"\n',
            r"config.toml line 3: 'a' is both goal_tree.down and goals.child",
        ),
        ('[keys]\napp.undo = "t"\n', r"line 2: 't' is both app.undo and app.task"),
        ('[keys]\n"form.save" = "s"\n', r"line 2: 's' for form.save would steal typing"),
        ('[keys]\n"goals.nope" = "z"\n', r"line 2: no action 'goals.nope'"),
        ('[keys]\n"goals.new" = "ctrl+"\n', r"line 2: .* is not a key"),
        ("[keys\n", r"not valid TOML"),
    ],
)
def test_a_bad_config_is_one_line_and_the_defaults(
    tmp_path: Path, text: str, expected: str
) -> None:
    config = load_keys(write(tmp_path, text))
    assert config.error is not None and "\n" not in config.error
    assert str(tmp_path / "config.toml") in config.error
    assert re.search(expected, config.error), config.error
    assert config.error.endswith("using the default keys.")
    assert config.user == {}


async def test_a_bad_config_starts_with_the_defaults(
    demo_store: MasteryStore, tmp_path: Path
) -> None:
    demo_store.set_setting("welcomed", True)
    keys = load_keys(write(tmp_path, '[keys]\napp.undo = "t"\n'))
    app = MasteryApp(demo_store, watch_file=False, keys=keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("app.undo and app.task" in m for m in messages)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, GoalsScreen)  # t is still New task


async def test_palette_runs_an_action_of_another_screen(demo_store: MasteryStore) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for action in ACTIONS:
            if action.palette and action.scope in ("app", "goals", "board", "feedback"):
                assert any(action.title in t for t in titles), action.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Progress: Export")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(5):
            await pilot.pause()
        assert app.current_mode == "progress"
        assert isinstance(app.screen, ChoiceDialog)


@pytest.mark.parametrize("mode", ["goals", "board", "feedback", "progress"])
async def test_help_fits_80x24_with_the_global_keys(demo_store: MasteryStore, mode: str) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(str(["goals", "board", "feedback", "progress"].index(mode) + 1))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y == 0, "the help scrolls"
        text = "\n".join(text_of(s) for s in app.screen.query(".help-section"))
        for key in ("t ", "f ", "w ", "p ", "u ", "q "):
            assert re.search(rf"(^| ){re.escape(key)}", text, re.M), key
        if mode == "goals":
            for key in ("j ↓", "k ↑", "h ←", "l →", "g home", "G end", "enter"):
                assert key in text


def run_cli(*args: str, config: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"MASTERYTUI_CONFIG": str(config), "MASTERYTUI_DB": str(tmp_path / "data.json")}
    env["PATH"] = "/usr/bin:/bin"
    return subprocess.run(
        [sys.executable, "-m", "masterytui", "config", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_config_command_text_and_json(tmp_path: Path) -> None:
    config = write(tmp_path, COLEMAK)
    out = run_cli(config=config, tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"config:  {config}"
    assert lines[1] == f"data:    {tmp_path / 'data.json'}"
    assert lines[2] == f"backups: {tmp_path / 'data.json.backups'}"
    assert re.search(r"^app\.task +ctrl\+t +New task \*$", out.stdout, re.M)
    assert re.search(r"^app\.config +\(palette only\) +Show config path$", out.stdout, re.M)
    assert len(lines) == 3 + len(ACTIONS)
    report = json.loads(run_cli("--json", config=config, tmp_path=tmp_path).stdout)
    assert report["config"] == str(config) and report["config_error"] is None
    by_id = {a["id"]: a for a in report["actions"]}
    assert by_id["goal_tree.up"]["keys"] == ["e", "up"]
    assert by_id["goal_tree.up"]["default"] == ["k", "up"]
    assert set(by_id) == set(ACTION_BY_ID)


def test_config_command_reports_a_bad_config(tmp_path: Path) -> None:
    config = write(tmp_path, '[keys]\napp.undo = "t"\n')
    out = run_cli(config=config, tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "app.undo and app.task" in out.stderr


def test_config_command_does_not_import_textual() -> None:
    code = "import sys, masterytui.cli, masterytui.config; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_key_config_defaults() -> None:
    config = KeyConfig(Path("x.toml"))
    assert config.keys(ACTION_BY_ID["app.task"]) == ("t",)


async def test_copy_a_cards_title_is_one_registry_entry(demo_store: MasteryStore) -> None:
    """The example of issue #15: ``board.copy`` is one entry in the registry and a handler;
    the key, the palette, the help and the README's table follow."""
    from masterytui import readme_keys
    from masterytui.screens.board.screen import BoardScreen

    action = ACTION_BY_ID["board.copy"]
    board = next(t for t in readme_keys.TABLES if t.name == "board")
    assert "| `y` | copy the card's title" in readme_keys.markdown_table(board)
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        task = screen.selected_task()
        assert task is not None
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == task.title
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert any(action.title in t for t in titles)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(text_of(s) for s in app.screen.query(".help-section"))
        assert action.title in text and body_fits(app)


def body_fits(app: MasteryApp) -> bool:
    return app.screen.query_one("#help-body").max_scroll_y == 0


def test_help_shows_the_short_keys_of_an_action_with_many() -> None:
    """An action with three keys shows the two shortest (and any more that fit), so the
    Goals help shows ``>`` and ``<``, which a key limit of two used to hide."""
    config = KeyConfig(Path("keys.toml"))
    rows = {title: keys for keys, title in help_rows(("goals",), config)}
    assert rows[ACTION_BY_ID["goals.indent"].title] == "L >"
    assert rows[ACTION_BY_ID["goals.outdent"].title] == "H <"
    for action in ACTIONS:
        keys = config.keys(action)
        if len(keys) >= 2 and action.scope == "goals":
            shown = rows[action.title].split(" ")
            assert len(shown) >= 2
            assert len(" ".join(shown)) <= KEY_WIDTH - 1 or len(shown) == 2


async def test_palette_help_names_the_key_and_the_screen_not_the_title_again(
    demo_store: MasteryStore,
) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(100, 30)):
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["New goal"] == "Key: n"
        assert commands["Board: Copy the card's title"] == "Key: y · on Board, which it opens"
        ours = {action.title for action in ACTIONS}
        for title, help_text in commands.items():
            if title.split(": ")[-1] in ours:
                assert title.split(": ")[-1] not in help_text, title
