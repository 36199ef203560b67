"""Build the screens not yet shown while the user looks at the first one (issue #16).

Opening a screen the first time costs Textual far more than showing it again: it creates
and styles every widget, then lays them out. :func:`build_in_background` installs each mode
not yet visited, one at a time, after the first frame, waiting between them so a key pressed
meanwhile is answered first; a key that switches to a screen still being built waits only for
the rest of that build. Showing a built screen is then a resume, as cheap as Textual's own
repeat switch. Each screen draws its data on mount and again only when the data changed
(``MasteryScreen.maybe_refresh``), so building early never draws stale data.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from textual.app import App
from textual.screen import Screen

PAUSE = 0.05
"""Seconds between two builds: the event loop answers keys and draws in between."""


async def build_in_background(app: App[Any], modes: Iterable[str]) -> None:
    """Install each of ``modes`` the app has not installed yet, one after another."""
    for mode in modes:
        await asyncio.sleep(PAUSE)
        if not app.is_running or app._exit:
            return
        # What ``switch_mode`` does on a first visit, without switching: Textual has no
        # public call for it. The screen composes, mounts and styles in its own task.
        if mode not in app._screen_stacks:
            await app._init_mode(mode)
            await asyncio.sleep(PAUSE)
            if app.current_mode != mode:
                _prerender(app._screen_stacks[mode][0], app)


def _prerender(screen: Screen[Any], app: App[Any]) -> None:
    """Lay out and render ``screen`` off screen, so its first show reuses the result.

    A screen not shown is never laid out; its first show would arrange and render every
    widget (half a second for Progress at L). Its compositor does both here, and the result
    is thrown away: what stays is each widget's size and its cache of rendered lines.
    """
    screen._refresh_layout(app.size)
    screen._compositor.render_full_update()
