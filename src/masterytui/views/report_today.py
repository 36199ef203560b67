"""Two parts of the Markdown report: the Today list and the recurring tasks.

The Today list is :func:`.today.today_view` (what ``masterytui today`` prints and the
Today screen shows: the day's list and the lessons due for review), in the words of
:mod:`.today`, written with the report's escaping; the recurring tasks are one line per
series: its rule, the open occurrence and how often it was done in the report's window.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from ..domain.figures import days_left
from ..domain.model import Snapshot, Task
from ..domain.recur import describe
from ..domain.words import days, days_left_words, md, md_block, plural, weekday_date
from .today import LESSONS, LESSONS_ASK, lesson_state, practice_state, risk_state, today_view

WINDOW_DAYS = 30
"""The recurring tasks count how often each was done in this many days (the report's)."""


def _task(task: Task, titles: dict[str, str], today: date) -> str:
    bits = [f"- [ ] {md(task.title)}"]
    if task.goal_id in titles:
        bits.append(f"*{md(titles[task.goal_id or ''])}*")
    if task.due:
        left = days_left(task.due, today)
        bits.append(f"due {task.due}" + (f" ({days_left_words(left)})" if left else ""))
    if task.recur:
        bits.append(f"repeats {describe(task.recur.every, task.recur.start)}")
    return " · ".join(bits)


def today_section(snapshot: Snapshot, day: date) -> list[str]:
    """``## Today, Mon 23 Nov 2026``: practice due, streaks at risk, tasks, commitments."""
    view = today_view(snapshot, day)
    found = view.found
    titles = {g.id: g.title for g in snapshot.goals}
    out = [f"## Today, {weekday_date(day, year=True)}", "", "### Practice due", ""]
    if not found.practice:
        out.append("No goal's plan asks for practice today.")
    for p in found.practice:
        out.append(f"- **{md(p.goal.title)}**: {practice_state(p)}")
    for risk in found.risks:
        out.append(f"- At risk: **{md(risk.goal.title)}**: {risk_state(risk)}")
    out += ["", "### Tasks for today", ""]
    parts = (("Overdue", found.overdue), ("Due today", found.due), ("Doing", found.doing))
    if not any(tasks for _, tasks in parts):
        out.append("Nothing overdue, due today or in Doing.")
    for name, tasks in parts:
        if tasks:
            out += [f"{name} ({len(tasks)}):", ""]
            out += [_task(t, titles, day) for t in tasks]
            out.append("")
    if view.lessons:
        out += ["", f"### {LESSONS} ({len(view.lessons)}): {LESSONS_ASK}", ""]
        for due in view.lessons:
            linked = f" *{md(due.goal_title)}* ·" if due.goal_title else ""
            text = md_block(due.entry.text, "  ", starts_line=True)
            out.append(f"- {text} ·{linked} {lesson_state(due, day)}")
    if found.commitments:
        out += ["", "### Your commitments", ""]
        out += [f"- {md(g.title)}: *{md(text)}*" for g, text in found.commitments]
    out += ["", f"This week so far: {plural(found.wins_week, 'win')}"]
    if found.streak:
        out[-1] += f"; the longest live streak is {days(found.streak)}"
    if found.deadline:
        goal, deadline = found.deadline
        out[-1] += f"; the next deadline is {md(goal.title)} on {deadline}"
    out[-1] += "."
    return [*_tidy(out), ""]


def recurring_section(snapshot: Snapshot, day: date) -> list[str]:
    """``## Recurring tasks``: each series' open occurrence, its rule, how often it was done."""
    titles = {g.id: g.title for g in snapshot.goals}
    since = (day - timedelta(days=WINDOW_DAYS - 1)).isoformat()
    done: Counter[str] = Counter()
    open_ones: list[Task] = []
    for task in snapshot.tasks:
        if task.recur is None:
            continue
        if task.column != "done":
            open_ones.append(task)
        elif task.done_at and since <= task.done_at[:10] <= day.isoformat():
            done[task.recur.series or task.id] += 1
    open_ones.sort(key=lambda t: (t.due or "9999", t.title.casefold(), t.id))
    out = [f"## Recurring tasks ({len(open_ones)})", ""]
    if not open_ones:
        return [*out, "No task repeats.", ""]
    for task in open_ones:
        times = done[task.recur.series or task.id] if task.recur else 0
        line = _task(task, titles, day)
        line += f" · done {'once' if times == 1 else plural(times, 'time')} in {WINDOW_DAYS} days"
        out.append(line)
    return [*out, ""]


def _tidy(lines: list[str]) -> list[str]:
    """No two blank lines in a row."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out
