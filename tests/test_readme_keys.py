"""README.md's key tables: written from the registry, and every key in them does what it says.

The tables are generated (``python -m masterytui.readme_keys``); the fast tests fail when
they and the registry disagree. The sweep (issue #13, item 9; ``pytest -m slow``) has one row
per (screen, key) of the tables: the row sets the screen up, presses the key and checks the
effect, on the demo data. "Everywhere" keys are checked on each screen. A key of the tables
with no row of its own here gets a generic one: pressing it must run its action's handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select

from masterytui import readme_keys
from masterytui.actions import ACTION_BY_ID, SCREENS, Action
from masterytui.app import MODES, MasteryApp
from masterytui.dialogs.choice import ChoiceDialog
from masterytui.dialogs.form import FormDialog
from masterytui.dialogs.goal_picker import GoalPicker
from masterytui.dialogs.help import HelpScreen
from masterytui.dialogs.lesson_review import LessonReviewDialog
from masterytui.dialogs.woop import WoopDialog
from masterytui.screens.base import MasteryScreen
from masterytui.screens.feedback.review_screen import ReviewScreen
from masterytui.screens.feedback.review_view import ReviewView
from masterytui.screens.goals.screen import GoalsScreen
from masterytui.store import MasteryStore

SIZE = (100, 30)
Ctx = dict[str, Any]
Step = Callable[[MasteryApp, Any, Ctx], Awaitable[None] | None]


@dataclass(frozen=True)
class Row:
    screen: str
    keys: tuple[str, ...]
    check: Callable[[MasteryApp, Ctx], object]
    """Asserts the effect (return value ignored; an assert inside fails the row)."""
    setup: Step | None = None

    @property
    def name(self) -> str:
        return f"{self.screen}:{'+'.join(self.keys)}"


# Helpers -----------------------------------------------------------------------------------


def goal_id(app: MasteryApp, title: str) -> str:
    return next(g.id for g in app.store.snapshot().goals if g.title == title)


def goal(app: MasteryApp, title: str) -> Any:
    return next(g for g in app.store.snapshot().goals if g.title == title)


def screen(app: MasteryApp) -> Any:
    for candidate in reversed(app.screen_stack):
        if isinstance(candidate, MasteryScreen):
            return candidate
    raise AssertionError("no screen")


def form_with(field: str) -> Callable[[MasteryApp, Ctx], object]:
    def check(app: MasteryApp, ctx: Ctx) -> None:
        assert isinstance(app.screen, FormDialog), type(app.screen)
        app.screen.query_one(f"#field-{field}")

    return check


def form_value(field: str, value: Callable[[MasteryApp, Ctx], str]) -> Callable[..., object]:
    def check(app: MasteryApp, ctx: Ctx) -> None:
        assert isinstance(app.screen, FormDialog), type(app.screen)
        widget = app.screen.query_one(f"#field-{field}")
        shown = widget.value if isinstance(widget, Input | Select) else None
        assert shown == value(app, ctx)

    return check


def is_a(kind: type, title: str = "") -> Callable[[MasteryApp, Ctx], object]:
    def check(app: MasteryApp, ctx: Ctx) -> None:
        assert isinstance(app.screen, kind), type(app.screen)
        if title:
            assert title in getattr(app.screen, "question", "")

    return check


async def select_goal(app: MasteryApp, pilot: Any, title: str) -> None:
    goals = screen(app)
    assert isinstance(goals, GoalsScreen)
    goals.refresh_data(select_id=goal_id(app, title))
    await pilot.pause()
    await pilot.pause()
    assert goals.goal_tree.selected_goal_id == goal_id(app, title)


def on_goal(title: str) -> Step:
    async def setup(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
        await select_goal(app, pilot, title)
        ctx["goal"] = goal(app, title)
        ctx["line"] = screen(app).goal_tree.cursor_line

    return setup


def siblings(app: MasteryApp, parent_title: str) -> list[str]:
    parent = goal_id(app, parent_title)
    kids = [g for g in app.store.snapshot().goals if g.parent_id == parent]
    return [g.title for g in sorted(kids, key=lambda g: g.position)]


async def on_card(
    app: MasteryApp, pilot: Any, ctx: Ctx, column: str = "next", row: int = 1
) -> None:
    board = screen(app)
    board.select_column(column)
    board.card_list().select_index(row)
    await pilot.pause()
    ctx["task"] = board.selected_task()
    ctx["column"] = column
    ctx["order"] = [t.id for t in board.card_list(column).cards]


def card_setup(column: str = "next", row: int = 1) -> Step:
    async def setup(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
        await on_card(app, pilot, ctx, column, row)

    return setup


def stored_task(app: MasteryApp, ctx: Ctx) -> Any:
    return next(t for t in app.store.snapshot().tasks if t.id == ctx["task"].id)


def column_order(app: MasteryApp, column: str) -> list[str]:
    tasks = [t for t in app.store.snapshot().tasks if t.column == column]
    return [t.id for t in sorted(tasks, key=lambda t: (t.position, t.created_at, t.id))]


def log_row(row: int, practice: bool = False) -> Step:
    async def setup(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
        fb = screen(app)
        if practice:
            await pilot.press("v")
            await pilot.pause()
        fb.table.cursor = row
        await pilot.pause()
        ctx["row"] = row
        ctx["item"] = fb.table.cursor_item

    return setup


def step_entry(app: MasteryApp, pilot: Any, ctx: Ctx) -> Awaitable[None]:
    fb = screen(app)
    entry = next(e for e in app.store.snapshot().feedback if e.next_step)
    assert fb.log_table.select_key(entry.id)
    ctx["entry"] = entry
    ctx["tasks"] = len(app.store.snapshot().tasks)
    return pilot.pause()


def scrollable(name: str) -> Step:
    async def setup(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
        await pilot.pause()
        widget = screen(app).query_one(name)
        assert widget.max_scroll_y > 3, "the view must be taller than the terminal"
        widget.scroll_to(y=6, animate=False)
        await pilot.pause()
        ctx["y"] = widget.scroll_y
        ctx["widget"] = widget

    return setup


async def open_review(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
    await pilot.press("R")
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    view = app.screen.query_one(ReviewView)
    await pilot.pause()
    ctx["widget"] = view
    if view.max_scroll_y > 3:
        view.scroll_to(y=3, animate=False)
        await pilot.pause()
    ctx["y"] = view.scroll_y


def scrolled(direction: int) -> Callable[[MasteryApp, Ctx], object]:
    def check(app: MasteryApp, ctx: Ctx) -> None:
        y = ctx["widget"].scroll_target_y
        assert (y > ctx["y"]) if direction > 0 else (y < ctx["y"]), (y, ctx["y"])

    return check


async def with_change(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
    ctx["task"] = app.store.add_task("Undo me")
    app.data_changed()
    await pilot.pause()


# The Everywhere table ----------------------------------------------------------------------

FILTER_STATE = {
    "goals": lambda s: s.filter_text,
    "board": lambda s: s.board_filter.text,
    "feedback": lambda s: s.filters.text,
    "progress": lambda s: s.filter_text,
}


async def filter_typed(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
    return None


def everywhere(mode: str) -> list[Row]:
    rows = [
        Row(mode, (key,), lambda app, ctx, target=target: app.current_mode == target or _no())
        for key, target in ((info.key, info.name) for info in SCREENS)
        if target != mode
    ]
    rows += [
        Row(mode, ("t",), form_with("title")),
        Row(mode, ("f",), form_with("kind")),
        Row(mode, ("w",), form_with("text")),
        Row(mode, ("p",), form_with("minutes")),
        Row(
            mode,
            ("u",),
            lambda app, ctx: (
                all(t.id != ctx["task"].id for t in app.store.snapshot().tasks) or _no()
            ),
            with_change,
        ),
        *(
            [
                Row(
                    mode,
                    ("slash", "z", "z", "q"),
                    lambda app, ctx, mode=mode: FILTER_STATE[mode](screen(app)) == "zzq" or _no(),
                ),
                Row(
                    mode,
                    ("slash", "z", "z", "q", "enter", "escape"),
                    lambda app, ctx, mode=mode: FILTER_STATE[mode](screen(app)) == "" or _no(),
                ),
            ]
            if mode in FILTER_STATE  # Today has no filter: it is short by design
            else []
        ),
        Row(mode, ("question_mark",), is_a(HelpScreen)),
        Row(mode, ("ctrl+p",), is_a(CommandPalette)),
        Row(mode, ("q",), lambda app, ctx: app._exit or _no()),
    ]
    return rows


def _no() -> bool:
    raise AssertionError("no effect")


# Screen tables -----------------------------------------------------------------------------

ADOBE = "The Adobe creative tools"
PHOTO = "Photoshop retouching"
ILLU = "Illustrator icons"

GOALS = [
    Row(
        "goals",
        ("j",),
        lambda a, c: screen(a).goal_tree.cursor_line == c["line"] + 1,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("down",),
        lambda a, c: screen(a).goal_tree.cursor_line == c["line"] + 1,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("k",),
        lambda a, c: screen(a).goal_tree.cursor_line == c["line"] - 1,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("up",),
        lambda a, c: screen(a).goal_tree.cursor_line == c["line"] - 1,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("h",),
        lambda a, c: not screen(a).goal_tree.cursor_node.is_expanded,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("left",),
        lambda a, c: not screen(a).goal_tree.cursor_node.is_expanded,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("h", "l"),
        lambda a, c: screen(a).goal_tree.cursor_node.is_expanded,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("h", "right"),
        lambda a, c: screen(a).goal_tree.cursor_node.is_expanded,
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("l",),
        lambda a, c: screen(a).goal_tree.selected_goal_id == goal_id(a, PHOTO),
        on_goal(ADOBE),
    ),
    Row(
        "goals",
        ("h",),
        lambda a, c: screen(a).goal_tree.selected_goal_id == goal_id(a, ADOBE),
        on_goal(PHOTO),
    ),
    Row("goals", ("g",), lambda a, c: screen(a).goal_tree.cursor_line == 0, on_goal(ADOBE)),
    Row(
        "goals",
        ("G",),
        lambda a, c: screen(a).goal_tree.cursor_line == screen(a).goal_tree.last_line,
        on_goal(ADOBE),
    ),
    Row("goals", ("n",), form_value("kind", lambda a, c: "mastery"), on_goal(PHOTO)),
    Row("goals", ("a",), form_value("kind", lambda a, c: "mastery"), on_goal(ADOBE)),
    Row("goals", ("e",), form_value("title", lambda a, c: PHOTO), on_goal(PHOTO)),
    Row("goals", ("enter",), form_value("title", lambda a, c: PHOTO), on_goal(PHOTO)),
    Row("goals", ("s",), is_a(ChoiceDialog, "Status of: " + PHOTO), on_goal(PHOTO)),
    Row("goals", ("d",), is_a(ChoiceDialog, "Delete: " + PHOTO), on_goal(PHOTO)),
    Row("goals", ("J",), lambda a, c: siblings(a, ADOBE)[:2] == [ILLU, PHOTO], on_goal(PHOTO)),
    Row(
        "goals",
        ("shift+down",),
        lambda a, c: siblings(a, ADOBE)[:2] == [ILLU, PHOTO],
        on_goal(PHOTO),
    ),
    Row("goals", ("K",), lambda a, c: siblings(a, ADOBE)[:2] == [ILLU, PHOTO], on_goal(ILLU)),
    Row(
        "goals", ("shift+up",), lambda a, c: siblings(a, ADOBE)[:2] == [ILLU, PHOTO], on_goal(ILLU)
    ),
    Row(
        "goals",
        ("greater_than_sign",),
        lambda a, c: goal(a, ILLU).parent_id == goal_id(a, PHOTO),
        on_goal(ILLU),
    ),
    Row("goals", ("L",), lambda a, c: goal(a, ILLU).parent_id == goal_id(a, PHOTO), on_goal(ILLU)),
    Row(
        "goals",
        ("shift+right",),
        lambda a, c: goal(a, ILLU).parent_id == goal_id(a, PHOTO),
        on_goal(ILLU),
    ),
    Row(
        "goals",
        ("less_than_sign",),
        lambda a, c: goal(a, PHOTO).parent_id == goal(a, ADOBE).parent_id,
        on_goal(PHOTO),
    ),
    Row(
        "goals",
        ("H",),
        lambda a, c: goal(a, PHOTO).parent_id == goal(a, ADOBE).parent_id,
        on_goal(PHOTO),
    ),
    Row(
        "goals",
        ("shift+left",),
        lambda a, c: goal(a, PHOTO).parent_id == goal(a, ADOBE).parent_id,
        on_goal(PHOTO),
    ),
    Row("goals", ("m",), form_with("parent"), on_goal(PHOTO)),
    Row("goals", ("r",), form_with("level"), on_goal(PHOTO)),
    Row(
        "goals",
        ("W",),
        lambda a, c: isinstance(a.screen, WoopDialog) and a.screen.goal,
        on_goal(PHOTO),
    ),
    Row(
        "goals",
        ("W",),
        lambda a, c: isinstance(a.screen, WoopDialog) and a.screen.under == "Sales pages",
        on_goal("Sales pages"),
    ),
    Row("goals", ("x",), lambda a, c: not screen(a).show_closed),
    Row(
        "goals",
        ("slash", "a", "d", "o", "b", "e"),
        lambda a, c: goal_id(a, "Running") not in screen(a).goal_tree.shown,
    ),
]

BOARD = [
    Row("board", ("l",), lambda a, c: screen(a).current_column == "doing", card_setup()),
    Row("board", ("right",), lambda a, c: screen(a).current_column == "doing", card_setup()),
    Row("board", ("h",), lambda a, c: screen(a).current_column == "backlog", card_setup()),
    Row("board", ("left",), lambda a, c: screen(a).current_column == "backlog", card_setup()),
    Row("board", ("j",), lambda a, c: screen(a).card_list().cursor == 2, card_setup()),
    Row("board", ("down",), lambda a, c: screen(a).card_list().cursor == 2, card_setup()),
    Row("board", ("k",), lambda a, c: screen(a).card_list().cursor == 0, card_setup()),
    Row("board", ("up",), lambda a, c: screen(a).card_list().cursor == 0, card_setup()),
    Row("board", ("home",), lambda a, c: screen(a).card_list().cursor == 0, card_setup()),
    Row(
        "board",
        ("end",),
        lambda a, c: screen(a).card_list().cursor == len(c["order"]) - 1,
        card_setup(),
    ),
    Row("board", ("pagedown",), lambda a, c: screen(a).card_list().cursor > 1, card_setup()),
    Row("board", ("pageup",), lambda a, c: screen(a).card_list().cursor == 0, card_setup()),
    Row("board", ("L",), lambda a, c: stored_task(a, c).column == "doing", card_setup()),
    Row("board", ("shift+right",), lambda a, c: stored_task(a, c).column == "doing", card_setup()),
    Row("board", ("H",), lambda a, c: stored_task(a, c).column == "backlog", card_setup()),
    Row("board", ("shift+left",), lambda a, c: stored_task(a, c).column == "backlog", card_setup()),
    Row(
        "board", ("K",), lambda a, c: column_order(a, "next").index(c["task"].id) == 0, card_setup()
    ),
    Row(
        "board",
        ("shift+up",),
        lambda a, c: column_order(a, "next").index(c["task"].id) == 0,
        card_setup(),
    ),
    Row(
        "board", ("J",), lambda a, c: column_order(a, "next").index(c["task"].id) == 2, card_setup()
    ),
    Row(
        "board",
        ("shift+down",),
        lambda a, c: column_order(a, "next").index(c["task"].id) == 2,
        card_setup(),
    ),
    Row("board", ("space",), lambda a, c: stored_task(a, c).column == "done", card_setup()),
    Row("board", ("n",), form_value("column", lambda a, c: "next"), card_setup()),
    Row("board", ("enter",), form_value("title", lambda a, c: c["task"].title), card_setup()),
    Row("board", ("e",), form_value("title", lambda a, c: c["task"].title), card_setup()),
    Row(
        "board",
        ("d",),
        lambda a, c: all(t.id != c["task"].id for t in a.store.snapshot().tasks),
        card_setup(row=2),  # the demo's first two cards in Next repeat: d asks about those
    ),
    Row("board", ("d",), is_a(ChoiceDialog), card_setup()),  # this one or the series
    Row("board", ("g",), is_a(GoalPicker)),
    Row("board", ("a",), lambda a, c: screen(a).show_all_done),
    Row("board", ("W",), form_with("limit")),
]

FEEDBACK = [
    Row("feedback", ("j",), lambda a, c: screen(a).table.cursor == 3, log_row(2)),
    Row("feedback", ("k",), lambda a, c: screen(a).table.cursor == 1, log_row(2)),
    Row("feedback", ("g",), lambda a, c: screen(a).table.cursor == 0, log_row(2)),
    Row(
        "feedback",
        ("G",),
        lambda a, c: screen(a).table.cursor == screen(a).table.row_count - 1,
        log_row(2),
    ),
    Row("feedback", ("pagedown",), lambda a, c: screen(a).table.cursor > 3, log_row(2)),
    Row("feedback", ("pageup",), lambda a, c: screen(a).table.cursor == 0, log_row(2)),
    Row("feedback", ("n",), form_with("kind"), log_row(2)),
    Row("feedback", ("n",), form_with("minutes"), log_row(2, practice=True)),
    Row("feedback", ("enter",), form_value("text", lambda a, c: c["item"].text), log_row(2)),
    Row("feedback", ("e",), form_value("text", lambda a, c: c["item"].text), log_row(2)),
    Row(
        "feedback",
        ("e",),
        form_value("minutes", lambda a, c: str(c["item"].minutes)),
        log_row(2, practice=True),
    ),
    Row(
        "feedback",
        ("d",),
        lambda a, c: all(e.id != c["item"].id for e in a.store.snapshot().feedback),
        log_row(2),
    ),
    Row(
        "feedback", ("T",), lambda a, c: len(a.store.snapshot().tasks) == c["tasks"] + 1, step_entry
    ),
    Row("feedback", ("F",), form_with("kind")),
    Row("feedback", ("right_square_bracket",), lambda a, c: screen(a).filters.kind == "win"),
    Row("feedback", ("right_curly_bracket",), lambda a, c: screen(a).filters.source == "self"),
    Row(
        "feedback",
        ("right_square_bracket", "right_curly_bracket", "escape"),
        lambda a, c: not screen(a).filters.active,
    ),
    Row("feedback", ("R",), is_a(ReviewScreen)),
    Row("feedback", ("r",), is_a(LessonReviewDialog)),
    Row(
        "feedback",
        ("m",),
        lambda a, c: a.store.feedback_entry(c["item"].id).review is not None,
        log_row(0),
    ),
    Row("feedback", ("v",), lambda a, c: screen(a).on_practice),
]

REVIEW = [
    Row("feedback", ("a",), form_with("next_step"), open_review),
    Row(
        "feedback",
        ("c",),
        lambda a, c: (
            "clipboard" in a._notifications.last().message
            if hasattr(a._notifications, "last")
            else any("clipboard" in n.message for n in a._notifications)
        ),
        open_review,
    ),
    Row("feedback", ("i",), is_a(ChoiceDialog, "If-then plan 1 of 2"), open_review),
    Row("feedback", ("r",), is_a(LessonReviewDialog), open_review),
    Row("feedback", ("h",), lambda a, c: a.screen.weeks_back == 1, open_review),
    Row("feedback", ("h", "l"), lambda a, c: a.screen.weeks_back == 0, open_review),
    Row("feedback", ("h", "right"), lambda a, c: a.screen.weeks_back == 0, open_review),
    Row("feedback", ("h", "full_stop"), lambda a, c: a.screen.weeks_back == 0, open_review),
    Row("feedback", ("j",), scrolled(1), open_review),
    Row(
        "feedback",
        ("j", "k"),
        lambda a, c: a.screen.query_one(ReviewView).scroll_target_y == c["y"],
        open_review,
    ),
]

PROGRESS = [
    Row("progress", ("j",), scrolled(1), scrollable("#progress-body")),
    Row("progress", ("k",), scrolled(-1), scrollable("#progress-body")),
    Row("progress", ("down",), scrolled(1), scrollable("#progress-body")),
    Row("progress", ("up",), scrolled(-1), scrollable("#progress-body")),
    Row("progress", ("g",), is_a(GoalPicker)),
    Row("progress", ("x",), is_a(ChoiceDialog)),
    Row("progress", ("v",), lambda a, c: screen(a).heat_by == "quality"),
    Row("progress", ("v", "v"), lambda a, c: screen(a).heat_by == "minutes"),
]


async def narrowed(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
    screen(app).goal_id = goal_id(app, "Running")
    screen(app).refresh_data()
    await pilot.pause()


PROGRESS.append(Row("progress", ("escape",), lambda a, c: screen(a).goal_id is None, narrowed))


async def today_row(app: MasteryApp, pilot: Any, ctx: Ctx, words: str = "") -> None:
    """Select the Today row that holds ``words`` (the first row without)."""
    today = screen(app)
    await pilot.press("g")
    for _ in range(40):
        row = today.selected_row()
        if row is not None and words in row.prompt.plain:
            ctx["row"] = row
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(words)


def on_row(words: str) -> Step:
    return lambda app, pilot, ctx: today_row(app, pilot, ctx, words)


def _task_done(app: MasteryApp, ctx: Ctx) -> bool:
    task = next(t for t in app.store.snapshot().tasks if t.id == ctx["row"].task_id)
    return task.column == "done"


TODAY = [
    Row("today", ("s",), form_with("minutes"), on_row("Adobe")),
    Row("today", ("enter",), form_with("minutes"), on_row("Adobe")),
    Row("today", ("space",), _task_done, on_row("Rewrite the pricing")),
    Row("today", ("e",), form_with("every"), on_row("Rewrite the pricing")),
    Row("today", ("enter",), form_with("every"), on_row("Rewrite the pricing")),
    Row(
        "today",
        ("b",),
        lambda a, c: a.current_mode == "board" and a.reveal_task in (None, c["row"].task_id),
        on_row("Rewrite the pricing"),
    ),
    Row("today", ("r",), is_a(LessonReviewDialog), on_row("")),
    Row("today", ("enter",), is_a(LessonReviewDialog), on_row("Elbows flare")),
    Row("today", ("j",), lambda a, c: screen(a).selected_row() != c["row"], on_row("")),
    Row("today", ("G",), lambda a, c: screen(a).selected_row().kind == "task", on_row("")),
    Row("today", ("G", "g"), lambda a, c: screen(a).selected_row() == c["row"], on_row("")),
    Row(
        "today",
        ("j", "k"),
        lambda a, c: screen(a).selected_row() == c["row"],
        on_row(""),
    ),
]

ROWS = [row for mode in MODES for row in everywhere(mode)] + TODAY + GOALS + BOARD + FEEDBACK
ROWS += REVIEW + PROGRESS


# The tables and the registry agree --------------------------------------------------------


def test_the_readme_key_tables_are_the_registrys() -> None:
    readme = readme_keys.README.read_text(encoding="utf-8")
    assert readme_keys.updated(readme) == readme, (
        "README.md's key tables differ from the registry: run python -m masterytui.readme_keys"
    )
    shown = readme_keys.shown(readme)
    assert set(shown) == {t.name for t in readme_keys.TABLES}
    for table in readme_keys.TABLES:
        listed = [a.id for _, _, actions in readme_keys.rows(table) for a in actions]
        expected = [a.id for a in ACTION_BY_ID.values() if a.scope in table.scopes]
        assert sorted(listed) == sorted(expected), table.name  # each action once
        for action_id in listed:
            for key in ACTION_BY_ID[action_id].keys:
                assert readme_keys.readme_key(key) in shown[table.name], (action_id, key)


def test_the_readme_words_name_actions_that_exist() -> None:
    named = [*readme_keys.WORDS, *readme_keys.ROWS, *readme_keys.ROWS.values()]
    named += [after for notes in readme_keys.NOTES.values() for after, _, _ in notes if after]
    assert [n for n in named if n not in ACTION_BY_ID] == []
    # a row joins the row of an action of the same table, which leads its own row
    tables = {s: t.name for t in readme_keys.TABLES for s in t.scopes}
    for follower, lead in readme_keys.ROWS.items():
        assert tables[ACTION_BY_ID[follower].scope] == tables[ACTION_BY_ID[lead].scope]
        assert lead not in readme_keys.ROWS


def test_a_new_action_shows_up_in_its_table(monkeypatch: pytest.MonkeyPatch) -> None:
    action = Action("board.example", "example", ("z",), "An example action")
    monkeypatch.setattr(readme_keys, "ACTIONS", (*readme_keys.ACTIONS, action))
    monkeypatch.setitem(readme_keys.ACTION_BY_ID, action.id, action)
    board = next(t for t in readme_keys.TABLES if t.name == "board")
    assert "| `z` | An example action |" in readme_keys.markdown_table(board).splitlines()
    readme = readme_keys.README.read_text(encoding="utf-8")
    assert "| `z` | An example action |" in readme_keys.updated(readme)


# Keys of the tables with no row above: pressing one runs its action ---------------------

TABLE_SCREENS = {"app": MODES, "review": ("feedback",)}


def _owners() -> dict[str, type]:
    """The class whose BINDINGS hold each scope's actions (where its handlers are)."""
    from .test_actions import node_classes

    owners: dict[str, type] = {}
    for cls in node_classes():
        for binding in cls.__dict__["BINDINGS"]:
            owners.setdefault(ACTION_BY_ID[binding.id].scope, cls)
    return owners


def _covered(screen: str, key: str, review: bool) -> bool:
    return any(
        row.screen == screen and key in row.keys and (row.setup is open_review) == review
        for row in ROWS
    )


def _ran(action: Action) -> Callable[[MasteryApp, Ctx], object]:
    def check(app: MasteryApp, ctx: Ctx) -> None:
        assert ctx["ran"], f"{action.id}: {action.handler} did not run"

    return check


def _spy(action: Action, review: bool) -> Step:
    async def setup(app: MasteryApp, pilot: Any, ctx: Ctx) -> None:
        if review:
            await open_review(app, pilot, ctx)
        ctx["ran"] = []
        cls = _owners()[action.scope]
        original = getattr(cls, action.handler)
        ctx["restore"] = (cls, action.handler, original)
        setattr(cls, action.handler, lambda *args, **kwargs: ctx["ran"].append(args))

    return setup


def generic_rows() -> list[Row]:
    found: list[Row] = []
    for table in readme_keys.TABLES:
        review = table.name == "review"
        for screen in TABLE_SCREENS.get(table.name, (table.name,)):
            for _, _, actions in readme_keys.rows(table):
                for action in actions:
                    for key in action.keys:
                        if not _covered(screen, key, review):
                            found.append(Row(screen, (key,), _ran(action), _spy(action, review)))
    return found


ROWS += generic_rows()


@pytest.mark.slow  # about 140 apps, one per row: .ci/run runs it (`pytest -m slow`)
@pytest.mark.parametrize("row", ROWS, ids=[f"{i:02d}-{r.name}" for i, r in enumerate(ROWS)])
async def test_readme_key(demo_store: MasteryStore, row: Row) -> None:
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if row.screen != "goals":
            await pilot.press(next(i.key for i in SCREENS if i.name == row.screen))
            await pilot.pause()
        assert app.current_mode == row.screen
        ctx: Ctx = {}
        if row.setup is not None:
            result = row.setup(app, pilot, ctx)
            if result is not None:
                await result
        for key in row.keys:
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        try:
            outcome = row.check(app, ctx)
        finally:
            if "restore" in ctx:
                setattr(*ctx["restore"])
        assert outcome is not False, row.name
