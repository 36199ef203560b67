"""The command palette survives being dismissed twice at once (clicks, keys, pastes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import Input

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.domain.text import clean_text
from masterytui.store import MasteryStore
from masterytui.widgets.safe import markup_literal


def background_click(palette: CommandPalette) -> events.Click:
    """A click on the palette's dimmed background (which closes it)."""
    return events.Click(palette, 0, 0, 0, 0, 1, False, False, False, screen_x=0, screen_y=0)


async def test_two_background_clicks_at_once(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.post_message(background_click(palette))
        palette.post_message(background_click(palette))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_a_second_dismiss_does_not_close_the_dialog_under_it(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.post_message(background_click(palette))
        palette.post_message(background_click(palette))
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)


def burst_key(app: MasteryApp, key: str) -> None:
    """A key as the terminal delivers it, without waiting for the app to handle it."""
    event = events.Key(key, None)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def test_enter_and_a_click_in_the_same_instant(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"board", "down")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        for _ in range(2):
            palette.post_message(background_click(palette))
            burst_key(app, "enter")
        await pilot.pause()
        assert app.is_running
        assert len(app.screen_stack) == 1
    assert app.return_code in (None, 0)


async def test_the_theme_picker_is_closed_once_too(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause()
        await pilot.press("down", "enter")  # the palette's own "Theme" command
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CommandPalette)
        assert "theme" in picker.query_one(Input).placeholder.lower()
        picker.post_message(background_click(picker))
        picker.post_message(background_click(picker))
        await pilot.pause()
        assert app.is_running
        assert len(app.screen_stack) == 1
    assert app.return_code in (None, 0)


@given(st.text())
def test_markup_literal_shows_any_text_as_typed(text: str) -> None:
    assert Content.from_markup(markup_literal(text)).plain == clean_text(text)


async def test_user_text_in_a_command_is_shown_literally(store: MasteryStore) -> None:
    store.set_setting("welcomed", True)
    store.add_task("a [/] b [bold]c [$accent]d")
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"undo")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.pause()
        shown = [str(option.prompt) for option in palette.query_one(CommandList).options]
        assert any("last change: add task 'a [/] b [bold]c [$accent]d'" in p for p in shown), shown
        await pilot.press("escape")
        assert app.is_running
    assert app.return_code in (None, 0)
