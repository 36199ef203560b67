"""A hypothesis state machine drives the store with random operations against a plain model.

The model is a few dicts; after every step the store's snapshot must say exactly what the
model says, and a second store opened on the same file must agree too (nothing is lost or
half-written). Undo is checked against the model's own history of states.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from masterytui.domain.errors import ValidationError
from masterytui.domain.model import COLUMNS
from masterytui.store import MasteryStore
from masterytui.store.quick import NeedsWholeFile, QuickStore

from .test_store_layout import assert_layout_matches

titles = st.text(alphabet="abcXYZ 09-_[]/\\é★\x1b\t", min_size=1, max_size=20).filter(
    lambda s: s.strip(" \t")
)

State = tuple[dict[str, tuple[str, str | None]], dict[str, tuple[str, str | None, str]]]


class StoreMachine(RuleBasedStateMachine):
    goals = Bundle("goals")
    tasks = Bundle("tasks")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.store = MasteryStore(Path(self.folder.name) / "m.json")
        # model: goal id -> (title, parent id); task id -> (title, goal id, column)
        self.model_goals: dict[str, tuple[str, str | None]] = {}
        self.model_tasks: dict[str, tuple[str, str | None, str]] = {}
        self.history: list[State] = []

    def _remember(self) -> None:
        self.history.append((dict(self.model_goals), dict(self.model_tasks)))

    @rule(target=goals, title=titles, under=st.none() | goals)
    def add_goal(self, title: str, under: str | None) -> str:
        if under is not None and under not in self.model_goals:
            under = None
        self._remember()
        goal = self.store.add_goal(title, "mastery", under)
        self.model_goals[goal.id] = (goal.title, under)
        return goal.id

    @rule(target=tasks, title=titles, goal=st.none() | goals, column=st.sampled_from(COLUMNS))
    def add_task(self, title: str, goal: str | None, column: str) -> str:
        if goal is not None and goal not in self.model_goals:
            goal = None
        self._remember()
        task = self.store.add_task(title, goal, column)
        self.model_tasks[task.id] = (task.title, goal, column)
        return task.id

    @rule(target=tasks, title=titles, column=st.sampled_from(COLUMNS))
    def quick_add_task(self, title: str, column: str) -> str:
        """``masterytui add task`` from a shell: not in this session's undo history."""
        try:
            with QuickStore(self.store.path) as quick:
                task = quick.add_task(title, None, column)
        except NeedsWholeFile:
            task = MasteryStore(self.store.path).add_task(title, None, column)
        entry = (task.title, None, column)
        self.model_tasks[task.id] = entry
        for _, history_tasks in self.history:
            history_tasks[task.id] = entry
        return task.id

    @rule(task=tasks, column=st.sampled_from(COLUMNS))
    def move_task(self, task: str, column: str) -> None:
        if task not in self.model_tasks:
            return
        self._remember()
        self.store.move_task(task, column)
        title, goal, _ = self.model_tasks[task]
        self.model_tasks[task] = (title, goal, column)

    @rule(goal=goals, new_parent=st.none() | goals)
    def reparent(self, goal: str, new_parent: str | None) -> None:
        if goal not in self.model_goals or (
            new_parent is not None and new_parent not in self.model_goals
        ):
            return
        chain, current = set(), new_parent
        while current is not None:
            chain.add(current)
            current = self.model_goals[current][1]
        if goal in chain:
            before = self.store.path.read_bytes()
            try:
                self.store.reparent_goal(goal, new_parent)
            except ValidationError:
                assert self.store.path.read_bytes() == before
                return
            raise AssertionError("a cycle was accepted")
        self._remember()
        self.store.reparent_goal(goal, new_parent)
        self.model_goals[goal] = (self.model_goals[goal][0], new_parent)

    @rule(task=consumes(tasks))
    def delete_task(self, task: str) -> None:
        if task not in self.model_tasks:
            return
        self._remember()
        self.store.delete_task(task)
        del self.model_tasks[task]

    @rule(goal=consumes(goals), with_items=st.booleans())
    def delete_goal(self, goal: str, with_items: bool) -> None:
        if goal not in self.model_goals:
            return
        self._remember()
        parent = self.model_goals[goal][1]
        doomed = {goal}
        if with_items:
            grew = True
            while grew:
                grew = False
                for gid, (_, gparent) in self.model_goals.items():
                    if gparent in doomed and gid not in doomed:
                        doomed.add(gid)
                        grew = True
        self.store.delete_goal(goal, with_items=with_items)
        for gid in doomed:
            del self.model_goals[gid]
        for gid, (title, gparent) in list(self.model_goals.items()):
            if gparent == goal:
                self.model_goals[gid] = (title, parent)
        for tid, (title, tgoal, column) in list(self.model_tasks.items()):
            if tgoal in doomed:
                if with_items:
                    del self.model_tasks[tid]
                else:
                    self.model_tasks[tid] = (title, parent, column)

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        assert self.store.undo() is not None
        self.model_goals, self.model_tasks = self.history.pop()

    @rule(title=st.sampled_from(["", "   ", "\t"]))
    def refused_title(self, title: str) -> None:
        before = self.store.path.read_bytes() if self.store.path.exists() else None
        try:
            self.store.add_task(title)
        except ValidationError:
            pass
        else:
            raise AssertionError("an empty title was accepted")
        after = self.store.path.read_bytes() if self.store.path.exists() else None
        assert before == after

    @invariant()
    def store_matches_model(self) -> None:
        if self.store.path.exists():
            assert_layout_matches(self.store.path)
        for store in (self.store, MasteryStore(self.store.path)):
            snapshot = store.snapshot()
            assert {g.id: (g.title, g.parent_id) for g in snapshot.goals} == self.model_goals
            assert {
                t.id: (t.title, t.goal_id, t.column) for t in snapshot.tasks
            } == self.model_tasks

    def teardown(self) -> None:
        self.folder.cleanup()


StoreMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestStoreMachine = StoreMachine.TestCase
