"""Where masterytui keeps its file; nothing is created at import time."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "masterytui"
DB_ENV = "MASTERYTUI_DB"


def default_db_path() -> Path:
    """``$MASTERYTUI_DB`` if set, else ``masterytui.json`` in the user data dir."""
    from pathlib import Path

    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "masterytui.json"


def resolve_db_path(cli_value: str | None) -> Path:
    """The file to open: ``--db`` first, then the environment, then the default."""
    if cli_value:
        from pathlib import Path

        return Path(cli_value).expanduser()
    return default_db_path()


def resolve_db_name(cli_value: str | None) -> str:
    """:func:`resolve_db_path` as text, without importing pathlib (for ``add``) unless the
    default file in the user data dir is meant."""
    from .store.fs import path_text

    chosen = cli_value or os.environ.get(DB_ENV, "").strip()
    if chosen:
        return path_text(chosen, expand=True)
    return str(default_db_path())
