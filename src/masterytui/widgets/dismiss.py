"""Screens that are dismissed once, and a command palette that survives fast hands.

Textual 8.2.8's ``Screen.dismiss`` pops whatever screen is on top: called a second time (a
click on the palette's background and Enter in the same read of the terminal, both queued
to the palette before it is gone) it pops the screen *under* it, a form with what the user
typed, or raises ``ScreenStackError`` on the last screen and ends the app. Textual once
refused to dismiss a screen that is not the active one (Textualize/textual#2575, #2580);
8.2.8 no longer checks. :class:`DismissOnce` does: a screen that is not on top any more is
not dismissed again.
"""

from __future__ import annotations

from textual import on, work
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.events import Click
from textual.message import Message
from textual.screen import Screen, ScreenResultType
from textual.widgets import Button, Input, OptionList


class DismissOnce(Screen[ScreenResultType]):
    """A screen whose :meth:`dismiss` does nothing unless it is the active screen.

    Mix it in *after* the screen's own base (``class D(ModalScreen[T], DismissOnce[T])``):
    Textual takes CSS and component classes from the first base only.
    """

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if not self.is_active:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done  # already dismissed (or covered by another screen): not again
        return super().dismiss(result)


class SafeCommandPalette(CommandPalette, DismissOnce[None]):
    """Textual's command palette, closed once however many gestures arrive at once.

    Besides a single dismiss, what was queued to it before it closed is dropped: a command
    chosen after a click closed the palette does not run, and a search typed or pasted
    after it closed does not start looking for commands in a palette that is gone (the
    ``NoMatches: CommandList`` of ``_gather_commands``).
    """

    @on(Click)
    @on(Input.Changed)
    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _drop_when_closed(self, event: Message) -> None:
        if not self.is_active:
            event.stop()
            event.prevent_default()  # Textual's own handlers of the palette are skipped

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        gather = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
        try:
            await gather(self, search_value)
        except NoMatches:
            if self.is_active:
                raise  # not the race this guards against
