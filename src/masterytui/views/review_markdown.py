"""The weekly review as Markdown: a report a person can send to a mentor or coach.

Never imports textual: the report (``masterytui export --format md``) appends
:func:`review_section`.
User text is cleaned of control characters and its Markdown punctuation is escaped, so a
title like ``[link](x)`` or ``*bold*`` reads in the report exactly as it was typed.
"""

from __future__ import annotations

from datetime import date

from ..domain.model import Snapshot
from ..domain.plans import PLAN_ANSWER_WORDS
from ..domain.words import md, md_block, number, plural, weekday_date
from .review import (
    FinishedTask,
    PlanLine,
    PracticeLine,
    ReviewEntry,
    WeeklyReview,
    weekly_review,
)


def adjustment_prompt(review: WeeklyReview) -> str:
    """The review's question while no adjustment is chosen."""
    return (
        f"Not chosen yet. Looking at {review.which_week}, what one change to the process would "
        "help most next week?"
    )


def review_section(snapshot: Snapshot, today: date) -> str:
    """The review of the seven days ending ``today`` as a Markdown document."""
    return markdown(weekly_review(snapshot, today))


def markdown(review: WeeklyReview) -> str:
    """Render ``review`` as Markdown."""
    out: list[str] = [f"# Weekly review: {review.period}", ""]
    out += _practice(review.practice, review)
    none = f"_{review.none_yet}_"
    out += _tasks(review.tasks_done, none)
    out += _entries("Wins", review.wins, none, next_steps=False)
    out += _entries("Lessons", review.lessons, none)
    out += _entries("Setbacks", review.setbacks, none)
    if review.notes:
        out += _entries("Other notes", review.notes, none)
    if review.plans:
        out += _plans(review.plans, review)
    if review.lessons_due:
        out += [f"## Lessons due for review ({len(review.lessons_due)})", ""]
        for due in review.lessons_due:
            goal = f" ({md(due.goal_title)})" if due.goal_title else ""
            out.append(f"- {md_block(due.entry.text, '  ', starts_line=True)}{goal}")
        out.append("")
    out += ["## One adjustment for next week", ""]
    if review.adjustments:
        for item in review.adjustments:
            step = md_block(item.entry.next_step, "  ", starts_line=True)
            linked = f" ({md(item.linked)})" if item.linked else ""
            out.append(f"- {step}{linked}")
    else:
        out.append(f"_{adjustment_prompt(review)}_")
    out.append("")
    return "\n".join(out)


def _practice(lines: list[PracticeLine], review: WeeklyReview) -> list[str]:
    out = ["## Practice against plan", ""]
    if not lines:
        return [*out, "_No practice logged and no practice plans._", ""]
    out += [
        "| Goal | Done | Plan | On plan | Days | Streak |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for line in lines:
        out.append(
            f"| {md(line.title)} | {done_text(line)} | {plan_text(line)} | "
            f"{ratio_text(line)} | {line.days}/7 | {line.streak} |"
        )
    sessions = plural(review.total_sessions, "session")
    out += ["", f"Total: {number(review.total_minutes)} min in {sessions}.", ""]
    return out


def _plans(lines: tuple[PlanLine, ...], review: WeeklyReview) -> list[str]:
    out = [f"## If-then plans ({len(lines)})", ""]
    for line in lines:
        answer = PLAN_ANSWER_WORDS[line.answer] if line.answer else "not answered yet"
        out.append(f"- **{md(line.goal.title)}**: {md(line.sentence)}")
        out.append(f"  - {review.which_week.capitalize()}: {answer}; {line.rate.describe()}")
    return [*out, ""]


def done_text(line: PracticeLine) -> str:
    """What was done, in the plan's unit (minutes, or sessions with their minutes)."""
    if line.unit == "sessions":
        return f"{plural(line.sessions, 'session')} ({line.minutes} min)"
    return f"{line.minutes} min"


def plan_text(line: PracticeLine) -> str:
    if line.plan is None or line.planned is None:
        return "no plan"
    return f"{number(line.planned)} {line.unit}"


def ratio_text(line: PracticeLine) -> str:
    ratio = line.ratio
    return "–" if ratio is None else f"{ratio:.0%}"


def _tasks(tasks: list[FinishedTask], none: str) -> list[str]:
    out = [f"## Tasks finished ({len(tasks)})", ""]
    if not tasks:
        return [*out, none, ""]
    for item in tasks:
        goal = f" ({md(item.goal_title)})" if item.goal_title else ""
        out.append(f"- {md(item.task.title, starts_line=True)}{goal}, {_day(item.day)}")
    return [*out, ""]


def _entries(
    title: str, items: list[ReviewEntry], none: str, *, next_steps: bool = True
) -> list[str]:
    out = [f"## {title} ({len(items)})", ""]
    if not items:
        return [*out, none, ""]
    for item in items:
        entry = item.entry
        meta = [_day(entry.at[:10]), entry.source]
        if entry.kind == "improve":
            meta.append("to improve")
        if item.linked:
            meta.append(md(item.linked))
        out.append(f"- **{', '.join(meta)}**: {md_block(entry.text, '  ')}")
        if entry.obstacle:
            out.append(f"  - Obstacle it met: {md_block(entry.obstacle, '    ')}")
        if next_steps:
            step = md_block(entry.next_step, "    ") if entry.next_step else "_not written yet_"
            out.append(f"  - Next time: {step}")
    return [*out, ""]


def _day(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return md(iso)
    return weekday_date(day)
