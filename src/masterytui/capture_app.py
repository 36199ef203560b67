"""``masterytui capture``: a small form that saves one thing and exits (for a tmux popup).

Sized for ``tmux display-popup -E -w 70 -h 12 masterytui capture``, which gives it 68x10:
every field and the whole of an error fit there. It imports only the few
Textual widgets it shows, never the app's screens, so it opens at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Click, Key
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from .actions import CAPTURE_NAMES
from .bindings import bindings
from .domain.errors import MasteryError, ValidationError
from .store import MasteryStore
from .widgets.console_font import ConsoleFontApp
from .widgets.glyphs import glyph
from .widgets.safe import plain

KINDS = tuple((name, name) for name in CAPTURE_NAMES)
EXTRA_LABEL = {"task": "Due", "feedback": "Kind", "win": "", "practice": "Minutes"}
EXTRA_HINT = {
    "task": "optional: today, friday, +3d, 2026-12-01",
    "feedback": "note, lesson, improve or setback",
    "win": "",
    "practice": "required: minutes practised today",
}


class KindPicker(Static, can_focus=True):
    """One line: task · feedback · win · practice; left/right or the first letter picks."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("capture_kinds")

    class Changed(Message):
        def __init__(self, kind: str) -> None:
            super().__init__()
            self.kind = kind

    def __init__(self, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kinds = [value for _, value in KINDS]
        self.kind = kind

    def render(self) -> Text:
        text = Text(end="")
        for value in self.kinds:
            text.append(f" {value} ", style="bold reverse" if value == self.kind else "dim")
            text.append(" ")
        text.append(f"({glyph('left_right')} or first letter)", style="dim italic")
        return text

    def choose(self, kind: str) -> None:
        if kind in self.kinds and kind != self.kind:
            self.kind = kind
            self.refresh()
            self.post_message(self.Changed(kind))

    def action_step(self, delta: int) -> None:
        index = (self.kinds.index(self.kind) + delta) % len(self.kinds)
        self.choose(self.kinds[index])

    def on_key(self, event: Key) -> None:
        for kind in self.kinds:
            if event.character == kind[0]:
                event.stop()
                self.choose(kind)

    def on_click(self, event: Click) -> None:
        offset = 0
        for kind in self.kinds:
            width = len(kind) + 3
            if offset <= event.x - 1 < offset + width:
                self.choose(kind)
            offset += width


class CaptureApp(ConsoleFontApp[str]):
    """One line of text, a kind and an optional goal; enter saves and exits with the new id."""

    TITLE = "masterytui capture"

    # Ten rows are all `tmux display-popup -w 70 -h 12` gives (the border takes two): the
    # title, a gap, the four fields on consecutive rows, a gap, and the rest for the hint or
    # the error, which wraps there instead of falling off the bottom.
    CSS = """
    Screen { padding: 0 1; }
    #title { text-style: bold; color: $primary; height: 1; margin-bottom: 1; }
    Horizontal { height: 1; }
    Label { width: 8; color: $text-muted; }
    Input { border: none; height: 1; padding: 0 1; width: 1fr; background: $boost; }
    Input:focus { background: $primary 20%; }
    KindPicker { width: 1fr; height: 1; padding: 0 1; }
    KindPicker:focus { background: $primary 20%; }
    #message { margin-top: 1; height: 1fr; min-height: 1; color: $text-muted; }
    #message.-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings("capture")

    def __init__(self, store: MasteryStore, kind: str = "task") -> None:
        super().__init__()
        self.store = store
        self.kind = kind
        self.goal_titles = sorted(
            (g.title for g in store.snapshot().goals if g.is_open), key=str.lower
        )

    def compose(self) -> ComposeResult:
        yield Static("masterytui capture", id="title")
        with Horizontal():
            yield Label("What")
            yield KindPicker(self.kind, id="kind")
        with Horizontal():
            yield Label("Text")
            yield Input(placeholder="what to capture", id="text")
        with Horizontal():
            yield Label("Goal")
            yield Input(
                placeholder=f"optional: id or words of a goal ({glyph('right_key')} completes)",
                suggester=SuggestFromList(self.goal_titles, case_sensitive=False),
                id="goal",
            )
        with Horizontal(id="extra-row"):
            yield Label(EXTRA_LABEL[self.kind], id="extra-label")
            yield Input(placeholder=EXTRA_HINT[self.kind], id="extra")
        yield Static(Text("enter save · esc cancel · tab next field", style="dim"), id="message")

    def on_mount(self) -> None:
        self._show_kind(self.kind)
        self.query_one("#text", Input).focus()

    @on(KindPicker.Changed)
    def _kind_changed(self, event: KindPicker.Changed) -> None:
        self._show_kind(event.kind)

    def _show_kind(self, kind: str) -> None:
        self.kind = kind
        self.query_one("#extra-label", Label).update(EXTRA_LABEL[kind])
        extra = self.query_one("#extra", Input)
        extra.placeholder = EXTRA_HINT[kind]
        self.query_one("#extra-row").display = kind != "win"

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value
        goal_ref = self.query_one("#goal", Input).value.strip()
        extra = self.query_one("#extra", Input).value.strip()
        try:
            goal_id = self.store.resolve_goal(goal_ref).id if goal_ref else None
            if self.kind == "task":
                item_id = self.store.add_task(text, goal_id, due=extra or None).id
            elif self.kind == "feedback":
                item_id = self.store.add_feedback(text, extra or "note", goal_id=goal_id).id
            elif self.kind == "win":
                item_id = self.store.log_win(text, goal_id).id
            else:
                item_id = self.store.log_practice(extra, goal_id, note=text).id
        except ValidationError as exc:
            self._error(str(exc), exc.field)
            return
        except MasteryError as exc:
            self._error(str(exc), "goal" if goal_ref else None)
            return
        self.exit(item_id)

    def _error(self, message: str, field: str | None) -> None:
        box = self.query_one("#message", Static)
        box.update(plain(message))  # it may name a file or echo a value
        box.add_class("-error")
        target = {
            "title": "text",
            "text": "text",
            "goal": "goal",
            "due": "extra",
            "minutes": "extra",
            "kind": "extra",
            "note": "text",
        }.get(field or "", "")
        if target:
            self.query_one(f"#{target}", Input).focus()

    def action_cancel(self) -> None:
        self.exit(None)


def run_capture(store: MasteryStore, kind: str = "task") -> str | None:
    """Show the capture form; the new item's id, or None when cancelled."""
    return CaptureApp(store, kind).run()
