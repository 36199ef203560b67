"""Textual bindings, built from the registry (:mod:`masterytui.actions`)."""

from __future__ import annotations

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.keys import key_to_character

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


def drop_typed_keys(
    chain: list[tuple[DOMNode, BindingsMap]],
) -> list[tuple[DOMNode, BindingsMap]]:
    """Take out of ``chain`` the keys a focused text field below would take as typing.

    Textual filters these before it applies the keymap, so a key the user gave an action
    (``e`` for "previous card", whose default ``up`` a text field does not take) would
    otherwise reach the board while they type in its filter. Filtered again after the keymap,
    a remapped key never steals typing.
    """
    below: list[DOMNode] = []
    for namespace, bindings_map in chain:
        for node in below:
            for key in list(bindings_map.key_to_bindings):
                if node.check_consume_key(key, key_to_character(key)):
                    del bindings_map.key_to_bindings[key]
        below.append(namespace)
    return chain
