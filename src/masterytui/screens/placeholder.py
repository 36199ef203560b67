"""Screens still being built show what they will hold (replaced screen by screen)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from ..widgets.footer import Footer
from ..widgets.topbar import TopBar
from .base import MasteryScreen


class ComingScreen(MasteryScreen):
    MODE = ""
    WHAT = ""

    def compose(self) -> ComposeResult:
        yield TopBar(self.MODE)
        yield Static(self.WHAT, classes="coming")
        yield Footer()
