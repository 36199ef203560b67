"""One form dialog for every capture and edit: fields, inline errors, enter saves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..domain.errors import MasteryError, ValidationError
from ..store.errors import ConflictError
from ..widgets.safe import one_line

T = TypeVar("T")
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


class FormDialog(ModalScreen[T | None], Generic[T]):
    """A modal form. ``save`` gets the fields' values as strings and returns the result.

    When ``save`` raises a :class:`ValidationError` its message is shown next to the field it
    names (or under the form) and the dialog stays open with everything typed kept.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, str]], T],
        *,
        save_label: str = "Save",
        hint: str = "enter save · esc cancel",
    ) -> None:
        super().__init__(classes="form-dialog")
        self.form_title = title
        self.fields = list(fields)
        self._save = save
        self.save_label = save_label
        self.hint = hint

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
                yield Button("Cancel", id="form-cancel", compact=True)

    def _widget(self, spec: Field) -> Widget:
        wid = f"field-{spec.name}"
        if spec.kind == "select":
            values = {v for _, v in spec.options}
            return Select(
                [(_indented(label), value) for label, value in spec.options],
                value=spec.value if spec.value in values else Select.NULL,
                allow_blank=True,
                prompt="(none)",
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

    def show_error(self, message: str, field_name: str | None = None) -> None:
        """Show ``message`` beside ``field_name`` (or under the form) and focus that field."""
        for error in self.query(".field-error"):
            if isinstance(error, Static):
                error.update("")
                error.remove_class("-shown")
        names = {spec.name for spec in self.fields}
        target = field_name if field_name in names else "form"
        error_label = self.query_one(f"#error-{target}", Static)
        error_label.update(one_line(message))
        error_label.add_class("-shown")
        if target != "form":
            self.query_one(f"#field-{target}").focus()

    def action_save(self, force: bool = False) -> None:
        values = self.values()
        if force:
            values[FORCE] = "1"
        try:
            result = self._save(values)
        except ValidationError as exc:
            self.show_error(str(exc), _field_for(exc.field))
            return
        except ConflictError as exc:
            self._resolve_conflict(exc)
            return
        except MasteryError as exc:
            self.show_error(str(exc))
            return
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
