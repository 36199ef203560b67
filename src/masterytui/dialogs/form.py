"""One form dialog for every capture and edit: fields, inline errors, enter saves.

Saving checks every field at once and shows each error beside its field; an error goes as soon
as its field is valid again. ``enter`` saves from any field but a multi-line one (where it starts
a new line and ``ctrl+s`` saves); a drop-down opens with ``space`` or the arrow keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import KW_ONLY, dataclass, field, replace
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..bindings import bindings
from ..domain.errors import ConflictError, MasteryError, ValidationError
from ..messages import FormHost
from ..widgets.safe import one_line

T = TypeVar("T")
Check = Callable[[str], object]
"""A field's own rule: raises a ValidationError for a bad value. What it returns for a good one,
if a non-empty string, is shown under a ``live`` field as a hint (``= Fri 2026-11-27``)."""
FORCE = "_force"
"""Set in the values given to ``save`` when the user chose to keep their version."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form: ``kind`` is ``input``, ``select`` or ``text`` (multi-line)."""

    name: str
    label: str
    _: KW_ONLY
    kind: str = "input"
    value: str = ""
    placeholder: str = ""
    options: Sequence[tuple[str, str]] = field(default_factory=tuple)
    """(label, value) pairs for a select; the value "" means none."""
    blank: str | None = "(none)"
    """A select's empty choice, as its list shows it; None where a choice is required (a
    feedback kind, a column): then the list offers only ``options``."""
    check: Check | None = None
    """The field's own rule, run on save and on every change (to clear its error when fixed)."""
    live: bool = False
    """Show the check's error (or hint) while typing, not only once a save has failed."""


class FormSelect(Select[str], inherit_bindings=False):
    """A drop-down whose list opens with space or the arrows: enter is left to save the form."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("menu")


def default_hint(fields: Sequence[Field], save_label: str = "Save") -> str:
    """The key line under a form: what enter does, and where it does something else."""
    verb = save_label.lower()
    areas = [spec.label.split(" (")[0] for spec in fields if spec.kind == "text"]
    if not areas:
        return f"enter {verb} · esc cancel"
    return f"enter or ctrl+s {verb} · enter in {' or '.join(areas)}: new line · esc cancel"


class FormDialog(ModalScreen[T | None], Generic[T]):
    """A modal form. ``save`` gets the fields' values as strings and returns the result.

    When ``save`` raises a :class:`ValidationError` its message is shown next to the field it
    names (or under the form) and the dialog stays open with everything typed kept.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("form")

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, str]], T],
        *,
        save_label: str = "Save",
        hint: str | None = None,
        validate: Callable[[dict[str, str]], Iterable[ValidationError]] | None = None,
        cancel_label: str = "Cancel",
    ) -> None:
        """``validate`` finds every problem of the values at once (rules across fields); the
        fields' own ``check`` rules run too. ``hint`` replaces the default key line."""
        super().__init__(classes="form-dialog")
        self.form_title = title
        self.fields = list(fields)
        self._save = save
        self._validate = validate
        self.save_label = save_label
        self.cancel_label = cancel_label
        """The second button: what escape does, as the key line says ("esc skip": Skip)."""
        self.hint = hint if hint is not None else default_hint(self.fields, save_label)
        self._shown_for: dict[str, str] = {}
        """The values the errors on show were found in."""
        self._tried = False
        """A save was refused: from now on every change re-checks the whole form."""
        self._from_save: set[str] = set()
        """Fields whose error came from saving (no rule here knows when it is fixed)."""
        self.reason = ""
        """Shown under the form when it opens (see :meth:`reopened`)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(one_line(self.form_title), id="form-title")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(spec.label, classes="field-label")
                    yield self._widget(spec)
                    yield Static("", id=f"error-{spec.name}", classes="field-error")
            yield Static("", id="error-form", classes="field-error")
            with Horizontal(id="form-buttons"):
                yield Static(self.hint, id="form-hint")
                yield Button(self.save_label, variant="primary", id="form-save", compact=True)
                yield Button(self.cancel_label, id="form-cancel", compact=True)

    def _widget(self, spec: Field) -> Widget:
        wid = f"field-{spec.name}"
        if spec.kind == "select":
            values = {v for _, v in spec.options}
            # No empty choice beside a required one, nor beside an option that is "" itself
            # (Move under's "(top level)"): the list said "(none)" and "(top level)".
            blank = spec.blank is not None and "" not in values
            first = spec.options[0][1] if spec.options else Select.NULL
            return FormSelect(
                [(_indented(label), value) for label, value in spec.options],
                value=spec.value if spec.value in values else (Select.NULL if blank else first),
                allow_blank=blank,
                prompt=spec.blank or "(none)",
                id=wid,
                compact=True,
            )
        if spec.kind == "text":
            area = TextArea(spec.value, id=wid, soft_wrap=True, show_line_numbers=False)
            area.placeholder = spec.placeholder
            return area
        return Input(spec.value, placeholder=spec.placeholder, id=wid, select_on_focus=False)

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()
        if self.reason:
            self.show_error(self.reason)

    def reopened(self, values: dict[str, str], reason: str) -> FormDialog[T]:
        """This form again, with ``values`` as typed and ``reason`` under it: what the app
        shows when the write of what this form saved failed after it had closed."""
        fields = [replace(spec, value=values.get(spec.name, spec.value)) for spec in self.fields]
        again: FormDialog[T] = FormDialog(
            self.form_title,
            fields,
            self._save,
            save_label=self.save_label,
            hint=self.hint,
            validate=self._validate,
            cancel_label=self.cancel_label,
        )
        again.reason = reason
        return again

    def on_key(self, event: Key) -> None:
        """A letter typed before the first field had focus goes into that field, not lost."""
        if self.focused is None and event.is_printable and event.character and self.fields:
            first = self.query_one(f"#field-{self.fields[0].name}")
            if isinstance(first, Input):
                event.stop()
                first.focus()
                first.insert_text_at_cursor(event.character)

    def values(self) -> dict[str, str]:
        """The fields' current values as strings ("" for an empty select)."""
        result: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Input):
                result[spec.name] = widget.value
            elif isinstance(widget, TextArea):
                result[spec.name] = widget.text
            elif isinstance(widget, Select):
                value: Any = widget.value
                result[spec.name] = "" if value is Select.NULL else str(value)
        return result

    def problems(self, values: dict[str, str]) -> dict[str, str]:
        """Every field's error for ``values`` (``form`` for one no field owns), in field order."""
        found: dict[str, str] = {}
        names = {spec.name for spec in self.fields}
        for spec in self.fields:
            if spec.check is not None:
                try:
                    spec.check(values[spec.name])
                except ValidationError as exc:
                    found[spec.name] = str(exc)
        if self._validate is not None:
            for problem in self._validate(values):
                name = _field_for(problem.field)
                found.setdefault(name if name in names else "form", str(problem))
        order = [spec.name for spec in self.fields] + ["form"]
        return {name: found[name] for name in order if name in found}

    def _set_note(self, name: str, message: str, *, hint: bool = False) -> None:
        label = self.query_one(f"#error-{name}", Static)
        label.update(one_line(message))
        label.set_class(bool(message), "-shown")
        label.set_class(hint, "-hint")

    def _has_error(self, name: str) -> bool:
        label = self.query_one(f"#error-{name}", Static)
        return label.has_class("-shown") and not label.has_class("-hint")

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each error beside its field (``form``: under the form), clear every other one,
        and focus the first field that has one."""
        names = [spec.name for spec in self.fields]
        self._shown_for = self.values()
        for name in [*names, "form"]:
            if name in errors:
                self._set_note(name, errors[name])
            elif self._has_error(name):
                self._set_note(name, "")
        first = next((name for name in names if name in errors), None)
        if first is not None:
            self.query_one(f"#field-{first}").focus()

    def show_error(self, message: str, field_name: str | None = None) -> None:
        """Show ``message`` beside ``field_name`` (or under the form) and focus that field."""
        names = {spec.name for spec in self.fields}
        self.show_errors({field_name if field_name in names else "form": message})

    def _field_changed(self, name: str) -> None:
        """A field changed: each error that is gone goes at once. Once a save has failed, the
        errors on show follow the values as they are typed; before, only a live field does."""
        spec = next((s for s in self.fields if s.name == name), None)
        if spec is None:
            return
        values = self.values()
        if values[name] == self._shown_for.get(name) and not spec.live:
            return  # a late notice of a change made before the errors were shown
        errors = self.problems(values)
        for other in self.fields:
            mine = other.name == name
            if other.name in errors:
                if self._tried or (mine and other.live) or self._has_error(other.name):
                    self._set_note(other.name, errors[other.name])
            elif mine and other.live and other.check is not None:
                hint = other.check(values[name])
                self._set_note(name, hint if isinstance(hint, str) else "", hint=True)
            elif self._has_error(other.name) and (mine or other.name not in self._from_save):
                self._set_note(other.name, "")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        widget = event.control
        if widget is not None and widget.id and widget.id.startswith("field-"):
            self._field_changed(widget.id.removeprefix("field-"))

    def action_save(self, force: bool = False) -> None:
        values = self.values()
        errors = self.problems(values)
        self._tried = bool(errors)
        self._from_save = set()
        if errors:
            self.show_errors(errors)
            return
        if force:
            values[FORCE] = "1"
        try:
            result = self._save(values)
        except ValidationError as exc:
            self.show_error(str(exc), _field_for(exc.field))
            self._from_save = {_field_for(exc.field) or "form"}
            return
        except ConflictError as exc:
            self._resolve_conflict(exc)
            return
        except MasteryError as exc:
            self.show_error(str(exc))
            return
        # The change is made; its write may still be under way (see masterytui.writes): if it
        # fails, this form opens again with what was typed and why.
        if isinstance(self.app, FormHost):
            self.app.reopen_if_write_fails(partial(self.reopened, values))
        self.dismiss(result)

    def _resolve_conflict(self, conflict: ConflictError) -> None:
        """Another session changed what this form edits: keep mine, or take theirs."""
        from .choice import ChoiceDialog

        theirs = "drop my edit (it stays deleted)" if conflict.deleted else "take their version"

        def chosen(choice: str | None) -> None:
            if choice == "mine":
                self.action_save(force=True)
            elif choice == "theirs":
                self.dismiss(None)
            else:
                self.show_error(f"{conflict} Save again to choose.")

        self.app.push_screen(
            ChoiceDialog(
                "Changed in another session",
                f"{conflict}\nKeep what you typed here, or {theirs}?",
                [("mine", "k", "Keep mine"), ("theirs", "t", theirs.capitalize())],
            ),
            chosen,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


_FIELD_ALIASES = {"goal": "goal_id", "task": "task_id", "text": "text"}


def _indented(label: str) -> Text:
    """A literal option label that keeps its leading indent (a goal's depth in the tree)."""
    body = label.lstrip(" ")
    text = Text("\u00a0" * (len(label) - len(body)), end="")
    text.append_text(one_line(body))
    return text


def _field_for(name: str | None) -> str | None:
    return _FIELD_ALIASES.get(name, name) if name else None
