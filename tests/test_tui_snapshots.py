"""Snapshot tests of the TUI at 80×24 (pytest-textual-snapshot).

Deterministic: the development assessment is copied under a fixed name into a temporary
folder (only the file's name is shown on screen), the UI language is fixed, no clock is
shown, and the recent-files list is not touched. Update with ``--snapshot-update`` and
look at the SVGs in ``tests/__snapshots__/test_tui_snapshots/``.
"""

from __future__ import annotations

from cxassess.tui.app import CxApp

from test_tui import _isolated, dev_assessment, plugins  # noqa: F401 (fixtures)

SIZE = (80, 24)


def app_for(tmp_path, plugins, *, language: str = "en") -> CxApp:
    path = dev_assessment(tmp_path)
    if language != "en":
        path.write_text(path.read_text(encoding="utf-8").replace(
            'language = "en"', f'language = "{language}"'), encoding="utf-8")
    return CxApp(path, plugins, language="en", remember_recent=False)


def test_question_screen(snap_compare, tmp_path, plugins):
    """Resumed on the first unanswered question of the first respondent."""
    assert snap_compare(app_for(tmp_path, plugins), terminal_size=SIZE)


def test_question_screen_answered_with_importance_and_note(snap_compare, tmp_path, plugins):
    """The first question: answered (level 1), importance 5 and a note; help unfolded."""
    async def go_to_first(pilot):
        await pilot.press("left", "left", "left", "left", "left", "h")
        await pilot.pause()

    assert snap_compare(app_for(tmp_path, plugins), terminal_size=SIZE,
                        run_before=go_to_first)


def test_question_screen_danish_light_theme(snap_compare, tmp_path, plugins):
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app_for(tmp_path, plugins, language="da"), terminal_size=SIZE,
                        run_before=light)


def test_results_screen(snap_compare, tmp_path, plugins):
    assert snap_compare(app_for(tmp_path, plugins), terminal_size=SIZE,
                        press=["ctrl+r", "_"])


def test_results_screen_roadmap(snap_compare, tmp_path, plugins):
    """The end of the results: the roadmap phase by phase."""
    async def to_end(pilot):
        await pilot.press("ctrl+r")
        await pilot.pause()
        pilot.app.screen.query_one("#results").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(app_for(tmp_path, plugins), terminal_size=SIZE, run_before=to_end)
