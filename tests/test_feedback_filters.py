"""The Feedback screen's filters as plain functions: each one, combined, and their words."""

from __future__ import annotations

from datetime import date

from masterytui.store import MasteryStore
from masterytui.views.feedback import Filters, filter_entries, filter_practice
from masterytui.widgets.glyphs import glyph


def sample(store: MasteryStore) -> dict[str, str]:
    area = store.add_goal("Music", "area")
    scales = store.add_goal("Scales", "mastery", area.id)
    arpeggios = store.add_goal("Arpeggios", "mastery", scales.id)
    other = store.add_goal("Running", "area")
    task = store.add_task("Metronome at 120", arpeggios.id)
    store.add_feedback("Clean at 100", "win", "self", goal_id=scales.id, at="2026-11-20")
    store.add_feedback(
        "Wrist tension", "lesson", "coach", next_step="Relax the thumb", at="2026-11-21"
    )
    store.add_feedback("Rushed", "improve", "coach", task_id=task.id, at="2026-11-22")
    store.add_feedback("Shin splints", "setback", "self", goal_id=other.id, at="2026-11-19")
    store.add_feedback("Under arpeggios", "note", "peer", goal_id=arpeggios.id, at="2026-11-18")
    store.log_practice(20, scales.id, on="2026-11-20", note="C major")
    store.log_practice(30, arpeggios.id, on="2026-11-21", note="broken chords")
    store.log_practice(40, other.id, on="2026-11-22", note="easy run")
    return {"area": area.id, "scales": scales.id, "arpeggios": arpeggios.id, "other": other.id}


def texts(store: MasteryStore, filters: Filters) -> list[str]:
    return [e.text for e in filter_entries(store.snapshot(), filters)]


def test_no_filter_lists_everything_newest_first(store: MasteryStore, frozen: date) -> None:
    sample(store)
    assert texts(store, Filters()) == [
        "Rushed",
        "Wrist tension",
        "Clean at 100",
        "Shin splints",
        "Under arpeggios",
    ]
    assert not Filters().active


def test_goal_filter_takes_the_subtree_and_linked_tasks(store: MasteryStore, frozen: date) -> None:
    ids = sample(store)
    assert texts(store, Filters(goal_id=ids["scales"])) == [
        "Rushed",  # linked to a task of a sub-goal
        "Clean at 100",
        "Under arpeggios",  # linked to a sub-goal
    ]
    assert texts(store, Filters(goal_id=ids["other"])) == ["Shin splints"]


def test_kind_source_and_text_filters(store: MasteryStore, frozen: date) -> None:
    sample(store)
    assert texts(store, Filters(kind="setback")) == ["Shin splints"]
    assert texts(store, Filters(source="coach")) == ["Rushed", "Wrist tension"]
    assert texts(store, Filters(text="THUMB")) == ["Wrist tension"]  # found in the next step
    assert texts(store, Filters(text="  ")) == texts(store, Filters())


def test_filters_combine(store: MasteryStore, frozen: date) -> None:
    ids = sample(store)
    assert texts(store, Filters(goal_id=ids["area"], source="coach")) == ["Rushed"]
    assert texts(store, Filters(kind="lesson", source="coach", text="wrist")) == ["Wrist tension"]
    assert texts(store, Filters(kind="win", source="coach")) == []


def test_practice_filters_by_goal_subtree_and_note(store: MasteryStore, frozen: date) -> None:
    ids = sample(store)
    snapshot = store.snapshot()
    notes = [s.note for s in filter_practice(snapshot, Filters(goal_id=ids["scales"]))]
    assert notes == ["broken chords", "C major"]
    assert [s.note for s in filter_practice(snapshot, Filters(text="RUN"))] == ["easy run"]
    # Kind and source belong to feedback; they leave practice alone.
    assert len(filter_practice(snapshot, Filters(kind="win", source="peer"))) == 3


def test_cycling_and_describing(store: MasteryStore, frozen: date) -> None:
    ids = sample(store)
    filters = Filters()
    kinds = []
    for _ in range(6):
        filters = filters.next_kind()
        kinds.append(filters.kind)
    assert kinds == ["win", "lesson", "improve", "setback", "note", None]
    assert Filters().next_source().next_source().source == "mentor"
    words = Filters(goal_id=ids["scales"], kind="win", source="peer", text=" x ").describe(
        store.snapshot(), glyph
    )
    assert words == ["goal: Scales", "kind: ★ win", "source: peer", "text: “x”"]
    assert Filters(goal_id="gone").describe(store.snapshot()) == ["goal: (deleted goal)"]


def test_practice_text_filter_finds_the_focus_and_the_next_fix(
    store: MasteryStore, frozen: date
) -> None:
    ids = sample(store)
    store.log_practice(15, ids["scales"], focus="Left-hand legato", next_fix="slower at 60 bpm")
    snapshot = store.snapshot()
    assert [s.focus for s in filter_practice(snapshot, Filters(text="LEGATO"))] == [
        "Left-hand legato"
    ]
    assert [s.minutes for s in filter_practice(snapshot, Filters(text="60 bpm"))] == [15]
