"""The learning loop's dialogs as the Feedback screens run them: lesson reviews, plan checks.

The Feedback screen (``r``, ``m``) and the weekly review (``i``, ``r``) call these: each opens
its dialogs one after another, writes each answer through the store as it is given, and says
what it did when it is over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ...dialogs.choice import ChoiceDialog
from ...dialogs.lesson_review import LessonReviewDialog
from ...domain.lessons import lesson_schedule
from ...domain.model import FeedbackEntry
from ...domain.spaced import describe_schedule
from ...domain.words import plural
from ...views.lessons import DueLesson
from ...views.review import PlanLine
from ..base import MasteryScreen

PLAN_CHOICES = (("yes", "y", "Ran"), ("no", "n", "Did not run"), ("no_cue", "c", "No cue"))


def review_lessons(
    screen: MasteryScreen,
    due: Sequence[DueLesson],
    today: date,
    done: Callable[[], None] | None = None,
) -> None:
    """Ask about each due lesson in turn; ``escape`` stops (the answers given are kept)."""
    if not due:
        screen.notify("No lesson is due for review today.", markup=False)
        return
    answered: dict[str, int] = {}

    def ask(index: int) -> None:
        if index >= len(due):
            finish()
            return
        lesson = due[index]

        def answer(choice: str | None) -> None:
            if choice is None:
                finish()
                return
            if choice != "skip":
                entry_id = lesson.entry.id
                if screen.attempt(lambda: screen.store.review_lesson(entry_id, choice)) is None:
                    finish()
                    return
                answered[choice] = answered.get(choice, 0) + 1
            ask(index + 1)

        screen.app.push_screen(LessonReviewDialog(lesson, index, len(due), today), answer)

    def finish() -> None:
        if answered:
            words = {"applied": "applied", "again": "again", "retire": "retired"}
            parts = [f"{n} {words[k]}" for k, n in answered.items()]
            total = sum(answered.values())
            screen.notify(f"{plural(total, 'lesson')} reviewed: {', '.join(parts)}.", markup=False)
        if done is not None:
            done()

    ask(0)


def check_plans(
    screen: MasteryScreen,
    plans: Sequence[PlanLine],
    week_day: date,
    which_week: str = "this week",
    done: Callable[[], None] | None = None,
) -> None:
    """Ask about each if-then plan in turn: did the cue come, did the plan run?"""
    if not plans:
        screen.notify(
            "No goal has an if-then plan yet: W on Goals writes one (a when and an I'm going to).",
            markup=False,
        )
        return
    count = 0

    def ask(index: int) -> None:
        nonlocal count
        if index >= len(plans):
            finish()
            return
        line = plans[index]
        body = (
            f"{line.sentence}\n\n{which_week.capitalize()}: did the cue come, and did the "
            "plan run?\ny: the cue came and the plan ran · n: the cue came, the plan did not "
            f"run · c: the cue did not come\nSo far: {line.rate.describe()}."
        )

        def answer(choice: str | None) -> None:
            nonlocal count
            if choice is None:
                finish()
                return
            goal_id = line.goal.id
            if screen.attempt(lambda: screen.store.check_plan(goal_id, choice, week_day)) is None:
                finish()
                return
            count += 1
            ask(index + 1)

        title = f"If-then plan {index + 1} of {len(plans)}: {line.goal.title}"
        screen.app.push_screen(ChoiceDialog(title, body, PLAN_CHOICES), answer)

    def finish() -> None:
        if count:
            screen.notify(f"{plural(count, 'plan')} answered for {which_week}.", markup=False)
        if done is not None:
            done()

    ask(0)


def review_toggled(entry: FeedbackEntry, today: date) -> str:
    """What ``m`` did to an entry's spaced review, in words."""
    plan = lesson_schedule(entry)
    if plan is None:
        return "Out of the spaced review (m puts it back)."
    if plan.retired:
        return "Retired from the spaced review (m brings it back)."
    return f"In the spaced review: {describe_schedule(plan, today)}."
