"""The weekly review as Markdown: a report a person can send to a mentor or coach.

Never imports textual: ``masterytui export --format md`` calls :func:`review_markdown`.
User text is cleaned of control characters and its Markdown punctuation is escaped, so a
title like ``[link](x)`` or ``*bold*`` reads in the report exactly as it was typed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from .domain.model import Snapshot
from .domain.plans import PLAN_ANSWER_WORDS
from .domain.text import clean_text, plural, show_number
from .store.review import (
    FinishedTask,
    PlanLine,
    PracticeLine,
    ReviewEntry,
    WeeklyReview,
    day_month,
    weekly_review,
)

_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|#~&])")
_LINE_START = re.compile(r"^(\s*)([+\-=]|\d+[.)])")


def adjustment_prompt(review: WeeklyReview) -> str:
    """The review's question while no adjustment is chosen."""
    return (
        f"Not chosen yet. Looking at {review.which_week}, what one change to the process would "
        "help most next week?"
    )


class HasSnapshot(Protocol):
    """What the report needs from a store: the data as domain objects."""

    def snapshot(self) -> Snapshot: ...


def review_markdown(store: HasSnapshot, today: date) -> str:
    """The review of the seven days ending ``today`` as a Markdown document."""
    return markdown(weekly_review(store.snapshot(), today))


def md(text: str, *, starts_line: bool = False) -> str:
    """``text`` on one line with its Markdown punctuation escaped.

    With ``starts_line`` a leading ``+``, ``-``, ``=`` or ``1.`` is escaped too, so text that
    begins a line or a list item cannot start a list or a heading of its own.
    """
    line = " ".join(clean_text(text).split())
    line = _MD_PUNCTUATION.sub(r"\\\1", line)
    if starts_line:
        line = _LINE_START.sub(_escape_line_start, line)
    return line


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    return f"{lead}{marker[:-1]}\\{marker[-1]}"


def md_block(text: str, indent: str, *, starts_line: bool = False) -> str:
    """Multi-line user text, each line escaped, continuation lines indented for a list item."""
    lines = clean_text(text, multiline=True).splitlines()
    parts = [
        md(line, starts_line=starts_line or index > 0)
        for index, line in enumerate(line for line in lines if line.strip())
    ]
    return f"\n{indent}".join(parts)


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
    out += ["", f"Total: {review.total_minutes} min in {sessions}.", ""]
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
    return f"{show_number(line.planned)} {line.unit}"


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
    return f"{day:%a} {day_month(day)}"
