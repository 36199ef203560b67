"""The command line of ``merge``, ``sync`` and ``doctor``'s conflicts (no Textual here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .domain.text import clean_text

PROG = "masterytui"


def add_parsers(commands: Any) -> None:
    merge = commands.add_parser(
        "merge",
        help="merge data files by document id (git's merge driver): BASE OURS THEIRS",
        description="Three-way merge of masterytui data files: the result goes to OURS (or -o), "
        "as git's merge driver expects. With --into FILE OTHER, a union without a base.",
    )
    merge.add_argument("files", metavar="FILE", nargs="+", help="BASE OURS THEIRS, or OTHER")
    merge.add_argument("-o", "--output", metavar="OUT", help="write the result here")
    merge.add_argument("--into", metavar="FILE", help="merge OTHER into this data file")
    sync = commands.add_parser(
        "sync", help="commit, fetch, merge and push the data file through git"
    )
    sync.add_argument(
        "--init", action="store_true", help="make the data folder a git repository first"
    )
    sync.add_argument("--remote", metavar="URL", help="with --init: the remote to sync with")


def run(args: argparse.Namespace, path: Path) -> int:
    if args.command == "merge":
        return _merge(args)
    return _sync(args, path)


def _say(line: str, *, err: bool = False) -> None:
    print(clean_text(line), file=sys.stderr if err else sys.stdout)


def _merge(args: argparse.Namespace) -> int:
    from .store.merge_files import merge_files, merge_into, summary

    if args.into:
        if len(args.files) != 1 or args.output:
            return _usage("merge --into FILE OTHER takes one other file and no -o")
        report = merge_into(Path(args.into).expanduser(), Path(args.files[0]).expanduser())
        _say(f"Merged {args.files[0]} into {args.into}: {summary(report)}.")
        return 0
    if len(args.files) != 3:
        return _usage("merge takes BASE OURS THEIRS (or --into FILE OTHER)")
    base, ours, theirs = (Path(f).expanduser() for f in args.files)
    output = Path(args.output).expanduser() if args.output else None
    report = merge_files(base, ours, theirs, output)
    _say(f"{PROG} merge: {summary(report)}.", err=True)
    return 0


def _usage(message: str) -> int:
    _say(f"{PROG}: {message} (see `{PROG} merge --help`)", err=True)
    return 2


def _sync(args: argparse.Namespace, path: Path) -> int:
    from .sync import init, sync

    if args.remote and not args.init:
        return _usage("--remote goes with --init")
    result = init(path, args.remote) if args.init else sync(path)
    for line in result.lines:
        _say(line, err=not result.ok and line is result.lines[-1])
    return 0 if result.ok else 1


# doctor: conflict records ------------------------------------------------------------------


def list_conflicts(data: dict[str, Any]) -> int:
    """Print the conflict records of a file's data; how many there are."""
    from .store.conflicts import describe, records

    found = records(data)
    if found:
        _say(f"Conflicts from merging ({len(found)}), the later change kept:")
        for record in found:
            for line in describe(record):
                _say(f"  {line}")
        _say(f"Pick a side with `{PROG} doctor --resolve`.")
    return len(found)


def resolve(path: Path, which: str, ask: Callable[[str], str] | None = None) -> int:
    """``doctor --resolve``: for each record (or the one named), keep, take the other, skip."""
    from .domain.errors import MasteryError
    from .store import MasteryStore
    from .store.conflicts import describe, records
    from .store.conflicts import resolve as settle

    ask = ask or input
    store = MasteryStore(path)
    found = [r for r in records(store) if which in ("", r["id"])]
    if not found:
        _say("No conflict records." if not which else f"There is no conflict record {which!r}.")
        return 0 if not which else 1
    for record in found:
        for line in describe(record):
            _say(line)
        try:
            answer = ask("Keep it [k], take the other [o], skip [s], stop [q]? ").strip().lower()
        except EOFError:
            answer = "q"
        if answer.startswith("q"):
            break
        if answer.startswith("s") or not answer.startswith(("k", "o", "")):
            continue
        try:
            _say(settle(store, record["id"], take_other=answer.startswith("o")))
        except MasteryError as exc:
            _say(f"{record['id']}: {exc} Left as it is.", err=True)
    return 0
