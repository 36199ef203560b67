"""masterytui: a keyboard-driven terminal app for mastery goals."""

from __future__ import annotations

__version__ = "0.1.0"
