"""Issue 8, Reach: on the Linux console nothing is drawn that its font lacks; NO_COLOR is honoured.

ASCII mode (``TERM=linux`` or ``MASTERYTUI_ASCII=1``) is walked through every screen and
dialog on the sample data, and each screen's every character is checked against what the
console's default font holds.
"""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import Monochrome

from masterytui.app import MasteryApp
from masterytui.capture_app import CaptureApp
from masterytui.store import MasteryStore
from masterytui.widgets.console_font import SUBSTITUTES, ConsoleFontFilter
from masterytui.widgets.glyphs import glyph, use_ascii
from tests.helpers import foreign, screen_text

WALK: list[tuple[str, tuple[str, ...]]] = [
    ("Goals", ()),
    ("Goals, a mastery goal's detail", ("j", "j")),
    ("Goals, the goal form", ("e",)),
    ("Goals, filtered", ("escape", "slash", "r")),
    ("Board", ("escape", "escape", "2")),
    ("Board, the goal picker", ("g",)),
    ("Board, the card form", ("escape", "e")),
    ("Feedback", ("escape", "3")),
    ("Feedback, practice tab", ("v",)),
    ("Feedback, the filter form", ("v", "F")),
    ("Feedback, the weekly review", ("escape", "R")),
    ("Progress", ("escape", "4")),
    ("Progress, scrolled to the end", ("end",)),
    ("the task dialog", ("t",)),
    ("help", ("escape", "question_mark")),
    ("a win, celebrated", ("escape", "w", *"Ran 10 km", "enter")),
    ("the command palette", ("ctrl+p",)),
]


@pytest.fixture
def ascii_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MASTERYTUI_ASCII", raising=False)
    monkeypatch.setenv("TERM", "linux")


@pytest.mark.parametrize("size", [(80, 24), pytest.param((120, 36), marks=pytest.mark.slow)])
async def test_every_screen_keeps_to_the_console_font(
    ascii_mode: None, demo_store: MasteryStore, size: tuple[int, int]
) -> None:
    assert use_ascii()
    app = MasteryApp(demo_store, watch_file=False)
    seen: dict[str, str] = {}
    async with app.run_test(size=size, notifications=True) as pilot:
        for name, keys in WALK:
            for key in keys:
                await pilot.press(key)
            await pilot.pause()
            await pilot.pause(0.1)
            seen[name] = screen_text(app)
        await pilot.press("escape")
    # The walk went where it meant to: each screen and dialog drew what it should.
    assert "Beat last year" in seen["Goals"]
    assert "Edit goal" in seen["Goals, the goal form"]
    assert "Backlog" in seen["Board"]
    assert "Show the cards of a goal" in seen["Board, the goal picker"]
    assert "Feedback (" in seen["Feedback"]
    assert "Weekly review" in seen["Feedback, the weekly review"]
    assert "Small wins" in seen["Progress, scrolled to the end"]
    assert "New task" in seen["the task dialog"]
    assert "Everywhere" in seen["help"]
    assert "A win!" in seen["a win, celebrated"]
    assert "Search for commands..." in seen["the command palette"]
    problems = {name: foreign(text) for name, text in seen.items() if foreign(text)}
    assert not problems, "\n\n".join(
        f"{name}: {dict(problems[name])}\n{seen[name]}" for name in problems
    )


async def test_ascii_mode_reads_as_before(ascii_mode: None, demo_store: MasteryStore) -> None:
    """What the glyphs stood for is still there: kinds, folds, cuts, keys and panes."""
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        goals = screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        board = screen_text(app)
    assert app.has_class("-ascii")
    # Kind glyphs, fold marks and cut titles: "- # Running", "+ ...", "marathon~ 50%".
    assert "- # Running 62%" in goals
    assert "~ 50%" in goals
    # The panes are parted by the console's own line, not ▕.
    assert all(line[35] == "│" for line in goals.splitlines()[1:22])
    # The footer spells out keys Textual shows as symbols.
    assert "enter Edit" in board
    assert "~" in board  # a card title too long for its column


async def test_out_of_ascii_mode_nothing_is_filtered(
    monkeypatch: pytest.MonkeyPatch, demo_store: MasteryStore
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("MASTERYTUI_ASCII", raising=False)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        goals = screen_text(app)
        assert not app.has_class("-ascii")
        assert not any(isinstance(f, ConsoleFontFilter) for f in app.get_line_filters())
    assert "▼ ◆ Running" in goals
    assert "▕" in goals
    assert "… 50%" in goals


@pytest.mark.parametrize("value", ["1", "yes"])
async def test_masterytui_ascii_forces_ascii_mode_anywhere(
    monkeypatch: pytest.MonkeyPatch, store: MasteryStore, value: str
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("MASTERYTUI_ASCII", value)
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.has_class("-ascii")
        assert any(isinstance(f, ConsoleFontFilter) for f in app.get_line_filters())
        assert not foreign(screen_text(app))


async def test_the_capture_form_keeps_to_the_console_font(
    ascii_mode: None, demo_store: MasteryStore
) -> None:
    app = CaptureApp(demo_store)
    async with app.run_test(size=(70, 12)) as pilot:
        await pilot.press("tab", "tab")
        await pilot.pause()
        text = screen_text(app)
    assert app.has_class("-ascii")
    assert "(</> or first letter)" in text
    assert "(-> completes)" in text
    assert not foreign(text), text


def test_every_substitute_fits_the_font_and_takes_the_same_cells() -> None:
    for original, substitute in SUBSTITUTES.items():
        assert not foreign(substitute), (original, substitute)
        assert cell_len(substitute) == cell_len(original), (original, substitute)
    assert SUBSTITUTES["…"] == "~"


def test_the_filter_keeps_styles_and_ascii_segments() -> None:
    from rich.style import Style

    bold = Style(bold=True)
    segments = [Segment("plain", bold), Segment("╭━━ x… “y” ━━╮", bold)]
    out = ConsoleFontFilter().apply(segments, Color(0, 0, 0))
    assert out[0] is segments[0]
    assert out[1] == Segment('┌── x~ "y" ──┐', bold)


def test_the_ascii_ellipsis_is_the_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our own cuts and Textual's end the same way, so a cut reads the same everywhere."""
    monkeypatch.setenv("MASTERYTUI_ASCII", "1")
    assert glyph("ellipsis") == SUBSTITUTES["…"]
    assert glyph("streak") != glyph("ellipsis")


def colours_on_screen(app: MasteryApp) -> set[tuple[int, int, int]]:
    """Every foreground and background colour the screen's cells are drawn with."""
    found: set[tuple[int, int, int]] = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            for colour in (style.color, style.bgcolor):
                if colour is not None and not colour.is_default:
                    found.add(tuple(colour.get_truecolor()))  # type: ignore[arg-type]
    return found


async def test_no_color_draws_in_greys_only(
    monkeypatch: pytest.MonkeyPatch, demo_store: MasteryStore, frozen: date
) -> None:
    """NO_COLOR (https://no-color.org): Textual turns every colour into its grey.

    Textual 8 takes NO_COLOR out of the environment its console sees and adds its Monochrome
    filter instead, so contrast (the cursor, the panes) survives while hue does not.
    """
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    app = MasteryApp(demo_store, watch_file=False)
    greys: list[set[tuple[int, int, int]]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())
        for key in ("1", "2", "3", "4", "t"):
            await pilot.press(key)
            await pilot.pause()
            greys.append(colours_on_screen(app))
        await pilot.press("escape")
    for found in greys:
        assert found, "nothing drawn"
        assert all(r == g == b for r, g, b in found), sorted(found)
        assert len(found) > 2  # shades of grey still part the cursor and panes


async def test_without_no_color_the_app_has_colour(
    monkeypatch: pytest.MonkeyPatch, demo_store: MasteryStore
) -> None:
    """The check above can fail: the same screen has hues when NO_COLOR is not set."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.no_color
        found = colours_on_screen(app)
    assert any(not r == g == b for r, g, b in found)
