"""The ``masterytui`` command (DESIGN §5).

``add``, ``doctor``, ``export`` and ``import`` never import Textual: quick capture from a
shell or a tmux key has to feel instant, so the app and its screens are imported only when
the app is opened.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .domain.errors import MasteryError

TYPE_CHECKING = False  # typing is not imported at run time (issue #16): see domain/record.py
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any, NoReturn

    from .cli_parsing import Parser
    from .store import MasteryStore
    from .store.log import LogOps

PROG = "masterytui"


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given ``argv``, only the parts it names are built.

    Each argparse parser costs about a millisecond to make, a tenth of what ``add`` may spend
    before it touches the file, so ``masterytui add task ...`` builds the parser of
    ``add task`` alone. ``--help`` and mistakes still get the full text of their level.
    """
    from .cli_parsing import Parser

    command, what = _named(argv)
    parser = Parser(
        prog=PROG,
        description="Mastery goals in the terminal: goal tree, board, feedback, practice.",
        epilog="With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the data file (default: $MASTERYTUI_DB or masterytui.json in the user data dir)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a fresh sample file, never your own (deleted on quit; exports made in "
        "it go to the current folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, build in _COMMANDS.items():
        if command in (None, name) or _GROUPS.get(command or "") == name:
            build(commands, what)
    return parser


# What each kind of ``add`` takes, as _add_parser declares it: its positional's name, then
# each option's flags, destination and default (a test keeps the two in step).
_ADD_SPECS: dict[str, tuple[str, tuple[tuple[tuple[str, ...], str, object], ...]]] = {
    "task": (
        "text",
        (
            (("--goal", "-g"), "goal", None),
            (("--column", "-c"), "column", "backlog"),
            (("--due", "-d"), "due", None),
            (("--priority", "-p"), "priority", None),
            (("--notes", "-n"), "notes", ""),
            (("--every", "-e"), "every", None),
            (("--from",), "recur_from", None),
        ),
    ),
    "feedback": (
        "text",
        (
            (("--goal", "-g"), "goal", None),
            (("--kind", "-k"), "kind", "note"),
            (("--source", "-s"), "source", "self"),
            (("--next",), "next_step", ""),
        ),
    ),
    "win": ("text", ((("--goal", "-g"), "goal", None),)),
    "practice": (
        "minutes",
        (
            (("--goal", "-g"), "goal", None),
            (("--note", "-n"), "note", ""),
            (("--date",), "date", None),
            (("--focus",), "focus", ""),
            (("--quality",), "quality", None),
            (("--difficulty",), "difficulty", None),
            (("--next-fix",), "next_fix", ""),
        ),
    ),
}
_ADD_CHOICES = {"recur_from": ("due", "done")}


def quick_add(argv: Sequence[str]) -> Any | None:
    """The arguments of a plain ``[--db PATH] add KIND TEXT [--option VALUE]...``, read
    without argparse (importing and building it is a tenth of what ``add`` spends before it
    touches the file), as argparse would read them; None for anything else (help, a
    mistake, an abbreviated option, a value that starts with a minus), which argparse reads.
    """
    words = list(argv)
    db = None
    if len(words) >= 2 and words[0] == "--db":
        db, words = words[1], words[2:]
    elif words and words[0].startswith("--db="):
        db, words = words[0][5:], words[1:]
    if len(words) < 3 or words[0] != "add" or words[1] not in _ADD_SPECS:
        return None
    positional, options = _ADD_SPECS[words[1]]
    values: dict[str, object] = {dest: default for _, dest, default in options}
    flags = {flag: dest for names, dest, _ in options for flag in names}
    found: list[str] = []
    rest = words[2:]
    while rest:
        word = rest.pop(0)
        if not word.startswith("-"):
            found.append(word)
            continue
        flag, equals, value = word.partition("=")
        if flag not in flags or (equals and not flag.startswith("--")):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        dest = flags[flag]
        if value.startswith("-") or value not in _ADD_CHOICES.get(dest, (value,)):
            return None
        values[dest] = value
    if len(found) != 1 or (db is not None and db.startswith("-")):
        return None
    from types import SimpleNamespace

    return SimpleNamespace(
        db=db, demo=False, command="add", what=words[1], **{positional: found[0]}, **values
    )


def quick_open(argv: Sequence[str]) -> Any | None:
    """The arguments of a plain ``[--db PATH] [--demo]`` (the app opened), read without
    argparse, as argparse would read them (building every command's parser is ~5 ms before
    the app's first frame); None for anything else, which argparse reads."""
    db: str | None = None
    demo = False
    words = list(argv)
    while words:
        word = words.pop(0)
        if word == "--demo" and not demo:
            demo = True
        elif word == "--db" and db is None and words and not words[0].startswith("-"):
            db = words.pop(0)
        elif word.startswith("--db=") and db is None:
            db = word[5:]
        else:
            return None
    from types import SimpleNamespace

    return SimpleNamespace(db=db, demo=demo, command=None)


def _named(argv: Sequence[str] | None) -> tuple[str | None, str | None]:
    """The command and the word after it in ``argv``, when they are ones the parser knows."""
    words: list[str] = []
    args = list(sys.argv[1:] if argv is None else argv)
    while args and len(words) < 2:
        arg = args.pop(0)
        if arg == "--db":
            args = args[1:]
        elif not arg.startswith("-"):
            words.append(arg)
    command = words[0] if words and (words[0] in _COMMANDS or words[0] in _GROUPS) else None
    what = words[1] if command == "add" and len(words) > 1 and words[1] in _ADD_KINDS else None
    return command, what


# What `add` adds: actions.CAPTURE_NAMES (a test keeps them equal), not imported from there
# so that `add` does not build the whole action registry.
_ADD_KINDS = ("task", "feedback", "win", "practice")
_SHELL = ("today", "list", "done", "status")  # built together, by _shell_parsers
_GROUPS = {**dict.fromkeys(_SHELL, "today"), "sync": "merge"}
"""Commands whose parser another command's builder makes."""
GOAL_HELP = "goal id, or the start of its title or of any word in it (any case)"
DUE_HELP = (
    "YYYY-MM-DD, today, tomorrow, +3d, 2w, -1w, or a weekday: friday is the next Friday "
    "after today (a week away on a Friday)"
)
DATE_HELP = (
    "the day practised (default today): YYYY-MM-DD, yesterday, -3d, -1w, or a weekday: "
    "monday is the most recent Monday, today if it is Monday; last monday is before today"
)
MINUTES_HELP = "whole minutes, 1 to 1440; a day's sessions together are at most 24 h"


def _add_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    add = commands.add_parser("add", help="add a task, feedback, win or practice session")
    kinds = add.add_subparsers(dest="what", metavar="WHAT", required=True)
    if what in (None, "task"):
        task = kinds.add_parser("task", help="add a task to the board")
        task.add_argument("text", metavar="TEXT", help="the task's title")
        task.add_argument("--goal", "-g", help=GOAL_HELP)
        task.add_argument("--column", "-c", default="backlog", help="backlog, next, doing or done")
        task.add_argument("--due", "-d", help=DUE_HELP)
        task.add_argument("--priority", "-p", help="H, M or L")
        task.add_argument("--notes", "-n", default="", help="notes")
        task.add_argument(
            "--every",
            "-e",
            help="repeat: 1d, 2w, 1m, 1y, daily, weekly, monthly, or weekdays like mon,thu "
            "(finishing it makes the next one)",
        )
        task.add_argument(
            "--from",
            dest="recur_from",
            choices=("due", "done"),
            help="count the next due date from the due date (default) or the day it is done",
        )
    if what in (None, "feedback"):
        feedback = kinds.add_parser("feedback", help="log a feedback entry")
        feedback.add_argument("text", metavar="TEXT")
        feedback.add_argument("--goal", "-g", help=GOAL_HELP)
        feedback.add_argument(
            "--kind", "-k", default="note", help="win, lesson, improve, setback or note"
        )
        feedback.add_argument(
            "--source", "-s", default="self", help="self, mentor, coach, peer, expert or other"
        )
        feedback.add_argument(
            "--next", dest="next_step", default="", help="what you will do next time"
        )
    if what in (None, "win"):
        win = kinds.add_parser("win", help="log a small win")
        win.add_argument("text", metavar="TEXT")
        win.add_argument("--goal", "-g", help=GOAL_HELP)
    if what in (None, "practice"):
        practice = kinds.add_parser("practice", help="log a practice session")
        practice.add_argument("minutes", metavar="MINUTES", help=MINUTES_HELP)
        practice.add_argument("--goal", "-g", help=GOAL_HELP)
        practice.add_argument("--note", "-n", default="")
        practice.add_argument("--date", help=DATE_HELP)
        practice.add_argument("--focus", default="", help="the sub-skill worked on")
        practice.add_argument("--quality", help="how deliberate it was, 1 to 5")
        practice.add_argument("--difficulty", help="how hard it was, 1 to 5")
        practice.add_argument("--next-fix", default="", help="what to work on next time")


def _doctor_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    doctor = commands.add_parser("doctor", help="check the file; list and restore backups")
    doctor.add_argument(
        "--fix",
        action="store_true",
        help="repair broken links, duplicate ids and parent loops (after a backup)",
    )
    doctor.add_argument(
        "--restore", metavar="N", help="restore backup N (its number in the list, or its name)"
    )
    doctor.add_argument(
        "--resolve", metavar="ID", nargs="?", const="", help="pick a side of each merge conflict"
    )


def _capture_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    capture = commands.add_parser(
        "capture",
        help="a small capture form that saves and exits (for a tmux popup)",
        description="A small form for a task, feedback, a win or practice; enter saves and "
        "exits. Fits `tmux display-popup -E -w 70 -h 12 masterytui capture`.",
    )
    capture.add_argument(
        "--kind",
        "-k",
        default="task",
        choices=("task", "feedback", "win", "practice"),
        help="what the form starts on (default: task)",
    )


def _serve_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    serve = commands.add_parser(
        "serve",
        help="the app in a browser (needs masterytui[web]); localhost only by default",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; others warn: no login)",
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name or address (repeatable); "
        "localhost and the --host address always are",
    )


def _export_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    export = commands.add_parser(
        "export",
        help="write the data as Markdown, JSON or CSV",
        description="Write the data out: md is a readable report, json the whole file "
        "(re-importable), csv one file per table into the folder -o names.",
    )
    export.add_argument(
        "--format", "-f", required=True, choices=("md", "json", "csv"), help="md, json or csv"
    )
    export.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write here, atomically (for csv: a folder); default standard output",
    )
    export.add_argument(
        "--table",
        "-t",
        choices=("goals", "tasks", "feedback", "practice"),
        help="csv only: just this table (to standard output unless -o)",
    )


def _import_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    importer = commands.add_parser(
        "import",
        help="import a masterytui JSON export or a Taskwarrior `task export`",
        description="Import a masterytui JSON export (merged by id) or Taskwarrior's "
        "`task export` JSON (- reads standard input). Importing the same file twice changes "
        "nothing; a malformed or foreign file is refused and nothing is written.",
    )
    importer.add_argument("file", metavar="FILE", help="the JSON file, or - for standard input")
    importer.add_argument(
        "--dry-run",
        "-n",
        action="store_true",
        help="count, table by table, what would change; write nothing",
    )
    importer.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list every record added, updated or kept, with the id it gets",
    )
    importer.add_argument(
        "--overwrite",
        action="store_true",
        help="where an id exists with different content, take the file's version",
    )


def _config_parser(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    config = commands.add_parser(
        "config", help="show the config file, the data file, the backups and every key"
    )
    config.add_argument("--json", action="store_true", help="the same as JSON")


def _sync_parsers(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    from .sync_cli import add_parsers

    add_parsers(commands)


def _shell_parsers(commands: argparse._SubParsersAction[Parser], what: str | None) -> None:
    from .shell import add_parsers

    add_parsers(commands, GOAL_HELP, DUE_HELP)


_COMMANDS = {
    "add": _add_parser,
    "today": _shell_parsers,
    "doctor": _doctor_parser,
    "export": _export_parser,
    "import": _import_parser,
    "capture": _capture_parser,
    "serve": _serve_parser,
    "config": _config_parser,
    "merge": _sync_parsers,
}


QUICK = ("add", "today", "list", "done", "status")
"""Commands that run and exit at once: in a process of their own, without the garbage
collector (the objects they make have no cycles to find; the collector only scans them)."""


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the process's own command line (tests pass theirs, and keep theirs on)
        gc.disable()
    words = sys.argv[1:] if argv is None else argv
    args = quick_open(words) or quick_add(words) or build_parser(argv).parse_args(argv)
    if argv is None and args.command not in (None, *QUICK):
        gc.enable()  # the app (None) turns it on after its first frame (see _open_app)
    if args.demo and args.command not in (None, "serve"):  # never the user's own file
        _fail(
            f"--demo opens the app on a sample file; `{args.command}` works on a data file: "
            "drop --demo, or name the file with --db."
        )
    try:
        if args.command == "add":
            return _add(args)
        if args.command == "doctor":
            return _doctor(args)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            return _import(args)
        if args.command in ("today", "list", "done", "status"):
            from .shell import run

            return run(args, _db_path(args))
        if args.command == "capture":
            return _capture(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "config":
            return _config(args)
        if args.command in ("merge", "sync"):
            from .sync_cli import run as run_sync

            return run_sync(args, _db_path(args))
        return _open_app(args)
    except MasteryError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `masterytui list tasks | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the exit's flush does not fail again
        return 141
    finally:
        if argv is None and args.command in QUICK:
            # The collection Python makes as it exits would scan every object the imports
            # and the command made (2-3 ms of `add`), all of them about to go with the
            # process: set aside, it skips them. Exit still runs as usual (flush, atexit).
            gc.freeze()


def _capture(args: argparse.Namespace) -> int:
    from .capture_app import run_capture

    item_id = run_capture(_open_store(args), args.kind)
    if item_id is None:
        return 1
    print(item_id)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    db = _db_path(args) if not args.demo else None
    serve(db, args.host, args.port, demo=args.demo, allow_host=args.allow_host)
    return 0


def _config(args: argparse.Namespace) -> int:
    """Where things are, and every action with its keys (the user's where they set them)."""
    from .actions import keys_label
    from .config import describe, load_keys
    from .store.backups import Backups

    keys = load_keys()
    data = _db_path(args)
    actions = describe(keys)
    if args.json:
        report = {
            "config": str(keys.path),
            "config_exists": keys.path.exists(),
            "config_error": keys.error,
            "data": str(data),
            "backups": str(Backups(data).folder),
            "actions": actions,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 1 if keys.error else 0
    state = "" if keys.path.exists() else " (not there: the default keys)"
    _say(f"config:  {keys.path}{state}")
    _say(f"data:    {data}")
    _say(f"backups: {Backups(data).folder}")
    if keys.error:
        print(f"{PROG}: {_safe(keys.error)}", file=sys.stderr)
    for action in actions:
        shown = keys_label(tuple(action["keys"]), ascii_only=True) or "(palette only)"  # type: ignore[arg-type]
        mark = " *" if action["keys"] != action["default"] else ""
        _say(f"{action['id']:<28} {shown:<24} {action['title']}{mark}")
    return 1 if keys.error else 0


def _fail(message: str, code: int = 1) -> NoReturn:
    """Say what went wrong in one line (file names and values in it made safe) and exit."""
    print(f"{PROG}: {_safe(message)}", file=sys.stderr)
    raise SystemExit(code)


def _say(line: str) -> None:
    """Print one line of a report; the paths and values in it are made safe to show."""
    print(_safe(line))


def _safe(text: str) -> str:
    """``text`` with control characters and escape sequences neutralised, on one line.

    Every message may hold a user-supplied path or value (a file name, a goal title, an
    argument): none may reach the terminal as a control sequence.
    """
    from .domain.text import clean_text

    return clean_text(text)


def _db_path(args: argparse.Namespace) -> Path:
    from .paths import resolve_db_path

    return resolve_db_path(args.db)


def _open_store(args: argparse.Namespace) -> MasteryStore:
    from .store import MasteryStore

    return MasteryStore(_db_path(args))


def _add(args: argparse.Namespace) -> int:
    from .paths import resolve_db_name
    from .store.quick import NeedsWholeFile, QuickStore

    try:
        with QuickStore(resolve_db_name(args.db)) as quick:
            item_id = _add_to(quick, args)
    except NeedsWholeFile:  # nothing was written: do it on the whole file
        item_id = _add_to(_open_store(args), args)
    print(item_id)
    return 0


def _add_to(store: LogOps, args: argparse.Namespace) -> str:
    """Make the change ``add`` asked for in ``store``; returns the new id."""
    goal_id = store.resolve_goal(args.goal).id if args.goal else None
    if args.what == "task":
        item_id = store.add_task(
            args.text,
            goal_id,
            args.column,
            due=args.due,
            priority=args.priority,
            notes=args.notes,
            every=args.every,
            recur_from=args.recur_from,
        ).id
    elif args.what == "feedback":
        item_id = store.add_feedback(
            args.text, args.kind, args.source, next_step=args.next_step, goal_id=goal_id
        ).id
    elif args.what == "win":
        item_id = store.log_win(args.text, goal_id).id
    else:
        item_id = store.log_practice(
            args.minutes,
            goal_id,
            on=args.date,
            note=args.note,
            focus=args.focus,
            quality=args.quality,
            difficulty=args.difficulty,
            next_fix=args.next_fix,
        ).id
    return item_id


def _doctor(args: argparse.Namespace) -> int:
    from .store import Backups
    from .store.doctor import check_file, fix_file, restore
    from .store.lock import FileLock

    path = _db_path(args)
    backups = Backups(path)
    if args.fix:
        done = fix_file(path, backups, FileLock(path))
        for line in done:
            _say(f"fixed: {line}")
        _say(f"{path}: {len(done)} repair(s)." if done else f"{path}: nothing to repair.")
        return 0
    if args.restore:
        backup = backups.find(args.restore)
        kept = restore(path, backup, backups, FileLock(path))
        _say(f"Restored {path} from {backup.path}.")
        if kept:
            _say(f"The file it replaced was kept as {kept}.")
        return 0
    if args.resolve is not None:
        from .sync_cli import resolve

        return resolve(path, args.resolve)
    report = check_file(path)
    if not report.exists:
        _say(f"{path}: no file yet (it is created on the first change).")
    elif not report.problems:
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        _say(f"{path}: OK ({counts}).")
    else:
        _say(f"{path}: {len(report.problems)} problem(s):")
        for problem in report.problems:
            _say(f"  - {problem}")
    listed = backups.list()
    if listed:
        _say(f"Backups in {backups.folder} (newest first):")
        for number, backup in enumerate(listed, 1):
            state = "ok" if backup.problem() is None else "unreadable"
            _say(
                f"  {number:>2}. {backup.taken:%Y-%m-%d %H:%M:%S}  {backup.size:>9,} bytes"
                f"  {state}  {backup.name}"
            )
        _say(f"Restore one with `{PROG} doctor --restore N`.")
    else:
        _say("No backups yet (one is taken before a change, at most once a minute).")
    if report.data:
        from .sync_cli import list_conflicts

        list_conflicts(report.data)
    return 1 if report.problems else 0


def _open_existing_store(args: argparse.Namespace) -> MasteryStore:
    path = _db_path(args)
    if not path.exists():
        _fail(f"{path} does not exist yet: there is nothing to export.")
    return _open_store(args)


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .store import export

    output = Path(args.output).expanduser() if args.output else None
    if args.table and args.format != "csv":
        _fail("--table goes with --format csv.", 2)
    if args.format == "csv" and output is None and not args.table:
        _fail("csv is one file per table: give a folder with -o, or one --table to print.", 2)
    if output is not None and output.is_dir() and (args.format != "csv" or args.table):
        _fail(f"{output} is a folder: -o needs a file name for this export.", 2)
    if args.format == "csv" and not args.table and output is not None and output.is_file():
        _fail(f"{output} is a file: csv export writes one file per table into a folder.", 2)
    if output is not None:
        export.check_output(output, _db_path(args), folder=args.format == "csv" and not args.table)
    store = _open_existing_store(args)
    if args.format == "csv" and args.table:
        payload: str | bytes = export.export_csv(store.snapshot(), args.table)
    elif args.format == "csv":
        assert output is not None
        written = export.write_csv_folder(store.snapshot(), output)
        _say(f"Wrote {len(written)} files to {output}: " + ", ".join(p.name for p in written))
        return 0
    elif args.format == "json":
        payload = export.export_json(store)
    else:
        from .views.report import export_markdown

        payload = export_markdown(store)
    if output is None:
        if isinstance(payload, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(payload)
        return 0
    export.write_export(output, payload)
    _say(f"Wrote {output}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .store.importers import import_data, read_source

    raw, name = read_source(args.file)
    store = _open_store(args)
    plan = import_data(store, raw, name, overwrite=args.overwrite, dry_run=args.dry_run)
    if args.dry_run:
        _say(f"Dry run, nothing written. From {name} ({plan.source}):")
        for line in plan.by_table(dry_run=True) or ["  nothing would change"]:
            _say(line)
    else:
        _say(plan.summary())
    if args.verbose:
        for line in plan.details:
            _say(line)
    elif args.dry_run and plan.details:
        _say(f"`--verbose` lists each of the {len(plan.details)} records.")
    for note in plan.notes:
        _say(note)
    return 0


def _open_app(args: argparse.Namespace) -> int:
    # Until the first frame is on screen, the cyclic garbage collector only slows the start:
    # it scans the ~100,000 objects Textual and the first screen make (a sixth of the time to
    # the first frame) and finds a few thousand to free. The app turns it back on, with what
    # is there by then set aside for good (MasteryApp._first_frame).
    gc.disable()
    from .app import run_app

    if args.demo:
        from .demo_session import run_demo

        return run_demo()
    from .config import load_keys

    return run_app(_open_store(args), load_keys())


if __name__ == "__main__":
    raise SystemExit(main())
