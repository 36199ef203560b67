"""Parse each piece of CSS once per process, not once per screen.

Textual re-parses the whole stylesheet whenever a mode's screen is first installed
(``App._init_mode`` calls ``refresh_css``, and ``Stylesheet.reparse`` builds a fresh
:class:`~textual.css.stylesheet.Stylesheet`, so that stylesheet's own parse cache is always
empty). The result of parsing depends only on the CSS text, where it was read from, its
priority, its scope and the theme's variables, and the rule sets are never changed after
parsing (Textual's own per-stylesheet cache already shares them between parses), so one cache
for the process, keyed on all of those, makes every re-parse after the first nearly free.
A theme change changes the variables, hence the key, so it still parses afresh.

:func:`use_cached_css` puts a :class:`CachedStylesheet` in an App in place of its own; the
rest of Textual uses it unchanged (styling new widgets, updating the DOM).

:meth:`CachedStylesheet.defer` leaves the other screens' stylesheets out of the parse before
the first frame (each rule in them is nested under its own screen); the first screen of any
other class to be styled (a mode's first visit, a dialog, the screens built after the first
frame) brings them back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.dom import DOMNode
from textual.screen import Screen

_RULES: dict[tuple[object, ...], list[RuleSet]] = {}
_MAX_ENTRIES = 1024
"""Bound on the cache: a few dozen sources times a few themes fits many times over."""


class CachedStylesheet(Stylesheet):
    """A Stylesheet whose parsed rules are shared by every stylesheet in the process."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._variables_key = _freeze(self._variables)
        self.deferred: frozenset[str] = frozenset()
        """File names of CSS left out of parsing until a screen other than ``first`` is styled."""
        self.first: frozenset[str] = frozenset()
        """Class names of the screens that need none of the deferred CSS."""

    def defer(self, files: Iterable[str], first: Iterable[str]) -> None:
        """Leave ``files`` (names, such as ``board.tcss``) out of parsing until a screen whose
        class is not one of ``first`` is styled: each holds rules for its own screen only, and
        parsing them before the first frame only delays it."""
        self.deferred, self.first = frozenset(files), frozenset(first)
        self._require_parse = True

    def undefer(self) -> None:
        """Parse everything from now on (the parse of what was parsed already is cached)."""
        if self.deferred:
            self.deferred = frozenset()
            self._require_parse = True
            self._rules_map = None

    def _is_deferred(self, read_from: CSSLocation) -> bool:
        return bool(self.deferred) and Path(read_from[0]).name in self.deferred

    def apply(self, node: DOMNode, *, animate: bool = False, cache: Any = None) -> None:
        if (
            self.deferred
            and isinstance(node, Screen)
            and not any(kind.__name__ in self.first for kind in type(node).__mro__)
        ):
            self.undefer()
        super().apply(node, animate=animate, cache=cache)

    def parse(self) -> None:
        if not self.deferred:
            super().parse()
            return
        every = self.source
        self.source = {k: v for k, v in every.items() if not self._is_deferred(k)}
        try:
            super().parse()
        finally:
            self.source = every

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_key = _freeze(self._variables)

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, self._variables_key)
        rules = _RULES.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if len(_RULES) >= _MAX_ENTRIES:
                _RULES.clear()
            _RULES[key] = rules
        return rules

    def copy(self) -> CachedStylesheet:
        stylesheet = CachedStylesheet(variables=self._variables.copy())
        stylesheet.source = self.source.copy()
        stylesheet.deferred, stylesheet.first = self.deferred, self.first
        return stylesheet

    def reparse(self) -> None:
        """Textual's ``reparse``, but through a stylesheet that shares the cache."""
        stylesheet = CachedStylesheet(variables=self._variables)
        stylesheet.deferred, stylesheet.first = self.deferred, self.first
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            stylesheet.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False


def _freeze(variables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(variables.items()))


def use_cached_css(app: App[Any]) -> None:
    """Give ``app`` a :class:`CachedStylesheet` (call in ``__init__``, before it runs)."""
    old = app.stylesheet
    stylesheet = CachedStylesheet(variables=old._variables)
    stylesheet.source = old.source.copy()
    stylesheet._require_parse = old._require_parse
    app.stylesheet = stylesheet


def clear_css_cache() -> None:
    """Forget every parsed rule (for measuring a cold parse)."""
    _RULES.clear()
