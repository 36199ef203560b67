"""The weekly review drawn on screen: the same parts as the Markdown report.

TODO(views): the review's types come from views/ once store/review.py moves there (#15).
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...domain.model import FeedbackEntry
from ...domain.plans import PLAN_ANSWER_WORDS
from ...domain.words import day_month, number, plural
from ...views.review import PracticeLine, ReviewEntry, WeeklyReview
from ...views.review_markdown import adjustment_prompt
from ...widgets.glyphs import bar, glyph, marked
from ...widgets.safe import one_line, plain
from .rows import kind_label

HEAD = "bold underline"


def _day(iso: str) -> str:
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso[:10]
    return f"{day:%a} {day_month(day)}"


class ReviewView(VerticalScroll):
    """A scrollable weekly review (focus it and use the arrows to scroll)."""

    DEFAULT_CSS = """
    ReviewView { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="review-body")

    def show(self, review: WeeklyReview) -> None:
        self.query_one("#review-body", Static).update(render_review(review))


def render_review(review: WeeklyReview) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"Weekly review: {review.period}", style="bold"),
        Text(
            f"{review.seven_days[:1].upper()}{review.seven_days[1:]} at a glance: practice "
            "against plan, what got done, what you learned. Choose one adjustment for next week.",
            style="dim",
        ),
        Text(""),
        Text("Practice against plan", style=HEAD),
        _practice(review),
        Text(""),
        Text(f"Tasks finished ({len(review.tasks_done)})", style=HEAD),
    ]
    if review.tasks_done:
        # One width for the days ("Tue 1 Dec", "Thu 26 Nov"): the titles start in one column.
        width = max(len(_day(item.day)) for item in review.tasks_done)
        for item in review.tasks_done:
            line = Text(" ", no_wrap=True, overflow="ellipsis")
            line.append(f"{glyph('done')} ", style="green")
            line.append(f"{_day(item.day):<{width}}  ", style="dim")
            line.append_text(one_line(item.task.title))
            if item.goal_title:
                line.append(f" {glyph('dot')} ", style="dim")
                line.append_text(one_line(item.goal_title, style="dim"))
            parts.append(line)
    else:
        parts.append(Text(f" {review.none_yet}", style="dim italic"))
    for title, items, steps in (
        ("Wins", review.wins, False),
        ("Lessons", review.lessons, True),
        ("Setbacks", review.setbacks, True),
        ("Other notes", review.notes, True),
    ):
        if title == "Other notes" and not items:
            continue
        parts += [Text(""), Text(f"{title} ({len(items)})", style=HEAD)]
        parts += _entries(items, steps) or [Text(f" {review.none_yet}", style="dim italic")]
    parts += _plans(review)
    parts += _lessons_due(review)
    parts += [Text(""), Text("One adjustment for next week", style=HEAD)]
    if review.adjustments:
        for adjustment in review.adjustments:
            line = Text(f" {glyph('arrow')} ", style="bold", end="")
            line.append_text(plain(adjustment.entry.next_step, style="bold"))
            if adjustment.linked:
                line.append("  ")
                line.append_text(one_line(adjustment.linked, 40, style="dim"))
            parts.append(line)
    else:
        parts.append(Text(f" {adjustment_prompt(review)}", style="italic"))
        parts.append(Text(" Press a to write it down.", style="bold"))
    for part in parts:
        if isinstance(part, Text):
            part.end = "\n"
    return Group(*parts)


def _plans(review: WeeklyReview) -> list[RenderableType]:
    """Each if-then plan, this week's answer and its weeks (``i`` asks about them)."""
    if not review.plans:
        return []
    marks = {"yes": ("done", "green"), "no": ("dropped", "red"), "no_cue": ("dot", "dim")}
    head = Text(end="")
    head.append(f"If-then plans ({len(review.plans)})", style=HEAD)
    legend = [f"{glyph(marks[k][0])} {w}" for k, w in (("yes", "ran"), ("no", "did not"))]
    head.append(f"  {', '.join(legend)}, {glyph('dot')} no cue, _ not asked", style="dim")
    parts: list[RenderableType] = [Text(""), head]
    for line in review.plans:
        head = Text(f" {glyph(line.goal.kind)} ", style="cyan", end="")
        head.append_text(one_line(line.goal.title, style="bold"))
        sentence = Padding(plain(line.sentence, style="italic"), (0, 0, 0, 5))
        answer = Text(f"     {review.which_week.capitalize()}: ", style="dim", end="")
        if line.answer:
            answer.append(PLAN_ANSWER_WORDS[line.answer])
        else:
            answer.append("not answered yet (i asks)", style="bold")
        weeks = Text("     ", end="")
        for week in line.rate.weeks:
            name, style = marks.get(week or "", ("", "dim"))
            weeks.append(glyph(name) if name else "_", style=style)
            weeks.append(" ")
        weeks.append(f" {line.rate.describe()}", style="dim")
        parts += [head, sentence, answer, weeks]
    return parts


def _lessons_due(review: WeeklyReview) -> list[RenderableType]:
    """The lessons due for spaced review (``r`` reviews them)."""
    if not review.lessons_due:
        return []
    parts: list[RenderableType] = [
        Text(""),
        Text(f"Lessons due for review ({len(review.lessons_due)})", style=HEAD),
    ]
    for due in review.lessons_due:
        parts.append(_entry_line(due.entry, due.goal_title))
    parts.append(Text(" r reviews them: still true? did I apply it?", style="bold"))
    return parts


def _practice(review: WeeklyReview) -> RenderableType:
    if not review.practice:
        return Text(" No practice logged and no practice plans.", style="dim italic")
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    table.add_column("Goal", ratio=1, no_wrap=True, overflow="ellipsis", min_width=12)
    table.add_column("Done", justify="right", no_wrap=True)
    table.add_column("Plan", justify="right", no_wrap=True)
    table.add_column("On plan", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column("Streak", justify="right", no_wrap=True)
    for line in review.practice:
        table.add_row(
            _goal(line),
            Text(_short(line, line.sessions if line.unit == "sessions" else line.minutes)),
            Text(
                _short(line, line.planned) if line.planned is not None else "no plan",
                style="" if line.plan else "dim",
            ),
            _on_plan(line),
            Text(f"{line.days}/7"),
            Text(marked("streak", str(line.streak))),
        )
    total = Text(
        f" Total: {line_total(review)}",
        style="dim",
    )
    return Group(table, total)


def _short(line: PracticeLine, amount: float) -> str:
    """``150 min`` or ``5 sess.``: the plan's unit, short enough for 80 columns."""
    return f"{number(amount)} {'sess.' if line.unit == 'sessions' else 'min'}"


def line_total(review: WeeklyReview) -> str:
    return f"{review.total_minutes} min in {plural(review.total_sessions, 'session')}"


def _goal(line: PracticeLine) -> Text:
    if line.goal is None:
        return Text("(no goal)", style="dim")
    text = Text(f"{glyph(line.goal.kind)} ", style="cyan", end="")
    text.append_text(one_line(line.title))
    return text


def _on_plan(line: PracticeLine) -> Text:
    ratio = line.ratio
    if ratio is None:
        return Text("–", style="dim")
    style = "green" if ratio >= 1 else "yellow" if ratio >= 0.5 else "red"
    return Text(f"{bar(ratio, 6)} {ratio:>4.0%}", style=style)


def _entries(items: list[ReviewEntry], steps: bool) -> list[RenderableType]:
    rows: list[RenderableType] = []
    for item in items:
        rows.append(_entry_line(item.entry, item.linked))
        if steps:
            step = Text(f"     {glyph('arrow')} ", style="dim", end="")
            if item.entry.next_step:
                step.append_text(plain(item.entry.next_step, style="italic"))
            else:
                step.append("next step not written yet (e on the log)", style="dim italic")
            rows.append(step)
    return rows


def _entry_line(entry: FeedbackEntry, linked: str) -> Text:
    line = Text(" ", end="")
    line.append_text(kind_label(entry.kind))
    line.append(f" {_day(entry.at)} · {entry.source}", style="dim")
    if linked:
        line.append(" · ", style="dim")
        line.append_text(one_line(linked, 40, style="dim"))
    line.append("\n     ")
    line.append_text(plain(entry.text))
    return line
