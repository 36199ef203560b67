"""Notices in the frame that shows their change (issue #16): the screens' toast rack has
its cards mounted ahead, so "20 min of practice logged" is drawn with the form closing,
not two or three frames later; the notices still go after their timeout, on a click, and
follow the user from screen to screen."""

from __future__ import annotations

import threading
from typing import Any

from masterytui.app import MasteryApp
from masterytui.screens.base import MasteryScreen
from masterytui.store import MasteryStore
from masterytui.widgets.notices import CARDS, NoticeCard, NoticeRack, find_rack
from tests.helpers import wait_until

SIZE = (100, 30)


def prepared(store: MasteryStore, screen: str = "board") -> None:
    store.set_setting("welcomed", True)
    store.set_setting("last_screen", screen)
    store.add_goal("Guitar", "mastery")


def rack(app: MasteryApp) -> NoticeRack:
    found = find_rack(app.screen)
    assert found is not None, f"{app.screen} has no notice rack"
    return found


def shown(app: MasteryApp) -> list[str]:
    return [notification.message for notification in rack(app).notices()]


async def cards_ready(pilot: Any, app: MasteryApp) -> None:
    """Wait for the screen's cards (mounted once the first frame and its keys are shown)."""
    await wait_until(
        pilot,
        lambda: (
            find_rack(app.screen) is not None and len(rack(app).query_children(NoticeCard)) == CARDS
        ),
        "the notice cards",
    )


def drawn_cards(screen: Any) -> list[str]:
    """The messages of the notice cards the screen's compositor draws."""
    return [
        widget.notification.message
        for widget in screen._compositor.visible_widgets
        if isinstance(widget, NoticeCard) and widget.notification is not None
    ]


async def test_a_notice_is_in_the_first_frame_that_closes_its_form(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    frames: list[tuple[str, list[str]]] = []
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        if renderable is not None and not app._batch_count:
            frames.append((type(screen).__name__, drawn_cards(screen)))
        display(screen, renderable)

    app._display = recording  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        await pilot.press("p")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "PracticeForm", "the form")
        await pilot.press("ctrl+a", *"25")
        await pilot.pause()
        frames.clear()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MasteryScreen), "the form closed")
        await wait_until(pilot, lambda: any(name == "BoardScreen" for name, _ in frames), "a frame")
        first = next(cards for name, cards in frames if name == "BoardScreen")
        assert any("25 min of practice logged" in message for message in first), frames


async def test_notices_stack_newest_last_and_show_at_most_the_latest(
    store: MasteryStore,
) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        for number in range(CARDS + 2):
            app.notify(f"notice {number}", timeout=60)
        latest = [f"notice {number}" for number in range(2, CARDS + 2)]
        await wait_until(pilot, lambda: shown(app) == latest, "the latest notices")
        # All of them are still the app's: only the drawing is limited.
        assert len(list(app._notifications)) == CARDS + 2


async def test_a_notice_goes_after_its_timeout(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        app.notify("stays", timeout=60)
        app.notify("goes", timeout=0.2)
        await wait_until(pilot, lambda: shown(app) == ["stays", "goes"], "both notices")
        await wait_until(pilot, lambda: shown(app) == ["stays"], "the short one gone")
        assert rack(app).display


async def test_the_rack_hides_when_the_last_notice_goes(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        app.notify("brief", timeout=0.1)
        assert rack(app).display  # shown at once, not on a later message
        await wait_until(pilot, lambda: not rack(app).display, "the rack hidden")
        assert shown(app) == []


async def test_a_click_dismisses_a_notice(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        app.notify("click me", timeout=60)
        app.notify("keep me", timeout=60)
        await pilot.pause()
        card = next(c for c in rack(app).query(NoticeCard) if c.notification is not None)
        assert card.notification is not None and card.notification.message == "click me"
        await pilot.click(card)
        await wait_until(pilot, lambda: shown(app) == ["keep me"], "the clicked one gone")
        # The card stays mounted, ready for the next notice.
        assert card.is_mounted
        assert [n.message for n in app._notifications] == ["keep me"]


async def test_notices_follow_the_user_to_another_screen(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        app.notify("still here", timeout=60)
        await pilot.pause()
        await pilot.press("1")
        await wait_until(pilot, lambda: app.current_mode == "goals", "Goals")
        await wait_until(pilot, lambda: shown(app) == ["still here"], "the notice on Goals")


async def test_a_notice_from_another_thread_is_shown(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        worker = threading.Thread(target=app.notify, args=("from a thread",))
        worker.start()
        worker.join()
        await wait_until(pilot, lambda: shown(app) == ["from a thread"], "the notice")


async def test_a_notice_shows_user_text_literally(store: MasteryStore) -> None:
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await cards_ready(pilot, app)
        app.notify("[b]not bold[/b] \x1b[31mred", markup=False)
        await pilot.pause()
        card = next(c for c in rack(app).query(NoticeCard) if c.notification is not None)
        text = str(card.render())
        assert "[b]not bold[/b]" in text
        assert "\x1b" not in text


async def test_without_notifications_there_is_no_rack(store: MasteryStore) -> None:
    """As Textual's: a test app without notifications draws none (snapshots stay still)."""
    prepared(store)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=SIZE) as pilot:
        app.notify("recorded, not drawn")
        await pilot.pause()
        assert find_rack(app.screen) is None
        assert [n.message for n in app._notifications] == ["recorded, not drawn"]


async def test_the_cards_wait_for_the_first_frame_and_an_early_notice_shows(
    store: MasteryStore,
) -> None:
    """Launch mounts no card (nor parses Toast's CSS) before its first frame; a notice
    raised before the cards are there shows once they are."""
    prepared(store, "goals")
    app = MasteryApp(store, watch_file=False)
    at_first_frame: list[int] = []
    display = app._display
    first_frame = app._first_frame

    def recording(screen: Any, renderable: Any) -> None:
        if renderable is not None and not app._batch_count and not at_first_frame:
            at_first_frame.append(len(screen.query(NoticeCard)))
        display(screen, renderable)

    def early() -> None:
        app.notify("raised before the cards", timeout=60)
        first_frame()

    app._display = recording  # type: ignore[method-assign]
    app._first_frame = early  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(at_first_frame), "the first frame")
        assert at_first_frame == [0]
        await wait_until(
            pilot, lambda: shown(app) == ["raised before the cards"], "the early notice"
        )
        assert len(rack(app).query(NoticeCard)) == CARDS
