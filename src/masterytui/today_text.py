"""The Today list as text (Markdown-like, for a terminal or a cron mail) and as JSON.

The list is :func:`masterytui.views.today.today_view` (the day's list and the lessons due
for review), in the words of :mod:`.views.today` (the Today screen's and the report's).
"""

from __future__ import annotations

from typing import Any

from .domain.model import Snapshot, Task
from .domain.recur import describe
from .domain.text import clean_text
from .domain.words import plural
from .views.lessons import DueLesson
from .views.today import LESSONS, LESSONS_ASK, TodayView, lesson_state, practice_state, risk_state


def _task_line(task: Task, titles: dict[str, str]) -> str:
    bits = [f"- [ ] {task.title}"]
    if task.due:
        bits.append(f"due {task.due}")
    if task.recur:
        bits.append(f"↻ {describe(task.recur.every, task.recur.start)}")
    if task.goal_id in titles:
        bits.append(f"({titles[task.goal_id or '']})")
    return clean_text(" · ".join(bits) + f"  `{task.id}`")


def _lesson_line(due: DueLesson, view: TodayView) -> str:
    goal = f" ({due.goal_title})" if due.goal_title else ""
    when = lesson_state(due, view.found.day)
    return clean_text(f"- {due.entry.kind}: {due.entry.text}{goal} · {when}  `{due.entry.id}`")


def today_markdown(view: TodayView, snapshot: Snapshot) -> str:
    """The Today list of ``view`` as a short Markdown document."""
    found = view.found
    titles = {g.id: g.title for g in snapshot.goals}
    out = [f"# Today, {found.day:%A %Y-%m-%d}", ""]
    out.append("## Practice")
    if not found.practice:
        out.append("- no goal's plan asks for practice today")
    for p in found.practice:
        out.append(clean_text(f"- {p.goal.title}: {practice_state(p)}"))
    if found.risks:
        out += ["", "## Streaks at risk"]
        out += [clean_text(f"- {r.goal.title}: {risk_state(r)}") for r in found.risks]
    out += ["", "## Tasks"]
    sections = (("Overdue", found.overdue), ("Due today", found.due), ("Doing", found.doing))
    if not any(tasks for _, tasks in sections):
        out.append("- nothing overdue, due today or in Doing")
    for name, tasks in sections:
        if tasks:
            out.append(f"{name}:")
            out += [_task_line(t, titles) for t in tasks]
    if view.lessons:
        out += ["", f"## {LESSONS} ({len(view.lessons)}): {LESSONS_ASK}"]
        out += [_lesson_line(d, view) for d in view.lessons]
    if found.commitments:
        out += ["", "## Your commitments"]
        out += [clean_text(f"- {g.title}: {text}") for g, text in found.commitments]
    out += ["", "## This week", f"- {plural(found.wins_week, 'win')} so far"]
    if found.deadline:
        goal, deadline = found.deadline
        out.append(clean_text(f"- next deadline: {goal.title} on {deadline}"))
    if found.streak:
        out.append(f"- longest live streak: {plural(found.streak, 'day')}")
    return "\n".join(out) + "\n"


def today_json(view: TodayView, snapshot: Snapshot) -> dict[str, Any]:
    """The Today list of ``view`` as one JSON object (tasks as their documents)."""
    found = view.found
    return {
        "date": found.day.isoformat(),
        "practice": [
            {
                "goal_id": p.goal.id,
                "goal": p.goal.title,
                "minutes_done": p.minutes_done,
                "minutes_left": p.minutes_left,
                "sessions_left": p.sessions_left,
                "days_to_go": p.days_to_go,
            }
            for p in found.practice
        ],
        "streaks_at_risk": [
            {
                "goal_id": r.goal.id,
                "goal": r.goal.title,
                "streak": r.streak,
                "missed_yesterday": r.missed_yesterday,
                "misses_in_a_row": r.misses,
            }
            for r in found.risks
        ],
        "overdue": [t.to_doc() for t in found.overdue],
        "due": [t.to_doc() for t in found.due],
        "doing": [t.to_doc() for t in found.doing],
        "lessons_due": [
            {
                "id": d.entry.id,
                "kind": d.entry.kind,
                "text": d.entry.text,
                "goal_id": d.entry.goal_id,
                "goal": d.goal_title or None,
                "due": d.schedule.due.isoformat() if d.schedule.due else None,
                "interval_days": d.schedule.interval,
                "waiting_days": d.overdue_days(found.day),
            }
            for d in view.lessons
        ],
        "commitments": [
            {"goal_id": g.id, "goal": g.title, "text": c} for g, c in found.commitments
        ],
        "wins_this_week": found.wins_week,
        "next_deadline": (
            {
                "goal_id": found.deadline[0].id,
                "goal": found.deadline[0].title,
                "deadline": found.deadline[1],
            }
            if found.deadline
            else None
        ),
        "longest_live_streak": found.streak,
    }
