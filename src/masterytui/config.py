"""The user's own keys: ``[keys]`` in config.toml, checked before the app starts.

The file is the user's, written by hand and never by the app: what the app remembers by
itself (the theme, the last screen) stays in the data file's meta. No Textual here:
``masterytui config`` reads this too.

::

    [keys]
    "goal_tree.down" = "n"            # one key
    "goal_tree.up" = ["e", "up"]      # several keys
    app.task = "ctrl+t"               # dotted keys are the same ids

A mistake (an unknown action, a key that is not a key, two actions on one key in one place,
a printable key for an action that must work while typing) is refused with one line naming
the file, the line and the actions; the app then starts with the default keys.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .actions import ACTION_BY_ID, ACTIONS, SCOPES, SCREENS, Action, scopes_of_screen
from .paths import APP_NAME

CONFIG_ENV = "MASTERYTUI_CONFIG"

_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED = frozenset(
    {"up", "down", "left", "right", "home", "end", "pageup", "pagedown", "insert", "delete"}
    | {"backspace", "tab", "enter", "escape", "space"}
    | {f"f{n}" for n in range(1, 25)}
)
_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_REPLACED = {value: key for key, value in _REPLACEMENTS.items()}


def default_config_path() -> Path:
    """``$MASTERYTUI_CONFIG`` if set, else ``config.toml`` in the user config dir."""
    env = os.environ.get(CONFIG_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


class KeyError_(ValueError):
    """A key that is not a key."""


def normalize_key(key: str) -> str:
    """``?`` → ``question_mark``, ``ctrl+T`` stays: Textual's names. Raises on a non-key."""
    key = key.strip()
    if not key:
        raise KeyError_("an empty key")
    if len(key) == 1:
        return _character_key(key)
    *mods, base = key.split("+")
    if base == "" and key.endswith("+"):  # "ctrl++"
        mods, base = key[:-2].split("+"), "plus"
    if any(mod not in _MODIFIERS for mod in mods):
        raise KeyError_(f"{key!r} is not a key (modifiers are ctrl, shift, alt)")
    if len(base) == 1:
        base = _character_key(base)
    elif base not in _NAMED and _character_of(base) is None:
        raise KeyError_(f"{key!r} is not a key")
    return "+".join([*mods, base])


def _character_key(character: str) -> str:
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError as exc:
        raise KeyError_(f"{character!r} is not a key") from exc
    return _REPLACEMENTS.get(name, name)


def _character_of(key: str) -> str | None:
    """The character a key name types (``slash`` → ``/``), None for ``up`` or ``ctrl+a``."""
    if "+" in key and key != "plus":
        return None
    if len(key) == 1:
        return key
    if key == "space":
        return " "
    try:
        return unicodedata.lookup(_REPLACED.get(key, key).replace("_", " ").upper())
    except KeyError:
        return None


def types_text(key: str) -> bool:
    """True for a key a text field takes as typing: letters, digits, punctuation, space."""
    character = _character_of(key)
    return character is not None and character.isprintable()


def places() -> dict[str, tuple[str, ...]]:
    """Each place keys act in, and the scopes whose keys work there together."""
    result = {screen.name: ("app", *scopes_of_screen(screen.name)) for screen in SCREENS}
    result["review"] = ("app", "review")
    result["form"] = ("form", "menu")
    result["capture"] = ("capture", "capture_kinds")
    placed = {scope for scopes in result.values() for scope in scopes}
    for scope in SCOPES:
        if scope.name not in placed:
            result[scope.name] = (scope.name,)
    return result


@dataclass
class KeyConfig:
    """The keys in force: the defaults overlaid with the user's, or the reason they aren't."""

    path: Path
    user: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The user's keys by action id (only the actions they changed)."""
    error: str | None = None

    def keys(self, action: Action) -> tuple[str, ...]:
        return self.user.get(action.id, action.keys)

    def keymap(self) -> dict[str, str]:
        """For ``App.set_keymap``: binding id → comma-separated keys."""
        return {action_id: ",".join(keys) for action_id, keys in self.user.items()}


def load_keys(path: Path | None = None) -> KeyConfig:
    """Read ``[keys]``; a missing file is the defaults, a bad one is the defaults and an error."""
    path = path or default_config_path()
    config = KeyConfig(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.error = f"{path}: cannot read the config ({exc}); using the default keys."
        return config
    try:
        user = _parse(path, text)
        _check_conflicts(path, text, user)
    except ValueError as exc:
        config.error = f"{exc}; using the default keys."
        return config
    config.user = user
    return config


def _parse(path: Path, text: str) -> dict[str, tuple[str, ...]]:
    import tomllib  # only when there is a config to read: ~1.5 ms before the first frame

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ValueError(f"{path} line {_line(text, 'keys')}: [keys] must be a table")
    user: dict[str, tuple[str, ...]] = {}
    for action_id, value in _flatten(keys):
        where = f"{path} line {_line(text, action_id)}"
        if action_id not in ACTION_BY_ID:
            raise ValueError(f"{where}: no action {action_id!r} (masterytui config lists them)")
        values = [value] if isinstance(value, str) else value
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            raise ValueError(f"{where}: {action_id} needs a key or a list of keys")
        try:
            normalized = tuple(dict.fromkeys(normalize_key(v) for v in values))
        except KeyError_ as exc:
            raise ValueError(f"{where}: {exc} (for {action_id})") from None
        action = ACTION_BY_ID[action_id]
        for key in normalized:
            if action.typing and types_text(key):
                raise ValueError(
                    f"{where}: {key!r} for {action_id} would steal typing from text fields "
                    "(it works while you type): use a key with ctrl or alt"
                )
        user[action_id] = normalized
    return user


def _flatten(table: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    for name, value in table.items():
        full = f"{prefix}{name}"
        if isinstance(value, dict):
            items += _flatten(value, f"{full}.")
        else:
            items.append((full, value))
    return items


def _check_conflicts(path: Path, text: str, user: dict[str, tuple[str, ...]]) -> None:
    """Two actions on one key in one place, where at least one of them is the user's."""
    for scopes in places().values():
        owner: dict[str, Action] = {}
        for action in ACTIONS:
            if action.scope not in scopes:
                continue
            for key in user.get(action.id, action.keys):
                other = owner.setdefault(key, action)
                if other is action:
                    continue
                mine = action if action.id in user else other
                theirs = other if mine is action else action
                raise ValueError(
                    f"{path} line {_line(text, mine.id)}: {key!r} is both {mine.id} and "
                    f"{theirs.id} (they work in the same place)"
                )


def _line(text: str, action_id: str) -> int:
    """The line that sets ``action_id`` (quoted, dotted, or in a ``[keys.scope]`` table)."""
    scope, _, name = action_id.rpartition(".")
    table = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            table = line.strip("[] ").replace('"', "")
            continue
        left = line.split("=", 1)[0].strip().replace('"', "").replace("'", "")
        if not left:
            continue
        full = f"{table}.{left}" if table else left
        if full in (action_id, f"keys.{action_id}") or (table == f"keys.{scope}" and left == name):
            return number
        if not name and table == action_id:
            return number
    return 1


def describe(config: KeyConfig) -> list[dict[str, object]]:
    """Every action and its keys in force, for ``masterytui config``."""
    return [
        {
            "id": action.id,
            "keys": list(config.keys(action)),
            "default": list(action.keys),
            "title": action.title,
        }
        for action in ACTIONS
    ]
