"""Reading and writing the data file: atomic replace, private modes, clear refusals."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence

from .errors import BadFileError, WriteError
from .fs import make_folder, parent_text, read_regular, resolve_link_text, temp_name

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    from typing import Any

    from .fs import StrPath

TABLES = ("goals", "tasks", "feedback", "practice", "meta", "tombstones", "conflicts")
SCHEMA_VERSION = 2

Data = dict[str, dict[str, "Any"]]


def structure_problem(data: Any) -> str | None:
    """Why ``data`` is not a TinyDB document file of masterytui's, or None if it is."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {type(data).__name__}, not an object of tables"
    if not data:
        return None  # an empty TinyDB file
    for name, table in data.items():
        problem = table_problem(name, table)
        if problem:
            return problem
    meta = data.get("meta", {}).get("1")
    if not isinstance(meta, dict) or "schema_version" not in meta:
        return "it has no meta.schema_version"  # what it holds: see checks.schema_problem
    return None


def table_problem(name: str, table: Any) -> str | None:
    """Why ``table`` is not a table ``name`` of masterytui's, or None if it is."""
    if name not in TABLES:
        return f"it has a table {name!r} that masterytui does not keep"
    if not isinstance(table, dict):
        return f"table {name!r} is not an object of documents"
    for doc_id, doc in table.items():
        if not doc_id.isdigit() or not isinstance(doc, dict):
            return f"table {name!r} has a malformed document {doc_id!r}"
        if name != "meta" and not isinstance(doc.get("id"), str):
            return f"a document in {name!r} has no id"
    return None


def parse_table(raw: bytes | memoryview, name: str, path: StrPath) -> dict[str, Any]:
    """Parse and check one table's bytes, cut from a file masterytui wrote (see layout)."""
    import orjson

    try:
        table = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadFileError(f"{path}: table {name!r} is not valid JSON ({exc}).") from None
    problem = table_problem(name, table)
    if problem:
        raise BadFileError(f"{path} is not a masterytui file: {problem}.")
    return table  # type: ignore[no-any-return]


def dump(data: Data) -> bytes:
    """Serialise ``data`` as compact UTF-8 JSON, as TinyDB writes it (``jq .`` pretty-prints).

    Compact rather than indented: the whole file is rewritten on every change, and at 35,000
    documents indentation makes it a third larger and every read and write slower.
    """
    import orjson

    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS) + b"\n"


def atomic_write(
    path: StrPath,
    payload: bytes | Sequence[bytes | memoryview],
    *,
    while_syncing: Callable[[], object] | None = None,
) -> None:
    """Write ``payload`` (bytes, or pieces written in turn) to ``path`` so a crash leaves
    the old file or the new, never a mix.

    A temporary file in the same folder (created 0600) is written, flushed and fsynced, renamed
    over ``path``, and the folder is fsynced so the rename itself survives a power cut. A
    ``path`` that is a symbolic link keeps its link: the file written is its target.

    ``while_syncing`` runs while the temporary file is fsynced (the disk's wait, a few ms,
    is otherwise idle): if it raises, the temporary file is removed and nothing replaced.
    """
    path = resolve_link_text(path)
    folder = parent_text(path)
    try:
        make_folder(folder)
        tmp_name = temp_name(path)
        fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise WriteError(_write_message(path, exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [payload] if isinstance(payload, bytes) else payload:
                handle.write(piece)
            handle.flush()
            if while_syncing is None:
                os.fsync(handle.fileno())
            else:
                _fsync_while(handle.fileno(), while_syncing)
        os.replace(tmp_name, path)
    except BaseException as exc:
        try:  # noqa: SIM105 (contextlib is not imported for `add`)
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(_write_message(path, exc)) from exc
        raise
    fsync_folder(folder)


def _fsync_while(fd: int, work: Callable[[], object]) -> None:
    """``os.fsync(fd)`` in a thread of its own while ``work`` runs here; raises what either
    raised (``work``'s first), once both are done (``fd`` stays open until then)."""
    from .background import start

    synced = start(lambda: os.fsync(fd))
    try:
        work()
    except BaseException:
        try:  # noqa: SIM105 (contextlib is not imported for `add`)
            synced()
        except OSError:
            pass  # work's failure is the one to report (the file is removed either way)
        raise
    synced()


def fsync_folder(folder: StrPath) -> None:
    """fsync a folder so a rename in it is durable (a no-op where folders cannot be opened)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _write_message(path: StrPath, exc: OSError) -> str:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"Could not save {path}: {reason}. The file was left as it was; nothing was lost."


def read_bytes(path: StrPath) -> bytes | None:
    """The file's bytes, or None if it does not exist; a read error or a FIFO, folder or
    device (refused without blocking) is a BadFileError."""
    found = read_regular(path)
    return None if found is None else found[0]
