"""The Feedback screen (3): the feedback log and practice sessions."""

from __future__ import annotations

from .placeholder import ComingScreen


class FeedbackScreen(ComingScreen):
    MODE = "feedback"
    TITLE_TEXT = "Feedback"
    WHAT = "The Feedback screen is being built: the feedback log and practice sessions."
