"""What a demanding first user found walking every screen at 100x30 and 80x24 (each a test)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from masterytui.app import MasteryApp
from masterytui.store import MasteryStore

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


async def test_screenshots_keep_the_space_that_starts_a_styled_run(
    demo_store: MasteryStore, frozen: date
) -> None:
    """ "★ 1 win" and " this week" are two <text> runs: the SVG says its spaces are kept, or
    librsvg (rsvg-convert) drops the leading one and the picture reads "winthis week"."""
    demo_store.set_setting("welcomed", True)
    app = MasteryApp(demo_store, watch_file=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        svg = app.export_screenshot()
    root = ET.fromstring(svg)
    assert root.get(XML_SPACE) == "preserve"
    runs = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(run.startswith("\u00a0this\u00a0week") for run in runs)
