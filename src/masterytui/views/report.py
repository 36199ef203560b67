"""The Markdown report (``masterytui export --format md``, ``x`` then ``m`` on Progress).

A report a person can send to a mentor or coach, made from one :class:`Snapshot`: today's
list, goals with their pairs, measures and progress, open tasks by column, recurring tasks,
the last 30 days of feedback and practice, then the weekly review. User text goes through
:func:`~masterytui.domain.words.md`, so it reads exactly as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from ..domain import schedule
from ..domain.figures import (
    children_map,
    consistency,
    days_left,
    measure_progress,
    practice_days,
    subtree_ids,
    task_progress,
)
from ..domain.lessons import lesson_schedule
from ..domain.model import COLUMN_TITLES, Goal, Snapshot, Task
from ..domain.plans import plan_rate, plan_sentence
from ..domain.recur import describe
from ..domain.spaced import describe_schedule
from ..domain.words import days, days_left_words, md, md_block, number
from .progress import parse_day, proficiency_trend
from .report_today import recurring_section, today_section
from .review_markdown import review_section

REPORT_DAYS = 30

Section = Callable[[Snapshot, date], str]
"""A part appended to the report: a Markdown document of its own, nested one level down."""

DEFAULT_SECTIONS: tuple[Section, ...] = (review_section,)


class HasReport(Protocol):
    """What the report needs from a store: its data and the file it came from."""

    @property
    def path(self) -> Path: ...

    def snapshot(self) -> Snapshot: ...


class _Report:
    """Builds the Markdown report from one snapshot."""

    def __init__(self, snapshot: Snapshot, today: date) -> None:
        self.s = snapshot
        self.today = today
        self.by_id = {g.id: g for g in snapshot.goals}
        self.children = children_map(snapshot.goals)
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines += lines or ("",)

    def title(self, goal_id: str | None) -> str:
        goal = self.by_id.get(goal_id or "")
        return md(goal.title) if goal else ""

    # Goals ------------------------------------------------------------------------------

    def goals(self) -> None:
        self.add("## Goals", "")
        roots = self.children.get(None, [])
        if not roots:
            self.add("No goals yet.", "")
            return
        for root in roots:
            self.goal(root, 0, set())
        self.add()

    def goal(self, goal: Goal, depth: int, seen: set[str]) -> None:
        if goal.id in seen:
            return
        seen.add(goal.id)
        pad = "  " * depth
        sub = pad + "  "
        kind = "area" if goal.kind == "area" else f"{goal.kind} goal"
        status = "" if goal.status == "active" else f", {goal.status}"
        self.add(f"{pad}- **{md(goal.title)}** ({kind}{status})")
        if goal.why:
            self.add(f"{sub}- Why: {md_block(goal.why, sub + '  ')}")
        if goal.cue:
            self.add(f"{sub}- If-then plan: *{md(plan_sentence(goal.cue, goal.commitment))}*")
            rate = plan_rate(goal.plan_checks, self.today)
            if any(rate.weeks):
                self.add(f"{sub}- Plan ran: {rate.describe()}")
        elif goal.commitment:
            self.add(f"{sub}- Commitment: *{md(goal.commitment)}*")
        if goal.outcome:
            self.add(f"{sub}- Outcome: {md_block(goal.outcome, sub + '  ')}")
        if goal.obstacle:
            self.add(f"{sub}- Obstacle: {md_block(goal.obstacle, sub + '  ')}")
        self.pairs(goal, sub)
        if goal.measure:
            self.add(self.measure_line(goal, sub))
        if goal.rwa:
            r = goal.rwa
            note = " (scale it back)" if r.needs_scaling_back else ""
            self.add(f"{sub}- Ready {r.ready}, willing {r.willing}, able {r.able} of 5{note}")
        self.practice_line(goal, sub)
        trend = proficiency_trend(goal)
        if trend is not None:
            change = f" ({trend.change:+d})" if len(trend.levels) > 1 else ""
            levels = " → ".join(str(v) for v in trend.levels)
            self.add(f"{sub}- Proficiency: {levels} of 10{change}, last rated {trend.latest_date}")
        counts = task_progress(subtree_ids(goal.id, self.children), self.s.tasks)
        if counts.total:
            self.add(f"{sub}- Tasks: {counts.done} of {counts.total} done")
        for child in self.children.get(goal.id, []):
            self.goal(child, depth + 1, seen)

    def measure_line(self, goal: Goal, sub: str) -> str:
        m = goal.measure
        assert m is not None
        unit = f" {md(m.unit)}" if m.unit else ""
        text = f"{sub}- Measure: {number(m.current)}{unit} of {number(m.target)}{unit}"
        if m.start is not None:
            text += f" (from {number(m.start)})"
        progress = measure_progress(m)
        if progress is not None:
            text += f", {progress:.0%}"
        left = days_left(m.deadline, self.today)
        if m.deadline and left is not None:
            text += f"; deadline {m.deadline} ({days_left_words(left)})"
        return text

    def pairs(self, goal: Goal, sub: str) -> None:
        if goal.kind == "mastery":
            parent = self.by_id.get(goal.parent_id) if goal.parent_id else None
            seen = {goal.id}  # a loop of parents (a hand-edited file) ends the walk
            while parent is not None and parent.kind != "performance" and parent.id not in seen:
                seen.add(parent.id)
                parent = self.by_id.get(parent.parent_id) if parent.parent_id else None
            if parent is not None and parent.kind == "performance":
                self.add(f"{sub}- Supports: {md(parent.title)}")
        elif goal.kind == "performance":
            skills = [g for g in self.children.get(goal.id, []) if g.kind == "mastery"]
            if skills:
                self.add(f"{sub}- Paired with: " + "; ".join(md(g.title) for g in skills))
            elif goal.is_open:
                self.add(f"{sub}- Paired with: no mastery goal yet")

    def practice_line(self, goal: Goal, sub: str) -> None:
        sessions = [s for s in self.s.practice if s.goal_id == goal.id]
        if not goal.practice_plan and not sessions:
            return
        plan = goal.practice_plan.describe() if goal.practice_plan else "no plan"
        practised = {d for d in practice_days(sessions) if d <= self.today}
        streak = schedule.streak(goal.practice_plan, practised, self.today)
        longest = schedule.longest_streak(goal.practice_plan, practised, self.today)
        text = f"{sub}- Practice: {plan}; streak {days(streak)} (longest {longest})"
        if goal.practice_plan:
            text += f"; habit {schedule.strength_text(goal.practice_plan, practised, self.today)}"
        figure = consistency(sessions, goal.practice_plan, self.today, 7)
        if figure is not None:
            text += f"; last 7 days {figure.describe()}"
        self.add(text)

    # Tasks ------------------------------------------------------------------------------

    def tasks(self) -> None:
        self.add("## Open tasks", "")
        for column in ("doing", "next", "backlog"):
            tasks = sorted(
                (t for t in self.s.tasks if t.column == column), key=lambda t: (t.position, t.id)
            )
            self.add(f"### {COLUMN_TITLES[column]} ({len(tasks)})", "")
            for task in tasks:
                self.add(self.task_line(task, "[ ]"))
            if not tasks:
                self.add("Nothing here.")
            self.add()
        since = self.today - timedelta(days=REPORT_DAYS - 1)
        done = sorted(
            (
                t
                for t in self.s.tasks
                if t.column == "done" and (d := parse_day(t.done_at)) and since <= d <= self.today
            ),
            key=lambda t: (t.done_at or "", t.id),
            reverse=True,
        )
        self.add(f"### Done in the last {REPORT_DAYS} days ({len(done)})", "")
        for task in done:
            self.add(self.task_line(task, "[x]"))
        if not done:
            self.add("Nothing finished in this time.")
        self.add()

    def task_line(self, task: Task, box: str) -> str:
        parts = [f"- {box} {md(task.title)}"]
        if task.goal_id:
            parts.append(f"*{self.title(task.goal_id)}*")
        if task.due:
            left = days_left(task.due, self.today)
            late = " (overdue)" if left is not None and left < 0 and task.column != "done" else ""
            parts.append(f"due {task.due}{late}")
        if task.priority:
            parts.append(f"priority {task.priority}")
        if task.recur is not None and task.column != "done":
            parts.append(f"repeats {describe(task.recur.every, task.recur.start)}")
        if task.column == "done" and task.done_at:
            parts.append(f"done {task.done_at[:10]}")
        line = " · ".join(parts)
        if task.notes:
            line += f"\n  - Notes: {md_block(task.notes, '    ')}"
        return line

    # Feedback and practice --------------------------------------------------------------

    def feedback(self) -> None:
        since = (self.today - timedelta(days=REPORT_DAYS - 1)).isoformat()
        until = (self.today + timedelta(days=1)).isoformat()
        entries = sorted(
            (e for e in self.s.feedback if since <= e.at < until),
            key=lambda e: (e.at, e.id),
            reverse=True,
        )
        wins = sum(1 for e in entries if e.kind == "win")
        self.add(f"## Feedback, last {REPORT_DAYS} days ({len(entries)}, {wins} wins)", "")
        for entry in entries:
            line = f"- {entry.at[:10]} **{entry.kind}** ({entry.source}): "
            line += md_block(entry.text, "  ")
            if entry.goal_id:
                line += f" · *{self.title(entry.goal_id)}*"
            self.add(line)
            if entry.obstacle:
                self.add(f"  - Obstacle it met: {md_block(entry.obstacle, '    ')}")
            if entry.next_step:
                self.add(f"  - Next time: {md_block(entry.next_step, '    ')}")
            plan = lesson_schedule(entry)
            if plan is not None:
                self.add(f"  - Spaced review: {describe_schedule(plan, self.today)}")
        if not entries:
            self.add("No feedback in this time.")
        self.add()

    def practice(self) -> None:
        since = self.today - timedelta(days=REPORT_DAYS - 1)
        sessions = sorted(
            (
                s
                for s in self.s.practice
                if (d := parse_day(s.date)) is not None and since <= d <= self.today
            ),
            key=lambda s: (s.date, s.id),
            reverse=True,
        )
        total = sum(s.minutes for s in sessions)
        on = days(len({s.date for s in sessions}))
        self.add(f"## Practice, last {REPORT_DAYS} days ({number(total)} min on {on})", "")
        if not sessions:
            self.add("No practice logged in this time.", "")
            return
        per_goal: dict[str | None, list[int]] = {}
        for session in sessions:
            per_goal.setdefault(session.goal_id, []).append(session.minutes)
        self.add("| Goal | Sessions | Minutes |", "| --- | ---: | ---: |")
        for goal_id, minutes in sorted(per_goal.items(), key=lambda kv: -sum(kv[1])):
            name = self.title(goal_id) or "(no goal)"
            self.add(f"| {name} | {len(minutes)} | {number(sum(minutes))} |")
        self.add()
        if not any(s.is_deliberate for s in sessions):
            self.add("| Date | Goal | Minutes | Note |", "| --- | --- | ---: | --- |")
            for s in sessions:
                self.add(f"| {s.date} | {self.title(s.goal_id)} | {s.minutes} | {md(s.note)} |")
            self.add()
            return
        # deliberate practice: what each session worked on, how well, and what comes next
        self.add(
            "| Date | Goal | Minutes | Focus | Quality | Difficulty | Note | Next fix |",
            "| --- | --- | ---: | --- | ---: | ---: | --- | --- |",
        )
        for s in sessions:
            scores = [str(v) if v is not None else "" for v in (s.quality, s.difficulty)]
            self.add(
                f"| {s.date} | {self.title(s.goal_id)} | {s.minutes} | {md(s.focus)} | "
                f"{' | '.join(scores)} | {md(s.note)} | {md(s.next_fix)} |"
            )
        self.add()


def demote_headings(text: str) -> str:
    """Every Markdown heading one level deeper, so a document nests as a section."""
    return "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())


def report_markdown(
    snapshot: Snapshot,
    today: date,
    source: str,
    *,
    now: datetime | None = None,
    sections: Sequence[Section] = DEFAULT_SECTIONS,
) -> str:
    """The whole report of ``snapshot`` as of ``today``; ``source`` names the data file.

    Each of ``sections`` is a Markdown document appended with its headings one level down.
    """
    report = _Report(snapshot, today)
    stamp = (now or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    report.add(f"# masterytui report, {today.isoformat()}", "")
    report.add(f"Exported {stamp} from `{md(source)}`.", "")
    report.add(*today_section(snapshot, today))
    report.goals()
    report.tasks()
    report.add(*recurring_section(snapshot, today))
    report.feedback()
    report.practice()
    text = "\n".join(report.lines).rstrip() + "\n"
    for section in sections:
        text += "\n" + demote_headings(section(snapshot, today).strip()) + "\n"
    return text


def export_markdown(
    store: HasReport, today: date | None = None, *, extra_sections: Sequence[Section] | None = None
) -> str:
    """The report of everything in ``store`` (``extra_sections`` replaces the appended
    sections, by default the weekly review)."""
    sections = DEFAULT_SECTIONS if extra_sections is None else extra_sections
    return report_markdown(
        store.snapshot(), today or date.today(), str(store.path), sections=sections
    )
