"""Import hygiene: the layers of the house (STYLE.md) and no import circle in src/.

domain <- store <- views <- screens <- app: each layer imports only the ones to its left.
Widgets and dialogs draw what they are given and never touch the store; screens tell the App
by messages and never import it; domain, store and views never import Textual, and only the
store imports TinyDB. The graph is read from the source (every import, also the ones inside
functions and under ``TYPE_CHECKING``), so a rule broken on a path no test runs still fails.
A circle counts the imports that run: one under ``TYPE_CHECKING`` (a helper naming the type
of the screen that holds it) never executes, so it cannot close a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "masterytui"


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    typing_only: bool = False
    """Under ``if TYPE_CHECKING:``: read by type checkers, never run."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _package(name: str) -> str:
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def imports_of(name: str) -> Iterator[Import]:
    """Every module ``name`` imports: masterytui's by full name, others by their top name."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"), str(MODULES[name]))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno, id(node) in typing_only)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package(name).split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                # ``from . import capture`` imports a module; ``from .x import Y`` imports x.
                sub = f"{target}.{alias.name}"
                found = sub if sub in MODULES else target
                yield Import(name, found, node.lineno, id(node) in typing_only)


EDGES = [edge for name in MODULES for edge in imports_of(name)]


def layer(name: str) -> str:
    """The part of the house ``name`` belongs to: ``domain``, ``store``, ``app``, ..."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return parts[0]  # a library: textual, tinydb, rich, ...
    return parts[1] if len(parts) > 1 else PACKAGE


FORBIDDEN: dict[str, set[str]] = {
    "domain": {"store", "views", "screens", "widgets", "dialogs", "app", "textual", "rich"},
    "store": {"views", "screens", "widgets", "dialogs", "app", "textual", "rich"},
    "views": {"screens", "widgets", "dialogs", "app", "textual", "rich", "tinydb"},
    "screens": {"app"},
    "widgets": {"store", "screens", "app"},
    "dialogs": {"store", "screens", "app"},
}
"""What each layer must never import (by layer, or a library's top-level name)."""

ALLOWED: set[tuple[str, str]] = set()
"""(module, import) pairs let through for now, each with the reason beside it."""


def broken_rules() -> list[str]:
    found = []
    for edge in EDGES:
        here = layer(edge.source)
        there = layer(edge.target)
        if there in FORBIDDEN.get(here, set()) and (edge.source, edge.target) not in ALLOWED:
            found.append(
                f"{MODULES[edge.source].relative_to(SRC)}:{edge.line} imports {edge.target}"
            )
        if there == "tinydb" and here != "store":
            found.append(f"{MODULES[edge.source].relative_to(SRC)}:{edge.line} imports tinydb")
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    assert broken_rules() == []


def test_no_screen_widget_or_dialog_imports_the_app() -> None:
    """Screens post messages (:mod:`masterytui.messages`) and read :class:`ScreenHost`."""
    offenders = [
        f"{edge.source} (line {edge.line})"
        for edge in EDGES
        if layer(edge.source) in ("screens", "widgets", "dialogs")
        and edge.target == f"{PACKAGE}.app"
    ]
    assert offenders == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (its modules in order, the first repeated), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def module_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for edge in EDGES:
        if edge.target in MODULES and edge.target != edge.source and not edge.typing_only:
            graph[edge.source].add(edge.target)
    return graph


def test_no_import_circle_in_src() -> None:
    cycle = find_cycle(module_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "circle"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b", "d"}, "b": set(), "d": {"d2"}, "d2": {"d"}}, ["d", "d2", "d"]),
    ],
)
def test_the_circle_finder_finds_circles(
    graph: dict[str, set[str]], circle: list[str] | None
) -> None:
    assert find_cycle(graph) == circle


def test_the_rules_see_a_broken_rule() -> None:
    """The checks read real imports: the app imports screens, the store imports TinyDB."""
    targets = {(layer(e.source), layer(e.target)) for e in EDGES}
    assert ("app", "screens") in targets
    assert ("store", "tinydb") in targets
    assert ("screens", "store") in targets
    typing_only = {(e.source, e.target) for e in EDGES if e.typing_only}
    assert ("masterytui.screens.board.cards", "masterytui.screens.board.screen") in typing_only
