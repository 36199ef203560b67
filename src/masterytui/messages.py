"""What the screens tell the App, and what they may read of it.

Screens sit below the App: they never import :mod:`masterytui.app` nor call its methods.
A screen that changed the data, or captured an item, posts one of these messages; it
bubbles from the screen to the App, which redraws the other screens, celebrates a win or
switches to the Board. What a screen reads of the App (the store, whether the first frame is
drawn, the user's keys) is :class:`ScreenHost`, which the App satisfies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen

    from .store import MasteryStore


class DataChanged(Message):
    """A screen changed the data: every other screen redraws (the rest when shown again)."""


class Captured(Message):
    """A screen's capture form saved ``item``: the App says so, celebrates a win and asks
    for the lesson after a setback, as for the global capture keys."""

    def __init__(self, item: object) -> None:
        super().__init__()
        self.item = item


class ShowCard(Message):
    """Switch to the Board with the card ``task_id`` selected."""

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id


class ScreenHost(Protocol):
    """What a screen may read of the App that runs it."""

    store: MasteryStore
    painted: bool
    """True once the first frame is on screen."""

    @property
    def counts_after_first_frame(self) -> bool:
        """The goal tree's figures from tasks are counted after the first frame, not before."""
        ...

    reveal_task: str | None
    """A card the Board selects when it is next shown (the Board takes it: sets it to None)."""

    def keys_of(self, action_id: str) -> tuple[str, ...]:
        """The keys of a registry action now: the user's, or the default."""
        ...

    def screen_ready(self, screen: object) -> None:
        """``screen`` is shown and has drawn its data: a switch to it may paint now."""
        ...


@runtime_checkable
class FormHost(Protocol):
    """What a form may ask of the App that runs it, at the moment it saves.

    A call, not a message: the write of the change just made may fail before a message
    would arrive, and the form must be reopened all the same (see :mod:`masterytui.writes`).
    """

    def reopen_if_write_fails(self, form: Callable[[str], Screen[Any]]) -> None:
        """Should the write of the change just made fail, open ``form(reason)``."""
        ...
