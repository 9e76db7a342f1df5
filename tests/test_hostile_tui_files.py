"""The terminal app's own file handling under hostile conditions: an export that cannot
be written (a read-only workbook, a folder of that name, a full disk), scoring that
fails, and odd files in its config folder (a FIFO, a link to a device, a path too long
in the recent list). The app tells and stays; nothing of the user's is replaced."""

from __future__ import annotations

import json
import os
import threading

import pytest
from textual.widgets import Input, Select, Static

from cxassess.errors import InputError
from cxassess.tui import recent, settings
from cxassess.tui.screens.dialogs import ExportDialog
from cxassess.tui.screens.error import ErrorScreen
from cxassess.tui.screens.new import NewAssessmentScreen
from cxassess.tui.screens.question import QuestionScreen
from cxassess.tui.screens.results import ResultsScreen
from cxassess.tui.screens.start import StartScreen

from test_tui import (_isolated, dev_assessment, plugins, press_button, run_async,  # noqa: F401
                      running, settle, type_into)


@pytest.mark.parametrize("target", ["read-only", "folder", "disk full"])
@run_async
async def test_an_export_that_cannot_be_written_is_told_and_the_app_stays(  # noqa: F811
        tmp_path, plugins, monkeypatch, target):
    """The export ran in a worker that ended the app on any error: replacing a read-only
    workbook, or a full disk, closed the app with a traceback."""
    path = dev_assessment(tmp_path)
    workbook = tmp_path / "testfirma.xlsx"
    if target == "folder":
        workbook.mkdir()
    else:
        workbook.write_bytes(b"the executive's copy")
        if target == "read-only":
            workbook.chmod(0o444)
        else:
            def full(*args, **kwargs):
                raise InputError(f"{workbook}: cannot write (No space left on device)")

            monkeypatch.setattr("cxassess.export.excel.atomic_write_bytes", full)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # the default path: it exists, so asked
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog), "the dialog stays for another path"
        said = dialog.query_one("#dialog-error", Static).render().plain
        assert {"read-only": "read-only", "folder": "folder",
                "disk full": "No space left on device"}[target] in said, said
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert app.return_code in (None, 0)
    if target != "folder":
        assert workbook.read_bytes() == b"the executive's copy"


@run_async
async def test_scoring_that_fails_is_told_and_the_app_stays(tmp_path, plugins,  # noqa: F811
                                                           monkeypatch):
    def broken(self):
        raise InputError(f"{path}: previous: old.toml: no such file")

    path = dev_assessment(tmp_path)
    monkeypatch.setattr("cxassess.tui.session.Session.evaluate", broken)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert not isinstance(app.screen, ResultsScreen)
        assert any("no such file" in n.message for n in app._notifications)
        await pilot.press("3")  # still answering
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert app.return_code in (None, 0)


def _within(seconds: float, call):
    """``call()``, on a thread so a hang fails the test instead of stopping the suite."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"{call} did not return within {seconds} s"
    return result[0]


@pytest.mark.parametrize("odd", ["fifo", "device", "folder", "huge"])
def test_an_odd_file_in_the_config_folder_counts_as_empty(tmp_path, odd):
    """A FIFO as recent.json made the app wait before its first screen; a link to
    /dev/zero filled memory."""
    folder = settings.config_dir()
    folder.mkdir(parents=True)
    for name in ("recent.json", "settings.json"):
        target = folder / name
        if odd == "fifo":
            os.mkfifo(target)
        elif odd == "device":
            target.symlink_to("/dev/zero")
        elif odd == "folder":
            target.mkdir()
        else:
            target.write_text(json.dumps({"theme": "x" * (2 << 20)}), encoding="utf-8")
    assert _within(20, recent.load_recent) == []
    assert _within(20, settings.load_theme) is None
    _within(20, lambda: settings.save_theme("textual-dark"))  # nothing to write over: kept
    if odd == "huge":
        assert settings.load_theme() == "textual-dark"


def test_a_recent_file_list_naming_unusable_paths_is_read_past(tmp_path):
    """A path too long to look at stopped the start screen with OSError."""
    kept = tmp_path / "kept.toml"
    kept.write_text("", encoding="utf-8")
    folder = settings.config_dir()
    folder.mkdir(parents=True)
    (folder / "recent.json").write_text(json.dumps({"recent": [
        "x" * 5000, "/a/" + "y" * 300, "nul\0byte", str(kept)]}), encoding="utf-8")
    assert recent.load_recent() == [kept]


TOO_LONG = "x" * 300
"""A file name longer than a file system allows: looking at it is an error, not "missing"
(as is a path into a folder the user may not enter)."""


@run_async
async def test_a_path_that_cannot_be_looked_at_is_told_where_it_is_typed(tmp_path,  # noqa: F811
                                                                        plugins):
    """Typed into the start screen, the new assessment's "save as" or the export dialog,
    such a path stopped the app with OSError."""
    path = dev_assessment(tmp_path)
    async with running(None, plugins) as pilot:
        app = pilot.app
        await type_into(pilot, "#open-path", TOO_LONG + ".toml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "too long" in app.screen.query_one("#start-error", Static).render().plain

        await pilot.click("#new")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewAssessmentScreen)
        screen.query_one("#questionnaire", Select).value = "dev"
        await type_into(pilot, "#org-name", "Kunde A/S")
        await type_into(pilot, "#resp-name", "Mette")
        await type_into(pilot, "#save-path", TOO_LONG + ".toml")
        await press_button(pilot, "#create")
        assert isinstance(app.screen, NewAssessmentScreen)
        assert "too long" in screen.query_one("#new-error", Static).render().plain
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(tmp_path / (TOO_LONG + ".xlsx"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "too long" in dialog.query_one("#dialog-error", Static).render().plain
    assert app.return_code in (None, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "dev.toml", "testfirma.toml"]


@pytest.mark.parametrize("odd", ["folder", "fifo"])
@run_async
async def test_a_file_replaced_by_a_folder_or_fifo_while_open_is_a_change(tmp_path,  # noqa: F811
                                                                         plugins, odd):
    """Another program put a folder (or a FIFO) where the assessment was: the banner said
    "you may not write in its folder" and F5 was not offered; it is a change by another
    program, and F5 tells what is there now."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        path.unlink()
        if odd == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)
        await pilot.press("3")
        await pilot.pause()
        banner = app.screen.query_one("#banner", Static)
        assert banner.display and "another program changed the file" in banner.render().plain
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
    assert app.return_code in (None, 0)


def test_a_change_made_while_the_file_is_being_opened_is_not_overwritten(tmp_path,  # noqa: F811
                                                                        plugins,
                                                                        monkeypatch):
    """The file was read twice on opening (to load it, then to remember it): a save by
    another program in between was taken for the app's own, and the first answer
    overwrote it."""
    from cxassess import pipeline
    from cxassess.tui.session import FileProblem, Session

    path = dev_assessment(tmp_path)
    theirs = path.read_text(encoding="utf-8").replace("Testfirma ApS", "Their Edit A/S")
    real = pipeline.load

    def loaded_then_changed(*args, **kwargs):
        loaded = real(*args, **kwargs)
        path.write_text(theirs, encoding="utf-8")  # another program saves just then
        return loaded

    monkeypatch.setattr(pipeline, "load", loaded_then_changed)
    session = Session.open(path, plugins)
    try:
        with pytest.raises(FileProblem):
            session.set_level("fix-staff", 3)
        assert session.problem == "changed"
    finally:
        session.close()
    assert path.read_text(encoding="utf-8") == theirs
