"""Write a seeded masterytui data file at a given scale, for benchmarks.

    python benchmarks/generate.py --scale L -o benchmarks/data/L.json
    python benchmarks/generate.py --scale S --big-column -o benchmarks/data/S-board.json

The file is written directly as TinyDB JSON (documents built with the domain's own
``to_doc``, ``meta.schema_version`` from the store) because adding 35,000 items one change
at a time would take minutes; it is then opened with ``MasteryStore`` and checked with the
``doctor`` checks, so a file that the app would refuse is never handed to a benchmark.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from masterytui.domain.model import (
    COLUMNS,
    FEEDBACK_KINDS,
    RWA,
    SOURCES,
    FeedbackEntry,
    Goal,
    Measure,
    PracticePlan,
    PracticeSession,
    ProficiencyRating,
    Task,
)
from masterytui.store import MasteryStore
from masterytui.store.doctor import check_file
from masterytui.store.files import SCHEMA_VERSION, atomic_write, dump


@dataclass(frozen=True)
class Scale:
    goals: int
    tasks: int
    feedback: int
    practice: int
    max_depth: int
    done_share: float
    years: int


SCALES = {
    "S": Scale(
        goals=20, tasks=500, feedback=200, practice=500, max_depth=3, done_share=0.5, years=1
    ),
    "L": Scale(
        goals=200,
        tasks=10_000,
        feedback=5_000,
        practice=20_000,
        max_depth=4,
        done_share=0.7,
        years=3,
    ),
}
BIG_COLUMN = 2_000

_VOCABULARY = (
    "cadence drills strides tempo long run hills intervals form headline offer pricing page "
    "layout grid hero testimonial retouch icons bench press triceps rows face pulls deadlift "
    "review draft outline study letters feedback video analysis plan test measure"
)
WORDS = _VOCABULARY.split()


class Generator:
    """Builds the tables in memory with a seeded random source."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.taken: set[str] = set()

    def new_id(self, prefix: str) -> str:
        while True:
            candidate = f"{prefix}{self.rng.getrandbits(24):06x}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def words(self, low: int, high: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))
        return text[:1].upper() + text[1:]

    def moment(self, days_back: int, hour: int | None = None) -> datetime:
        day = self.today - timedelta(days=days_back)
        clock = hour if hour is not None else self.rng.randint(6, 22)
        return datetime.combine(day, datetime.min.time()).replace(
            hour=clock, minute=self.rng.randint(0, 59)
        )

    def iso_at(self, days_back: int) -> str:
        return self.moment(days_back).isoformat(timespec="seconds")

    # Goals -------------------------------------------------------------------------------

    def goals(self, scale: Scale) -> list[Goal]:
        span = scale.years * 365
        areas = max(3, scale.goals // 25)
        goals: list[Goal] = []
        depth: dict[str, int] = {}
        children: dict[str | None, int] = {}
        for n in range(scale.goals):
            if n < areas:
                parent: str | None = None
            else:
                candidates = [g.id for g in goals if depth[g.id] < scale.max_depth]
                parent = self.rng.choice(candidates)
            level = 1 if parent is None else depth[parent] + 1
            kind = ("area", "performance")[level - 1] if level <= 2 else "mastery"
            created = self.iso_at(self.rng.randint(span // 2, span))
            goal = Goal(
                id=self.new_id("g"),
                title=self.words(2, 6),
                kind=kind,
                parent_id=parent,
                position=children.get(parent, 0),
                status=self.rng.choices(("active", "paused", "achieved", "dropped"), (80, 8, 8, 4))[
                    0
                ],
                why=self.words(5, 15) if self.rng.random() < 0.5 else "",
                commitment=f"I'm going to {self.words(3, 8).lower()}" if kind != "area" else "",
                measure=self.measure() if kind == "performance" else None,
                rwa=RWA(*(self.rng.randint(1, 5) for _ in range(3)))
                if kind != "area" and self.rng.random() < 0.6
                else None,
                practice_plan=self.plan() if kind == "mastery" else None,
                proficiency=self.ratings(span) if kind == "mastery" else (),
                created_at=created,
                updated_at=created,
            )
            children[parent] = children.get(parent, 0) + 1
            depth[goal.id] = level
            goals.append(goal)
        return goals

    def measure(self) -> Measure:
        start = float(self.rng.randint(100, 300))
        target = start + self.rng.choice((-1, 1)) * self.rng.randint(10, 100)
        current = start + (target - start) * self.rng.random()
        deadline = self.today + timedelta(days=self.rng.randint(-30, 365))
        return Measure(target, "units", round(current, 1), deadline.isoformat(), start)

    def plan(self) -> PracticePlan:
        if self.rng.random() < 0.5:
            return PracticePlan(minutes_per_day=self.rng.choice((10, 15, 20, 30, 45)))
        return PracticePlan(sessions_per_week=self.rng.randint(2, 6))

    def ratings(self, span: int) -> tuple[ProficiencyRating, ...]:
        days = sorted(self.rng.sample(range(span), self.rng.randint(0, 12)), reverse=True)
        level = self.rng.randint(1, 4)
        out = []
        for back in days:
            level = min(10, level + self.rng.choice((0, 0, 1)))
            out.append(ProficiencyRating((self.today - timedelta(days=back)).isoformat(), level))
        return tuple(out)

    # Tasks, feedback, practice -----------------------------------------------------------

    def tasks(self, scale: Scale, goals: list[Goal], extra_open: int = 0) -> list[Task]:
        span = scale.years * 365
        goal_ids = [g.id for g in goals if g.kind != "area"] or [g.id for g in goals]
        positions = dict.fromkeys(COLUMNS, 0)
        tasks = []
        # With a big column, Backlog holds exactly the extra cards and nothing else.
        open_columns, weights = (
            (("next", "doing"), (75, 25))
            if extra_open
            else (
                ("backlog", "next", "doing"),
                (60, 30, 10),
            )
        )
        for n in range(scale.tasks + extra_open):
            if n >= scale.tasks:
                column = "backlog"
            elif self.rng.random() < scale.done_share:
                column = "done"
            else:
                column = self.rng.choices(open_columns, weights)[0]
            created_back = self.rng.randint(0, span)
            done_at = None
            if column == "done":
                done_back = self.rng.randint(0, created_back)
                done_at = self.iso_at(done_back)
            due = None
            if self.rng.random() < 0.3:
                due = (self.today + timedelta(days=self.rng.randint(-60, 120))).isoformat()
            tasks.append(
                Task(
                    id=self.new_id("t"),
                    title=self.words(2, 8),
                    goal_id=self.rng.choice(goal_ids) if self.rng.random() < 0.9 else None,
                    column=column,
                    position=positions[column],
                    due=due,
                    priority=self.rng.choice(("H", "M", "L", None, None)),
                    notes=self.words(5, 30) if self.rng.random() < 0.2 else "",
                    created_at=self.iso_at(created_back),
                    done_at=done_at,
                )
            )
            positions[column] += 1
        return tasks

    def feedback(self, scale: Scale, goals: list[Goal], tasks: list[Task]) -> list[FeedbackEntry]:
        span = scale.years * 365
        entries = []
        for _ in range(scale.feedback):
            goal = self.rng.choice(goals) if self.rng.random() < 0.85 else None
            task = self.rng.choice(tasks) if tasks and self.rng.random() < 0.15 else None
            kind = self.rng.choice(FEEDBACK_KINDS)
            entries.append(
                FeedbackEntry(
                    id=self.new_id("f"),
                    at=self.iso_at(self.rng.randint(0, span)),
                    text=self.words(4, 25),
                    kind=kind,
                    source=self.rng.choice(SOURCES),
                    next_step=self.words(3, 10) if kind in ("lesson", "improve", "setback") else "",
                    goal_id=goal.id if goal else None,
                    task_id=task.id if task else None,
                )
            )
        return entries

    def practice(self, scale: Scale, goals: list[Goal]) -> list[PracticeSession]:
        span = scale.years * 365
        skills = [g.id for g in goals if g.kind == "mastery"] or [g.id for g in goals]
        return [
            PracticeSession(
                id=self.new_id("p"),
                date=(self.today - timedelta(days=self.rng.randint(0, span))).isoformat(),
                minutes=self.rng.choice((10, 15, 20, 25, 30, 45, 60, 90)),
                goal_id=self.rng.choice(skills),
                note=self.words(1, 6) if self.rng.random() < 0.3 else "",
            )
            for _ in range(scale.practice)
        ]


def table(items: list[Any]) -> dict[str, dict[str, Any]]:
    """TinyDB's on-disk table: documents keyed by "1", "2", ..."""
    return {str(n): item.to_doc() for n, item in enumerate(items, 1)}


def generate(
    path: Path, scale_name: str, *, seed: int = 1, today: date | None = None, big_column: int = 0
) -> dict[str, int]:
    """Write the file for ``scale_name`` to ``path``, verify it opens; return table sizes."""
    scale = SCALES[scale_name]
    gen = Generator(seed, today or date.today())
    goals = gen.goals(scale)
    tasks = gen.tasks(scale, goals, extra_open=big_column)
    data = {
        "goals": table(goals),
        "tasks": table(tasks),
        "feedback": table(gen.feedback(scale, goals, tasks)),
        "practice": table(gen.practice(scale, goals)),
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dump(data))
    verify(path, data)
    return {name: len(docs) for name, docs in data.items() if name != "meta"}


def verify(path: Path, data: dict[str, dict[str, Any]]) -> None:
    """Open the file as the app would and run the doctor's checks on it."""
    snapshot = MasteryStore(path).snapshot()
    found = {
        "goals": len(snapshot.goals),
        "tasks": len(snapshot.tasks),
        "feedback": len(snapshot.feedback),
        "practice": len(snapshot.practice),
    }
    expected = {name: len(data[name]) for name in found}
    if found != expected:
        raise SystemExit(f"{path}: read back {found}, wrote {expected}")
    report = check_file(path)
    if report.problems:
        raise SystemExit(f"{path}: {'; '.join(report.problems[:5])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--big-column",
        nargs="?",
        type=int,
        const=BIG_COLUMN,
        default=0,
        metavar="N",
        help=f"make Backlog one column of N open cards (default {BIG_COLUMN:,})",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(
        args.output, args.scale, seed=args.seed, today=args.today, big_column=args.big_column
    )
    elapsed = time.perf_counter() - started
    size = args.output.stat().st_size
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    print(f"{args.output}: {summary}; {size / 1e6:.1f} MB in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
