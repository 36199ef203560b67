"""Every SVG the project ships (README screenshots, snapshots) is well-formed XML.

The screenshot script and the app each marked the SVG ``xml:space="preserve"``, and the
doubled attribute made screenshots no viewer would open.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SVGS = sorted([*ROOT.glob("screenshots/*.svg"), *ROOT.glob("tests/__snapshots__/**/*.svg")])


def test_there_are_svgs_to_check() -> None:
    assert any(p.parent.name == "screenshots" for p in SVGS)
    assert any("__snapshots__" in p.parts for p in SVGS)


@pytest.mark.parametrize("path", SVGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_svg_is_well_formed(path: Path) -> None:
    root = ElementTree.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
