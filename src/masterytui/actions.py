"""Every action of the app, declared once: its id, default keys, where it applies.

The key bindings, the footer, the command palette, the help (``?``), ``masterytui config``
and the README's key tables are all built from :data:`ACTIONS`. Adding an action is one
entry here plus its ``action_…`` handler on the screen (or widget) of its scope.

Plain data: importable without Textual (``masterytui config`` reads it), the ``Binding``
objects are made from it in :mod:`masterytui.bindings`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenInfo:
    """One of the five screens: its mode name, title, the key that shows it."""

    name: str
    title: str
    key: str
    factory: str
    """``module:Class`` of the screen, imported when it is first shown."""


SCREENS: tuple[ScreenInfo, ...] = (
    ScreenInfo("today", "Today", "0", "masterytui.screens.today.screen:TodayScreen"),
    ScreenInfo("goals", "Goals", "1", "masterytui.screens.goals.screen:GoalsScreen"),
    ScreenInfo("board", "Board", "2", "masterytui.screens.board.screen:BoardScreen"),
    ScreenInfo("feedback", "Feedback", "3", "masterytui.screens.feedback.screen:FeedbackScreen"),
    ScreenInfo("progress", "Progress", "4", "masterytui.screens.progress.screen:ProgressScreen"),
)
SCREEN_NAMES: tuple[str, ...] = tuple(screen.name for screen in SCREENS)


@dataclass(frozen=True)
class CaptureKind:
    """One of the things quick capture adds (``t f w p``, ``masterytui add WHAT``)."""

    name: str
    key: str
    title: str
    help: str


CAPTURE_KINDS: tuple[CaptureKind, ...] = (
    CaptureKind("task", "t", "New task", "add a task to the board"),
    CaptureKind("feedback", "f", "Log feedback", "log a feedback entry"),
    CaptureKind("win", "w", "Log a win", "log a small win"),
    CaptureKind("practice", "p", "Log practice", "log a practice session"),
)
CAPTURE_NAMES: tuple[str, ...] = tuple(kind.name for kind in CAPTURE_KINDS)


@dataclass(frozen=True)
class Scope:
    """Where a set of actions applies: the app, a screen, a widget of a screen, a dialog."""

    name: str
    title: str
    screen: str | None = None
    """The screen (mode) this scope belongs to; None for the app and the dialogs."""
    text_fields: bool = False
    """A text field can have the focus under this scope (see :func:`steals_typing`)."""


SCOPES: tuple[Scope, ...] = (
    Scope("app", "Everywhere"),
    Scope("today", "Today", "today"),
    Scope("today_list", "Today: the list", "today"),
    Scope("goals", "Goals", "goals", text_fields=True),
    Scope("goal_tree", "Goals: the tree", "goals"),
    Scope("board", "Board", "board", text_fields=True),
    Scope("feedback", "Feedback", "feedback", text_fields=True),
    Scope("feedback_table", "Feedback: the list", "feedback"),
    Scope("review", "Weekly review", "feedback"),
    Scope("progress", "Progress", "progress", text_fields=True),
    Scope("woop", "Plan it step by step (WOOP)", text_fields=True),
    Scope("lesson_review", "Lesson review"),
    Scope("form", "Forms", text_fields=True),
    Scope("menu", "Forms: a choice field"),
    Scope("choice", "Choices"),
    Scope("picker", "Goal picker", text_fields=True),
    Scope("help", "Help"),
    Scope("welcome", "Welcome"),
    Scope("capture", "Quick capture", text_fields=True),
    Scope("capture_kinds", "Quick capture: the kinds"),
)
SCOPE_BY_NAME = {scope.name: scope for scope in SCOPES}


@dataclass(frozen=True)
class Action:
    """One action. ``id`` is ``scope.name`` and is what ``[keys]`` in config.toml names."""

    id: str
    run: str
    """The Textual action string, run on the node of the scope: ``new_goal``, ``show('board')``."""
    keys: tuple[str, ...]
    """Default keys, Textual names (``K``, ``shift+up``, ``question_mark``). May be empty:
    then the action is in the palette only."""
    title: str
    """What it does, for the help, the palette and the README."""
    footer: str = ""
    """A short label: when set, the footer shows the action."""
    palette: bool = True
    """The command palette lists it (false for cursor moves and dialog keys)."""
    typing: bool = False
    """It must work while a text field has the focus (save a form): no printable key."""
    priority: bool = False

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def handler(self) -> str:
        """The method that runs it: ``action_`` and the name before any arguments."""
        return "action_" + self.run.split("(", 1)[0].removeprefix("screen.")


def _a(
    id: str,
    run: str,
    keys: str,
    title: str,
    footer: str = "",
    *,
    palette: bool = True,
    typing: bool = False,
    priority: bool = False,
) -> Action:
    return Action(
        id,
        run,
        tuple(k for k in keys.split(",") if k),
        title,
        footer,
        palette=palette,
        typing=typing,
        priority=priority,
    )


_APP = (
    *(
        _a(f"app.{s.name}", f"show('{s.name}')", s.key, f"Show {s.title}", palette=True)
        for s in SCREENS
    ),
    _a("app.task", "capture_task", "t", "New task", "Task"),
    _a("app.feedback_entry", "capture_feedback", "f", "Log feedback"),
    _a("app.win", "capture_win", "w", "Log a win"),
    _a("app.practice", "capture_practice", "p", "Log practice"),
    _a("app.undo", "undo", "u", "Undo"),
    _a("app.help", "help", "question_mark", "Help: the keys", "Keys"),
    _a(
        "app.palette",
        "command_palette",
        "ctrl+p",
        "Command palette",
        "palette",
        palette=False,
        typing=True,
        priority=True,
    ),
    _a("app.config", "show_config", "", "Show config path"),
    _a("app.sync", "sync", "", "Sync"),
    _a("app.sync_auto", "sync_auto", "", "Sync on open and quit (on or off)"),
    _a("app.quit", "quit", "q", "Quit"),
    # priority: forms are modal, and a modal screen's keys never reach the app otherwise
    _a(
        "app.no_goal",
        "no_goal",
        "ctrl+n",
        "In a form: no goal",
        palette=False,
        typing=True,
        priority=True,
    ),
)

_TODAY = (
    _a("today.log", "log", "s", "Log a session for this goal", "Session"),
    _a("today.finish", "finish", "space", "Finish the task (celebrated)", "Done"),
    _a("today.edit", "edit", "e", "Edit the task", "Edit"),
    _a("today.board", "board", "b", "Show the task on the Board"),
    _a("today.lessons", "review_lessons", "r", "Review the lessons due", "Lessons"),
)

_TODAY_LIST = (
    _a("today_list.up", "cursor_up", "k,up", "Previous row", palette=False),
    _a("today_list.down", "cursor_down", "j,down", "Next row", palette=False),
    _a("today_list.first", "first", "g,home", "First row", palette=False),
    _a("today_list.last", "last", "G,end", "Last row", palette=False),
    _a("today_list.page_up", "page_up", "pageup", "Page up", palette=False),
    _a("today_list.page_down", "page_down", "pagedown", "Page down", palette=False),
    _a(
        "today_list.next_section",
        "next_section",
        "right_square_bracket",
        "Next section",
        palette=False,
    ),
    _a(
        "today_list.previous_section",
        "previous_section",
        "left_square_bracket",
        "Previous section",
        palette=False,
    ),
    _a(
        "today_list.open",
        "select",
        "enter",
        "Log a session (practice row), edit (task row) or review (lesson row)",
        palette=False,
    ),
)

_GOALS = (
    _a("goals.new", "new_goal", "n", "New goal", "New goal"),
    _a("goals.child", "add_child", "a", "New sub-goal", "Sub-goal"),
    _a("goals.edit", "edit", "e", "Edit the goal", "Edit"),
    _a("goals.status", "status", "s", "Status: active, paused…"),
    _a("goals.delete", "delete", "d", "Delete the goal (u undoes)", "Delete"),
    _a("goals.rate", "rate", "r", "Rate your skill, 1-10"),
    _a("goals.woop", "woop", "W", "Plan it: WOOP, four steps", "WOOP"),
    _a("goals.up", "move_up", "K,shift+up", "Move the goal up"),
    _a("goals.down", "move_down", "J,shift+down", "Move the goal down"),
    _a("goals.indent", "indent", "L,shift+right,greater_than_sign", "Indent under the one above"),
    _a("goals.outdent", "outdent", "H,shift+left,less_than_sign", "Outdent a level"),
    _a("goals.move", "move_under", "m", "Move under another goal"),
    _a("goals.filter", "filter", "slash", "Filter goals by text", "Filter"),
    _a("goals.closed", "toggle_closed", "x", "Show/hide closed goals"),
    _a("goals.clear", "clear_filter", "escape", "Clear the filter"),
)

_GOAL_TREE = (
    _a("goal_tree.up", "cursor_up", "k,up", "Previous goal", palette=False),
    _a("goal_tree.down", "cursor_down", "j,down", "Next goal", palette=False),
    _a("goal_tree.parent", "fold_or_parent", "h,left", "Fold, or go to parent", palette=False),
    _a("goal_tree.child", "unfold_or_child", "l,right", "Unfold, or first child", palette=False),
    _a("goal_tree.top", "scroll_home", "g,home", "First goal", palette=False),
    _a("goal_tree.bottom", "scroll_end", "G,end", "Last goal", palette=False),
    _a("goal_tree.fold", "toggle_node", "space", "Fold/unfold", palette=False),
    _a("goal_tree.open", "select_cursor", "enter", "Edit the goal", palette=False),
)

_BOARD = (
    _a("board.new", "new_card", "n", "New card", "New"),
    _a("board.edit", "edit_card", "enter,e", "Edit the card", "Edit"),
    _a("board.done", "toggle_done", "space", "Done / not done", "Done"),
    _a("board.delete", "delete_card", "d", "Delete the card (u undoes)"),
    _a("board.copy", "copy_title", "y", "Copy the card's title"),
    _a("board.filter", "filter_text", "slash", "Filter cards by text", "Filter"),
    _a("board.goal", "filter_goal", "g", "Filter cards by goal", "Goal"),
    _a("board.clear", "clear_filters", "escape", "Clear the filters"),
    _a("board.up", "cursor(-1)", "k,up", "Previous card", palette=False),
    _a("board.down", "cursor(1)", "j,down", "Next card", palette=False),
    _a("board.left", "column(-1)", "h,left", "Column to the left", palette=False),
    _a("board.right", "column(1)", "l,right", "Column to the right", palette=False),
    _a("board.first", "cursor_end(-1)", "home", "First card", palette=False),
    _a("board.last", "cursor_end(1)", "end", "Last card", palette=False),
    _a("board.page_up", "page(-1)", "pageup", "Page up", palette=False),
    _a("board.page_down", "page(1)", "pagedown", "Page down", palette=False),
    _a("board.H", "move_card(-1)", "H,shift+left", "Move the card left"),
    _a("board.L", "move_card(1)", "L,shift+right", "Move the card right"),
    _a("board.K", "reorder(-1)", "K,shift+up", "Move the card up"),
    _a("board.J", "reorder(1)", "J,shift+down", "Move the card down"),
    _a("board.all_done", "toggle_all_done", "a", "Done: all / recent only"),
    _a("board.wip", "wip_limit", "W", "Set Doing's WIP limit"),
)

_FEEDBACK = (
    _a("feedback.new", "new", "n", "New entry or session", "New"),
    _a("feedback.edit", "edit", "e", "Edit the selected one"),
    _a("feedback.delete", "delete", "d", "Delete it (u undoes)"),
    _a("feedback.task", "to_task", "T", "Next step → task", "To task"),
    _a("feedback.search", "search", "slash", "Search the log"),
    _a("feedback.filter", "filters", "F", "Filter: goal, kind, source", "Filter"),
    _a("feedback.kind", "cycle_kind", "right_square_bracket", "Filter by the next kind"),
    _a("feedback.src", "cycle_source", "right_curly_bracket", "Filter by the next source"),
    _a("feedback.goal_here", "filter_goal_here", "", "Filter by this item's goal"),
    _a("feedback.tab", "switch_tab", "v", "Feedback / Practice tab", "Tab"),
    _a("feedback.review", "review", "R", "Weekly review", "Review"),
    _a("feedback.lessons", "review_lessons", "r", "Review the lessons due", "Lessons"),
    _a("feedback.mark", "toggle_review", "m", "Mark for review / retire"),
    _a("feedback.clear", "clear_filters", "escape", "Clear the filters"),
)

_FEEDBACK_TABLE = (
    _a("feedback_table.up", "cursor_up", "k,up", "Previous item", palette=False),
    _a("feedback_table.down", "cursor_down", "j,down", "Next item", palette=False),
    _a("feedback_table.page_up", "page_up", "pageup,ctrl+b", "Page up", palette=False),
    _a(
        "feedback_table.page_down", "page_down", "pagedown,ctrl+f,space", "Page down", palette=False
    ),
    _a("feedback_table.first", "first", "g,home", "First item", palette=False),
    _a("feedback_table.last", "last", "G,end", "Last item", palette=False),
    _a("feedback_table.open", "select", "enter", "Open (edit) the item", palette=False),
)

_REVIEW = (
    _a("review.close", "close", "escape", "Back to the log", "Back", palette=False),
    _a("review.adjust", "adjust", "a", "Review: one adjustment", "Adjust"),
    _a("review.copy", "copy", "c", "Review: copy as Markdown", "Copy"),
    # no footer label: the review's parts say their keys ("i asks", "r reviews them")
    _a("review.plans", "check_plans", "i", "Review: did each if-then plan run?"),
    _a("review.lessons", "review_lessons", "r", "Review: the lessons due"),
    _a("review.back", "week(1)", "h,left,comma", "Review: week before", "Week before"),
    _a("review.forward", "week(-1)", "l,right,full_stop", "Review: week after", "Week after"),
    _a("review.down", "scroll(1)", "j", "Scroll down", palette=False),
    _a("review.up", "scroll(-1)", "k", "Scroll up", palette=False),
)

_PROGRESS = (
    _a("progress.goal", "pick_goal", "g", "Narrow to a goal", "Narrow"),
    _a("progress.filter", "filter", "slash", "Filter goals by text", "Filter"),
    _a("progress.clear", "clear_goal", "escape", "Show all goals"),
    _a("progress.heat", "toggle_heat", "v", "Heat map by minutes or by quality", "Heat map"),
    _a("progress.export", "export", "x", "Export: JSON, CSV or MD", "Export"),
    _a("progress.import", "import", "", "Import a file (u undoes)"),
    _a("progress.down", "scroll(1)", "j,down", "Scroll down", palette=False),
    _a("progress.up", "scroll(-1)", "k,up", "Scroll up", palette=False),
)

_DIALOGS = (
    _a("form.cancel", "cancel", "escape", "Cancel", "Cancel", palette=False, typing=True),
    _a("form.save", "save", "ctrl+s", "Save", "Save", palette=False, typing=True, priority=True),
    _a("form.enter", "save", "enter", "Save (one-line fields)", palette=False, typing=True),
    _a("menu.open", "show_overlay", "down,space,up", "Open the menu", palette=False),
    _a("choice.cancel", "cancel", "escape", "Cancel", "Cancel", palette=False),
    _a("picker.cancel", "cancel", "escape", "Cancel", "Cancel", palette=False, typing=True),
    _a("picker.up", "move(-1)", "up", "Previous goal", palette=False, typing=True),
    _a("picker.down", "move(1)", "down", "Next goal", palette=False, typing=True),
    _a("help.close", "dismiss_help", "escape,question_mark,q", "Close", "Close", palette=False),
    _a("welcome.empty", "start_empty", "escape", "Start empty", "Start empty", palette=False),
    _a("welcome.sample", "load_sample", "s", "Load the sample", "Load the sample", palette=False),
    _a("woop.next", "next", "enter", "Next step (the last saves)", palette=False, typing=True),
    _a("woop.back", "back", "pageup", "Step back", palette=False, typing=True),
    _a(
        "woop.close",
        "close",
        "escape",
        "Keep what you entered and close",
        palette=False,
        typing=True,
    ),
    _a(
        "lesson_review.applied",
        "answer('applied')",
        "a",
        "Applied: it comes back later",
        palette=False,
    ),
    _a("lesson_review.again", "answer('again')", "g", "Again: back tomorrow", palette=False),
    _a("lesson_review.retire", "answer('retire')", "x", "Retire: no more reviews", palette=False),
    _a("lesson_review.skip", "answer('skip')", "s", "Skip: leave it due", palette=False),
    _a("lesson_review.stop", "stop", "escape", "Stop reviewing", "Stop", palette=False),
    _a("capture.cancel", "cancel", "escape", "Cancel", "Cancel", palette=False, typing=True),
    _a("capture.save", "save", "ctrl+s", "Save", "Save", palette=False, typing=True, priority=True),
    _a("capture_kinds.back", "step(-1)", "left", "Previous kind", palette=False),
    _a("capture_kinds.next", "step(1)", "right", "Next kind", palette=False),
)

ACTIONS: tuple[Action, ...] = (
    *_APP,
    *_TODAY,
    *_TODAY_LIST,
    *_GOALS,
    *_GOAL_TREE,
    *_BOARD,
    *_FEEDBACK,
    *_FEEDBACK_TABLE,
    *_REVIEW,
    *_PROGRESS,
    *_DIALOGS,
)
ACTION_BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}


def in_scope(scope: str) -> tuple[Action, ...]:
    return tuple(action for action in ACTIONS if action.scope == scope)


def scopes_of_screen(screen: str) -> tuple[str, ...]:
    """The scopes whose keys work on ``screen`` (its own and its widgets'), the review's
    excepted (a screen of its own over Feedback)."""
    return tuple(s.name for s in SCOPES if s.screen == screen and s.name != "review")


# Keys as people read them ---------------------------------------------------------------------

_KEY_LABELS = {
    "question_mark": "?",
    "slash": "/",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "full_stop": ".",
    "comma": ",",
    "plus": "+",
    "minus": "-",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
}


def key_label(key: str, *, ascii_only: bool = False) -> str:
    """``shift+up`` as ``shift+↑``, ``question_mark`` as ``?``."""
    *mods, last = key.split("+") if key != "plus" else ["plus"]
    label = _KEY_LABELS.get(last, last)
    if ascii_only and not label.isascii():
        label = last
    return "+".join([*mods, label])


def keys_label(keys: tuple[str, ...], *, ascii_only: bool = False, limit: int = 0) -> str:
    shown = keys[:limit] if limit else keys
    return " ".join(key_label(key, ascii_only=ascii_only) for key in shown)
