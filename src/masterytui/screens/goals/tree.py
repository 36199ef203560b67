"""The goal hierarchy as a Tree: kind glyph, title, status and a compact progress figure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...bindings import bindings
from ...domain.figures import TaskProgress, children_map, measure_progress, subtree_task_counts
from ...domain.model import Goal, Snapshot
from ...widgets.glyphs import KIND_STYLE, glyph, use_ascii
from ...widgets.safe import one_line
from ...widgets.selection import kept_selection

STATUS_STYLE = {"paused": "dim", "achieved": "green", "dropped": "dim strike"}


MIN_TITLE = 8
"""Below this many cells for the title, the status and progress give way to it."""


def goal_label(
    goal: Goal, progress: float | None, width: int | None = None, *, counting: bool = False
) -> Text:
    """A node's label: glyph, literal title, status and progress, in ``width`` cells if given.

    A title too long for ``width`` is cut with an ellipsis; the status and progress after it
    stay whole while the title keeps at least ``MIN_TITLE`` cells. ``counting``: the tasks
    are still being counted, so a goal without a figure of its own shows ``…%`` (not yet
    known), never a blank that would say it has no tasks.
    """
    head = Text(f"{glyph(goal.kind)} ", style=KIND_STYLE.get(goal.kind, ""), end="")
    tail = Text(end="")
    if goal.status != "active":
        tail.append(f" {glyph(goal.status)} {goal.status}", style="dim italic")
    if progress is not None:
        tail.append(f" {progress:.0%}", style="dim")
    elif counting:
        tail.append(f" {glyph('more')}%", style="dim")
    title_width = 60
    if width is not None:
        title_width = min(title_width, width - head.cell_len - tail.cell_len)
        if title_width < MIN_TITLE:
            title_width = max(0, width - head.cell_len)
            tail = Text(end="")
    text = Text(no_wrap=True, end="")
    text.append_text(head)
    text.append_text(one_line(goal.title, title_width, style=STATUS_STYLE.get(goal.status, "")))
    text.append_text(tail)
    return text


class GoalTree(Tree[str], inherit_bindings=False):
    """The goals, any depth, in the user's order. Node data is the goal id.

    Its keys are the arrows and vim's h j k l; shifted keys are left to the screen, which
    uses them to move goals.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("goal_tree")
    _adding = False
    """True while :meth:`populate` adds nodes: the tree is invalidated once, after."""

    def __init__(self, **kwargs: object) -> None:
        self.shown: dict[str, tuple[Goal, float | None]] = {}
        """The goal and progress each node shows, by goal id, to fit labels to the width."""
        super().__init__("Goals", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.collapsed_ids: set[str] = set()
        self.counting = False
        """True while the labels wait for the tasks to be counted (see :meth:`populate`)."""
        self._pending: tuple[int, str | None] | None = None
        """(rebuild number, goal id) the cursor is about to move to, until it has moved."""
        self._rebuilds = 0
        if use_ascii():  # the console font has no triangles
            self.ICON_NODE = "+ "
            self.ICON_NODE_EXPANDED = "- "

    def _invalidate(self) -> None:
        # Textual invalidates the whole tree (its line cache, every node's cached state, a
        # layout refresh) on each node added: 200 times for 200 goals. Once is enough.
        if not self._adding:
            super()._invalidate()

    def process_label(self, label: str | Text) -> Text:
        # A goal's label is one line already (see goal_label): Textual's split would copy it.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    _frame_style: Style | None = None
    """The tree's style while a frame's lines are rendered (see :meth:`render_lines`)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual works out the tree's style (a walk up the DOM) for every line it renders:
        # once per frame is enough, its styles do not change while the lines are rendered.
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_line(self, y: int) -> Strip:
        style = self._frame_style
        if style is None:
            return super().render_line(y)
        scroll_x, scroll_y = self.scroll_offset
        return self._render_line(y + scroll_y, scroll_x, scroll_x + self.size.width, style)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The node's label, its title cut with an ellipsis where the tree is too narrow."""
        label = super().render_label(node, base_style, style)
        width = self.size.width
        shown = self.shown.get(node.data or "")
        if shown is None or width <= 0:
            return label
        room = width - self._guide_width(node)
        if label.cell_len <= room:
            return label
        icon = len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        icon = icon if node.allow_expand else 0
        fitted = goal_label(*shown, width=max(0, room - icon), counting=self.counting)
        fitted.stylize(style)
        return Text.assemble(label[:icon], fitted)

    def get_label_width(self, node: TreeNode[str]) -> int:
        """The width :meth:`render_label` gives, without rendering it: the tree measures
        every line on each rebuild (several before the first frame).

        A label that fits is the label and the icon; one that does not is cut to the room
        left of the guides (at most that wide: the tree never scrolls sideways), unless the
        room is too small to be sure, where it is rendered."""
        icon = 0
        if node.allow_expand:
            icon = cell_len(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        natural = node._label.cell_len + icon  # a Text (TreeNode keeps it as one)
        width = self.size.width
        if width <= 0 or (node.data or "") not in self.shown:
            return natural
        room = width - self._guide_width(node)
        if natural <= room:
            return natural
        if room >= icon + MIN_TITLE + 4:  # the kind's glyph and its space fit beside a title
            return room
        return super().get_label_width(node)

    def _guide_width(self, node: TreeNode[str]) -> int:
        """The cells the tree's guide lines take left of ``node``'s label."""
        depth = 0
        parent = node.parent
        while parent is not None and (parent is not self.root or self.show_root):
            depth += 1
            parent = parent.parent
        return depth * max(2, self.guide_depth)

    def populate(
        self,
        snapshot: Snapshot,
        *,
        task_counts: Mapping[str, tuple[int, int]] | None = None,
        show_closed: bool,
        keep: Callable[[Goal], bool] | None = None,
        select_id: str | None = None,
        counting: bool = False,
    ) -> None:
        """Rebuild from ``snapshot``, keeping folds and the cursor on ``select_id``.

        ``task_counts``: each goal's own (done, all) tasks, when known without the task
        objects (the store counts them from its documents); else counted from the snapshot.
        ``counting``: the tasks are not counted yet (before the app's first frame): a goal
        whose figure comes from its tasks says so (see :func:`goal_label`) until the next
        rebuild.

        ``keep`` narrows the tree to matching goals (their ancestors stay to show the path).
        When ``select_id`` is not shown, the cursor goes to the nearest goal that is (see
        :func:`~.selection.kept_selection`); the selection is always a goal id, never a row.
        """
        old_order = list(self.shown)
        children = children_map(snapshot.goals)
        self.counting = counting
        counts = {}
        if not counting:
            counts = subtree_task_counts(
                children, snapshot.tasks if task_counts is None else task_counts
            )
        by_id = {g.id: g for g in snapshot.goals}
        visible: set[str] | None = None
        if keep is not None:
            visible = set()
            for goal in snapshot.goals:
                if keep(goal):
                    current: Goal | None = goal
                    while current is not None and current.id not in visible:
                        visible.add(current.id)
                        current = by_id.get(current.parent_id or "")
        self.clear()
        self.shown = {}
        nodes: dict[str, TreeNode[str]] = {}

        def add(parent: TreeNode[str], parent_id: str | None) -> None:
            for goal in children.get(parent_id, ()):
                if not show_closed and not goal.is_open:
                    continue
                if visible is not None and goal.id not in visible:
                    continue
                progress = _progress(goal, counts.get(goal.id))
                self.shown[goal.id] = (goal, progress)
                has_children = any(show_closed or g.is_open for g in children.get(goal.id, ()))
                node = parent.add(
                    goal_label(goal, progress, counting=counting),
                    data=goal.id,
                    expand=visible is not None or goal.id not in self.collapsed_ids,
                    allow_expand=has_children,
                )
                nodes[goal.id] = node
                add(node, goal.id)

        self._adding = True
        try:
            add(self.root, None)
        finally:
            self._adding = False
            self._invalidate()
        target = kept_selection(old_order, select_id, list(self.shown), nodes)
        self._rebuilds += 1
        self._pending = (self._rebuilds, target)
        if target is not None:
            # The new lines exist only after a refresh: move there then.
            self.call_after_refresh(self._move_to, nodes[target], self._rebuilds)

    def _move_to(self, node: TreeNode[str], rebuild: int) -> None:
        if rebuild != self._rebuilds:
            return  # rebuilt again since: that rebuild moves the cursor
        self._pending = None
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.move_cursor(node, animate=False)

    @property
    def selected_goal_id(self) -> str | None:
        """The goal under the cursor, or the one it is about to move to after a rebuild."""
        if self._pending is not None:
            return self._pending[1]
        node = self.cursor_node
        return node.data if node is not None and node is not self.root else None

    def action_fold_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_unfold_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def _on_tree_node_collapsed(self, event: Tree.NodeCollapsed[str]) -> None:
        if event.node.data:
            self.collapsed_ids.add(event.node.data)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.data:
            self.collapsed_ids.discard(event.node.data)


def _progress(goal: Goal, tasks: TaskProgress | None) -> float | None:
    """A goal's own measure if it has one, else the share of its subtree's tasks done."""
    measured = measure_progress(goal.measure)
    if measured is not None:
        return measured
    return tasks.ratio if tasks else None
