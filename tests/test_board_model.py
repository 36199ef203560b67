"""The Board without Textual: its view of the data, card text, and its store moves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masterytui.domain.errors import NotFoundError, ValidationError
from masterytui.domain.model import Goal, Task
from masterytui.screens.board.card import CardStyles, card_summary, meta_line, title_line
from masterytui.screens.board.forms import parse_wip_limit
from masterytui.screens.board.header import header_text
from masterytui.store import MasteryStore
from masterytui.views.board import (
    NO_GOAL,
    BoardFilter,
    _Placer,
    build_board,
    column_order,
    done_this_week,
    drop_index,
    reorder_plan,
)

TODAY = date(2026, 11, 23)


def task(tid: str, column: str = "backlog", position: float = 0, **fields: object) -> Task:
    return Task(id=tid, title=fields.pop("title", tid), column=column, position=position, **fields)  # type: ignore[arg-type]


def order_of(store: MasteryStore, column: str) -> list[str]:
    return [
        t.title
        for t in sorted(
            (t for t in store.snapshot().tasks if t.column == column),
            key=lambda t: (t.position, t.created_at, t.id),
        )
    ]


# The view ------------------------------------------------------------------------------------

GOALS = [
    Goal("g1", "Running", "area"),
    Goal("g2", "Marathon", "performance", parent_id="g1"),
    Goal("g3", "Cadence", "mastery", parent_id="g2"),
    Goal("g4", "Guitar", "area"),
]


def test_columns_keep_board_order_and_counts() -> None:
    tasks = [
        task("b2", position=2),
        task("b1", position=1),
        task("n1", "next"),
        task("d1", "doing"),
        task("d2", "doing", 1),
    ]
    view = build_board(GOALS, tasks, TODAY)
    assert [t.id for t in view.columns["backlog"].cards] == ["b1", "b2"]
    assert view.columns["doing"].total == 2
    assert view.columns["done"].cards == []


def test_text_filter_needs_every_word_in_title_or_notes() -> None:
    tasks = [
        task("a", title="Metronome run at 178", notes="easy pace"),
        task("b", title="Metronome drills"),
        task("c", title="Long run", notes="metronome on"),
    ]
    view = build_board(GOALS, tasks, TODAY, BoardFilter(text="METRONOME run"))
    assert [t.id for t in view.columns["backlog"].cards] == ["a", "c"]
    assert view.columns["backlog"].total == 3


def test_goal_filter_keeps_the_subtree_and_no_goal_keeps_unlinked_cards() -> None:
    tasks = [
        task("run", goal_id="g1"),
        task("cad", goal_id="g3"),
        task("gtr", goal_id="g4"),
        task("none"),
        task("gone", goal_id="g-deleted"),
    ]
    view = build_board(GOALS, tasks, TODAY, BoardFilter(goal_id="g2"))
    assert [t.id for t in view.columns["backlog"].cards] == ["cad"]
    assert view.goal_filter_title == "Marathon"
    view = build_board(GOALS, tasks, TODAY, BoardFilter(goal_id="g1"))
    assert {t.id for t in view.columns["backlog"].cards} == {"run", "cad"}
    view = build_board(GOALS, tasks, TODAY, BoardFilter(goal_id=NO_GOAL))
    assert {t.id for t in view.columns["backlog"].cards} == {"none", "gone"}
    view = build_board(GOALS, tasks, TODAY, BoardFilter(goal_id="g-missing"))
    assert view.columns["backlog"].cards == []


def test_done_shows_the_last_14_days_and_counts_the_older_ones() -> None:
    def done(tid: str, days_ago: int | None) -> Task:
        when = None if days_ago is None else f"{TODAY - timedelta(days=days_ago)}T09:00:00"
        return task(tid, "done", done_at=when)

    tasks = [done("today", 0), done("edge", 13), done("old", 14), done("ancient", 900)]
    tasks.append(done("undated", None))
    view = build_board(GOALS, tasks, TODAY)
    assert {t.id for t in view.columns["done"].cards} == {"today", "edge"}
    assert view.columns["done"].older == 3
    everything = build_board(GOALS, tasks, TODAY, show_all_done=True)
    assert len(everything.columns["done"].cards) == 5
    assert everything.columns["done"].older == 0
    assert done_this_week(tasks, TODAY) == 1  # Monday: only today's


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["backlog", "next", "doing", "done"]),
            st.sampled_from(
                [None, "", "2026-11-23T09:00:00", "2026-11-10", "2026-11-09T23:59", "x"]
            ),
            st.integers(min_value=0, max_value=3),
            st.sampled_from([None, "g1", "g3", "gone"]),
        ),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=20),
)
def test_the_board_as_it_opens_is_the_placers(
    rows: list[tuple[str, str | None, int, str | None]], recent: int
) -> None:
    """Unfiltered, cards are placed in line, not by ``_Placer.place``: the same board."""
    tasks = [
        task(f"t{i}", column, position, done_at=done_at, goal_id=goal_id)
        for i, (column, done_at, position, goal_id) in enumerate(rows)
    ]
    view = build_board(GOALS, tasks, TODAY, recent_days=recent)
    placer = _Placer(GOALS, TODAY, BoardFilter(), False, recent)
    for key, column in view.columns.items():
        mine = [t for t in tasks if t.column == key]
        places = [placer.place(t) for t in mine]
        assert column.total == len(mine)
        assert column.older == places.count("older")
        cards = [t for t, where in zip(mine, places, strict=True) if where == "card"]
        assert column.cards == sorted(cards, key=lambda t: (t.position, t.created_at, t.id))


def test_column_order_ignores_filters() -> None:
    tasks = [task("x", position=3), task("y", position=1), task("z", "next")]
    assert column_order(tasks, "backlog") == ["y", "x"]


def test_drop_index_in_another_column_and_in_the_same_one() -> None:
    order = ["a", "b", "c", "d"]
    # From another column: dropped above b (gap 1) lands at index 1; at the end, at 4.
    assert drop_index(order, order, "x", 1) == 1
    assert drop_index(order, order, "x", 4) == 4
    assert drop_index(order, [], "x", 0) == 0
    # Within the column: on itself (gap 1 or 2 for b) is no move.
    assert drop_index(order, order, "b", 1) is None
    assert drop_index(order, order, "b", 2) is None
    assert drop_index(order, order, "b", 0) == 0
    assert drop_index(order, order, "b", 4) == 3
    # With hidden cards (only a and d shown), dropping after d goes after d.
    assert drop_index(order, ["a", "d"], "x", 2) == 4
    assert drop_index(order, ["a", "d"], "x", 1) == 3


def test_reorder_plan_swaps_neighbours_and_jumps_long_hidden_stretches() -> None:
    order = [f"t{i}" for i in range(30)]
    assert reorder_plan(order, "t5", "t4", -1) == ("reorder", -1)
    assert reorder_plan(order, "t5", "t8", 1) == ("reorder", 3)
    assert reorder_plan(order, "t0", "t20", 1) == ("move", 20)
    assert reorder_plan(order, "t25", "t2", -1) == ("move", 2)


# Card text ----------------------------------------------------------------------------------


def test_meta_line_marks_overdue_today_priority_and_done_without_colour() -> None:
    styles = CardStyles()
    overdue = task("a", "next", due="2026-11-20", priority="H")
    assert meta_line(overdue, "Cadence", TODAY, 30, styles).plain == "H !20 Nov Cadence"
    due_today = task("b", "doing", due="2026-11-23", priority="L")
    assert meta_line(due_today, None, TODAY, 30, styles).plain == "L today"
    later = task("c", due="2027-01-05")
    assert meta_line(later, None, TODAY, 30, styles).plain == "5 Jan 2027"
    finished = task("d", "done", done_at="2026-11-21T08:00:00+01:00", due="2026-11-01")
    assert meta_line(finished, None, TODAY, 30, styles).plain == "✓21 Nov"


def test_hostile_titles_are_shown_literally_and_safely() -> None:
    styles = CardStyles()
    for title in ("[red]x[/]", "[/]", "[link=x]y", "[@click=app.quit]q[/]"):
        assert title_line(task("h", title=title), 40, styles).plain == title
    line = title_line(task("e", title="a\x1b[2Jb\x07c\x9b"), 40, styles).plain
    assert "\x1b" not in line and "\x07" not in line and "\x9b" not in line
    assert line.startswith("a") and "b" in line
    summary = card_summary(task("s", title="[bold]x", notes="n\x1b]0;t\x07"), "[/]", TODAY)
    assert "[bold]x" in summary and "goal: [/]" in summary and "\x1b" not in summary


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(min_size=1, max_size=80),
    goal=st.text(max_size=60),
    width=st.integers(min_value=4, max_value=40),
)
def test_card_lines_never_overflow_their_width(title: str, goal: str, width: int) -> None:
    card = task("p", "next", title=title, due="2026-11-20", priority="M")
    styles = CardStyles()
    assert title_line(card, width, styles).cell_len <= width
    assert meta_line(card, goal, TODAY, width, styles).cell_len <= width


def test_long_titles_end_with_an_ellipsis() -> None:
    line = title_line(task("l", title="Rewrite the pricing page headline"), 18, CardStyles())
    assert line.plain == "Rewrite the prici…"


def test_headers_show_counts_wip_and_older_done() -> None:
    def header(column: str, **kw: object) -> tuple[str, bool]:
        args: dict[str, object] = {
            "shown": 3,
            "total": 3,
            "older": 0,
            "filtered": False,
            "wip_limit": 3,
            "show_all_done": False,
        }
        args.update(kw)
        text, over = header_text(column, **args)  # type: ignore[arg-type]
        return text.plain, over

    assert header("backlog") == ("Backlog 3", False)
    assert header("backlog", shown=1, filtered=True) == ("Backlog 1 of 3", False)
    assert header("doing") == ("Doing 3/3", False)
    assert header("doing", shown=4, total=4) == ("Doing 4/3! over", True)
    assert header("doing", shown=1, total=4, filtered=True) == ("Doing 1 · 4/3! over", True)
    assert header("doing", shown=1, total=2, filtered=True) == ("Doing 1 · 2/3", False)
    assert header("doing", wip_limit=0) == ("Doing 3", False)
    assert header("done", older=120) == ("Done 3 +120 older", False)
    assert header("done", show_all_done=True) == ("Done 3 (all)", False)


def test_wip_limit_input() -> None:
    assert parse_wip_limit(" 4 ") == 4
    assert parse_wip_limit("0") == 0
    for bad in ("", "-1", "2.5", "many", "100"):
        with pytest.raises(ValidationError):
            parse_wip_limit(bad)


# Store moves ---------------------------------------------------------------------------------


@pytest.fixture
def board(store: MasteryStore) -> MasteryStore:
    goal = store.add_goal("Cadence", "mastery")
    for title in ("a", "b", "c", "d"):
        store.add_task(title, goal.id, "next")
    store.add_task("w", None, "doing")
    return store


def tid(store: MasteryStore, title: str) -> str:
    return next(t.id for t in store.snapshot().tasks if t.title == title)


def test_move_task_places_at_index_and_stamps_done(board: MasteryStore) -> None:
    moved = board.move_task(tid(board, "b"), "doing")
    assert moved.column == "doing" and moved.done_at is None
    assert order_of(board, "doing") == ["b", "w"]
    board.move_task(tid(board, "c"), "doing", 1)
    assert order_of(board, "doing") == ["b", "c", "w"]
    board.move_task(tid(board, "a"), "doing", 99)
    assert order_of(board, "doing") == ["b", "c", "w", "a"]
    done = board.move_task(tid(board, "a"), "done")
    assert done.done_at is not None
    again = board.move_task(tid(board, "a"), "done", 0)
    assert again.done_at == done.done_at  # reordering within Done keeps the stamp
    back = board.move_task(tid(board, "a"), "next")
    assert back.done_at is None and order_of(board, "next") == ["a", "d"]


def test_move_task_refuses_bad_input_and_undoes(board: MasteryStore) -> None:
    with pytest.raises(ValidationError):
        board.move_task(tid(board, "a"), "someday")
    with pytest.raises(NotFoundError):
        board.move_task("t-nope", "done")
    board.move_task(tid(board, "a"), "done")
    assert board.undo() == "move 'a' to Done"
    assert order_of(board, "next") == ["a", "b", "c", "d"]


def test_reorder_task_moves_one_stretch_and_undoes(board: MasteryStore) -> None:
    steps = (("a", 1, True), ("d", -3, True), ("c", 2, False), ("b", -1, True))
    for title, delta, moved in (*steps, ("b", -5, False), ("a", 0, False)):
        assert board.reorder_task(tid(board, title), delta) is moved
    assert order_of(board, "next") == ["b", "d", "a", "c"]
    before = order_of(board, "next")
    board.reorder_task(tid(board, "a"), 1)
    board.undo()
    assert order_of(board, "next") == before
