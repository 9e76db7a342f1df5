"""Snapshot tests of the TUI at 80×24 (pytest-textual-snapshot): every screen in English
with the dark theme and in Danish with the light theme.

Deterministic: the development assessment is copied under a fixed name into a temporary
folder, the UI language is fixed, no clock is shown, the recent-files list and the
settings live in a temporary config folder. Update with ``--snapshot-update`` and look at
the SVGs in ``tests/__snapshots__/test_tui_snapshots/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxassess.tui.app import CxApp

from test_tui import _isolated, dev_assessment, plugins  # noqa: F401 (fixtures)

SIZE = (80, 24)
LOOKS = [pytest.param("en", "textual-dark", id="en-dark"),
         pytest.param("da", "textual-light", id="da-light")]


def app_for(tmp_path, plugins, language: str, *, file: bool = True) -> CxApp:
    path = None
    if file:
        path = dev_assessment(tmp_path)
        path.write_text(path.read_text(encoding="utf-8").replace(
            'language = "en"', f'language = "{language}"'), encoding="utf-8")
        path = path.relative_to(tmp_path)  # the current folder: no temporary path shown
    return CxApp(path, plugins, language=language, remember_recent=False)


def looking(theme: str, *keys: str, wait_for_workers: bool = False):
    async def run_before(pilot):
        pilot.app.theme = theme
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if wait_for_workers:
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("language, theme", LOOKS)
def test_start_screen(snap_compare, tmp_path, plugins, language, theme):
    assert snap_compare(app_for(tmp_path, plugins, language, file=False), terminal_size=SIZE,
                        run_before=looking(theme))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_new_assessment_screen(snap_compare, tmp_path, plugins, language, theme, monkeypatch):
    # the form starts on today's date: a fixed one, so the picture is the same every day
    monkeypatch.setattr("cxassess.tui.screens.new.today", lambda: "2026-11-23")
    assert snap_compare(app_for(tmp_path, plugins, language, file=False), terminal_size=SIZE,
                        run_before=looking(theme, "ctrl+n"))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_question_screen(snap_compare, tmp_path, plugins, language, theme):
    """Resumed on the first unanswered question of the first respondent: the question,
    all five anchors and n/a, whose answers these are, progress, the keys."""
    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=looking(theme))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_question_screen_answered_with_importance_and_note(snap_compare, tmp_path, plugins,
                                                           language, theme):
    """The first question: answered (level 1), importance 5 and a note; help unfolded."""
    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=looking(theme, *["left"] * 5, "h"))


def test_question_screen_wide_with_the_list(snap_compare, tmp_path, plugins):
    """At 160×45 the list of questions shows beside the question."""
    assert snap_compare(app_for(tmp_path, plugins, "da"), terminal_size=(160, 45),
                        run_before=looking("textual-dark"))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_help_screen(snap_compare, tmp_path, plugins, language, theme):
    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=looking(theme, "question_mark"))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_results_screen(snap_compare, tmp_path, plugins, language, theme):
    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=looking(theme, "ctrl+r", wait_for_workers=True))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_results_screen_roadmap_unfolded(snap_compare, tmp_path, plugins, language, theme):
    """The details: the roadmap's section opened and scrolled to."""
    async def run_before(pilot):
        await looking(theme, "ctrl+r", wait_for_workers=True)(pilot)
        section = pilot.app.screen.query_one("#details-roadmap_all")
        section.collapsed = False
        await pilot.pause()
        pilot.app.screen.query_one("#results").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=run_before)


@pytest.mark.parametrize("language, theme", LOOKS)
def test_export_asks_before_replacing(snap_compare, tmp_path, plugins, language, theme):
    (tmp_path / "testfirma.xlsx").write_bytes(b"an executive's workbook")
    assert snap_compare(app_for(tmp_path, plugins, language), terminal_size=SIZE,
                        run_before=looking(theme, "ctrl+e", "enter"))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_read_only_file(snap_compare, tmp_path, plugins, language, theme):
    app = app_for(tmp_path, plugins, language)
    (tmp_path / app.file).chmod(0o444)
    assert snap_compare(app, terminal_size=SIZE, run_before=looking(theme))


@pytest.mark.parametrize("language, theme", LOOKS)
def test_error_screen(snap_compare, tmp_path, plugins, language, theme):
    (tmp_path / "broken.toml").write_text('format = 1\nquestionnaire = "dev.toml"\n'
                                          '[organisation\n', encoding="utf-8")
    app = CxApp(Path("broken.toml"), plugins, language=language, remember_recent=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=looking(theme))
