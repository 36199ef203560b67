"""Notices drawn in the frame that shows what they are about (issue #16).

Textual shows a notification by posting a message to the App, which then asks the screen's
``ToastRack`` to show it by ``call_later``, which mounts a new ``Toast``, whose layout is
done once it has mounted: the notice lands two or three frames after the change it tells
of (a form closing, then "20 min of practice logged" ~40 ms later at L). A
:class:`NoticeRack` is Textual's rack with its toasts mounted ahead: showing a notice
sets the text of a card that is already there, so the next frame (the one that closes the
form) draws it.

They look and behave as Textual's toasts (they are ``Toast`` widgets, styled by its CSS):
the newest at the bottom, each gone after its timeout, or at once when clicked. At most
:data:`CARDS` show at a time; older ones are still in the app's notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.notifications import Notification
from textual.timer import Timer
from textual.widgets._toast import Toast, ToastRack

CARDS = 4
"""Notices shown at once: a burst of them (a bulk change) shows its latest four."""

_BLANK = Notification("", timeout=0)


class NoticeCard(Toast):
    """A toast that stays mounted: :meth:`show` gives it a notification, or hides it."""

    DEFAULT_CSS = """
    NoticeCard { display: none; }
    NoticeCard.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__(_BLANK)

    @property
    def notification(self) -> Notification | None:
        return None if self._notification is _BLANK else self._notification

    def show(self, notification: Notification | None) -> None:
        """Show ``notification`` (None: hide the card)."""
        if notification is self.notification:
            return
        self._notification = _BLANK if notification is None else notification
        severity = "information" if notification is None else notification.severity
        for level in ("information", "warning", "error"):
            self.set_class(level == severity, f"-{level}")
        self.set_class(notification is not None, "-shown")
        self.refresh(layout=True)

    def _on_mount(self, event: events.Mount) -> None:
        # Not Toast's: its timer would remove the card; the rack times the notices.
        event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        """A click dismisses the notice (Toast's own handler would remove the card)."""
        event.prevent_default()
        event.stop()
        notification = self.notification
        if notification is not None:
            self.app._unnotify(notification)


class NoticeRack(ToastRack):
    """Textual's toast rack, its cards mounted ahead, shown and hidden without a mount."""

    _lapse: Timer | None = None

    _cards_mounted = False

    def on_mount(self) -> None:
        # The cards (and Toast's CSS, parsed when the first is mounted) wait for the app's
        # first frame, which has no notice to draw: launch pays for none of it. The App
        # mounts the first screen's then; a screen built later mounts its own at once.
        if getattr(self.app, "painted", True):
            self.mount_cards()

    def mount_cards(self) -> None:
        """Mount the cards (once); notices raised before they were there show then."""
        if self._cards_mounted:
            return
        self._cards_mounted = True
        self.call_next(self._mount_then_show)

    async def _mount_then_show(self) -> None:
        await self.mount_all(NoticeCard() for _ in range(CARDS))
        if self.screen.is_current:
            self.app._refresh_notifications()

    def show(self, notifications: Iterable[Notification]) -> None:
        """Show the latest live ``notifications``; hide the cards of the rest."""
        live = [notification for notification in notifications if not notification.has_expired]
        shown = live[-CARDS:]
        cards = list(self.query_children(NoticeCard))
        before = [card.notification for card in cards]
        # The newest at the bottom, as Textual's rack stacks them.
        padded: list[Notification | None] = [None] * (len(cards) - len(shown)) + list(shown)
        for card, notification in zip(cards, padded[-len(cards) :], strict=False):
            card.show(notification)
        self.display = bool(shown)
        if before != [card.notification for card in cards] and self.screen.is_current:
            # The screen's next frame lays out the cards: a card's own request would reach
            # the screen by a message, after that frame.
            self.screen.refresh(layout=True)
        if self._lapse is not None:
            self._lapse.stop()
            self._lapse = None
        if shown:
            # Each notice goes when its time is up; the next to go sets the timer.
            soonest = min(notification.time_left for notification in shown)
            self._lapse = self.set_timer(max(soonest, 0.0) + 0.01, self._lapsed)

    def _lapsed(self) -> None:
        self._lapse = None
        self.app._refresh_notifications()

    def notices(self) -> list[Notification]:
        """The notifications the cards show now, oldest first."""
        found = (card.notification for card in self.query_children(NoticeCard))
        return [notification for notification in found if notification is not None]


def find_rack(screen: Any) -> NoticeRack | None:
    """The notice rack of ``screen``, if it has one (the app's screens do)."""
    for child in getattr(screen, "_nodes", ()):
        if isinstance(child, NoticeRack):
            return child
    return None
