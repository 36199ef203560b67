"""Deliberate practice: the rules of a session's focus, quality, difficulty and next fix, and
what the forms look up about a goal's earlier sessions (DESIGN §1, "Deliberate effort").

Deliberate practice works on one weakness at a time, with feedback, at the edge of ability
(Ericsson): a session may name its **focus**, score its **quality** (how deliberate it was)
and **difficulty** from 1 to 5, and leave a **next fix** for the next session to start from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .errors import ValidationError
from .model import SCORE_RANGE, PracticeSession
from .rules import clean_body
from .text import clean_text

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Final

FOCUS_MAX: Final = 100
"""A focus is a short name for a sub-skill ("left-hand legato"), not a note."""

QUALITY_WORDS: Final = {
    1: "going through the motions",
    2: "mostly on autopilot",
    3: "focused part of the time",
    4: "focused on one weakness",
    5: "fully deliberate, with feedback",
}
"""What each quality score means (the form spells the one typed back)."""

DIFFICULTY_WORDS: Final = {
    1: "easy, well within reach",
    2: "comfortable",
    3: "a stretch",
    4: "hard, many mistakes",
    5: "beyond me for now",
}
"""What each difficulty score means."""


def check_score(value: str | int | None, what: str, field: str) -> int | None:
    """A quality or difficulty score: a whole number from 1 to 5; empty means none."""
    low, high = SCORE_RANGE
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int) and low <= value <= high:
        return value
    typed = clean_text(str(value)).strip()
    if re.fullmatch(r"[0-9]", typed) and low <= int(typed) <= high:  # ASCII digits only
        return int(typed)
    shown = typed if re.fullmatch(r"[+-]?[0-9]+", typed) else repr(typed)
    raise ValidationError(
        f"{what} must be a whole number from {low} to {high}; got {shown}.", field
    )


def check_quality(value: str | int | None) -> int | None:
    return check_score(value, "Quality", "quality")


def check_difficulty(value: str | int | None) -> int | None:
    return check_score(value, "Difficulty", "difficulty")


def clean_focus(value: str | None) -> str:
    """A focus: one line, spaces collapsed, may be empty, at most :data:`FOCUS_MAX` long."""
    focus = " ".join(clean_text(value or "").split())
    if len(focus) > FOCUS_MAX:
        raise ValidationError(
            f"Focus is {len(focus)} characters long; the limit is {FOCUS_MAX} "
            "(a short name for the sub-skill; the note holds the rest).",
            "focus",
        )
    return focus


def clean_next_fix(value: str | None) -> str:
    """What to work on next time: free text, may be empty, bounded like a note."""
    return clean_body(value, what="Next fix", field="next_fix")


def focus_key(focus: str) -> str:
    """The focus as compared: any case and spacing (``Left-hand  legato`` is one focus)."""
    return " ".join(focus.split()).casefold()


def in_order(sessions: Iterable[PracticeSession]) -> list[PracticeSession]:
    """``sessions`` oldest first: by day, and within a day in the order they were logged
    (the order the file keeps them, as :class:`~.model.Snapshot` lists them)."""
    listed = list(sessions)
    order = {id(s): i for i, s in enumerate(listed)}
    return sorted(listed, key=lambda s: (s.date, order[id(s)]))


def goal_sessions(
    sessions: Iterable[PracticeSession], goal_id: str | None
) -> list[PracticeSession]:
    """The sessions of ``goal_id`` (None: those of no goal), oldest first."""
    return in_order(s for s in sessions if s.goal_id == goal_id)


def earlier_focuses(
    sessions: Iterable[PracticeSession], goal_id: str | None, limit: int = 12
) -> list[str]:
    """The focuses a goal's sessions named, most recently practised first, each once (in
    its latest spelling), at most ``limit``."""
    seen: dict[str, str] = {}
    for session in reversed(goal_sessions(sessions, goal_id)):
        key = focus_key(session.focus)
        if key and key not in seen:
            seen[key] = " ".join(session.focus.split())
    return list(seen.values())[:limit]


def match_focus(typed: str, known: Sequence[str]) -> str:
    """``typed`` in the spelling of the earlier focus it names (any case and spacing), so a
    sub-skill keeps one name; a new focus as typed."""
    key = focus_key(typed)
    return next((k for k in known if focus_key(k) == key), typed)


def last_next_fix(
    sessions: Iterable[PracticeSession], goal_id: str | None
) -> PracticeSession | None:
    """The latest session of ``goal_id`` that left a next fix (None: none ever did).

    The latest *with* one, not merely the latest: a quick log of minutes in between does not
    make the fix set before it go away.
    """
    if goal_id is None:
        return None
    return next((s for s in reversed(goal_sessions(sessions, goal_id)) if s.next_fix), None)


def describe_scores(session: PracticeSession) -> str:
    """``quality 4/5 · difficulty 3/5``, or what of it is set (empty: neither)."""
    parts = []
    if session.quality is not None:
        parts.append(f"quality {session.quality}/5")
    if session.difficulty is not None:
        parts.append(f"difficulty {session.difficulty}/5")
    return " · ".join(parts)


def score_hint(value: str, words: dict[int, str], what: str, field: str) -> str:
    """A form's live hint for a score: ``= focused on one weakness`` (empty for none)."""
    score = check_score(value, what, field)
    return "" if score is None else f"= {words[score]}"
