"""The shell's commands for daily use: ``today``, ``list``, ``done`` and ``status``.

None imports Textual. ``today``, ``list`` and ``status`` only read (no lock, no write:
:mod:`.store.reader`); ``done`` changes the file through the store, as the board does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .domain.errors import NotFoundError, ValidationError
from .domain.text import clean_text

STATUS_FORMAT = "practice {left} left · {due} due · streak {streak}d{again}"
STATUS_HELP = (
    "the line's text, with {left} (practice left today: 20m, 20m+1s, or 0m), {minutes} "
    "(minutes left), {sessions} (sessions still due today), {due} (open tasks due today or "
    "overdue), {streak} (the longest live streak, in days), {again} (' · don't miss twice' the day "
    "after a missed practice day, else nothing); "
    f"default {STATUS_FORMAT!r}"
)
LISTS = ("tasks", "goals", "feedback", "practice")


def add_parsers(commands: Any, goal_help: str, date_help: str) -> None:
    today = commands.add_parser(
        "today", help="what today asks of you, as text (for a terminal or a cron mail)"
    )
    today.add_argument("--json", action="store_true", help="one JSON object instead")
    listing = commands.add_parser(
        "list",
        help="list tasks, goals, feedback or practice (a table; tab-separated when piped)",
    )
    listing.add_argument("what", metavar="WHAT", choices=LISTS, help=", ".join(LISTS))
    listing.add_argument("--goal", "-g", help=goal_help + " (its sub-goals too)")
    listing.add_argument("--column", "-c", help="tasks: backlog, next, doing or done")
    listing.add_argument("--due-before", metavar="DATE", help="tasks due before DATE: " + date_help)
    listing.add_argument("--kind", "-k", help="goals: area, performance, mastery; feedback: win...")
    listing.add_argument("--since", metavar="DATE", help="feedback and practice from DATE on")
    listing.add_argument(
        "--due", action="store_true", help="feedback: only lessons due for spaced review today"
    )
    listing.add_argument(
        "--all", "-a", action="store_true", help="tasks: also Done; goals: also achieved, dropped"
    )
    listing.add_argument("--json", action="store_true", help="one JSON array of documents")
    done = commands.add_parser("done", help="finish a task (and make its next occurrence)")
    done.add_argument("task", metavar="TASK", help="task id, or the start of its title or a word")
    status = commands.add_parser("status", help="one short line for a tmux status bar")
    status.add_argument("--format", "-f", default=STATUS_FORMAT, help=STATUS_HELP)


def run(args: argparse.Namespace, path: Path) -> int:
    if args.command == "today":
        return _today(args, path)
    if args.command == "list":
        return _list(args, path)
    if args.command == "done":
        return _done(args, path)
    return _status(args, path)


def _reader(path: Path) -> Any:
    from .store.reader import Reader

    return Reader(path)


# today ------------------------------------------------------------------------------------


def _today(args: argparse.Namespace, path: Path) -> int:
    from .today_text import today_json, today_markdown
    from .views.today import today_view

    snapshot = _reader(path).snapshot()
    view = today_view(snapshot, date.today())
    if args.json:
        print(json.dumps(today_json(view, snapshot), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(today_markdown(view, snapshot))
    return 0


# list -------------------------------------------------------------------------------------


def _list(args: argparse.Namespace, path: Path) -> int:
    from .domain import figures
    from .domain.matching import match_goal
    from .domain.rules import parse_date

    reader = _reader(path)
    snapshot = reader.snapshot()
    goals = snapshot.goals
    titles = {g.id: g.title for g in goals}
    scope: set[str] | None = None
    if args.goal:
        goal = match_goal(args.goal, goals)
        scope = figures.subtree_ids(goal.id, figures.children_map(goals))
    before = parse_date(args.due_before, field="due-before") if args.due_before else None
    since = parse_date(args.since, field="since", past=True) if args.since else None
    _check_filters(args)
    rows: list[list[str]]
    extra: dict[str, dict[str, str]] = {}  # keys added to each document of --json
    if args.what == "tasks":
        from .domain.model import COLUMNS, Task
        from .domain.recur import describe

        column = args.column.strip().lower() if args.column else None
        if column is not None and column not in COLUMNS:
            raise ValidationError(f"Column must be one of {', '.join(COLUMNS)}.", "column")
        order = {c: i for i, c in enumerate(COLUMNS)}
        # A document whose column is "done" reads as a Done task: without --all, those (most
        # of a file with years of history) are never made into objects at all.
        skip_done = not args.all and column != "done"
        tasks = (
            Task.from_doc(d)
            for d in reader.docs("tasks")
            if not (skip_done and d.get("column") == "done")
        )
        items: list[Any] = [
            t
            for t in tasks
            if (column is None or t.column == column)
            and (args.all or column == "done" or t.column != "done")
            and (scope is None or t.goal_id in scope)
            and (before is None or (t.due is not None and t.due < before))
        ]
        items.sort(key=lambda t: (order[t.column], t.due or "9999", t.position, t.id))
        header = ["ID", "COLUMN", "DUE", "PRI", "REPEAT", "GOAL", "TITLE"]
        rows = [
            [
                t.id,
                t.column,
                t.due or "",
                t.priority or "",
                describe(t.recur.every, t.recur.start)[6:] if t.recur else "",
                titles.get(t.goal_id or "", ""),
                t.title,
            ]
            for t in items
        ]
    elif args.what == "goals":
        items = [
            g
            for g in figures.tree_order(goals)
            if (args.all or g.is_open)
            and (scope is None or g.id in scope)
            and (args.kind is None or g.kind == args.kind.strip().lower())
        ]
        header = ["ID", "KIND", "STATUS", "DEADLINE", "PLAN", "HABIT", "TITLE"]
        strengths = _strengths(snapshot)
        rows = [
            [
                g.id,
                g.kind,
                g.status,
                (g.measure.deadline or "") if g.measure else "",
                g.practice_plan.describe() if g.practice_plan else "",
                f"{strengths[g.id]}%" if g.id in strengths else "",
                g.title,
            ]
            for g in items
        ]
    elif args.what == "feedback":
        kind = args.kind.strip().lower() if args.kind else None
        ordered = sorted(snapshot.feedback, key=lambda f: (f.at, f.id))
        if args.due:
            from .views.lessons import lessons_due

            due = {d.entry.id: d for d in lessons_due(snapshot, date.today())}
            ordered = [due[i].entry for i in due]  # the longest waiting first
        items = [
            f
            for f in ordered
            if (scope is None or f.goal_id in scope)
            and (kind is None or f.kind == kind)
            and (since is None or f.at[:10] >= since)
        ]
        header = ["ID", "AT", "KIND", "SOURCE", "GOAL", "TEXT"]
        rows = [
            [f.id, f.at[:16], f.kind, f.source, titles.get(f.goal_id or "", ""), f.text]
            for f in items
        ]
        if args.due:
            header.insert(1, "DUE")
            for row, f in zip(rows, items, strict=True):
                when = due[f.id].schedule.due
                row.insert(1, when.isoformat() if when else "")
            extra = {
                f.id: {"review_due": str(due[f.id].schedule.due)} for f in items if f.id in due
            }
    else:
        items = [
            s
            for s in sorted(snapshot.practice, key=lambda s: (s.date, s.id))
            if (scope is None or s.goal_id in scope) and (since is None or s.date >= since)
        ]
        header = ["ID", "DATE", "MIN", "Q", "D", "GOAL", "FOCUS", "NOTE", "NEXT FIX"]
        rows = [
            [
                s.id,
                s.date,
                str(s.minutes),
                "" if s.quality is None else str(s.quality),
                "" if s.difficulty is None else str(s.difficulty),
                titles.get(s.goal_id or "", ""),
                s.focus,
                s.note,
                s.next_fix,
            ]
            for s in items
        ]
    if args.json:
        wanted = {item.id for item in items}
        by_id = {d.get("id"): d for d in reader.docs(args.what)}
        docs = [by_id[item.id] for item in items if item.id in by_id and item.id in wanted]
        if args.what == "feedback" and args.due:  # when each came due, beside the document
            docs = [{**doc, **extra.get(doc["id"], {})} for doc in docs]
        if args.what == "goals":
            docs = _with_strength(docs, snapshot)
        print(json.dumps(docs, ensure_ascii=False))
        return 0
    print_table(header, rows, tty=sys.stdout.isatty())
    return 0


def _strengths(snapshot: Any) -> dict[str, int]:
    """Each mastery goal's habit strength today, 0-100 (see :mod:`.domain.schedule`); none
    for a mastery goal with neither a practice plan nor a session (nothing to measure: the
    Goals detail shows no practice for it either)."""
    from .domain.figures import practice_days
    from .domain.schedule import habit_percent

    day = date.today()
    by_goal: dict[str, list[Any]] = {}
    for session in snapshot.practice:
        if session.goal_id is not None:
            by_goal.setdefault(session.goal_id, []).append(session)
    return {
        g.id: habit_percent(g.practice_plan, practice_days(by_goal.get(g.id, [])), day)
        for g in snapshot.goals
        if g.kind == "mastery" and (g.practice_plan is not None or g.id in by_goal)
    }


def _with_strength(docs: list[dict[str, Any]], snapshot: Any) -> list[dict[str, Any]]:
    """The goals' documents, each mastery goal's with its ``habit_strength`` (0-100)."""
    strengths = _strengths(snapshot)
    return [
        {**doc, "habit_strength": strengths[doc["id"]]} if doc.get("id") in strengths else doc
        for doc in docs
    ]


def _check_filters(args: argparse.Namespace) -> None:
    allowed = {
        "tasks": ("column", "due_before"),
        "goals": ("kind",),
        "feedback": ("kind", "since"),
        "practice": ("since",),
    }[args.what]
    for name in ("column", "due_before", "kind", "since"):
        if getattr(args, name) is not None and name not in allowed:
            flag = "--" + name.replace("_", "-")
            raise ValidationError(f"{flag} does not go with `list {args.what}`.", name)
    if args.due and args.what != "feedback":
        raise ValidationError(f"--due does not go with `list {args.what}`.", "due")
    from .domain.model import FEEDBACK_KINDS, GOAL_KINDS

    if args.kind is None:
        return
    kinds: tuple[str, ...] = GOAL_KINDS if args.what == "goals" else FEEDBACK_KINDS
    if args.kind.strip().lower() not in kinds:
        raise ValidationError(f"--kind must be one of {', '.join(kinds)}.", "kind")


def print_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, tty: bool, width: int | None = None
) -> None:
    """Rows aligned under a header on a terminal; plain tab-separated lines when piped.

    Every cell is cleaned of control characters; tabs in a cell become spaces, so a TSV line
    always has one field per column.
    """
    cells = [[clean_text(c) for c in row] for row in rows]
    if not tty:  # one write, not one print a row: 10,000 rows are 10,000 calls otherwise
        sys.stdout.write("".join("\t".join(row) + "\n" for row in cells))
        return
    if not cells:
        print("(none)")
        return
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    lines = (
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        for row in [list(header), *cells]
    )
    sys.stdout.write("".join(lines))


# done -------------------------------------------------------------------------------------


def _done(args: argparse.Namespace, path: Path) -> int:
    from .domain.matching import match_item
    from .domain.model import Task
    from .store import MasteryStore

    if not path.exists():
        raise NotFoundError(f"{path} does not exist yet: there is no task to finish.")
    store = MasteryStore(path)
    tasks = store.snapshot().tasks
    ref = " ".join(args.task.split())
    exact = [t for t in tasks if t.id.casefold() == ref.casefold()]
    task: Task
    if exact:
        task = exact[0]
    else:
        try:
            task = match_item(ref, [t for t in tasks if t.column != "done"], "open task")
        except NotFoundError:
            task = match_item(ref, [t for t in tasks if t.column == "done"], "task")
    if task.column == "done":
        when = f" on {task.done_at[:10]}" if task.done_at else ""
        _say(f"Already done{when}: {task.title} ({task.id}). Nothing changed.")
        return 0
    finished = store.move_task(task.id, "done")
    _say(f"Done: {finished.title} ({finished.id})")
    following = finished.recur.next if finished.recur else None
    if following:
        made = store.task(following)
        _say(f"Next: {made.title} ({made.id}), due {made.due}")
    return 0


def _say(line: str) -> None:
    print(clean_text(line))


# status -----------------------------------------------------------------------------------


def _again(risks: list[Any]) -> str:
    """ " · don't miss twice" when a goal missed its last practice day (once), else empty:
    the Today list's rule (:attr:`.domain.today.StreakRisk.dont_miss_twice`)."""
    return " · don't miss twice" if any(r.dont_miss_twice for r in risks) else ""


def _status(args: argparse.Namespace, path: Path) -> int:
    print(status_line(_reader(path), date.today(), args.format))
    return 0


def status_line(reader: Any, day: date, fmt: str = STATUS_FORMAT) -> str:
    """The status line of ``day``: the Today list's figures (:mod:`.domain.today`, as the
    Today screen and ``masterytui today`` work them out), fed from the file's bytes."""
    from .domain.today import live_streak, practice_due, streak_risks
    from .store.reader import status_figures

    goals, figures, due = status_figures(reader, day)
    practice = practice_due(goals, figures, day)
    minutes = sum(p.minutes_left for p in practice)
    sessions = sum(1 for p in practice if p.sessions_left and not p.minutes_done)
    left = f"{minutes}m" + (f"+{sessions}s" if sessions else "")
    values: dict[str, Callable[[], Any]] = {
        "left": lambda: left,
        "minutes": lambda: minutes,
        "sessions": lambda: sessions,
        "due": lambda: due,
        "streak": lambda: live_streak(figures, day, goals),
        "again": lambda: _again(streak_risks(goals, figures, day)),
    }
    try:
        line = fmt.format_map(_Lazy(values))
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        raise ValidationError(
            f"--format: {exc} is not a placeholder: use {{left}}, {{minutes}}, {{sessions}}, "
            "{due}, {streak} or {again}.",
            "format",
        ) from None
    return clean_text(line)


class _Lazy(dict[str, Any]):
    def __init__(self, values: dict[str, Callable[[], Any]]) -> None:
        super().__init__()
        self._values = values

    def __missing__(self, key: str) -> Any:
        if key not in self._values:
            raise KeyError(key)
        return self._values[key]()
