"""Where masterytui keeps its file; nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "masterytui"
DB_ENV = "MASTERYTUI_DB"


def default_db_path() -> Path:
    """``$MASTERYTUI_DB`` if set, else ``masterytui.json`` in the user data dir."""
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "masterytui.json"


def resolve_db_path(cli_value: str | None) -> Path:
    """The file to open: ``--db`` first, then the environment, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()
