"""The whole store: every change, on the whole file, through TinyDB."""

from __future__ import annotations

from pathlib import Path

from .core import StoreCore
from .goals import GoalOps
from .learning import LearningOps


class MasteryStore(GoalOps, LearningOps, StoreCore):
    """Read and change a masterytui file: atomic, locked, backed up, undoable."""

    export_folder: Path | None = None
    """Where the app writes exports; None: beside the data file. ``--demo`` sets the folder it
    was started in, as its data file's folder is deleted when it quits."""

    @property
    def export_dir(self) -> Path:
        """The folder the app's exports go to."""
        return self.export_folder or self.path.parent
