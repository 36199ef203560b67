"""The App: five screens as modes, global keys, quick capture, palette, live refresh."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import threading
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import BindingType
from textual.notifications import Notification, SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widget import AwaitMount

from .actions import (
    ACTION_BY_ID,
    ACTIONS,
    SCOPE_BY_NAME,
    SCREEN_NAMES,
    SCREENS,
    ScreenInfo,
    in_scope,
    keys_label,
)
from .app_sync import AppSync
from .bindings import bindings
from .config import KeyConfig, default_config_path, load_keys
from .dialogs.help import HelpScreen, help_rows
from .dialogs.welcome import WelcomeScreen
from .domain.errors import MasteryError
from .domain.text import clean_text
from .domain.words import plural, relative_date
from .messages import Captured, DataChanged, ScreenHost, ShowCard
from .screens.base import MasteryScreen
from .store import MasteryStore
from .store.undo import UndoConflictError
from .widgets.console_font import ConsoleFontApp
from .widgets.css_cache import CachedStylesheet, use_cached_css
from .widgets.footer import Footer
from .widgets.glyphs import glyph
from .widgets.notices import find_rack
from .widgets.safe import markup_literal
from .writes import BackgroundWrites

if TYPE_CHECKING:
    from .dialogs.form import FormDialog

MODES = SCREEN_NAMES
OPEN_ON = "open_on"
"""The setting (in the data file's meta) of the screen the app opens on: ``today``, or
absent for the last screen shown."""
SCREEN_ACTIONS = frozenset(
    action.handler.removeprefix("action_")
    for action in in_scope("app")
    if not action.typing and action.handler not in ("action_quit", "action_show_config")
)
"""The global actions that act on the screens: not while a dialog is open."""


def first_screen(store: MasteryStore) -> str | None:
    """The screen the app opens on: Today when the user chose it, else the one last shown."""
    last = "today" if store.setting(OPEN_ON) == "today" else store.setting("last_screen")
    return last if isinstance(last, str) and last in MODES else None


def _screen(info: ScreenInfo) -> Any:
    """A factory for the mode of ``info``, imported only when the screen is first shown."""

    def make() -> Screen[Any]:
        module, _, name = info.factory.partition(":")
        screen: Screen[Any] = getattr(importlib.import_module(module), name)()
        return screen

    return make


def defer_other_screens_css(app: MasteryApp, last: object) -> None:
    """Parse only the first screen's stylesheet (and the app's) before the first frame; the
    others, and the dialogs', come back as soon as another screen (a dialog, say) is styled
    (see :class:`CachedStylesheet`)."""
    first = last if last in MODES else "goals"
    if isinstance(app.stylesheet, CachedStylesheet):
        app.stylesheet.defer(
            ("dialogs.tcss", *(f"{info.name}.tcss" for info in SCREENS if info.name != first)),
            (info.factory.partition(":")[2] for info in SCREENS if info.name == first),
        )


def _palette_help(keys: str, elsewhere: str | None) -> str:
    """A palette command's second line: its key, and where it runs when that is another
    screen (the title above already says what it does)."""
    key = f"Key: {keys}" if keys else "No key: from the palette only"
    return key if elsewhere is None else f"{key} · on {elsewhere.title()}, which it opens"


class MasteryApp(ConsoleFontApp[None]):
    """masterytui. Give it a store; tests give it one on a temporary file."""

    TITLE = "masterytui"
    CSS_PATH: ClassVar[list[str | Any]] = [
        "styles/app.tcss",
        "styles/dialogs.tcss",
        "screens/goals/goals.tcss",
        "screens/board/board.tcss",
        "screens/feedback/feedback.tcss",
        "screens/progress/progress.tcss",
        "screens/today/today.tcss",
    ]
    MODES: ClassVar[dict[str, Any]] = {info.name: _screen(info) for info in SCREENS}
    DEFAULT_MODE = "goals"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")
    REFRESH_INTERVAL = 1.0

    def __init__(
        self,
        store: MasteryStore,
        *,
        watch_file: bool = True,
        warm_screens: bool | None = None,
        keys: KeyConfig | None = None,
        write_behind: bool | None = None,
        count_later: bool | None = None,
    ) -> None:
        """``warm_screens``: build the other screens after the first frame (see :mod:`.warm`);
        by default only in a terminal, not headless (tests open one or two screens).
        ``count_later``: the goal tree's figures from tasks come in a frame after the first
        (counting 10,000 tasks is ~10 ms before it); by default only in a terminal, not
        headless (tests read the figures once the app has started).
        ``keys``: the user's keys (default: the default keys, see :mod:`.config`)."""
        # Start on the first screen (Today, or the one last shown), not on Goals and then
        # switch: only it is built before the first frame.
        self.DEFAULT_MODE = first_screen(store) or type(self).DEFAULT_MODE  # type: ignore[misc]
        super().__init__()
        use_cached_css(self)  # each mode's first visit re-parses all CSS: make that free
        defer_other_screens_css(self, self.DEFAULT_MODE)
        self.store = store
        self.key_config = keys or KeyConfig(default_config_path())
        """The keys in force: the defaults and the user's config.toml (see :mod:`.config`)."""
        self.set_keymap(self.key_config.keymap())
        self._data_version = store.data_version
        """The store's data version the screens were last told about (see :meth:`check_file`)."""
        self.watch_file = watch_file
        self.warm_screens = warm_screens
        self.count_later = count_later
        self._froze_start = False
        self._switching = False
        self._switch_holds: set[object] = set()
        """The frames held back by switches of mode not yet shown (see :meth:`delay_update`)."""
        """The start froze what it made (see :func:`collect_garbage_again`)."""
        self.write_behind = write_behind
        """Durable writes in a thread (see :mod:`.writes`); by default only in a terminal."""
        self.writes: BackgroundWrites | None = None
        self.painted = False
        """True once the first frame is on screen (see :meth:`_display`)."""
        self.reveal_task: str | None = None
        """A card the Board selects when it is next shown (see :meth:`show_card`)."""
        self.syncer = AppSync(self)
        """Sync through git from the palette, and on open and quit (see :mod:`.app_sync`)."""
        # Chosen before the app starts, so its CSS is parsed once, not again for the theme.
        theme = store.setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        elif os.environ.get("TERM") == "linux":
            self.theme = "ansi-dark"  # the console's own 16 colours, not approximations

    @property
    def counts_after_first_frame(self) -> bool:
        return not self.is_headless if self.count_later is None else self.count_later

    # Start and stop -------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.key_config.error:
            self.notify(self.key_config.error, severity="error", markup=False, timeout=15)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if not self.is_headless if self.write_behind is None else self.write_behind:
            self.writes = BackgroundWrites(self)
        if self.watch_file:
            self.set_interval(self.REFRESH_INTERVAL, self.check_file)
        if not self.store.setting("welcomed") and not self.store.holds_data():
            self.push_screen(WelcomeScreen(), self._welcomed)
        self.syncer.on_open()

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        """Textual's display of a frame; the first one written starts :meth:`_first_frame`,
        and each one lets a pending durable write start (see :mod:`.writes`).

        Textual's ``Ready`` comes once the first screen is laid out, before its frame is
        rendered and written (the frame waits on the screen's queue), so work done on
        ``on_ready`` delayed the first paint; it now waits for the frame itself.
        """
        super()._display(screen, renderable)
        if renderable is None or self._batch_count:
            return
        if self.writes is not None:
            self.writes.frame_shown()  # a change's durable write waits for its frame
        if not self.painted:
            self.painted = True
            self.call_later(self._first_frame)

    async def _build_then_freeze(self, build: Awaitable[None]) -> None:
        """Build the other screens; then, if the start froze what it made, freeze what the
        builds made too (the logs' 25,000 objects, four screens of widgets): they live as long
        as the app, and a full collection scanning them again would land in some key's frame
        (50 ms at L). The young generations are collected first, so no garbage is frozen."""
        await build
        if self._froze_start:
            gc.collect(1)
            gc.freeze()

    def _first_frame(self) -> None:
        """The first frame is on screen: now draw what could wait, and warm the rest.

        The first screen draws what it can from goals and tasks alone (the Goals detail
        only then: it reads the selected goal's tasks, feedback and practice). The other
        screens are then built one by one in a terminal, each reading the tables it shows;
        headless, the feedback and practice logs (at 25,000 entries, a tenth of a second to
        turn into objects) are read at once instead, so Feedback and Progress open at once.
        """
        self._froze_start = collect_garbage_again()
        screens = [s for s in self.screen_stack if isinstance(s, MasteryScreen) and s.is_mounted]

        def rest() -> None:
            for screen in screens:
                if screen.is_mounted:
                    screen.after_first_paint()
                    rack = find_rack(screen)
                    if rack is not None:
                        rack.mount_cards()
            self.call_later(self._warm)

        # The footer's keys were left out of the first frame (as a Textual app's are): they
        # come in the next frame, and the rest after it.
        footers = [footer for screen in screens for footer in screen.query(Footer)]
        for footer in footers[:-1]:
            footer.first_frame_shown(lambda: None)
        if footers:
            footers[-1].first_frame_shown(rest)
        else:
            rest()

    def _warm(self) -> None:
        warm = not self.is_headless if self.warm_screens is None else self.warm_screens
        if warm:  # a key pressed meanwhile is answered between two builds
            from .warm import build_in_background

            # Today last: at 20,000 practice sessions its figures take the longest to work
            # out, and a key pressed while they are is answered only after them.
            order = sorted(MODES, key=lambda mode: mode == "today")
            self.run_worker(self._build_then_freeze(build_in_background(self, order)), group="warm")
            return
        snapshot = self.store.snapshot()
        for table in ("feedback", "practice"):
            getattr(snapshot, table)

    def _welcomed(self, load_sample: bool | None) -> None:
        try:
            if load_sample:
                from .demo import seed_demo

                try:
                    seed_demo(self.store)  # refused if another session added data meanwhile
                    self.notify("Sample data loaded: three areas, their goals, tasks and practice.")
                except MasteryError as exc:
                    self.notify(str(exc), severity="error", markup=False)
            self.store.set_setting("welcomed", True)
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.data_changed()

    def _remember_theme(self, theme: Theme) -> None:
        try:
            self.store.set_setting("theme", theme.name)
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)

    async def action_quit(self) -> None:
        """Quit once every change is on disk; a write that failed keeps the app open, its
        form shown again with what was typed."""
        if self.writes is not None and not self.writes.settle_before_quit():
            return
        with contextlib.suppress(MasteryError):  # the screen to reopen never blocks a quit
            self.store.set_setting("last_screen", self.current_mode)
        self.store.wait_for_writes()  # the last screen is on disk before a sync or exit
        if not self.syncer.on_quit():
            self.exit()

    def action_sync(self) -> None:
        self.syncer.start()

    def action_sync_auto(self) -> None:
        self.syncer.toggle()

    def reopen_if_write_fails(self, form: Callable[[str], Screen[Any]]) -> None:
        """A form saved: should the write of its change fail, open ``form(reason)``."""
        if self.writes is not None:
            self.writes.reopen_if_write_fails(form)

    # Data changes ---------------------------------------------------------------------------

    def on_data_changed(self, message: DataChanged) -> None:
        """A screen changed the data (it has redrawn itself): the others redraw."""
        self.data_changed()

    def on_captured(self, message: Captured) -> None:
        self._captured(message.item)

    def on_show_card(self, message: ShowCard) -> None:
        self.show_card(message.task_id)

    def data_changed(self) -> None:
        """The data changed: every screen on the stack whose drawing is older than the store's
        data redraws (the rest on resume), another session's change taken in first."""
        with contextlib.suppress(MasteryError):  # a bad file: check_file says so
            self.store.snapshot()
        self._data_version = self.store.data_version
        for screen in self.screen_stack:
            # A screen still being built draws the latest data from its own on_mount.
            if isinstance(screen, MasteryScreen) and screen.is_mounted:
                screen.maybe_refresh()

    def check_file(self) -> None:
        """Notice another session's change with a stat, and redraw.

        Any read may be the one that takes in another session's change (a screen opening, or
        being built in the background, reads the file anew when it changed), so what counts
        is whether the screens were told about the data the store now holds, not the stat.
        """
        if self.store.changed_on_disk():
            try:
                self.store.snapshot()
            except MasteryError as exc:
                self.notify(str(exc), severity="error", markup=False, timeout=10)
                return
        if self.store.data_version != self._data_version:
            self.data_changed()

    # Actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Global keys act on the screens, not while a dialog is open (or still opening).

        A key typed right after ``t`` can arrive before the form has focused its first field;
        it must not switch screens, undo or open a second form behind the first.
        """
        return not (action in SCREEN_ACTIONS and isinstance(self.screen, ModalScreen))

    # Switching screens ---------------------------------------------------------------------

    def switch_mode(self, mode: str) -> AwaitMount:
        """Textual's switch, with its pause shortened (see :meth:`delay_update`)."""
        self._switching = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching = False

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds every frame for 50 ms after a switch of mode, so no half-drawn
        screen shows. A masterytui screen says when it has drawn its data
        (:meth:`screen_ready`, from its resume), and the frame is painted then, 35-45 ms
        sooner than Textual would; the 50 ms stay the most it waits (a first visit that
        composes the screen, say). Any other delay is Textual's own."""
        if not self._switching:
            super().delay_update(delay)
            return
        self._begin_batch()
        token = object()
        self._switch_holds.add(token)
        self.set_timer(delay, partial(self._release_switch, token), name="switch_hold")

    def screen_ready(self, screen: object) -> None:
        if screen is self.screen:
            for token in list(self._switch_holds):
                self._release_switch(token)

    def _release_switch(self, token: object) -> None:
        if token not in self._switch_holds:
            return  # released already (the screen was ready first, or its timer came)
        self._switch_holds.discard(token)
        self._end_batch()
        if not self._batch_count:
            self.screen.refresh()

    def action_show(self, mode: str) -> None:
        if mode in MODES and mode != self.current_mode:
            self.switch_mode(mode)

    def show_card(self, task_id: str) -> None:
        """Switch to the Board with the card ``task_id`` selected."""
        self.reveal_task = task_id
        if self.current_mode != "board":
            self.switch_mode("board")  # the Board takes ``reveal_task`` when it shows
            return
        for screen in self.screen_stack:
            if isinstance(screen, MasteryScreen):
                screen.on_screen_resume()

    def _context_goal(self) -> str | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MasteryScreen):
                return screen.context_goal_id()
        return None

    def _context_why(self) -> str:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, MasteryScreen):
                return screen.CONTEXT_WHY
        return MasteryScreen.CONTEXT_WHY

    def _capture(self, make: Callable[[MasteryStore, str | None], FormDialog[Any]]) -> None:
        """Open a capture form with the goal in context, labelled as such."""
        # The forms are imported on first use, not before the first frame (issue #16).
        from .dialogs.goal_context import mark_goal_context

        goal_id = self._context_goal()
        dialog = mark_goal_context(make(self.store, goal_id), goal_id, self._context_why())
        self.push_screen(dialog, self._captured)

    def action_capture_task(self) -> None:
        from .screens import capture

        self._capture(capture.task_dialog)

    def action_capture_feedback(self) -> None:
        from .screens import capture

        self._capture(capture.feedback_dialog)

    def action_capture_win(self) -> None:
        from .screens import capture

        self._capture(lambda store, goal: capture.feedback_dialog(store, goal, kind="win"))

    def action_capture_practice(self) -> None:
        from .screens import capture

        self._capture(capture.practice_dialog)

    def action_no_goal(self) -> None:
        """ctrl+n in a form: the goal it took from the screen becomes (none)."""
        from .dialogs.goal_context import clear_goal

        clear_goal(self.screen)

    def _captured(self, item: object) -> None:
        if item is None:
            return
        self.data_changed()
        from .domain.model import FeedbackEntry, PracticeSession, Task

        if isinstance(item, Task):
            self.notify(f"Task added: {item.title}", markup=False)
        elif isinstance(item, FeedbackEntry) and item.kind == "win":
            count = self.store.wins_this_week()
            self.notify(
                f"{item.text}\n{plural(count, 'win')} this week. Keep going!",
                title=f"{glyph('win')} A win!",
                markup=False,
                timeout=6,
            )
        elif isinstance(item, FeedbackEntry):
            self.notify(f"{item.kind.capitalize()} logged.", markup=False)
            if item.kind == "setback" and not item.next_step:
                from .screens import capture

                self.push_screen(capture.setback_dialog(self.store, item), self._learned)
        elif isinstance(item, PracticeSession):
            day = relative_date(date.fromisoformat(item.date), date.today())
            self.notify(f"{item.minutes} min of practice logged for {day}.", markup=False)

    def _learned(self, item: object) -> None:
        if item is not None:
            self.data_changed()
            self.notify("Next step saved: it can become a task (T on Feedback).", markup=False)

    def action_undo(self, force: bool = False) -> None:
        try:
            label = self.store.undo(force=force)
        except UndoConflictError as exc:
            self._resolve_undo_conflict(exc)
            return
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if label is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self.data_changed()
        self.notify(f"Undone: {label}", markup=False)

    def _resolve_undo_conflict(self, conflict: UndoConflictError) -> None:
        """Another session changed what the undo would put back: keep theirs, or undo anyway."""
        from .dialogs.choice import ChoiceDialog

        def chosen(choice: str | None) -> None:
            if self.store.undo_label != conflict.label:
                return  # the step is no longer the one asked about
            if choice == "anyway":
                self.action_undo(force=True)
            elif choice == "theirs":
                self.store.drop_undo()
                self.data_changed()  # the other session's version is the one shown
                self.notify(
                    f"Kept the other session's version; not undone: {conflict.label}",
                    markup=False,
                )
            else:
                self.notify("Nothing undone. Press u to choose again.", markup=False)

        self.data_changed()
        self.push_screen(
            ChoiceDialog(
                "Changed in another session",
                f"{conflict}\nKeep their version (and forget this undo), or undo anyway?",
                [("theirs", "k", "Keep theirs"), ("anyway", "u", "Undo anyway")],
            ),
            chosen,
        )

    def action_help(self) -> None:
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        screen = self.screen
        if isinstance(screen, MasteryScreen):
            title = screen.TITLE_TEXT or "This screen"
            sections.append((title, help_rows(screen.KEY_SCOPES, self.key_config)))
        everywhere = help_rows(("app",), self.key_config)
        sections.append(("Everywhere", everywhere))
        self.push_screen(HelpScreen(sections))

    def action_show_config(self) -> None:
        config = self.key_config
        where = "yours" if config.path.exists() else "not there yet: the default keys"
        self.notify(
            f"Config: {config.path} ({where}).\n`masterytui config` lists every action and key.",
            markup=False,
            timeout=10,
        )

    def keys_of(self, action_id: str) -> tuple[str, ...]:
        """The keys of an action now: the user's, or the default."""
        return self.key_config.keys(ACTION_BY_ID[action_id])

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; while the help is open it waits until the help closes, so it
        is neither drawn over the help nor gone before it could be read.

        Every notification, the screens' included: the file names and values in it (an error
        names the file, echoes what was typed) never reach the terminal as control codes.
        """
        show = partial(
            self._notify_now,
            clean_text(message, multiline=True),
            title=clean_text(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )
        screen = self.screen if self._screen_stack else None
        if isinstance(screen, HelpScreen):
            screen.held.append(show)
        else:
            show()

    def _notify_now(
        self,
        message: str,
        *,
        title: str,
        severity: SeverityLevel,
        timeout: float | None,
        markup: bool,
    ) -> None:
        """Textual's notify, without its round trip on the UI thread: the notice is on the
        screen's rack before the frame that shows the change it tells of (issue #16).

        From another thread, Textual's (it posts a message to the App, which is safe)."""
        if threading.get_ident() != self._thread_id:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
            return
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        self._notifications.add(Notification(message, title, severity, timeout, markup=markup))
        self._refresh_notifications()

    def _refresh_notifications(self) -> None:
        """Show the notices on the screen's rack at once, not by ``call_later`` (#16)."""
        rack = find_rack(self.screen) if self._screen_stack else None
        if rack is None or not rack.is_attached:
            super()._refresh_notifications()  # a screen of Textual's (the palette), or none
            return
        rack.show(self._notifications)

    # Command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every command, its title and help shown literally (they may hold user text)."""
        for command in self._commands(screen):
            yield command._replace(
                title=markup_literal(command.title), help=markup_literal(command.help)
            )

    def _commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own, then every action of every screen (run from anywhere: the app
        switches to its screen first), then the current screen's extra commands."""
        yield from super().get_system_commands(screen)
        current = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, MasteryScreen)), None
        )
        here = current.KEY_SCOPES if current else ()
        label = self.store.undo_label
        for action in ACTIONS:
            scope = SCOPE_BY_NAME[action.scope]
            if not action.palette or (scope.screen is None and scope.name != "app"):
                continue
            if scope.name not in ("app", *SCREEN_NAMES) and scope.name not in here:
                continue  # the review's keys: only while it is open
            keys = keys_label(self.key_config.keys(action))
            where = "" if scope.name in ("app", *here) else f"{scope.title}: "
            help_text = _palette_help(keys, scope.screen if where else None)
            if action.id == "app.undo":
                undone = f"last change: {label}" if label else "nothing to undo yet"
                help_text = f"{help_text} · {undone}"
            yield SystemCommand(
                f"{where}{action.title}", help_text, partial(self.run_registered, action.id)
            )
        if self.store.setting(OPEN_ON) == "today":
            yield SystemCommand(
                "Open on the last screen",
                "Open masterytui on the screen shown when it was last closed (now: Today)",
                partial(self.set_open_on, None),
            )
        else:
            yield SystemCommand(
                "Open on Today",
                "Open masterytui on Today every time (now: the last screen shown)",
                partial(self.set_open_on, "today"),
            )
        if current is not None:
            yield from current.commands()

    def set_open_on(self, screen: str | None) -> None:
        """Remember which screen the app opens on: ``today``, or None for the last one."""
        try:
            self.store.set_setting(OPEN_ON, screen)
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        where = "Today" if screen == "today" else "the screen shown last"
        self.notify(f"masterytui will open on {where}.", markup=False)

    async def run_registered(self, action_id: str) -> None:
        """Run a registry action from the palette, on its screen: switched to first."""
        action = ACTION_BY_ID[action_id]
        scope = SCOPE_BY_NAME[action.scope]
        if scope.screen is None:
            await self.run_action(action.run)
            return
        if scope.screen != self.current_mode:
            await self.switch_mode(scope.screen)
        target = next(
            (
                s
                for s in reversed(self.screen_stack)
                if action.scope in getattr(s, "KEY_SCOPES", ())
            ),
            None,
        )
        if target is not None:
            await self.run_action(action.run, target)


def collect_garbage_again() -> bool:
    """Turn the garbage collector back on, if the command line turned it off for the start
    (see ``cli._open_app``): what the start made, the app's screens and the loaded data,
    lives as long as the app, so it is frozen (never scanned again) rather than scanned once
    more now, which would delay the first key by a full collection (~25 ms at L). True if it
    did."""
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


def _host(app: MasteryApp) -> ScreenHost:
    """The App is what its screens read (mypy checks it here)."""
    return app


def run_app(store: MasteryStore, keys: KeyConfig | None = None) -> int:
    """Open the app on ``store`` in this terminal; the exit code (non-zero after a crash)."""
    app = MasteryApp(store, keys=keys or load_keys())
    try:
        app.run()
    finally:
        collect_garbage_again()  # however the app ended (before its first frame too)
        store.wait_for_writes()  # however the app ended, its last change is on disk
    return app.return_code or 0
