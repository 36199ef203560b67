"""A full disk or a refused write leaves the old file intact and says what failed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from masterytui.app import MasteryApp
from masterytui.dialogs.form import FormDialog
from masterytui.store import MasteryStore, WriteError
from masterytui.store import files as store_files
from tests.helpers import text_of


def failing(code: int) -> object:
    def fail(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
    ],
)
def test_failed_write_keeps_the_old_file(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    store.add_task("kept")
    before = store.path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(store_files.os, "fsync", failing(code))
        with pytest.raises(WriteError) as caught:
            store.add_task("lost to the full disk")
    assert words in str(caught.value) and str(store.path) in str(caught.value)
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir() if p.suffix == ".tmp"] == []
    assert [t.title for t in store.snapshot().tasks] == ["kept"]
    assert store.undo_label == "add task 'kept'"
    store.add_task("written once the disk has room")
    assert [t.title for t in MasteryStore(store.path).snapshot().tasks] == [
        "kept",
        "written once the disk has room",
    ]


def test_failed_rename_keeps_the_old_file(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_task("kept")
    before = store.path.read_bytes()
    monkeypatch.setattr(store_files.os, "replace", failing(errno.EACCES))
    with pytest.raises(WriteError):
        store.add_task("refused")
    assert store.path.read_bytes() == before
    leftovers = [p.name for p in Path(store.path.parent).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


async def test_the_form_keeps_what_was_typed_when_the_disk_is_full(
    store: MasteryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_setting("welcomed", True)
    app = MasteryApp(store, watch_file=False)
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(store_files.os, "fsync", failing(errno.ENOSPC))
        await pilot.press("t", *"Read chapter 3", "enter")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert "disk is full" in text_of(form.query_one("#error-form"))
        assert form.values()["title"] == "Read chapter 3"
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
    assert [t.title for t in store.snapshot().tasks] == ["Read chapter 3"]
