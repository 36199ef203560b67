"""Files refused at the door: a schema this masterytui cannot read, data it could not save.

Both are checked where a file or an import is first read whole, so that nothing further in
(migrations, the screens, exports, a later write) meets them.
"""

from __future__ import annotations

from typing import Any

from .files import SCHEMA_VERSION
from .migrations import MIGRATIONS


def schema_problem(version: Any) -> str | None:
    """Why a file whose ``meta.schema_version`` is ``version`` cannot be opened, or None.

    Said as the end of a sentence that starts with the file's name.
    """
    if isinstance(version, bool) or not isinstance(version, int | float | str):
        return f"has a meta.schema_version of {_shown(version)}, not a schema number"
    if isinstance(version, str | float):
        newer = isinstance(version, float) and version > SCHEMA_VERSION
        return (
            f"has a meta.schema_version of {_shown(version)}, not a whole number: it was "
            f"{'probably ' if not newer else ''}written by a newer masterytui or edited by "
            f"hand (this one reads up to schema {SCHEMA_VERSION})"
        )
    if version > SCHEMA_VERSION:
        return (
            f"was written by a newer masterytui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Upgrade masterytui to open it"
        )
    missing = next((v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS), None)
    if missing is None:
        return None
    if version < 1:
        return (
            f"has a meta.schema_version of {version}, which no masterytui writes (schemas "
            f"start at 1)"
        )
    return f"has schema {version}, which this masterytui cannot bring forward"


def unsavable_problem(data: Any, *, inside: int = 0) -> str | None:
    """Why ``data`` could not be written back as part of a data file, or None.

    orjson reads JSON nested 1,024 levels deep but writes only about 254: a file it reads may
    be one no change can save. Serialising (in C, ~10 ms at 6 MB) is the exact test; ``inside``
    is how many levels deeper than ``data`` itself its documents would sit in the file.
    """
    import orjson

    for _ in range(inside):
        data = [data]
    try:
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError as exc:  # orjson.JSONEncodeError
        if "recursion" in str(exc).lower():
            return "is nested too deeply for masterytui to save (over 250 levels)"
        return f"holds a value masterytui cannot save ({exc})"
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
