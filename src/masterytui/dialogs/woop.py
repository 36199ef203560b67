"""The four-step WOOP prompt: Wish, Outcome, Obstacle, Plan (an if-then plan).

Mental contrasting with implementation intentions: name the wish, imagine the best outcome,
name the obstacle inside you, then plan for it: *when* (the cue) *I'm going to* (the action).
``enter`` goes on a step (in the last, from *when* to *I'm going to*, then saves), ``pgup``
goes back one, and ``escape`` at any step keeps what was entered so far and closes. A plan
left without its *when* is not saved in silence: the form says so, and the same key again
keeps the plain "I'm going to…". The
dialog never writes: ``save`` (given by the screen) gets the entered fields and returns the
goal; its errors are shown here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..bindings import bindings
from ..domain import rules
from ..domain.errors import MasteryError, ValidationError
from ..domain.model import Goal
from ..widgets.safe import one_line

CUE_HINT = "when… (a time, a place, an event)"
"""The empty cue's placeholder: a prompt, never anything that reads like a value."""
NO_CUE = (
    'No "when" yet: an if-then plan starts from a cue (a time, a place, an event). '
    'Type one, or {key} again to keep "I\'m going to…" without a cue.'
)
NO_PLAN = (
    "No plan yet: type when (a cue) and what you are going to do, or {key} again to save "
    "without a plan."
)


@dataclass(frozen=True, slots=True)
class Step:
    """One step: the fields it fills, its title and its question."""

    name: str
    title: str
    question: str
    fields: tuple[tuple[str, str, str], ...]
    """(field, label, placeholder) of each input."""


STEPS: tuple[Step, ...] = (
    Step(
        "wish",
        "Wish",
        "What do you want to get better at? Challenging, but within reach.",
        (("title", "Wish (the goal)", "e.g. a consistent running cadence"),),
    ),
    Step(
        "outcome",
        "Outcome",
        "What is the best result of getting there? Picture it for a moment.",
        (("outcome", "Outcome", "e.g. light feet all the way past 30 km"),),
    ),
    Step(
        "obstacle",
        "Obstacle",
        "What inside you is most likely to stop you: a habit, a feeling, an excuse?",
        (("obstacle", "Obstacle", "e.g. I feel too tired after work"),),
    ),
    Step(
        "plan",
        "Plan",
        "Plan for that obstacle: when it shows up (or at a time, a place), what will you do?",
        (
            ("cue", "When (a cue: the obstacle, a time, a place, an event)", CUE_HINT),
            ("commitment", "I'm going to (the action)", "e.g. do 20 minutes of drills first"),
        ),
    ),
)
FIELDS = tuple(name for step in STEPS for name, _, _ in step.fields)
_RULES: dict[str, Callable[[str], str]] = {
    "title": lambda v: rules.clean_title(v, what="The wish"),
    "outcome": lambda v: rules.clean_body(v, what="Outcome", field="outcome"),
    "obstacle": lambda v: rules.clean_body(v, what="Obstacle", field="obstacle"),
    "cue": lambda v: rules.clean_body(v, what="When (the cue)", field="cue"),
    "commitment": lambda v: rules.clean_body(v, what="Commitment", field="commitment"),
}


def woop_values(goal: Goal | None) -> dict[str, str]:
    """The fields the prompt fills, as ``goal`` has them (empty for a new goal)."""
    if goal is None:
        return dict.fromkeys(FIELDS, "")
    return {name: str(getattr(goal, name)) for name in FIELDS}


class WoopDialog(ModalScreen[Goal | None]):
    """Four steps, one screen each; ``save`` gets the changed fields (``title`` included for a
    new goal) and returns the goal written."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("woop")

    def __init__(
        self,
        save: Callable[[dict[str, str]], Goal],
        goal: Goal | None = None,
        *,
        under: str = "",
    ) -> None:
        """``goal`` None: the prompt makes a new mastery goal (under ``under``, a title)."""
        super().__init__(classes="form-dialog")
        self._save = save
        self.goal = goal
        self.under = under
        self.original = woop_values(goal)
        self.values = dict(self.original)
        self.step = 0
        self._refused = False
        """A save on escape failed: the next escape closes without saving."""
        self._cue_warned = False
        """The plan step said its cue is empty: the same key again goes on without one."""
        self.error = ""
        """The message on show ("" for none)."""
        self.is_closing = False
        """Dismissed (or saving): keys still on their way do nothing."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="woop"):
            yield Label(self._title(), id="form-title")
            yield Static(id="woop-steps")
            yield Static(id="woop-question")
            for name in FIELDS:
                yield Label("", id=f"label-{name}", classes="field-label")
                yield Input(self.values[name], id=f"field-{name}", select_on_focus=False)
            yield Static("", id="error-form", classes="field-error")
            yield Static(id="form-hint")

    def _title(self) -> Text:
        if self.goal is not None:
            return one_line(f"Plan it step by step: {self.goal.title}")
        where = f" under {self.under}" if self.under else ""
        return one_line(f"New mastery goal{where}, step by step")

    def on_mount(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        step = STEPS[self.step]
        marks = Text()
        for index, other in enumerate(STEPS):
            if index:
                marks.append(" · ", style="dim")
            style = "bold reverse" if index == self.step else "" if index < self.step else "dim"
            marks.append(f" {index + 1} {other.title} ", style=style)
        self.query_one("#woop-steps", Static).update(marks)
        mine = {name: (label, hint) for name, label, hint in step.fields}
        for name in FIELDS:
            shown = name in mine
            label = self.query_one(f"#label-{name}", Label)
            box = self.query_one(f"#field-{name}", Input)
            label.display = box.display = shown
            if shown:
                label.update(mine[name][0])
                box.placeholder = mine[name][1]
        question = Text(step.question, style="italic")
        if step.name == "plan" and self.values["obstacle"]:
            question.append("\nYour obstacle: ", style="dim")
            question.append_text(one_line(self.values["obstacle"], 200, style="dim"))
        self.query_one("#woop-question", Static).update(question)
        last = self.step == len(STEPS) - 1
        verb = "enter save" if last else "enter next"
        back = " · pgup back" if self.step else ""
        self.query_one("#form-hint", Static).update(
            f"{verb}{back} · esc keep what you entered and close"
        )
        self._set_error("")
        self._refused = False
        self._cue_warned = False
        self.set_focus(self.query_one(f"#field-{step.fields[0][0]}", Input))  # now: keys typed
        # in a burst go to the step they were typed for

    def _set_error(self, message: str) -> None:
        self.error = message
        note = self.query_one("#error-form", Static)
        note.update(one_line(message))
        note.set_class(bool(message), "-shown")

    def _take_step(self) -> bool:
        """Check and keep the current step's inputs; False (error shown) when one is bad."""
        for name, _, _ in STEPS[self.step].fields:
            typed = self.query_one(f"#field-{name}", Input).value
            try:
                value = _RULES[name](typed) if typed.strip() or name == "title" else ""
            except ValidationError as exc:
                self._set_error(str(exc))
                self.set_focus(self.query_one(f"#field-{name}", Input))
                return False
            self.values[name] = value
        return True

    def changes(self) -> dict[str, str]:
        """What the prompt would write: the fields that differ (the title always for a new
        goal)."""
        changed = {k: v for k, v in self.values.items() if v != self.original[k]}
        if self.goal is None and changed:
            changed["title"] = self.values["title"]
        return changed

    def _finish(self, *, closing: bool) -> None:
        self.is_closing = True  # one dismiss, whatever keys are still on their way
        changes = self.changes()
        if not changes:
            self.dismiss(None)
            return
        if self.goal is None and not changes.get("title"):
            self.dismiss(None)  # nothing can be kept without a wish to name the goal
            return
        try:
            goal = self._save(changes)
        except ValidationError as exc:
            self._refuse(str(exc), exc.field, closing)
            return
        except MasteryError as exc:
            self._refuse(str(exc), None, closing)
            return
        self.dismiss(goal)

    def _refuse(self, message: str, field: str | None, closing: bool) -> None:
        self.is_closing = False
        step = next((i for i, s in enumerate(STEPS) if field in {n for n, _, _ in s.fields}), None)
        if step is not None and step != self.step:
            self.step = step
            self._show_step()
        self._refused = closing
        tail = " Esc again closes without saving." if closing else ""
        self._set_error(f"{message}{tail}")

    def action_next(self) -> None:
        if self.is_closing:
            return
        if not self._take_step():
            return
        if self.step == 0 and not self.values["title"]:
            self._set_error("The wish cannot be empty: it names the goal.")
            return
        if self.step < len(STEPS) - 1:
            self.step += 1
            self._show_step()
        elif not self._warn_no_cue("enter", plan_typed=True):
            self._finish(closing=False)

    def _warn_no_cue(self, key: str, *, plan_typed: bool) -> bool:
        """On the plan step with the cue left empty, say so once (True: said, stay)."""
        if STEPS[self.step].name != "plan" or self.values["cue"] or self._cue_warned:
            return False
        commitment = self.values["commitment"]
        if not plan_typed and commitment == self.original["commitment"]:
            return False  # escape with the plan untouched: nothing to warn about
        self._cue_warned = True
        self._set_error((NO_CUE if commitment else NO_PLAN).format(key=key))
        self.set_focus(self.query_one("#field-cue", Input))
        return True

    def action_back(self) -> None:
        if self.step and not self.is_closing and self._take_step():
            self.step -= 1
            self._show_step()

    def action_close(self) -> None:
        """Keep what was entered, the step on screen included, and close."""
        if self.is_closing:
            return
        wish = self.query_one("#field-title", Input).value.strip()
        if self._refused or (self.goal is None and not wish):  # nothing to keep
            self.dismiss(None)
            return
        if not self._take_step():
            self._refused = True
            self._set_error(f"{self.error} Esc again closes without this step.")
            return
        if self._warn_no_cue("esc", plan_typed=False):
            return
        self._finish(closing=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        warned_empty = self._cue_warned and not event.input.value.strip()
        if event.input.id == "field-cue" and not warned_empty:  # from when to the action
            self.set_focus(self.query_one("#field-commitment", Input))
        else:
            self.action_next()

    @on(Input.Changed)
    def _typed(self) -> None:
        self._refused = False  # a change since the refusal: escape tries to keep it again
