"""README.md's key tables, written from the registry of actions (:mod:`masterytui.actions`).

Each table sits between ``<!-- keys:NAME -->`` and ``<!-- /keys:NAME -->`` in README.md and
lists every action of its scopes with its default keys: an action added to the registry shows
up here with its title, and :data:`WORDS` may say more about it. ``python -m
masterytui.readme_keys`` rewrites the tables; ``--check`` only says whether they are current
(tests/test_readme_keys.py fails when they are not).

Plain data and strings: no Textual.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .actions import ACTION_BY_ID, ACTIONS, SCREENS, Action, key_label

README = Path(__file__).resolve().parents[2] / "README.md"


@dataclass(frozen=True)
class KeyTable:
    """One table of the README: the actions of ``scopes``, in registry order."""

    name: str
    scopes: tuple[str, ...]


TABLES: tuple[KeyTable, ...] = (
    KeyTable("app", ("app",)),
    KeyTable("today", ("today_list", "today")),
    KeyTable("goals", ("goal_tree", "goals")),
    KeyTable("board", ("board",)),
    KeyTable("feedback", ("feedback_table", "feedback")),
    KeyTable("review", ("review",)),
    KeyTable("progress", ("progress",)),
)
"""The dialogs' keys (forms, choices, help) are described in the README's prose."""

ROWS: dict[str, str] = {
    **{f"app.{s.name}": f"app.{SCREENS[0].name}" for s in SCREENS[1:]},
    "today_list.down": "today_list.up",
    "today_list.last": "today_list.first",
    "today_list.page_down": "today_list.page_up",
    "goal_tree.down": "goal_tree.up",
    "goal_tree.child": "goal_tree.parent",
    "goal_tree.bottom": "goal_tree.top",
    "goals.down": "goals.up",
    "goals.outdent": "goals.indent",
    "board.down": "board.up",
    "board.right": "board.left",
    "board.last": "board.first",
    "board.page_down": "board.page_up",
    "board.L": "board.H",
    "board.J": "board.K",
    "feedback_table.down": "feedback_table.up",
    "feedback_table.last": "feedback_table.first",
    "feedback_table.page_down": "feedback_table.page_up",
    "feedback.src": "feedback.kind",
    "review.forward": "review.back",
    "review.up": "review.down",
    "progress.up": "progress.down",
}
"""Actions shown in the row of another (``goal_tree.down`` beside ``goal_tree.up``)."""

WORDS: dict[str, str] = {
    f"app.{SCREENS[0].name}": ", ".join(s.title for s in SCREENS),
    "app.task": (
        "quick capture a task, linked to the goal in context: the selected goal on Goals, the "
        "goal filter on Board and Feedback, the goal Progress is narrowed to (the form's goal "
        "label says where it came from)"
    ),
    "app.feedback_entry": (
        "log feedback (after a setback it asks: what can I learn, what will I do next time?)"
    ),
    "app.win": "log a win, celebrated with the week's count",
    "app.practice": (
        "log a practice session: minutes and `enter` is enough; below them the goal, its focus, "
        "quality and difficulty (1-5), a next fix, a note and the day (see "
        "[Deliberate practice](#deliberate-practice))"
    ),
    "app.undo": "undo this session's last change (deletes included)",
    "app.help": "every key of the current screen and the keys that work everywhere",
    "app.palette": "command palette: every action of every screen, the theme, export",
    "app.config": "where `config.toml` (your own keys) is",
    "app.quit": "quit (after any pending write is on disk)",
    "app.no_goal": 'in a form: the goal taken from the screen becomes "(none)", from any field',
    "today_list.up": "previous, next row (headings are skipped)",
    "today_list.first": "first, last row",
    "today_list.page_up": "a page up, down",
    "today_list.open": (
        "on a practice row: log a session (as `s`); on a task: edit it; on a lesson: review "
        "the lessons due from it (as `r`)"
    ),
    "today.lessons": (
        "review the lessons due (as `r` on Feedback): still true? did I apply it? `a` applied, "
        "`g` again, `x` retire, `s` skip, `escape` stop"
    ),
    "today.log": (
        "log a session for the selected goal, its planned minutes (what is left of today's) "
        "filled in"
    ),
    "today.finish": (
        "finish the task, celebrated as on the Board; a repeating one makes its next "
        "occurrence (`u` undoes both)"
    ),
    "today.edit": "edit the task (`enter` too)",
    "today.board": "show the task on the Board",
    "goal_tree.up": "previous, next goal",
    "goal_tree.parent": "fold or go to the parent; unfold or go to the first child",
    "goal_tree.top": "first, last goal",
    "goal_tree.fold": "fold or unfold the selected goal",
    "goal_tree.open": "edit the goal (as `e`)",
    "goals.new": "new goal beside the selected one (a new area when the tree is empty)",
    "goals.child": (
        "add a sub-goal (under an area: a performance goal; under a goal: a mastery goal)"
    ),
    "goals.edit": (
        "edit every field (`enter` too): title, kind, status, why, when (the cue of an if-then "
        "plan), commitment, outcome and obstacle, measure (target, unit, current, baseline, "
        "deadline), R·W·A, practice plan (minutes a day or sessions a week, and its days)"
    ),
    "goals.status": "status: active, paused, achieved, dropped",
    "goals.delete": (
        "delete: move its sub-goals, tasks, feedback and practice up to the parent, or delete "
        "them with it; `u` undoes either"
    ),
    "goals.rate": "rate your proficiency today, 1-10",
    "goals.woop": (
        "plan it step by step (WOOP): Wish, Outcome, Obstacle, Plan (\"when …, I'm going to "
        '…"), for the selected mastery goal, or for a new mastery goal under the selected area '
        "or performance goal; `enter` goes on, `pgup` back, `escape` at any step keeps what you "
        "entered"
    ),
    "goals.up": "move up, down among siblings",
    "goals.indent": "indent under the goal above, outdent",
    "goals.move": "move under any goal (moving a goal under its own sub-goal is refused)",
    "goals.filter": "filter the tree by text (matching goals keep their path)",
    "goals.closed": "show or hide achieved and dropped goals",
    "goals.clear": "clear the filter",
    "board.new": (
        "new card in the current column (goal: the goal filter, never the selected card's); "
        "Repeat makes it recur"
    ),
    "board.edit": "edit title, goal, due date, priority, repeat, notes",
    "board.done": "done / back to Next",
    "board.delete": "delete (`u` undoes; a repeating card asks: this one or the series)",
    "board.copy": (
        "copy the card's title to the clipboard (in tmux, `set -s set-clipboard on` lets it "
        "through)"
    ),
    "board.filter": "filter by words in title or notes",
    "board.goal": "filter by goal (its sub-goals included, or cards without one)",
    "board.clear": "clear the filters",
    "board.up": "previous, next card",
    "board.left": "column to the left, right",
    "board.first": "first, last card of the column",
    "board.page_up": "a page up, down",
    "board.H": (
        "move the card to the column on the left, right (to Done stamps its done date and "
        "celebrates)"
    ),
    "board.K": "move the card up, down within its column",
    "board.all_done": (
        "Done: every finished card (newest first), or the last 14 days (the default, with a "
        "count of older ones)"
    ),
    "board.wip": "set the work-in-progress limit of Doing (over the limit shows, never blocks)",
    "feedback_table.up": (
        "previous, next entry (newest first); the selected one shows in full below"
    ),
    "feedback_table.first": "first, last entry",
    "feedback_table.page_up": "a page up, down",
    "feedback_table.open": "edit the selected entry or session (as `e`)",
    "feedback.new": (
        "new entry with every field: kind (win, lesson, improve, setback, note), source (self, "
        "mentor, coach, peer, expert, other), goal, text, next step; or a new practice session "
        "on the Practice tab"
    ),
    "feedback.edit": "edit the selected entry or session (`enter` too)",
    "feedback.delete": "delete it (`u` undoes)",
    "feedback.task": (
        "turn the entry's next step into a task in Next, on the same goal; once only: pressed "
        "again it says the task exists and `2` shows it on the Board"
    ),
    "feedback.search": "search text and next steps",
    "feedback.filter": "filter by goal (and its sub-goals), kind, source and text",
    "feedback.kind": "step through kinds, sources",
    "feedback.goal_here": "filter by the goal of the selected entry or session",
    "feedback.tab": "switch between the feedback log and the practice log",
    "feedback.review": (
        "the weekly review: practice against plan per mastery goal, tasks finished, wins, "
        "lessons and setbacks with their next steps, each if-then plan with its weeks, the "
        "lessons due"
    ),
    "feedback.lessons": (
        "review the lessons due (spaced review): still true? did I apply it? `a` applied (it "
        "comes back later), `g` again (tomorrow, and the intervals start over), `x` retire, "
        "`s` skip, `escape` stop"
    ),
    "feedback.mark": (
        "spaced review of the selected entry: mark it to come back (any kind), retire a "
        "lesson, or bring it back"
    ),
    "feedback.clear": "clear the filters",
    "review.close": "back to the log",
    "review.adjust": "record one adjustment for next week",
    "review.copy": "copy the review as Markdown",
    "review.plans": (
        "ask per if-then plan whether the cue came and the plan ran (`y` yes, `n` no, `c` the "
        "cue did not come)"
    ),
    "review.lessons": "review the lessons due (as `r` on the log)",
    "review.back": "the week before, after",
    "review.down": "scroll down, up",
    "progress.goal": "narrow everything to one area or goal and what is under it",
    "progress.filter": "show only the goals whose title holds a text (with their sub-goals)",
    "progress.clear": "all goals again (clears `g` and `/`)",
    "progress.heat": "the heat map by practice minutes or by quality (how deliberate each day was)",
    "progress.export": "export as Markdown (`m`), JSON (`j`) or CSV (`c`) next to the data file",
    "progress.import": "import a file (`u` undoes it)",
    "progress.down": "scroll down, up",
}
"""The README's words for an action, where they say more than its title."""

NOTES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "app": (
        (
            "app.undo",
            "`/`",
            "filter the current screen (not Today; Goals, Board, Feedback by text; Progress: the "
            "goals whose title holds it, with their sub-goals); `escape` clears it",
        ),
    ),
    "board": (
        (
            "",
            "mouse",
            "click selects; click a card then a column header to move it; drag a card to drop "
            "it before or after another",
        ),
    ),
}
"""Rows that are not one action (after the row of an action id, or "" for the end)."""

PALETTE_ONLY = "palette only"
"""The key column of an action that has no key: run it from the command palette."""


def readme_key(key: str) -> str:
    """A key as the README writes it: `` `shift+↑` ``, `` `?` ``, `` `escape` ``."""
    label = "escape" if key == "escape" else key_label(key)
    return f"`{label}`"


def keys_cell(actions: list[Action]) -> str:
    """The key column of one row: the first keys of its actions, then their second keys…
    (``K`` ``J`` / ``shift+↑`` ``shift+↓``)."""
    longest = max(len(action.keys) for action in actions)
    if not longest:
        return PALETTE_ONLY
    alternatives = [
        " ".join(readme_key(a.keys[i]) for a in actions if len(a.keys) > i) for i in range(longest)
    ]
    return " / ".join(alternatives)


def rows(table: KeyTable) -> list[tuple[str, str, list[Action]]]:
    """(keys, words, actions) for each row of ``table``: scope by scope, in registry order."""
    grouped: dict[str, list[Action]] = {}
    for scope in table.scopes:
        for action in ACTIONS:
            if action.scope == scope:
                grouped.setdefault(ROWS.get(action.id, action.id), []).append(action)
    out: list[tuple[str, str, list[Action]]] = []
    notes = NOTES.get(table.name, ())
    for lead, actions in grouped.items():
        first = ACTION_BY_ID[lead]
        out.append((keys_cell(actions), WORDS.get(lead, first.title), actions))
        out += [(keys, words, []) for after, keys, words in notes if after == lead]
    out += [(keys, words, []) for after, keys, words in notes if not after]
    return out


def markdown_table(table: KeyTable) -> str:
    lines = ["| key | action |", "| --- | --- |"]
    lines += [f"| {keys} | {words} |" for keys, words, _ in rows(table)]
    return "\n".join(lines)


def _marker(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- keys:{name} -->\n)(.*?)(<!-- /keys:{name} -->)", flags=re.DOTALL)


def updated(readme: str) -> str:
    """``readme`` with every key table rewritten from the registry.

    Raises ValueError naming a table whose markers are missing.
    """
    for table in TABLES:
        match = _marker(table.name).search(readme)
        if match is None:
            raise ValueError(f"README.md has no <!-- keys:{table.name} --> … table markers")
        body = "\n" + markdown_table(table) + "\n\n"
        readme = readme[: match.end(1)] + body + readme[match.start(3) :]
    return readme


def shown(readme: str) -> dict[str, str]:
    """The tables as README.md has them now, by name."""
    return {
        table.name: match.group(2).strip()
        for table in TABLES
        if (match := _marker(table.name).search(readme))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m masterytui.readme_keys",
        description="Write README.md's key tables from the registry of actions.",
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    try:
        new = updated(text)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if new == text:
        print(f"{args.readme}: the key tables are up to date.")
        return 0
    if args.check:
        print(f"{args.readme}: the key tables differ from the registry; run {parser.prog}.")
        return 1
    args.readme.write_text(new, encoding="utf-8")
    print(f"{args.readme}: key tables rewritten.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
