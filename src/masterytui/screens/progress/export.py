"""Export and import from inside the app (``x`` and the command palette).

Exports are written next to the data file (``--demo``: into the folder it was started in),
named by format and time; the bytes are made on the UI thread (they read the store) and
written by a thread worker. An import is one store change, so ``u`` undoes it.

:class:`Transfers` is a plain helper the Progress screen holds and calls: it opens the
dialogs on that screen, runs the worker there and tells the App through it.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from ...dialogs.choice import ChoiceDialog
from ...dialogs.form import Field, FormDialog
from ...domain.errors import MasteryError, ValidationError
from ...store.export import default_export_path, export_payloads, write_payloads
from ...store.importers import ImportPlan, import_data, read_source
from ...views.report import export_markdown
from ..base import MasteryScreen

EXPORT_CHOICES = (
    ("md", "m", "Markdown"),
    ("json", "j", "JSON"),
    ("csv", "c", "CSV"),
)


class Transfers:
    """Export and import for ``screen``: its dialogs, the writing worker, the notices."""

    def __init__(self, screen: MasteryScreen) -> None:
        self.screen = screen

    def choose_export(self) -> None:
        """Ask which format, then export it."""

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.export_as(fmt)

        store = self.screen.store
        self.screen.app.push_screen(
            ChoiceDialog(
                "Export", f"Write an export into the folder:\n{store.export_dir}", EXPORT_CHOICES
            ),
            chosen,
        )

    def export_as(self, fmt: str) -> None:
        """Export ``fmt`` into the store's export folder and say where it went."""
        store = self.screen.store
        path = default_export_path(store.path, fmt, folder=store.export_dir)
        try:
            if fmt == "md":
                payloads = [(path, export_markdown(store, date.today()).encode("utf-8"))]
            else:
                payloads = export_payloads(store, fmt, path)
        except MasteryError as exc:
            self.screen.notify(str(exc), severity="error", markup=False)
            return
        self.screen.run_worker(
            partial(self._write, payloads, path), thread=True, exclusive=True, group="export"
        )

    def _write(self, payloads: list[tuple[Path, bytes]], path: Path) -> None:
        """In a thread: write the files, then say so on the UI thread."""
        app = self.screen.app
        try:
            write_payloads(payloads)
        except MasteryError as exc:
            app.call_from_thread(self.screen.notify, str(exc), severity="error", markup=False)
            return
        what = "folder" if len(payloads) > 1 else "file"
        app.call_from_thread(
            self.screen.notify,
            f"Exported to the {what} {path}",
            title="Export",
            markup=False,
            timeout=10,
        )

    def choose_import(self) -> None:
        """Ask for a file, import it as one change (u undoes it) and say what it did."""
        store = self.screen.store

        def save(values: dict[str, str]) -> ImportPlan:
            source = values["path"].strip()
            if not source or source == "-":
                raise ValidationError("Give the path of the file to import.", "path")
            try:
                raw, name = read_source(source)
                return import_data(store, raw, name)
            except ValidationError:
                raise
            except MasteryError as exc:
                raise ValidationError(str(exc), "path") from None

        def done(plan: ImportPlan | None) -> None:
            if plan is None:
                return
            self.screen.announce_change()
            message = plan.summary()
            if plan.changes:
                message += " Press u to undo it."
            for note in plan.notes:
                message += f"\n{note}"
            self.screen.notify(message, title="Import", markup=False, timeout=12)

        self.screen.app.push_screen(
            FormDialog(
                "Import a file",
                [
                    Field(
                        "path",
                        "File (a masterytui JSON export, or Taskwarrior's `task export` output)",
                        placeholder="~/tasks.json",
                    )
                ],
                save,
                save_label="Import",
            ),
            done,
        )
