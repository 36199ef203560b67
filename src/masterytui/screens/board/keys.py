"""The Board's keys that must act as they arrive: ``/``, the dialog keys, the filter box.

The app forwards queued keys to where the focus is *now*, before a binding runs, so keys typed
in a burst after ``/``, ``n`` or ``e`` (a fast typist, a tmux script) would reach the board
rather than the box or dialog they were meant for: ``n`` then ``u`` would open the form *and*
undo. :func:`route_key`, called from the screen's ``on_key``, makes ``/`` and the dialog keys
act at once, so the keys behind them go where they belong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input, TextArea

from ...actions import ACTION_BY_ID, Action
from .filter_box import FilterBox

if TYPE_CHECKING:  # the screen calls these; only the type is needed here
    from .screen import BoardScreen

DIALOG_ACTIONS = ("board.new", "board.edit", "board.goal", "board.wip")
"""Actions that open a dialog; their keys (the user's, if remapped) are handled as they
arrive (see :meth:`BoardScreen.on_key`)."""


def route_key(board: BoardScreen, event: events.Key) -> None:
    """Act on ``event`` now when it is ``/``, a dialog key or typing for the filter box."""
    if board.app.screen is not board:
        # Queued here before a dialog opened over the board: typed for the dialog. Never
        # a board key, nor an app key (u would undo): give it to the dialog's text field.
        event.stop()
        event.prevent_default()
        target = board.app.screen.focused
        if isinstance(target, Input | TextArea):
            target.post_message(events.Key(event.key, event.character))
        return
    box = board.query_one("#board-filter", FilterBox)
    if board.focused is None and event.key in board.host.keys_of("board.filter"):
        event.stop()
        event.prevent_default()
        board.action_filter_text()
    elif board.focused is None and (action := dialog_action(board, event.key)):
        # Open the dialog now, so that the keys queued behind this one find it open.
        event.stop()
        event.prevent_default()
        getattr(board, action.handler)()
    elif board.focused is box:
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            board.set_focus(None)
            board.filter_done(cleared=event.key == "escape")
        elif event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box.insert_text_at_cursor(event.character)
            board.sync_filter()


def dialog_action(board: BoardScreen, key: str) -> Action | None:
    """The registry action of the dialog that ``key`` opens on the board, if any."""
    for action_id in DIALOG_ACTIONS:
        if key in board.host.keys_of(action_id):
            return ACTION_BY_ID[action_id]
    return None
