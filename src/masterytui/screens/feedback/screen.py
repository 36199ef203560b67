"""The Feedback screen (3): the feedback log and the practice log, with filters and a review.

Two tabs share one set of filters (goal subtree, kind, source, text; kind and source apply to
the feedback log only). Each list is a :class:`LogTable` that renders only the visible rows,
with the selected item's detail below it (beside it on wide terminals).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.widgets import Input, TabbedContent, TabPane

from ...actions import key_label
from ...bindings import bindings
from ...dialogs.choice import ChoiceDialog
from ...dialogs.goal_context import mark_goal_context
from ...domain.errors import AlreadyExistsError, MasteryError
from ...domain.model import FeedbackEntry, PracticeSession
from ...domain.text import clean_text
from ...messages import Captured, ShowCard
from ...views.feedback import Filters, filter_entries, filter_practice
from ...views.lessons import lessons_due
from ...widgets.footer import Footer
from ...widgets.glyphs import glyph, use_ascii
from ...widgets.topbar import TopBar
from .. import capture
from ..base import MasteryScreen
from .detail import EntryDetail, PracticeDetail
from .forms import entry_dialog, filter_dialog, practice_edit_dialog
from .learning import review_lessons, review_toggled
from .rows import ENTRY_COLUMNS, PRACTICE_COLUMNS, EntryCells, PracticeCells
from .table import LogTable

LOG_TAB, PRACTICE_TAB = "fb-log-tab", "fb-practice-tab"
LOG_ONLY = {"to_task", "cycle_kind", "cycle_source", "toggle_review"}
LOG_ONLY_SAYS = {
    "feedback.task": "turns a feedback entry's next step into a task",
    "feedback.kind": "steps through the feedback kinds",
    "feedback.src": "steps through the feedback sources",
    "feedback.mark": "marks a feedback entry for spaced review",
}
"""What the log's own keys say when pressed on the practice log, where they do nothing."""
EMPTY_LOG = "No feedback yet: n logs a win, lesson, setback or note."
EMPTY_PRACTICE = "No practice yet: n (or p anywhere) logs minutes of practice."


class FeedbackScreen(MasteryScreen):
    """Seek feedback and refine: the log, its next steps, practice sessions, the review."""

    TITLE_TEXT = "Feedback"
    AUTO_FOCUS = "#fb-log"
    KEY_SCOPES = ("feedback", "feedback_table")
    CONTEXT_WHY = "the log's goal filter"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Textual's own)
    BINDINGS: ClassVar[list[BindingType]] = bindings("feedback")

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self._known: dict[str, set[str]] = {}
        self._key_state: tuple[bool, bool] | None = None
        self._undo_seen: str | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("feedback")
        yield Input(
            placeholder=f"search text and next steps{glyph('more')} (enter: done, esc: clear)",
            id="fb-search",
        )
        with TabbedContent(id="fb-tabs", initial=LOG_TAB):
            with TabPane("Feedback", id=LOG_TAB), Container(classes="fb-body"):
                yield LogTable[FeedbackEntry](
                    ENTRY_COLUMNS,
                    lambda _: (),
                    empty=EMPTY_LOG,
                    id="fb-log",
                )
                yield EntryDetail(id="fb-entry", classes="fb-detail")
            with TabPane("Practice", id=PRACTICE_TAB), Container(classes="fb-body"):
                yield LogTable[PracticeSession](
                    PRACTICE_COLUMNS,
                    lambda _: (),
                    empty=EMPTY_PRACTICE,
                    id="fb-practice",
                )
                yield PracticeDetail(id="fb-session", classes="fb-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#fb-search").display = False
        self.maybe_refresh()
        self.log_table.focus()

    # Parts -----------------------------------------------------------------------------------

    @property
    def log_table(self) -> LogTable[FeedbackEntry]:
        return self.query_one("#fb-log", LogTable)

    @property
    def practice_table(self) -> LogTable[PracticeSession]:
        return self.query_one("#fb-practice", LogTable)

    @property
    def on_practice(self) -> bool:
        return self.query_one(TabbedContent).active == PRACTICE_TAB

    @property
    def table(self) -> LogTable[Any]:
        return self.practice_table if self.on_practice else self.log_table

    def selected_entry(self) -> FeedbackEntry | None:
        return self.log_table.cursor_item

    def selected_session(self) -> PracticeSession | None:
        return self.practice_table.cursor_item

    def context_goal_id(self) -> str | None:
        """The goal filter only: the selected entry is a past event, and what comes next
        (a new entry, a task, practice) is as often about another goal."""
        return self.filters.goal_id or None

    # Drawing ---------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        snapshot = self.store.snapshot()
        entries = filter_entries(snapshot, self.filters)
        sessions = filter_practice(snapshot, self.filters)
        ours = self.store.undo_label != self._undo_seen  # a change made in this session
        self._undo_seen = self.store.undo_label
        new_entry = self._appeared("feedback", {e.id for e in snapshot.feedback}, ours)
        new_session = self._appeared("practice", {s.id for s in snapshot.practice}, ours)
        self.log_table.set_items([(e.id, e) for e in entries], new_entry, EntryCells(snapshot))
        self.practice_table.set_items(
            [(s.id, s) for s in sessions], new_session, PracticeCells(snapshot)
        )
        hidden = (new_entry and new_entry not in self.log_table.row_keys()) or (
            new_session and new_session not in self.practice_table.row_keys()
        )
        if hidden:
            self.notify("The new item is hidden by the filters (escape clears them).", markup=False)
        self._empty_texts(len(snapshot.feedback), len(snapshot.practice))
        self._label(LOG_TAB, f"Feedback {_count(len(entries), len(snapshot.feedback))}")
        self._label(PRACTICE_TAB, f"Practice {_count(len(sessions), len(snapshot.practice))}")
        status = self.filters.describe(snapshot, glyph)
        self.query_one(TopBar).status = " · ".join(status)
        self._update_keys()

    def _empty_texts(self, entries: int, sessions: int) -> None:
        """An empty table says whether there is nothing yet, or the filters hide it all."""
        words = " · ".join(self.filters.describe(self.store.snapshot(), glyph))
        for table, total, empty in (
            (self.log_table, entries, EMPTY_LOG),
            (self.practice_table, sessions, EMPTY_PRACTICE),
        ):
            text = empty
            if total and self.filters.active:
                text = f"The filters hide all {total:,} (escape clears them): {words}"
            if text != table.empty_text:
                table.empty_text = text
                table.refresh()

    def _label(self, pane: str, label: str) -> None:
        tab = self.query_one(TabbedContent).get_tab(pane)
        if str(tab.label) != label:  # a new label means a new layout: only when it changed
            tab.label = label

    def _update_keys(self) -> None:
        """Redraw the footer only when the keys that apply changed (it is costly)."""
        state = (self.on_practice, bool(self.table.cursor_key))
        if state != self._key_state:
            self._key_state = state
            self.refresh_bindings()

    def _appeared(self, table: str, ids: set[str], ours: bool) -> str | None:
        """The one id that this session's last change added (a new or undeleted item), if any.

        The cursor goes to it, so what was just logged (here, with p f w, or by undo) is the
        item shown in the detail pane; another session's additions leave the cursor alone.
        """
        known = self._known.get(table)
        self._known[table] = ids
        if known is None or not ours:
            return None
        new = ids - known
        return next(iter(new)) if len(new) == 1 else None

    @on(LogTable.Highlighted)
    def _highlighted(self, event: LogTable.Highlighted) -> None:
        if event.table is self.table:  # the other tab's pane is drawn when it is shown
            self._show_detail()

    def _show_detail(self) -> None:
        snapshot = self.store.snapshot()
        if self.on_practice:
            self.query_one(PracticeDetail).show(self.selected_session(), snapshot, date.today())
        else:
            self.query_one(EntryDetail).show(self.selected_entry(), snapshot)

    @on(LogTable.Selected)
    def _selected(self, event: LogTable.Selected) -> None:
        event.stop()
        self.action_edit()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.table.focus()
        self._show_detail()
        self._update_keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in LOG_ONLY and self.is_mounted and self.on_practice)

    def on_key(self, event: events.Key) -> None:
        """A key of the feedback log pressed on the practice log says so, not nothing."""
        if not self.on_practice or isinstance(self.focused, Input):
            return
        for action_id, does in LOG_ONLY_SAYS.items():
            if event.key in self.host.keys_of(action_id):
                event.stop()
                label = key_label(event.key, ascii_only=use_ascii())
                self.notify(f"{label} {does}: v switches to the feedback log.", markup=False)
                return

    def nothing_selected(self) -> str:
        what = "practice session" if self.on_practice else "feedback entry"
        if self.table.row_count == 0 and self.filters.active:
            return f"No {what} selected: the filters hide them all (escape clears them)."
        return f"No {what} selected: n logs one."

    # New, edit, delete -----------------------------------------------------------------------

    def action_new(self) -> None:
        goal_id = self.context_goal_id()
        if self.on_practice:
            dialog: Any = capture.practice_dialog(self.store, goal_id)
        else:
            dialog = entry_dialog(self.store, goal_id=goal_id, kind=self.filters.kind or "note")
        self.app.push_screen(mark_goal_context(dialog, goal_id, self.CONTEXT_WHY), self._created)

    def _created(self, item: FeedbackEntry | PracticeSession | None) -> None:
        if item is None:
            return
        self.post_message(Captured(item))  # the App celebrates a win, asks after a setback

    def action_edit(self) -> None:
        if self.table.cursor_key is None:
            self.notify(self.nothing_selected(), markup=False)
            return
        if self.on_practice:
            session = self.selected_session()
            if session is not None:
                self.app.push_screen(practice_edit_dialog(self.store, session), self._edited)
            return
        entry = self.selected_entry()
        if entry is None:
            return

        def edited(updated: FeedbackEntry | None) -> None:
            self._edited(updated)
            became_setback = updated and updated.kind == "setback" and entry.kind != "setback"
            if updated and became_setback and not updated.next_step:
                dialog = capture.setback_dialog(self.store, updated)
                self.app.push_screen(dialog, self._edited)

        self.app.push_screen(entry_dialog(self.store, entry), edited)

    def _edited(self, item: FeedbackEntry | PracticeSession | None) -> None:
        if item is not None:
            self.announce_change()

    def action_delete(self) -> None:
        if self.table.cursor_key is None:
            self.notify(self.nothing_selected(), markup=False)
            return
        if self.on_practice:
            session = self.selected_session()
            if session is not None:
                self.attempt(
                    lambda: self.store.delete_practice(session.id),
                    f"Deleted {session.minutes} min of practice on {session.date}. u undoes it.",
                )
            return
        entry = self.selected_entry()
        if entry is not None:
            self.attempt(
                lambda: self.store.delete_feedback(entry.id),
                f"Deleted the {entry.kind}: {clean_text(entry.text)[:60]}. u undoes it.",
            )

    def action_to_task(self) -> None:
        entry = self.selected_entry()
        if self.on_practice:
            return
        if entry is None:
            self.notify(self.nothing_selected(), markup=False)
            return
        try:
            task = self.store.next_step_to_task(entry.id)
        except AlreadyExistsError as exists:
            self._offer_jump(str(exists), exists.existing_id)
            return
        except MasteryError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.announce_change()
        self.notify(
            f"Added to Next on the Board: {task.title}", title="Next step → task", markup=False
        )

    def _offer_jump(self, message: str, task_id: str) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "board":
                self.post_message(ShowCard(task_id))

        self.app.push_screen(
            ChoiceDialog("Next step → task", message, [("board", "b", "Show it on the Board")]),
            chosen,
        )

    # Filters ---------------------------------------------------------------------------------

    def _filter(self, filters: Filters) -> None:
        self.filters = filters
        self.refresh_data()

    def action_search(self) -> None:
        box = self.query_one("#fb-search", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#fb-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if event.value != self.filters.text:
            self._filter(replace(self.filters, text=event.value))

    @on(Input.Submitted, "#fb-search")
    def _search_done(self) -> None:
        box = self.query_one("#fb-search", Input)
        box.display = bool(self.filters.text)
        self.table.focus()

    def action_filters(self) -> None:
        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self._sync_search(filters.text)
                self._filter(filters)

        self.app.push_screen(filter_dialog(self.store.snapshot(), self.filters), chosen)

    def _sync_search(self, text: str) -> None:
        box = self.query_one("#fb-search", Input)
        with box.prevent(Input.Changed):
            box.value = text
        box.display = bool(text)

    def action_cycle_kind(self) -> None:
        self._filter(self.filters.next_kind())

    def action_cycle_source(self) -> None:
        self._filter(self.filters.next_source())

    def action_filter_goal_here(self) -> None:
        goal_id = self.context_goal_id()
        if goal_id:
            self._filter(replace(self.filters, goal_id=goal_id))

    def action_clear_filters(self) -> None:
        self._sync_search("")
        if self.filters.active:
            self._filter(Filters())
        self.table.focus()

    # Tabs and the review ---------------------------------------------------------------------

    def action_switch_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = LOG_TAB if self.on_practice else PRACTICE_TAB

    def action_review_lessons(self) -> None:
        today = date.today()
        review_lessons(self, lessons_due(self.store.snapshot(), today), today)

    def action_toggle_review(self) -> None:
        entry = self.selected_entry() if not self.on_practice else None
        if entry is None:
            self.notify(self.nothing_selected(), markup=False)
            return
        updated = self.attempt(lambda: self.store.toggle_review(entry.id))
        if updated is not None:
            self.notify(review_toggled(updated, date.today()), markup=False)

    def action_review(self) -> None:
        from .review_screen import ReviewScreen

        self.app.push_screen(ReviewScreen(self.filters.goal_id))


def _count(shown: int, total: int) -> str:
    return f"({total:,})" if shown == total else f"({shown:,} of {total:,})"
