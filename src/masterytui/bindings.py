"""Textual bindings, built from the registry (:mod:`masterytui.actions`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from .actions import in_scope


def bindings(scope: str) -> list[BindingType]:
    """The ``BINDINGS`` of the node of ``scope``: every action declared for it, with its id,
    so the user's keymap (config.toml) can rebind it."""
    return [
        Binding(
            ",".join(action.keys),
            action.run,
            action.footer or action.title,
            # The footer shows the palette's key on its own, at the right.
            show=bool(action.footer) and action.run != "command_palette",
            id=action.id,
            priority=action.priority,
        )
        for action in in_scope(scope)
        if action.keys
    ]
