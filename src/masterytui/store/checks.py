"""Files refused at the door: not ours, a schema this masterytui cannot read, data it could
not save. :func:`parse` reads a whole file's bytes and checks them all.

Both are checked where a file or an import is first read whole, so that nothing further in
(migrations, the screens, exports, a later write) meets them.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BadFileError
from .files import SCHEMA_VERSION, Data, structure_problem
from .migrations import MIGRATIONS

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any


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


def parse(raw: bytes, path: Path) -> Data:
    """Parse and check the bytes of a data file; refuse anything that is not ours.

    Raises BadFileError naming ``path`` and what is wrong with it.
    """
    import orjson  # here, not at the top: its import costs quick capture ~30 ms

    if not raw.strip():
        raise BadFileError(f"{path} is empty (a torn or truncated write?).")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "depth" in str(exc):
            raise BadFileError(f"{path} is nested too deeply for masterytui to read.") from None
        raise BadFileError(f"{path} is not valid JSON ({exc}); it may be truncated.") from None
    problem = structure_problem(data)
    if problem:
        raise BadFileError(f"{path} is not a masterytui file: {problem}.")
    version = data.get("meta", {}).get("1", {}).get("schema_version") if data else SCHEMA_VERSION
    problem = schema_problem(version) or unsavable_problem(data)
    if problem:
        raise BadFileError(f"{path} {problem}.")
    return data  # type: ignore[no-any-return]
