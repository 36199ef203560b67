"""The Progress screen (4): streaks, heat map, proficiency trends, wins."""

from __future__ import annotations

from .placeholder import ComingScreen


class ProgressScreen(ComingScreen):
    MODE = "progress"
    TITLE_TEXT = "Progress"
    WHAT = "The Progress screen is being built: streaks, heat map, proficiency trends, wins."
