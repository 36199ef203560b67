"""The Board screen (2): kanban columns Backlog, Next, Doing, Done."""

from __future__ import annotations

from .placeholder import ComingScreen


class BoardScreen(ComingScreen):
    MODE = "board"
    TITLE_TEXT = "Board"
    WHAT = "The Board screen is being built: kanban columns Backlog, Next, Doing, Done."
