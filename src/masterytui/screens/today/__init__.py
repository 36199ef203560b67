"""The Today screen: its screen, its rows and its styles (``today.tcss``)."""

from __future__ import annotations

from .screen import TodayScreen

__all__ = ["TodayScreen"]
