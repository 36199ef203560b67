"""Export and import from inside the app (``x`` and the command palette).

Exports are written next to the data file (``--demo``: into the folder it was started in),
named by format and time; the bytes are made on the UI thread (they read the store) and
written by a thread worker. An import is one store change, so ``u`` undoes it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work

from ...dialogs.choice import ChoiceDialog
from ...dialogs.form import Field, FormDialog
from ...domain.errors import MasteryError, ValidationError
from ...store.export import default_export_path, export_payloads, write_payloads
from ...store.importers import ImportPlan, import_data, read_source
from ..base import MasteryScreen

EXPORT_CHOICES = (
    ("md", "m", "Markdown"),
    ("json", "j", "JSON"),
    ("csv", "c", "CSV"),
)


class ProgressExport(MasteryScreen):
    """The export and import actions of the Progress screen."""

    def action_export(self) -> None:
        def chosen(fmt: str | None) -> None:
            if fmt:
                self.export_as(fmt)

        self.app.push_screen(
            ChoiceDialog(
                "Export",
                f"Write an export into the folder:\n{self.store.export_dir}",
                EXPORT_CHOICES,
            ),
            chosen,
        )

    def export_as(self, fmt: str) -> None:
        """Export ``fmt`` into the store's export folder and say where it went."""
        path = default_export_path(self.store.path, fmt, folder=self.store.export_dir)
        try:
            payloads = export_payloads(self.store, fmt, path, date.today())
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._write(payloads, path)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, payloads: list[tuple[Path, bytes]], path: Path) -> None:
        try:
            write_payloads(payloads)
        except MasteryError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        what = "folder" if len(payloads) > 1 else "file"
        self.app.call_from_thread(
            self.notify, f"Exported to the {what} {path}", title="Export", markup=False, timeout=10
        )

    def action_import(self) -> None:
        store = self.store

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
            self.announce_change()
            message = plan.summary()
            if plan.changes:
                message += " Press u to undo it."
            for note in plan.notes:
                message += f"\n{note}"
            self.notify(message, title="Import", markup=False, timeout=12)

        self.app.push_screen(
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
