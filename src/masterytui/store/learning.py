"""Changes of the learning loop: lesson reviews (spaced) and the weekly plan checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain import rules
from ..domain.errors import ValidationError
from ..domain.lessons import lesson_schedule
from ..domain.model import FeedbackEntry, Goal
from ..domain.plans import PLAN_ANSWERS, has_plan, week_of, with_check
from ..domain.spaced import ANSWERS, LESSON_KINDS, LessonReview, ReviewAnswer
from .log import LogOps, _short


class LearningOps(LogOps):
    """Review a lesson, mark an entry for review, answer a plan's weekly check."""

    def review_lesson(self, entry_id: str, answer: str, on: date | None = None) -> FeedbackEntry:
        """Record a review of a lesson: ``applied`` (it comes back later), ``again`` (in a
        day) or ``retire`` (it stops coming back). Refused for an entry not in the review."""
        answer = rules.check_choice(answer, ANSWERS, what="Answer", field="answer")
        day = (on or date.today()).isoformat()
        shown = self.feedback_entry(entry_id)
        with self.change(f"review {shown.kind} {_short(shown.text)!r}: {answer}"):
            entry = self.feedback_entry(entry_id)  # as it is now, under the lock
            if lesson_schedule(entry) is None:
                raise ValidationError(
                    "This entry is not in the spaced review: m on the log marks it.", "review"
                )
            review = entry.review or LessonReview()
            answers = (*review.answers, ReviewAnswer(day, answer))
            updated = replace(entry, review=replace(review, answers=answers))
            self.put("feedback", updated.to_doc())
        return updated

    def toggle_review(self, entry_id: str, on: date | None = None) -> FeedbackEntry:
        """Put an entry in the spaced review, or take it out.

        An entry that is no lesson is marked (it comes back in a day) or unmarked; a lesson
        or improve entry is retired, or brought back (in a day) when it was retired.
        """
        day = (on or date.today()).isoformat()
        shown = self.feedback_entry(entry_id)
        with self.change(f"spaced review of {shown.kind} {_short(shown.text)!r}"):
            entry = self.feedback_entry(entry_id)
            plan = lesson_schedule(entry)
            review = entry.review or LessonReview()
            if plan is not None and not plan.retired:
                if entry.kind in LESSON_KINDS:
                    answers = (*review.answers, ReviewAnswer(day, "retire"))
                    updated = replace(entry, review=replace(review, answers=answers))
                else:
                    updated = replace(entry, review=None)
            elif plan is not None:  # retired: back into the review, in a day
                answers = (*review.answers, ReviewAnswer(day, "again"))
                updated = replace(entry, review=replace(review, answers=answers))
            else:
                updated = replace(entry, review=LessonReview(since=day))
            self.put("feedback", updated.to_doc())
        return updated

    def check_plan(self, goal_id: str, answer: str, week_day: date | None = None) -> Goal:
        """Record whether the cue of ``goal_id``'s if-then plan came and the plan ran, for the
        week ``week_day`` falls in (``yes``, ``no`` or ``no_cue``); a second answer for the
        same week replaces the first."""
        answer = rules.check_choice(answer, PLAN_ANSWERS, what="Answer", field="answer")
        week = week_of(week_day or date.today())
        shown = self.goal(goal_id)
        with self.change(f"plan check of {shown.title!r}"):
            goal = self.goal(goal_id)
            if not has_plan(goal.cue, goal.commitment):
                raise ValidationError(
                    "This goal has no if-then plan (a when and an I'm going to) to check.",
                    "cue",
                )
            checks = with_check(goal.plan_checks, week, answer)
            updated = replace(goal, plan_checks=checks, updated_at=rules.now_iso())
            self.put("goals", updated.to_doc())
        return self.goal(goal_id)
