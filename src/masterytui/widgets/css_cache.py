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
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

_RULES: dict[tuple[object, ...], list[RuleSet]] = {}
_MAX_ENTRIES = 1024
"""Bound on the cache: a few dozen sources times a few themes fits many times over."""


class CachedStylesheet(Stylesheet):
    """A Stylesheet whose parsed rules are shared by every stylesheet in the process."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._variables_key = _freeze(self._variables)

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
        return stylesheet

    def reparse(self) -> None:
        """Textual's ``reparse``, but through a stylesheet that shares the cache."""
        stylesheet = CachedStylesheet(variables=self._variables)
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
