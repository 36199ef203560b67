"""The layout cache (beside the lock) may only ever cost speed, never a document (issue #14).

Every test here damages the layout or the file behind masterytui's back, keeping the data
file's signature (inode, size, mtime) as it was, so only the layout's own checks stand between
the damage and the quick path's splice, or the app's table-by-table parse.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import time_machine

from masterytui.cli import main
from masterytui.store import MasteryStore
from masterytui.store.base import StoreBase
from masterytui.store.export import export_csv, export_json
from masterytui.store.files import structure_problem
from masterytui.store.lock import TOKEN_SIZE
from masterytui.store.quick import NeedsWholeFile, QuickStore
from masterytui.views.report import export_markdown

from .conftest import FROZEN_NOW

# Reading and writing the layout as raw JSON ----------------------------------------------------


def _lock(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def read_layout(path: Path) -> tuple[dict[str, Any], bool]:
    """The layout beside ``path`` as JSON, and whether it carries a checksum line."""
    raw = _lock(path).read_bytes()[TOKEN_SIZE:]
    body, newline, check = raw.rpartition(b"\n")
    if newline and len(check) == 64:
        return json.loads(body), True
    return json.loads(raw), False


def write_layout(
    path: Path, layout: Any, *, checked: bool = True, body: bytes | None = None
) -> None:
    """Put ``layout`` beside ``path``, checksummed like masterytui's own when ``checked``.

    A checksummed forgery models a layout masterytui itself got wrong: only the checks of
    what the layout claims (tiling, hashes, free doc id, finite bounds) can catch it.
    """
    if body is None:
        body = json.dumps(layout, separators=(",", ":")).encode()  # NaN/Infinity allowed
    raw = body + (b"\n" + hashlib.sha256(body).hexdigest().encode() if checked else b"")
    lock = _lock(path)
    lock.write_bytes(lock.read_bytes()[:TOKEN_SIZE] + raw)


def forge(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    layout, checked = read_layout(path)
    change(layout)
    write_layout(path, layout, checked=checked)


def keep_signature(path: Path) -> Callable[[], None]:
    """Call the result after editing ``path`` in place to put its mtime back."""
    stat = os.stat(path)
    return lambda: os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def add(path: Path, title: str) -> None:
    assert main(["--db", str(path), "add", "task", title]) == 0


def whole(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    assert structure_problem(data) is None
    return data


def assert_nothing_lost(before: dict[str, Any], path: Path, title: str) -> None:
    """Every document of ``before`` is in the file unchanged, and the new task once."""
    after = whole(path)
    for name, table in before.items():
        for key, doc in table.items():
            assert after[name].get(key) == doc, f"{name} {key} lost or changed"
    assert [d["title"] for d in after["tasks"].values()].count(title) == 1
    reopened = MasteryStore(path)
    assert title in {t.title for t in reopened.snapshot().tasks}
    assert len(reopened.snapshot().tasks) == len(after["tasks"])


@pytest.fixture
def demo(demo_store: MasteryStore) -> Path:
    demo_store.add_task("so that the layout is the one written last")
    return demo_store.path


# Item 5: a layout that passes every check of today's code, and lies ---------------------------


@pytest.mark.parametrize("which", ["first", "second", "last"])
def test_a_next_id_already_taken_does_not_replace_a_task(demo: Path, which: str) -> None:
    before = whole(demo)
    keys = list(before["tasks"])
    taken = int({"first": keys[0], "second": keys[1], "last": keys[-1]}[which])
    forge(demo, lambda layout: layout["spans"]["tasks"].__setitem__(2, taken))
    original = demo.read_bytes()
    with pytest.raises(NeedsWholeFile, match=r"taken|missing"), QuickStore(demo) as quick:
        quick.add_task("new one")  # checked as the new copy syncs: the copy is removed
    assert demo.read_bytes() == original
    assert sorted(p.name for p in demo.parent.glob(".*.tmp")) == []
    add(demo, "new one")
    assert_nothing_lost(before, demo, "new one")


def test_a_next_id_beyond_a_gap_is_not_trusted(demo: Path) -> None:
    before = whole(demo)
    next_id = read_layout(demo)[0]["spans"]["tasks"][2]
    forge(demo, lambda layout: layout["spans"]["tasks"].__setitem__(2, next_id + 5))
    add(demo, "new one")
    assert_nothing_lost(before, demo, "new one")
    assert str(next_id) in whole(demo)["tasks"], "the id the whole store would have given"


def test_an_end_at_an_inner_brace_does_not_nest_the_task(demo: Path) -> None:
    before = whole(demo)
    raw = demo.read_bytes()
    start, end, _ = read_layout(demo)[0]["spans"]["tasks"]
    inner = raw.rfind(b"}", start, end)  # the last task's own closing brace
    forge(demo, lambda layout: layout["spans"]["tasks"].__setitem__(1, inner))
    add(demo, "not nested")
    assert_nothing_lost(before, demo, "not nested")


def _goal_with_a_tasks_field(demo: Path) -> tuple[dict[str, Any], str]:
    """The demo file with a hand-added ``tasks`` field in a goal, and its layout forged so
    the tasks table's span is that field (which today's check of the key before it passes)."""
    data = whole(demo)
    first = next(iter(data["goals"]))
    data["goals"][first]["tasks"] = {}  # a field the whole store keeps as it is
    demo.write_bytes(orjson.dumps(data) + b"\n")
    MasteryStore(demo).add_task("rewrite, to get a layout for this file")
    raw = demo.read_bytes()
    fake = raw.index(b'"tasks":{}') + len(b'"tasks":')
    forge(demo, lambda layout: layout["spans"].__setitem__("tasks", [fake, fake + 1, 1]))
    return whole(demo), first


def test_a_span_on_a_field_named_tasks_inside_a_goal_is_not_used(demo: Path) -> None:
    before, goal = _goal_with_a_tasks_field(demo)
    add(demo, "on the board")
    assert_nothing_lost(before, demo, "on the board")
    assert whole(demo)["goals"][goal]["tasks"] == {}


def test_the_app_store_never_parses_a_wrong_span(demo: Path) -> None:
    """The app's table-by-table parse must not show that field as the board."""
    before, _ = _goal_with_a_tasks_field(demo)
    store = MasteryStore(demo)
    assert {t.id for t in store.snapshot().tasks} == {d["id"] for d in before["tasks"].values()}
    store.add_task("from the app")
    assert_nothing_lost(before, demo, "from the app")


@pytest.mark.parametrize("bound", [math.nan, math.inf, -math.inf, "1e400"])
def test_non_finite_column_bounds_are_not_used(demo: Path, bound: Any) -> None:
    before = whole(demo)
    layout, checked = read_layout(demo)
    layout["columns"]["backlog"] = [0, 0]
    body = json.dumps(layout, separators=(",", ":")).encode()
    body = body.replace(b'"backlog":[0,0]', b'"backlog":[0,' + str(bound).encode() + b"]")
    body = body.replace(b"nan", b"NaN").replace(b"inf", b"Infinity")
    write_layout(demo, None, checked=checked, body=body)
    add(demo, "finite")
    assert_nothing_lost(before, demo, "finite")
    task = next(t for t in whole(demo)["tasks"].values() if t["title"] == "finite")
    assert math.isfinite(task["position"])
    assert export_json(MasteryStore(demo))


def test_a_deeply_nested_layout_is_no_layout(demo: Path, frozen: object) -> None:
    before = whole(demo)
    layout, checked = read_layout(demo)
    body = json.dumps(layout, separators=(",", ":")).encode()
    body = body[:-1] + b',"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    write_layout(demo, None, checked=checked, body=body)
    store = MasteryStore(demo)  # the app's store reads the layout too
    assert store.snapshot().tasks
    assert export_markdown(store) and export_csv(store.snapshot(), "tasks")
    add(demo, "deep")
    assert_nothing_lost(before, demo, "deep")


def test_a_goals_span_ending_inside_a_document_falls_back(demo: Path) -> None:
    raw = demo.read_bytes()
    start = read_layout(demo)[0]["spans"]["goals"][0]
    inner = raw.find(b"}", start + 2)  # inside the first goal
    forge(demo, lambda layout: layout["spans"]["goals"].__setitem__(1, inner))
    before = whole(demo)
    goal = next(iter(before["goals"].values()))["id"]
    assert main(["--db", str(demo), "add", "task", "for a goal", "--goal", goal]) == 0
    assert_nothing_lost(before, demo, "for a goal")
    store = MasteryStore(demo)
    assert {g.id for g in store.snapshot().goals} == {d["id"] for d in before["goals"].values()}


# Item 6: the file changed in place, size and mtime kept ---------------------------------------


def test_a_table_emptied_in_place_with_the_mtime_restored(demo: Path) -> None:
    raw = demo.read_bytes()
    start, end, _ = read_layout(demo)[0]["spans"]["tasks"]
    restore = keep_signature(demo)
    with open(demo, "r+b") as handle:  # same inode, same size
        handle.seek(start)
        handle.write(b"{" + b" " * (end - start - 1) + b"}")
    restore()
    assert len(demo.read_bytes()) == len(raw)
    before = whole(demo)
    assert before["tasks"] == {}
    add(demo, "after the edit")
    assert_nothing_lost(before, demo, "after the edit")
    assert len(whole(demo)["tasks"]) == 1


# Random damage: every field, many seeds --------------------------------------------------------


def _values(rng: random.Random, old: Any) -> Any:
    """A random replacement for a layout value ``old``."""
    choices: list[Any] = [None, True, "x", [], {}, 0, -1, 1, 2**70, 0.5, math.nan, math.inf]
    choices.append([[[[[]]]]])
    if isinstance(old, int) and not isinstance(old, bool):
        choices += [old + rng.randint(-3, 3) or old + 1, old * 2, float(old), str(old)]
    if isinstance(old, float):
        choices += [old + rng.uniform(-5, 5), -old, str(old)]
    if isinstance(old, str):
        choices += [old[::-1], old[:-1], old.upper(), old[:-1] + ("0" if old[-1] != "0" else "1")]
    return rng.choice(choices)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the layout JSON (keys of objects count as places too)."""
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*here, ("key", key))
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


def _corrupt(rng: random.Random, layout: dict[str, Any]) -> tuple[Any, ...]:
    place = rng.choice([p for p in _paths(layout) if p])
    *parents, last = place
    holder: Any = layout
    for step in parents:
        holder = holder[step]
    if isinstance(last, tuple):  # rename a key, or drop the entry
        key = last[1]
        item = holder.pop(key)
        if rng.random() < 0.7:
            holder[rng.choice([key[::-1], key + "s", "tasks", "goals", "meta", "7"])] = item
    elif rng.random() < 0.1 and isinstance(holder, dict):
        del holder[last]
    else:
        holder[last] = _values(rng, holder[last])
    return place


def _trusting_fields(place: tuple[Any, ...]) -> bool:
    """A forged next doc id or column bound can only be caught by the checksum: masterytui
    cannot tell it from the truth without parsing the table, so the file is only required
    to keep every document (not to be byte for byte what the whole store writes)."""
    return (len(place) == 3 and place[0] == "spans" and place[2] == 2) or place[0] == "columns"


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The same new id and the same clock for the quick path and the whole store."""
    monkeypatch.setattr(StoreBase, "new_id", lambda self, table: "t0ff1ce")
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield


@pytest.mark.parametrize("mode", ["bytes", "fields", "forged"])
def test_random_damage_to_the_layout_costs_only_speed(
    demo: Path, tmp_path: Path, fixed_ids: None, mode: str
) -> None:
    """What ``add`` leaves is what the whole store would have written, or nothing quick ran.

    bytes: the layout's bytes flipped, cut or grown; fields: one field replaced by a random
    value; forged: the same, with the checksum made to match (a layout masterytui got wrong).
    """
    original = demo.read_bytes()
    base, checked = read_layout(demo)

    def reset() -> bytes:
        """The file as it was (a quick write replaced it: a new inode), its layout re-signed."""
        demo.write_bytes(original)
        stat = os.stat(demo)
        base["sig"] = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
        write_layout(demo, base, checked=checked)
        return _lock(demo).read_bytes()

    oracle_path = tmp_path / "oracle" / "demo.json"
    oracle_path.parent.mkdir()
    oracle_path.write_bytes(original)
    MasteryStore(oracle_path).add_task("quick")
    expected = oracle_path.read_bytes()
    data_before = orjson.loads(original)
    quick_ran = 0
    for seed in range(150):
        rng = random.Random(f"{mode}-{seed}")
        lock_bytes = reset()
        place: tuple[Any, ...] = ()
        if mode == "bytes":
            raw = bytearray(lock_bytes[TOKEN_SIZE:])
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(len(raw))
                action = rng.choice(["flip", "cut", "grow"])
                if action == "flip":
                    raw[at] ^= 1 << rng.randrange(8)
                elif action == "cut":
                    del raw[at:]
                    raw += b"x" if not raw else b""
                else:
                    raw[at:at] = bytes([rng.randrange(256)])
            _lock(demo).write_bytes(lock_bytes[:TOKEN_SIZE] + bytes(raw))
        else:
            layout, checked = read_layout(demo)
            place = _corrupt(rng, layout)
            write_layout(demo, layout, checked=checked and mode == "forged")
        try:
            with QuickStore(demo) as quick:
                quick.add_task("quick")
        except NeedsWholeFile:
            assert demo.read_bytes() == original, f"seed {seed}: stepped aside after writing"
            continue
        quick_ran += 1
        if mode == "forged" and _trusting_fields(place):
            assert_nothing_lost(data_before, demo, "quick")
        else:
            assert demo.read_bytes() == expected, f"seed {seed}: {place} changed the result"
    if mode != "forged":
        assert quick_ran == 0, "a damaged layout passed its checksum"
    else:
        assert quick_ran, "some forgeries are harmless (a wider bound): the splice was tested"
    # The undamaged layout still gets the quick path, and the same bytes as the whole store.
    reset()
    with QuickStore(demo) as quick:
        quick.add_task("quick")
    assert demo.read_bytes() == expected


def test_random_damage_to_the_file_in_place_is_seen(
    demo: Path, tmp_path: Path, fixed_ids: None
) -> None:
    """Any byte of the file changed (size and mtime kept): the quick path steps aside."""
    original = demo.read_bytes()
    stat = os.stat(demo)
    lock_bytes = _lock(demo).read_bytes()
    for seed in range(150):
        rng = random.Random(seed)
        damaged = bytearray(original)
        at = rng.randrange(len(damaged))
        damaged[at] = rng.choice([c for c in b' {}[],:"0az\\' if c != damaged[at]])
        demo.write_bytes(bytes(damaged))
        os.utime(demo, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        _lock(demo).write_bytes(lock_bytes)
        with pytest.raises(NeedsWholeFile), QuickStore(demo) as quick:
            quick.add_task("quick")
        assert demo.read_bytes() == bytes(damaged)
        # the tables are hashed while the new copy is fsynced: a refused copy is removed
        assert sorted(p.name for p in demo.parent.glob(".*.tmp")) == []


# Each table's bytes checked when first used (issue #16) ----------------------------------------


def test_opening_the_app_s_store_hashes_only_the_tables_it_reads(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen needs the goals (and the settings): the other tables' bytes are
    hashed when they are first used, not before the first frame."""
    from masterytui.store import storage

    hashed: list[int] = []
    original = storage.digest_of

    def digest_of(raw: bytes | memoryview) -> str:
        hashed.append(len(raw))
        return original(raw)

    monkeypatch.setattr(storage, "digest_of", digest_of)
    spans = read_layout(demo)[0]["spans"]
    size = {name: end - start + 1 for name, (start, end, _) in spans.items()}
    store = MasteryStore(demo)
    assert store.snapshot().goals
    assert sorted(hashed) == sorted([size["meta"], size["goals"]])
    store.snapshot().feedback  # noqa: B018 (read: hashed now, once)
    store.snapshot().feedback  # noqa: B018
    assert sorted(hashed) == sorted([size["meta"], size["goals"], size["feedback"]])


def test_a_table_changed_in_place_is_read_as_it_is_when_first_used(demo: Path) -> None:
    """Feedback emptied behind masterytui's back (size and mtime kept): the store opened on
    it reads the goals first (their bytes are as written), then the feedback as the file has
    it; its next write carries no stale bytes (the file is whole, the layout beside it true)."""
    goals = MasteryStore(demo).snapshot().goals
    assert MasteryStore(demo).snapshot().feedback
    start, end, _ = read_layout(demo)[0]["spans"]["feedback"]
    restore = keep_signature(demo)
    with open(demo, "r+b") as handle:
        handle.seek(start)
        handle.write(b"{" + b" " * (end - start - 1) + b"}")
    restore()
    store = MasteryStore(demo)
    assert store.snapshot().goals == goals
    assert store.snapshot().feedback == []
    store.set_setting("welcomed", True)
    store.wait_for_writes()
    assert whole(demo)["feedback"] == {}
    reopened = MasteryStore(demo)
    assert reopened.snapshot().feedback == [] and reopened.snapshot().goals == goals


@pytest.mark.parametrize("seed", range(40))
def test_a_table_damaged_in_place_is_never_written_back_unread(demo: Path, seed: int) -> None:
    """A byte of a table changed (size and mtime kept) before the store opened the file, and
    the store reads only the goals before it writes: the write refuses the file (nothing
    written) or writes what the damaged table reads as, never the damaged bytes unread."""
    from masterytui.domain.errors import MasteryError

    rng = random.Random(seed)
    name = rng.choice(["tasks", "feedback", "practice"])
    start, end, _ = read_layout(demo)[0]["spans"][name]
    damaged = bytearray(demo.read_bytes())
    at = rng.randrange(start + 1, end)
    damaged[at] = rng.choice([c for c in b' {}[],:"0az\\' if c != damaged[at]])
    restore = keep_signature(demo)
    demo.write_bytes(bytes(damaged))
    restore()
    try:
        expected: Any = orjson.loads(bytes(damaged[start : end + 1]))
    except orjson.JSONDecodeError:
        expected = None
    store = MasteryStore(demo)
    assert store.snapshot().goals  # the first screen's read
    try:
        store.set_setting("welcomed", seed)
        store.wait_for_writes()
    except MasteryError:
        assert demo.read_bytes() == bytes(damaged)  # refused: nothing written
        return
    assert expected is not None
    after = whole(demo)
    assert after[name] == expected
    assert MasteryStore(demo).snapshot().goals == store.snapshot().goals


def test_a_mistake_found_in_an_unchecked_file_is_the_whole_stores_to_report(
    demo: Path,
) -> None:
    """The quick path reads the goals before the tables' hashes are checked (they are
    checked while the new file syncs): if what it read raises, and the file is not as the
    layout says, the whole store decides what the mistake is."""
    goal_id = next(iter(whole(demo)["goals"].values()))["id"]
    start = read_layout(demo)[0]["spans"]["goals"][0]
    at = demo.read_bytes().index(b'"id":' + json.dumps(goal_id).encode(), start)
    restore = keep_signature(demo)
    with open(demo, "r+b") as handle:  # the goal's id changed in place, same size, mtime kept
        handle.seek(at + len('"id":"'))
        handle.write(b"Z" * len(goal_id))
    restore()
    with pytest.raises(NeedsWholeFile), QuickStore(demo) as quick:
        quick.resolve_goal(goal_id)  # not in these bytes: not the quick path's to say
    with pytest.raises(SystemExit):  # the whole store reads the file: no such goal now
        main(["--db", str(demo), "add", "task", "x", "--goal", goal_id])
    assert "x" not in {d["title"] for d in whole(demo)["tasks"].values()}
    undamaged = _lock(demo).read_bytes()
    add(demo, "the layout is written again")
    assert _lock(demo).read_bytes() != undamaged
    # a mistake on a file as the layout says is the quick path's to report
    with pytest.raises(ValueError, match="cannot be empty"), QuickStore(demo) as quick:
        quick.add_task("   ")


def test_hashing_the_largest_table_in_a_thread_agrees_with_hashing_in_turn(demo: Path) -> None:
    from masterytui.store.layout import Layout
    from masterytui.store.lock import FileLock

    layout = Layout.decode(FileLock(demo).read_layout())
    assert layout is not None
    raw = demo.read_bytes()
    in_turn, split = layout.verify(raw), layout.verify(raw, split=True)
    assert in_turn is not None and split is not None
    assert {k: h.hexdigest() for k, h in split.items()} == {
        k: h.hexdigest() for k, h in in_turn.items()
    }
    for name, (start, end, _) in layout.spans.items():  # a byte off in any table is seen
        damaged = bytearray(raw)
        damaged[(start + end) // 2] ^= 1
        assert layout.verify(bytes(damaged), split=True) is None, name


def test_without_threads_add_still_checks_and_writes(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that can start no thread does the hashing and the fsync in turn."""
    import _thread

    refused = []

    def refuse(*_: object) -> None:
        refused.append(1)
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(_thread, "start_new_thread", refuse)
    before = whole(demo)
    with QuickStore(demo) as quick:
        quick.add_task("without threads")
    assert len(refused) == 2  # the fsync's thread and the largest table's
    assert_nothing_lost(before, demo, "without threads")
