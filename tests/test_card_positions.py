"""Card order is always what the user made it: drops into the same place, ties in the file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from masterytui.domain.model import COLUMNS
from masterytui.store import MasteryStore

CARDS = "abcdef"


def board_order(store: MasteryStore) -> dict[str, list[str]]:
    """Each column's card titles in the order the Board shows them."""
    tasks = sorted(store.snapshot().tasks, key=lambda t: (t.position, t.created_at, t.id))
    return {column: [t.title for t in tasks if t.column == column] for column in COLUMNS}


def test_hundreds_of_drops_into_the_same_place_keep_their_order(store: MasteryStore) -> None:
    store.add_task("top", column="next")
    first = store.add_task("first", column="next")
    store.add_task("last", column="next")
    expected = ["top", "first", "last"]
    for n in range(200):  # the gap under "first" halves each time: gone after ~52 on floats
        card = store.add_task(f"card {n}")
        store.move_task(card.id, "next", 2)  # right under "first", every time
        expected.insert(2, card.title)
        if n % 20 == 19:
            assert board_order(store)["next"] == expected
    assert board_order(store)["next"] == expected
    positions = sorted(t.position for t in store.snapshot().tasks if t.column == "next")
    assert len(set(positions)) == len(positions)
    assert store.task(first.id).position == positions[1]


def test_a_drop_between_tied_cards_lands_where_it_was_dropped(tmp_path: Path) -> None:
    path = tmp_path / "masterytui.json"
    store = MasteryStore(path)
    for title in "abc":
        store.add_task(title, column="next")
    moving = store.add_task("x", column="backlog")
    tie_positions(path, {"a": 0, "b": 0, "c": 0})
    store = MasteryStore(path)
    before = board_order(store)["next"]
    store.move_task(moving.id, "next", 2)
    assert board_order(store)["next"] == [*before[:2], "x", *before[2:]]
    store.undo()
    assert board_order(store)["next"] == before


def tie_positions(path: Path, positions: dict[str, float]) -> None:
    """Hand-edit the file: the cards titled as the keys get these positions."""
    data = json.loads(path.read_text())
    for doc in data["tasks"].values():
        if doc["title"] in positions:
            doc["position"] = positions[doc["title"]]
    path.write_text(json.dumps(data))


move = st.tuples(
    st.just("move"), st.sampled_from(CARDS), st.sampled_from(COLUMNS), st.integers(0, 6)
)
reorder = st.tuples(st.just("reorder"), st.sampled_from(CARDS), st.integers(-3, 3))


@settings(max_examples=40, deadline=None)
@given(
    start=st.lists(st.sampled_from([0, 0.5, 1, 1 + 2.0**-30]), min_size=6, max_size=6),
    steps=st.lists(st.one_of(move, reorder), max_size=30),
)
def test_moves_and_reorders_keep_the_order_of_a_list_model(
    start: list[float], steps: list[tuple[object, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "masterytui.json"
        store = MasteryStore(path)
        ids = {title: store.add_task(title, column="next").id for title in CARDS}
        tie_positions(path, dict(zip(CARDS, start, strict=True)))
        store = MasteryStore(path)
        model = board_order(store)  # ties in the file read in a fixed order: the model's start
        for step in steps:
            title = str(step[1])
            column = next(c for c, cards in model.items() if title in cards)
            if step[0] == "move":
                target, index = str(step[2]), int(str(step[3]))
                store.move_task(ids[title], target, index)
                model[column].remove(title)
                model[target].insert(min(index, len(model[target])), title)
            else:
                delta = int(str(step[2]))
                at = model[column].index(title)
                moved = store.reorder_task(ids[title], delta)
                assert moved == (delta != 0 and 0 <= at + delta < len(model[column]))
                if moved:
                    model[column].insert(at + delta, model[column].pop(at))
            assert board_order(store) == model
