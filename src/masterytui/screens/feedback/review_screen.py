"""The weekly review (``R`` on the Feedback screen): the last seven days and one adjustment."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from ...bindings import bindings
from ...domain.model import FeedbackEntry
from ...domain.words import plural
from ...views.lessons import lessons_due
from ...views.review import WeeklyReview, weekly_review
from ...views.review_markdown import markdown
from ...widgets.footer import Footer
from ...widgets.topbar import TopBar
from ..base import MasteryScreen
from .forms import adjustment_dialog
from .learning import check_plans, review_lessons
from .review_view import ReviewView


class ReviewScreen(MasteryScreen):
    """Practice against plan, tasks finished, wins, lessons, setbacks; one adjustment."""

    TITLE_TEXT = "Weekly review"
    CONTEXT_WHY = "the log's goal filter"
    KEY_SCOPES = ("review",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    def __init__(self, goal_id: str | None = None) -> None:
        super().__init__()
        self.weeks_back = 0
        self.goal_id = goal_id
        self.review: WeeklyReview | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("feedback")
        yield ReviewView(id="review-view")
        yield Footer()

    def on_mount(self) -> None:
        self.maybe_refresh()
        self.query_one(ReviewView).focus()

    def refresh_data(self) -> None:
        self.review = weekly_review(self.store.snapshot(), date.today(), self.weeks_back)
        self.query_one(ReviewView).show(self.review)
        # The week alone (the review's first line says "Weekly review: …"), so that it fits
        # beside the tabs at 80 columns; "2 weeks ago", not "2 week(s) ago".
        ago = f" · {plural(self.weeks_back, 'week')} ago" if self.weeks_back else ""
        self.query_one(TopBar).status = f"{self.review.period}{ago}"
        self.refresh_bindings()

    def context_goal_id(self) -> str | None:
        return self.goal_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "week" and parameters == (-1,) and self.weeks_back == 0:
            return None  # no review of days still to come
        return True

    def action_close(self) -> None:
        self.dismiss()

    def action_week(self, delta: int) -> None:
        self.weeks_back = max(0, self.weeks_back + delta)
        self.refresh_data()
        self.query_one(ReviewView).scroll_home(animate=False)

    def action_scroll(self, delta: int) -> None:
        view = self.query_one(ReviewView)
        # from the target, not the current position, so quick repeated presses add up
        view.scroll_to(y=view.scroll_target_y + delta * 3, animate=False)

    def action_adjust(self) -> None:
        if self.review is None:
            return

        def saved(entry: FeedbackEntry | None) -> None:
            if entry is not None:
                self.announce_change()
                self.notify(
                    "Adjustment logged as an improve entry: T on the log turns it into a task.",
                    markup=False,
                )

        dialog = adjustment_dialog(self.store, self.review.start, self.review.end, self.goal_id)
        self.app.push_screen(dialog, saved)

    def action_check_plans(self) -> None:
        if self.review is not None:
            check_plans(
                self, self.review.plans, self.review.end, self.review.which_week, self.refresh_data
            )

    def action_review_lessons(self) -> None:
        if self.review is not None:
            today = date.today()
            due = lessons_due(self.store.snapshot(), today)
            review_lessons(self, due, today, self.refresh_data)

    def action_copy(self) -> None:
        if self.review is None:
            return
        self.app.copy_to_clipboard(markdown(self.review))
        self.notify(
            "The review is on the clipboard as Markdown (where the terminal allows it). "
            "`masterytui export --format md` writes it to a file.",
            markup=False,
        )
