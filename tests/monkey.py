"""A monkey: random keys, clicks, pastes, resizes and palette use on the running app (Pilot).

Besides one thing at a time, it sends *bursts*: a few keys and clicks handed to the app at
once, without waiting, as a terminal delivers them in one read when hands are fast (a click
and Enter in the same instant). Those are what closed the command palette twice.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.screen import Screen

from masterytui import app as app_module
from masterytui.app import MasteryApp
from masterytui.demo import seed_demo
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file

KEYS = [
    *"1234tfwpnaesdrmxgvhjklHJKLTRFKS/?.<>0123456789 ",
    "greater_than_sign",
    "less_than_sign",
    "question_mark",
    "slash",
    "space",
    "up",
    "down",
    "left",
    "right",
    "shift+up",
    "shift+down",
    "shift+left",
    "shift+right",
    "home",
    "end",
    "pageup",
    "pagedown",
    "enter",
    "escape",
    "escape",
    "tab",
    "shift+tab",
    "backspace",
    "delete",
    "ctrl+s",
    "u",
    "ctrl+a",
    "ctrl+k",
]
"""Every key the app binds and the ones a form reacts to; never q or ctrl+q/ctrl+c (quit)."""

PASTES = [
    "Scales in A minor",
    "[/]",
    "a [/bold] b [@click=app.quit]q[/]",
    "\x1b[2J\x1b]0;title\x07\x9b",
    "line one\nline two\r\nthree\ttabbed",
    "2026-02-30",
    "-5",
    "9" * 40,
    "é🎹 語" * 30,
    "",
]
"""Text as users paste it: markup, control sequences, newlines, bad numbers, long lines."""

PALETTE_QUERIES = ["board", "goals", "task", "undo", "help", "log", "show", "theme", "zz"]

SIZES = [(12, 5), (12, 24), (80, 5), (20, 8), (40, 12), (80, 24), (120, 40)]
"""Terminal sizes to resize to, down to 12x5; random ones in between are tried too."""

ACTIONS = {"key": 64, "click": 10, "paste": 6, "resize": 5, "palette": 7, "burst": 8}
"""How often each kind of action is chosen (weights)."""

UNSAFE_COMMANDS = ("quit", "screenshot", "suspend")
"""Palette commands the monkey must not run: they end the run or write files elsewhere."""


class MonkeyApp(MasteryApp):
    """The app with no palette command that quits it or writes outside the test folder."""

    CSS_PATH: ClassVar[list[str | Any]] = [
        Path(app_module.__file__).parent / str(path) for path in MasteryApp.CSS_PATH
    ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if not any(word in command.title.lower() for word in UNSAFE_COMMANDS):
                yield command


async def run_monkey(folder: Path, presses: int, seed: int) -> dict[str, int]:
    """Do ``presses`` random actions; return what the file holds. Raises if anything broke."""
    store = MasteryStore(folder / "monkey.json")
    seed_demo(store)
    rng = random.Random(seed)
    app = MonkeyApp(store, watch_file=False)
    done: Counter[str] = Counter()
    async with app.run_test(size=(80, 24)) as pilot:
        for index in range(presses):
            action = rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
            done[action] += 1
            await ACT[action](pilot, rng)
            if index % 50 == 0:
                await pilot.pause()
                assert app.is_running, f"the app stopped after action {index} ({action})"
        await pilot.pause()
        assert app.is_running, f"the app stopped (actions: {dict(done)})"
    assert app.return_code in (None, 0), "the app crashed"
    report = check_file(store.path)
    assert report.problems == [], report.problems
    return report.counts


async def press_key(pilot: Pilot[Any], rng: random.Random) -> None:
    key = rng.choice(KEYS)
    if pilot.app.screen.focused is None and key in ("ctrl+a", "ctrl+k"):
        return
    await pilot.press(key)


async def click(pilot: Pilot[Any], rng: random.Random) -> None:
    width, height = pilot.app.size
    await pilot.click(offset=(rng.randrange(width), rng.randrange(height)))


async def paste(pilot: Pilot[Any], rng: random.Random) -> None:
    pilot.app.post_message(events.Paste(rng.choice(PASTES)))
    await pilot.pause()


async def resize(pilot: Pilot[Any], rng: random.Random) -> None:
    if rng.random() < 0.5:
        width, height = rng.choice(SIZES)
    else:
        width, height = rng.randint(12, 120), rng.randint(5, 40)
    await pilot.resize_terminal(width, height)
    await pilot.pause()


async def use_palette(pilot: Pilot[Any], rng: random.Random) -> None:
    """Open the palette, type part of a command, then run it, move, or leave."""
    await pilot.press("ctrl+p", *rng.choice(PALETTE_QUERIES)[: rng.randint(0, 5)])
    for _ in range(rng.randint(0, 2)):
        await pilot.press(rng.choice(["down", "up"]))
    await pilot.press(rng.choice(["enter", "enter", "escape", "tab"]))


async def burst(pilot: Pilot[Any], rng: random.Random) -> None:
    """Two to five keys and clicks handed over at once, before the app reacts to any."""
    app = pilot.app
    for _ in range(rng.randint(2, 5)):
        if rng.random() < 0.5:
            key = rng.choice([*KEYS, "ctrl+p", "enter", "escape"])
            if key in ("ctrl+a", "ctrl+k"):
                continue
            send_key(app, key)
        else:
            width, height = app.size
            send_click(app, rng.randrange(width), rng.randrange(height))
    await pilot.pause()


def send_key(app: MasteryApp, key: str) -> None:
    """A key as the terminal delivers it, without waiting for the app to handle it."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


def send_click(app: MasteryApp, x: int, y: int) -> None:
    """A click at a cell, as Pilot sends one, without waiting for the app to handle it."""
    arguments: dict[str, Any] = {
        "widget": app.screen,
        "x": x,
        "y": y,
        "delta_x": 0,
        "delta_y": 0,
        "button": 1,
        "shift": False,
        "meta": False,
        "ctrl": False,
        "screen_x": x,
        "screen_y": y,
    }
    screen = app.screen
    app.mouse_position = Offset(x, y)
    for kind in (events.MouseDown, events.MouseUp, events.Click):
        screen._forward_event(kind(**arguments))


ACT = {
    "key": press_key,
    "click": click,
    "paste": paste,
    "resize": resize,
    "palette": use_palette,
    "burst": burst,
}
