"""The three-way merge of data files, case by case (store/merge.py, issue #19)."""

from __future__ import annotations

import copy
from typing import Any

from masterytui.store.doctor import reference_problems
from masterytui.store.files import SCHEMA_VERSION
from masterytui.store.merge import DELETED, merge

T0, T1, T2, T3 = (f"2026-12-0{d}T10:00:00.000000Z" for d in (1, 2, 3, 4))


def task(item_id: str, at: str = T0, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "title": item_id, "column": "backlog", "changed_at": at, **fields}


def goal(item_id: str, parent: str | None = None, at: str = T0, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "title": item_id, "parent_id": parent, "changed_at": at, **fields}


def data(
    tasks: list[dict[str, Any]] = (),  # type: ignore[assignment]
    goals: list[dict[str, Any]] = (),  # type: ignore[assignment]
    graves: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    return {
        "goals": {str(i): g for i, g in enumerate(goals, 1)},
        "tasks": {str(i): t for i, t in enumerate(tasks, 1)},
        "tombstones": {
            str(i): {"id": f"{tb}/{item}", "table": tb, "item": item, "changed_at": at}
            for i, (tb, item, at) in enumerate(graves, 1)
        },
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }


def docs(result: dict[str, Any], table: str = "tasks") -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in result.get(table, {}).values()}


def both_ways(base: Any, ours: Any, theirs: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Merge each way round; the documents and conflict records must be the same."""
    one, report = merge(copy.deepcopy(base), copy.deepcopy(ours), copy.deepcopy(theirs))
    two, _ = merge(copy.deepcopy(base), copy.deepcopy(theirs), copy.deepcopy(ours))
    for table in ("goals", "tasks", "feedback", "practice", "conflicts", "tombstones"):
        assert docs(one, table) == docs(two, table), table
    assert one["meta"] == two["meta"]
    assert reference_problems(one) == []
    return one, report.conflicts


def test_an_add_on_either_side_is_kept() -> None:
    base = data([task("a")])
    result, conflicts = both_ways(base, data([task("a"), task("b")]), data([task("a"), task("c")]))
    assert set(docs(result)) == {"a", "b", "c"} and conflicts == []


def test_a_change_on_one_side_is_taken() -> None:
    base = data([task("a"), task("b")])
    ours = data([task("a", T1, title="new a"), task("b")])
    theirs = data([task("a"), task("b", T2, column="done")])
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result)["a"]["title"] == "new a"
    assert docs(result)["b"]["column"] == "done"
    assert conflicts == []


def test_changes_to_different_fields_of_one_document_both_survive() -> None:
    base = data([task("a", notes="n", measure={"target": 5, "current": 1})])
    ours = data([task("a", T1, notes="n2", measure={"target": 5, "current": 2})])
    theirs = data([task("a", T2, notes="n", title="t2", measure={"target": 9, "current": 1})])
    result, conflicts = both_ways(base, ours, theirs)
    doc = docs(result)["a"]
    assert (doc["notes"], doc["title"], doc["measure"]) == ("n2", "t2", {"target": 9, "current": 2})
    assert doc["changed_at"] == T2
    assert conflicts == []


def test_the_same_field_changed_on_both_sides_the_later_wins_and_is_recorded() -> None:
    base = data([task("a")])
    ours = data([task("a", T2, title="ours, later")])
    theirs = data([task("a", T1, title="theirs, earlier")])
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result)["a"]["title"] == "ours, later"
    assert [(c["item"], c["field"], c["kept"], c["other"]) for c in conflicts] == [
        ("a", "title", "ours, later", "theirs, earlier")
    ]
    assert (conflicts[0]["kept_at"], conflicts[0]["other_at"]) == (T2, T1)
    assert list(docs(result, "conflicts").values()) == conflicts


def test_a_field_added_by_one_side_and_unknown_to_the_other_is_kept() -> None:
    base = data([task("a")])
    ours = data([task("a", T1, focus="scales")])  # a field another version added
    result, _ = both_ways(base, ours, data([task("a", T2, title="b")]))
    assert docs(result)["a"]["focus"] == "scales" and docs(result)["a"]["title"] == "b"


def test_a_field_removed_on_one_side_is_removed() -> None:
    base = data([task("a", due="2026-12-24")])
    ours = data([task("a", T1)])
    result, _ = both_ways(base, ours, base)
    assert "due" not in docs(result)["a"]


def test_delete_on_one_side_and_no_edit_on_the_other_is_a_delete() -> None:
    base = data([task("a"), task("b")])
    ours = data([task("b")], graves=[("tasks", "a", T1)])
    result, conflicts = both_ways(base, ours, base)
    assert set(docs(result)) == {"b"} and conflicts == []
    assert [g["id"] for g in docs(result, "tombstones").values()] == ["tasks/a"]


def test_delete_against_an_edit_keeps_the_edit_and_records_it() -> None:
    base = data([task("a")])
    ours = data([], graves=[("tasks", "a", T2)])
    theirs = data([task("a", T1, title="edited")])
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result)["a"]["title"] == "edited"
    assert [(c["item"], c["field"], c["other"]) for c in conflicts] == [("a", DELETED, None)]
    assert docs(result, "tombstones") == {}  # the kept document is no longer buried


def test_delete_on_both_sides_is_a_delete() -> None:
    base = data([task("a")])
    ours = data([], graves=[("tasks", "a", T1)])
    theirs = data([], graves=[("tasks", "a", T2)])
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result) == {} and conflicts == []
    assert docs(result, "tombstones")["tasks/a"]["changed_at"] == T2


def test_a_task_added_under_a_goal_deleted_elsewhere_brings_the_goal_back() -> None:
    base = data(goals=[goal("g")])
    ours = data(goals=[], graves=[("goals", "g", T1)])
    theirs = data([task("t", T2, goal_id="g")], goals=[goal("g")])
    result, conflicts = both_ways(base, ours, theirs)
    assert set(docs(result, "goals")) == {"g"} and docs(result)["t"]["goal_id"] == "g"
    assert [(c["table"], c["item"], c["field"]) for c in conflicts] == [("goals", "g", DELETED)]


def test_a_sub_goal_under_a_deleted_parent_brings_back_the_whole_chain() -> None:
    base = data(goals=[goal("a"), goal("b", "a")])
    ours = data(goals=[], graves=[("goals", "a", T1), ("goals", "b", T1)])
    theirs = data(goals=[goal("a"), goal("b", "a"), goal("c", "b", T2)])
    result, _ = both_ways(base, ours, theirs)
    assert set(docs(result, "goals")) == {"a", "b", "c"}


def test_two_moves_that_make_a_loop_keep_the_later_move() -> None:
    base = data(goals=[goal("x"), goal("y")])
    ours = data(goals=[goal("x", "y", T1), goal("y")])  # x under y, earlier
    theirs = data(goals=[goal("x"), goal("y", "x", T2)])  # y under x, later
    result, conflicts = both_ways(base, ours, theirs)
    goals = docs(result, "goals")
    assert (goals["x"]["parent_id"], goals["y"]["parent_id"]) == (None, "x")
    assert [(c["item"], c["field"], c["kept"], c["other"]) for c in conflicts] == [
        ("x", "parent_id", None, "y")
    ]


def test_a_longer_loop_is_broken_too() -> None:
    base = data(goals=[goal("a"), goal("b", "a"), goal("c")])
    ours = data(goals=[goal("a", "c", T1), goal("b", "a"), goal("c")])
    theirs = data(goals=[goal("a"), goal("b", "a"), goal("c", "b", T2)])
    result, _ = both_ways(base, ours, theirs)
    assert reference_problems(result) == []
    assert docs(result, "goals")["c"]["parent_id"] == "b"


def test_order_and_bookkeeping_fields_take_the_later_without_a_record() -> None:
    base = data([task("a", position=1)])
    ours = data([task("a", T1, position=5)])
    theirs = data([task("a", T2, position=7)])
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result)["a"]["position"] == 7 and conflicts == []


def test_without_a_base_a_union_where_the_later_wins() -> None:
    ours = data([task("a", T1, title="old"), task("b")])
    theirs = data([task("a", T2, title="new"), task("c")])
    result, conflicts = both_ways(None, ours, theirs)
    assert set(docs(result)) == {"a", "b", "c"} and docs(result)["a"]["title"] == "new"
    assert [(c["field"], c["kept"], c["other"]) for c in conflicts] == [("title", "new", "old")]


def test_without_a_base_a_newer_tombstone_deletes_and_an_older_one_does_not() -> None:
    ours = data([task("a", T1), task("b", T3)])
    theirs = data([], graves=[("tasks", "a", T2), ("tasks", "b", T2)])
    result, conflicts = both_ways(None, ours, theirs)
    assert set(docs(result)) == {"b"}
    assert [(c["item"], c["field"]) for c in conflicts] == [("b", DELETED)]


def test_settings_merge_key_by_key() -> None:
    base = data()
    ours, theirs = data(), data()
    ours["meta"]["1"]["settings"] = {"theme": "nord"}
    theirs["meta"]["1"]["settings"] = {"last_screen": "board"}
    result, _ = both_ways(base, ours, theirs)
    assert result["meta"]["1"]["settings"] == {"theme": "nord", "last_screen": "board"}


def test_a_schema_1_side_is_brought_forward() -> None:
    old = {"tasks": {"1": {"id": "a", "title": "a"}}, "meta": {"1": {"schema_version": 1}}}
    result, _ = merge(old, old, data([task("a", T1, title="b")]))
    assert docs(result)["a"]["title"] == "b"
    assert result["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_ours_keep_their_doc_ids_and_new_documents_follow() -> None:
    ours = data([task("a"), task("b")])
    theirs = data([task("c"), task("a")])
    result, _ = merge(data([task("a")]), ours, theirs)
    assert {k: d["id"] for k, d in result["tasks"].items()} == {"1": "a", "2": "b", "3": "c"}


def test_the_report_counts_what_came_in_and_went_out() -> None:
    base = data([task("a"), task("b")])
    ours = data([task("a", T1, title="x"), task("b")])
    theirs = data([task("a"), task("b"), task("c"), task("d")])
    _, report = merge(base, ours, theirs)
    assert report.incoming == {"tasks": 2} and report.outgoing == {"tasks": 1}


def practice(item_id: str, at: str = T0, **fields: Any) -> dict[str, Any]:
    doc = {"id": item_id, "date": "2026-12-01", "minutes": 25, "goal_id": None, "note": ""}
    return {**doc, "changed_at": at, **fields}


def with_practice(*sessions: dict[str, Any]) -> dict[str, Any]:
    return {**data(), "practice": {str(i): s for i, s in enumerate(sessions, 1)}}


def test_deliberate_fields_set_on_each_side_are_both_kept() -> None:
    """A focus set here and a quality and next fix set there meet in one session (#18)."""
    base = with_practice(practice("p1"))
    ours = with_practice(practice("p1", T1, focus="scales"))
    theirs = with_practice(practice("p1", T2, quality=4, next_fix="slower at 60 bpm"))
    result, conflicts = both_ways(base, ours, theirs)
    session = docs(result, "practice")["p1"]
    assert (session["focus"], session["quality"], session["next_fix"]) == (
        "scales",
        4,
        "slower at 60 bpm",
    )
    assert conflicts == []


def test_a_cleared_score_stays_cleared_and_two_scores_conflict() -> None:
    """Clearing a score leaves its key out: the merge keeps it out; two new scores conflict,
    the later kept and the other in a conflict record."""
    base = with_practice(practice("p1", quality=3, difficulty=2))
    ours = with_practice(practice("p1", T1, difficulty=2))  # quality cleared
    theirs = with_practice(practice("p1", T2, quality=3, difficulty=4))
    result, conflicts = both_ways(base, ours, theirs)
    session = docs(result, "practice")["p1"]
    assert "quality" not in session and session["difficulty"] == 4 and conflicts == []
    ours = with_practice(practice("p1", T1, quality=5, difficulty=2))
    theirs = with_practice(practice("p1", T2, quality=1, difficulty=2))
    result, conflicts = both_ways(base, ours, theirs)
    assert docs(result, "practice")["p1"]["quality"] == 1
    assert [(c["field"], c["kept"], c["other"]) for c in conflicts] == [("quality", 1, 5)]


RATED = {"date": "2026-11-01", "level": 3}


def test_histories_changed_on_both_sides_merge_record_by_record() -> None:
    """A rating and a plan answer made here, others made there: all of them survive (#19),
    in day order; the same day rated differently on both sides is a conflict on that day."""
    base = data(goals=[goal("g1", proficiency=[RATED])])
    ours = data(
        goals=[
            goal(
                "g1",
                at=T1,
                proficiency=[
                    {"date": "2026-11-01", "level": 3},
                    {"date": "2026-11-20", "level": 5},
                ],
                plan_checks=[{"week": "2026-11-16", "answer": "yes"}],
            )
        ]
    )
    theirs = data(
        goals=[
            goal(
                "g1",
                at=T2,
                proficiency=[
                    {"date": "2026-11-01", "level": 3},
                    {"date": "2026-11-10", "level": 4},
                ],
                plan_checks=[{"week": "2026-11-23", "answer": "no"}],
            )
        ]
    )
    result, conflicts = both_ways(base, ours, theirs)
    merged = docs(result, "goals")["g1"]
    assert [p["date"] for p in merged["proficiency"]] == ["2026-11-01", "2026-11-10", "2026-11-20"]
    assert [c["week"] for c in merged["plan_checks"]] == ["2026-11-16", "2026-11-23"]
    assert conflicts == []
    # The same day rated on both sides: the later change kept, the other recorded.
    ours["goals"]["1"]["proficiency"][1] = {"date": "2026-11-10", "level": 7}
    result, conflicts = both_ways(base, ours, theirs)
    merged = docs(result, "goals")["g1"]
    assert [(p["date"], p["level"]) for p in merged["proficiency"]] == [
        ("2026-11-01", 3),
        ("2026-11-10", 4),
    ]
    assert [(c["field"], c["other"]) for c in conflicts] == [
        ("proficiency[2026-11-10]", {"date": "2026-11-10", "level": 7})
    ]


def test_review_answers_from_both_sides_are_all_kept() -> None:
    def entry(at: str, answers: list[dict[str, str]]) -> dict[str, Any]:
        return {
            "id": "f1",
            "text": "lesson",
            "kind": "lesson",
            "changed_at": at,
            "review": {"answers": answers},
        }

    applied = {"on": "2026-11-20", "answer": "applied"}
    again = {"on": "2026-11-21", "answer": "again"}
    later = {"on": "2026-11-22", "answer": "applied"}
    base, ours, theirs = (data() for _ in range(3))
    base["feedback"] = {"1": entry(T0, [applied])}
    ours["feedback"] = {"1": entry(T1, [applied, later])}
    theirs["feedback"] = {"1": entry(T2, [applied, again])}
    result, conflicts = both_ways(base, ours, theirs)
    answers = docs(result, "feedback")["f1"]["review"]["answers"]
    assert answers == [applied, again, later] and conflicts == []
    # Removed on one side (the review reset), untouched on the other: removed.
    ours["feedback"] = {"1": entry(T1, [])}
    theirs["feedback"] = {"1": entry(T2, [applied, again])}
    result, _ = both_ways(base, ours, theirs)
    assert docs(result, "feedback")["f1"]["review"]["answers"] == [again]


def test_taking_the_other_rating_of_a_day_replaces_that_day_only(tmp_path: Any) -> None:
    """``doctor --resolve`` on a history conflict puts the other record back in its list (it
    must not make a field named ``proficiency[2026-11-10]``)."""
    import orjson

    from masterytui.store import MasteryStore
    from masterytui.store.conflicts import resolve
    from masterytui.store.files import atomic_write
    from masterytui.store.stamps import CONFLICTS

    base = data(goals=[goal("g1", proficiency=[RATED])])
    ours = data(goals=[goal("g1", at=T1, proficiency=[RATED, {"date": "2026-11-10", "level": 7}])])
    theirs = data(
        goals=[goal("g1", at=T2, proficiency=[RATED, {"date": "2026-11-10", "level": 4}])]
    )
    result, _ = merge(base, ours, theirs)
    path = tmp_path / "m.json"
    atomic_write(path, orjson.dumps(result))
    store = MasteryStore(path)
    record = next(iter(store.docs(CONFLICTS).values()))
    said = resolve(store, record["id"], take_other=True)
    assert "proficiency[2026-11-10]" in said
    (g1,) = store.snapshot().goals
    assert [(p.date, p.level) for p in g1.proficiency] == [("2026-11-01", 3), ("2026-11-10", 7)]
    doc = next(iter(store.docs("goals").values()))
    assert not any("[" in key for key in doc)
