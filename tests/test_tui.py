"""The Textual app, driven with Textual's Pilot at 80×24.

Every test runs in a temporary folder with its own config folder (recent files), a fixed
UI language, the built-in scorers and the development questionnaire (``dev``) offered
through a plugin, so nothing depends on this machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import gc
import functools
import io
import json
import os
import shutil
import textwrap
import threading
import weakref
from unittest import mock
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content
from textual.style import Style
from textual.widgets import Input, OptionList, Select, Static

from cxassess import frozen, hookimpl
from cxassess.loading import InputError, load_assessment_data
from cxassess.plugins import load_plugins
from cxassess.tui.app import CxApp
from cxassess.tui.question_list import QuestionList
from cxassess.tui import question_view
from cxassess.tui.question_view import QuestionView
from cxassess.tui.respondent_bar import RespondentBar, RespondentPicker
from cxassess.tui.widgets import KeyFooter, OneLine, SplitLine
from cxassess.tui.screens.dialogs import (AddRespondentDialog, ConfirmDialog, ExportDialog,
                                          HelpScreen)
from cxassess.tui.screens.error import ErrorScreen
from cxassess.tui.screens.new import NewAssessmentScreen
from cxassess.tui.screens.question import QuestionScreen
from cxassess.tui.screens.results import ResultsScreen
from cxassess.tui.screens.start import StartScreen

from helpers import BUILTIN_ONLY, FIXTURES, ROOT, rows_by_id, table_header, type_work

SIZE = (80, 24)
DEV_IDS = ["understand-journey", "understand-data", "fix-tracking", "fix-staff",
           "refine-peaks", "refine-feedback", "seduce-omnichannel", "seduce-cxm"]


class DevQuestionnaire:
    """Offers the development questionnaire (id ``dev``) to the catalog."""

    @hookimpl
    def cxassess_questionnaires(self):
        return [str(FIXTURES / "dev.toml")]


@pytest.fixture
def plugins():
    p = load_plugins(env=BUILTIN_ONLY)
    p.register(DevQuestionnaire(), "dev-questionnaire")
    return p


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CXASSESS_LANG", "en")


def run_async(test):
    """Run an ``async`` test function with asyncio (no pytest plugin needed)."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return wrapper


@contextlib.asynccontextmanager
async def running(path, plugins):
    """The app on ``path`` (None: the start screen) at 80×24, started and settled."""
    app = CxApp(path, plugins)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield pilot


def dev_assessment(tmp_path: Path, name: str = "testfirma.toml") -> Path:
    """A copy of the development assessment (and its questionnaire) in ``tmp_path``."""
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    target = tmp_path / name
    shutil.copy(FIXTURES / "dev-assessment.toml", target)
    return target


def shown_text_of(widget) -> str:
    """The text a Static shows, rich tables and all."""
    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    if isinstance(content, Content):
        return content.plain
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def shown_text(screen) -> str:
    """The text of every Static on ``screen`` (folded sections too)."""
    return "\n".join(shown_text_of(widget) for widget in screen.query(Static))


async def settle(pilot) -> None:
    """Wait for the app's workers (scoring, export) and let the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press_button(pilot, selector: str) -> None:
    """Focus a button (which scrolls it into view) and press it with Enter."""
    button = pilot.app.screen.query_one(selector)
    while button.has_class("-active"):  # a button ignores presses while it flashes
        await pilot.pause(0.05)
    button.focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def answers(path: Path, respondent: int = 0) -> dict:
    assessment, _ = load_assessment_data(path)
    return assessment.respondents[respondent].answers


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)


# --------------------------------------------------------------------------- the whole flow


@run_async
async def test_whole_assessment_new_answer_navigate_results_export(tmp_path, plugins):
    import openpyxl

    from cxassess.export.excel import SHEETS

    async with running(None, plugins) as pilot:
        app = pilot.app
        assert isinstance(app.screen, StartScreen)

        # 1. new assessment
        await pilot.click("#new")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewAssessmentScreen)
        screen.query_one("#questionnaire", Select).value = "dev"
        screen.query_one("#language", Select).value = "en"
        await type_into(pilot, "#org-name", "Bager Ærø ApS")
        await pilot.pause()
        assert screen.query_one("#save-path", Input).value == "bager-aeroe-aps.toml"
        await type_into(pilot, "#org-sector", "Fødevarer")
        await type_into(pilot, "#resp-name", "Anna")
        await type_into(pilot, "#resp-dept", "Kundeservice")
        await pilot.press("enter")  # adds Anna
        await type_into(pilot, "#resp-name", "Bo")
        await type_into(pilot, "#resp-dept", "Salg")
        await press_button(pilot, "#add-resp")
        assert screen.respondents == [("Anna", "Kundeservice"), ("Bo", "Salg")]
        await press_button(pilot, "#create")

        path = tmp_path / "bager-aeroe-aps.toml"
        assert path.is_file()
        q = app.screen
        assert isinstance(q, QuestionScreen)
        assert q.index == 0 and q.session.respondent == 0
        assessment, _ = load_assessment_data(path)
        assert assessment.questionnaire == "dev"
        assert assessment.organisation.name == "Bager Ærø ApS"
        assert [(r.name, r.department) for r in assessment.respondents] == \
            [("Anna", "Kundeservice"), ("Bo", "Salg")]

        # 2. digits answer and move on; every answer is in the file at once
        await pilot.press("2")
        assert answers(path)["understand-journey"].level == 2
        assert q.index == 1
        await pilot.press("n")
        assert answers(path)["understand-data"].not_applicable
        await pilot.press("3", "1")
        assert q.index == 4
        progress = q.query_one("#respondent", RespondentBar).right.plain
        assert progress.split("  ")[-1].startswith("4/8")

        # 3. back and change an answer (← and PageUp), then forward again
        await pilot.press("left", "pageup")
        assert q.index == 2
        await pilot.press("0")
        assert answers(path)["fix-tracking"].level == 0
        assert q.index == 3
        await pilot.press("right", "pagedown", "pageup")
        assert q.index == 4

        # importance (the question asks it), and a note saved when the field is left
        await pilot.press("plus", "plus", "plus", "plus", "minus")
        assert answers(path)["refine-peaks"].importance == 3
        await type_into(pilot, "#note", "Kun i butikken, æøå 123")
        assert q.index == 4, "digits typed into the note must not answer"
        await pilot.press("tab")
        await pilot.pause()
        saved = answers(path)["refine-peaks"]
        assert saved.note == "Kun i butikken, æøå 123" and saved.importance == 3
        assert saved.level is None and not saved.not_applicable

        # the list of questions is folded away at 80 columns; l shows it, and it is
        # clickable: go to the first question and change its answer
        await pilot.press("l")
        await pilot.pause()
        sidebar = q.query_one("#sidebar", QuestionList)
        assert sidebar.display
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("understand-journey")
        await pilot.pause()
        assert q.index == 0
        await pilot.press("4")
        assert answers(path)["understand-journey"].level == 4

        # 4. another respondent
        await pilot.press("r")
        await pilot.pause()
        assert q.session.respondent == 1 and q.index == 0
        await pilot.press("1", "2")
        bo = answers(path, 1)
        assert bo["understand-journey"].level == 1 and bo["understand-data"].level == 2
        assert answers(path)["understand-journey"].level == 4  # Anna untouched

        # 5. results
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        report = results.result.report
        assert report.organisation == "Bager Ærø ApS"
        assert report.current_stage in ("understand", "fix", "refine", "seduce")
        assert results.result.roadmap.phases
        text = shown_text(results)
        assert "Current stage" in text and "Roadmap" in text

        # 6. export from the results screen with the default path
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == "bager-aeroe-aps.xlsx"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        workbook = tmp_path / "bager-aeroe-aps.xlsx"
        assert workbook.is_file()
        wb = openpyxl.load_workbook(workbook)
        assert wb.sheetnames == list(SHEETS["en"].values())  # the assessment's language
        summary = [c.value for row in wb[SHEETS["en"]["summary"]].iter_rows() for c in row]
        assert any("Bager Ærø ApS" in str(v) for v in summary), "the workbook of this assessment"

        # escape returns to the questions, where answers can still be changed
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is q

    # the file is a valid assessment in the documented format
    assessment, data = load_assessment_data(path)
    assert data["format"] == 1 and data["language"] == "en"
    assert answers(path)["understand-data"].not_applicable


# --------------------------------------------------------------------------- opening files


@pytest.mark.parametrize("content, expected", [
    (b'format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n[organisation]\nname = "X"\n'
     b'[[respondents]]\nname = "A"\n[respondents.answers]\n"fix-tracking" = 7\n',
     'respondents[0].answers."fix-tracking"'),
    (b'format = 1\nquestionnaire = "dev.toml"\n[organisation\nname = "X"\n', "line 3"),
    (b'format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n[organisation]\nname = "X"\n'
     b'[[respondents]]\nname = "A"\n[respondents.answers]\n"no-such-question" = 1\n',
     "unknown question id 'no-such-question'"),
    (b'format = 1\nquestionnaire = "nope"\n[organisation]\nname = "X"\n',
     "unknown questionnaire id 'nope'"),
])
@run_async
async def test_invalid_file_shows_the_error_and_is_never_written(tmp_path, plugins, content,
                                                                 expected):
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    async with running(path, plugins) as pilot:
        app = pilot.app
        assert isinstance(app.screen, ErrorScreen)
        message = app.screen.query_one("#error-message", Static).render().plain
        assert expected in message
        assert str(path) in message
        await pilot.press("2", "n", "ctrl+s", "ctrl+r", "ctrl+e")
        await pilot.pause()
        assert path.read_bytes() == content
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@run_async
async def test_resume_lands_on_the_first_unanswered_question(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    before = path.read_bytes()
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        assert isinstance(q, QuestionScreen)
        assert q.session.respondent == 0
        # Anna answered everything up to refine-peaks (n/a) but not refine-feedback
        assert q.question.id == "refine-feedback"
        assert "Feedback reaches frontline" in q.query_one("#question", QuestionView).plain
        assert q.query_one("#respondent", RespondentBar).right.plain.startswith("1 of 2  6/8")
        assert q.query_one("#respondent", RespondentBar).value == 0
        assert q.query_one("#topbar", SplitLine).right.plain == "all respondents: 9/16"
        await pilot.press("l")  # the list of questions, folded at 80 columns
        await pilot.pause()
        sidebar = q.query_one("#sidebar", QuestionList)
        assert sidebar.highlighted_option.id == "refine-feedback"
        # switching respondent opens the new respondent's first unanswered question
        q.query_one("#respondent", RespondentBar).value = 1
        await pilot.pause()
        assert q.session.respondent == 1 and q.question.id == "understand-data"
    assert path.read_bytes() == before, "opening and looking must not rewrite the file"


@run_async
async def test_a_file_that_does_not_exist_starts_a_new_assessment_there(tmp_path, plugins):
    path = tmp_path / "sub" / "kunde.toml"
    path.parent.mkdir()
    async with running(path, plugins) as pilot:
        app = pilot.app
        screen = app.screen
        assert isinstance(screen, NewAssessmentScreen)
        assert screen.query_one("#save-path", Input).value == str(path)
        screen.query_one("#questionnaire", Select).value = "dev"
        await type_into(pilot, "#org-name", "Kunde A/S")
        assert screen.query_one("#save-path", Input).value == str(path), \
            "the path from the command line is kept"
        await type_into(pilot, "#resp-name", "Mette")  # typed but not added: counts
        await press_button(pilot, "#create")
        assert isinstance(app.screen, QuestionScreen)
    assessment, _ = load_assessment_data(path)
    assert assessment.respondents[0].name == "Mette"


@run_async
async def test_new_assessment_never_overwrites_an_existing_file(tmp_path, plugins):
    existing = tmp_path / "kunde-a-s.toml"
    existing.write_text("# not ours\n", encoding="utf-8")
    async with running(None, plugins) as pilot:
        app = pilot.app
        await pilot.click("#new")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#questionnaire", Select).value = "dev"
        await type_into(pilot, "#org-name", "Kunde A/S")
        await type_into(pilot, "#resp-name", "Mette")
        await press_button(pilot, "#create")
        assert isinstance(app.screen, NewAssessmentScreen)
        error = screen.query_one("#new-error", Static).render().plain
        assert "already exists" in error
        # and the form asks for what is missing
        await type_into(pilot, "#save-path", "")
        screen.query_one("#org-name", Input).value = ""
        await press_button(pilot, "#create")
        assert "organisation" in screen.query_one("#new-error", Static).render().plain
    assert existing.read_text(encoding="utf-8") == "# not ours\n"


# --------------------------------------------------------------------------- saving


@run_async
async def test_a_failed_save_is_reported_and_not_shown_as_answered(tmp_path, plugins,
                                                                   monkeypatch):
    path = dev_assessment(tmp_path)
    before = path.read_bytes()
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        index = q.index

        def fail(*args, **kwargs):
            raise InputError(f"{path}: cannot write (No space left on device)")

        monkeypatch.setattr("cxassess.tui.session.atomic_write_bytes", fail)
        await pilot.press("3")
        await pilot.pause()
        assert q.index == index, "a change that was not saved does not move on"
        assert q.session.answer("refine-feedback") is None
        banner = q.query_one("#banner", Static)
        assert banner.display
        assert "NOT SAVED" in banner.render().plain
        await pilot.press("4")  # still failing: the banner stays
        await pilot.pause()
        assert banner.display
        monkeypatch.undo()
        await pilot.press("2")  # a save that succeeds takes the banner away
        await pilot.pause()
        assert not banner.display
        assert answers(path)["refine-feedback"].level == 2
        path.write_bytes(before)
    assert path.read_bytes() == before


@pytest.mark.parametrize("language, full, kept", [
    ("en", "the file could not be written: the disk is full", "Nothing saved before is lost"),
    ("da", "filen kunne ikke skrives: disken er fuld", "Intet gemt er tabt"),
])
@run_async
async def test_a_full_disk_is_named_and_nothing_saved_is_lost(tmp_path, plugins, monkeypatch,
                                                               language, full, kept):
    """The banner said only "the file could not be written": it names the system's
    reason (in the assessment's language) and says what was kept."""
    path = dev_assessment(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'language = "en"', f'language = "{language}"'), encoding="utf-8")
    before = path.read_bytes()
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        banner = q.banner  # mounted when first needed
        with monkeypatch.context() as disk:
            def no_room(fd):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            disk.setattr(os, "fsync", no_room)
            await pilot.press("3")
            await pilot.pause()
            said = " ".join(banner.render().plain.split())
            assert banner.display and full in said and kept in said, said
            assert path.read_bytes() == before, "the file keeps every earlier answer"
        await pilot.press("3")  # room again: saved, and the banner goes
        await pilot.pause()
        assert not banner.display
        assert answers(path)["refine-feedback"].level == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_every_system_error_the_banner_names_has_words_in_both_languages():
    from cxassess.tui.i18n import LABELS
    from cxassess.tui.session import WRITE_ERRORS

    for code in WRITE_ERRORS:
        assert all(LABELS[lang].get("os_" + errno.errorcode[code]) for lang in ("en", "da"))


@run_async
async def test_a_note_is_saved_while_typing_without_leaving_the_field(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await type_into(pilot, "#note", "Ugentlig rapport")
        await pilot.pause(0.4)  # a little more than the debounce: as a kill -9 would find it
        assert answers(path)["refine-feedback"].note == "Ugentlig rapport"
        assert app.focused.id == "note"


@run_async
async def test_the_question_screen_thaws_only_what_it_froze(tmp_path, plugins, monkeypatch):
    """The screen froze its objects out of the collector's way and thawed everything when
    it closed, the command's start-up freeze too: now what start-up froze stays frozen,
    and what the closed screen held is collected (when the next one settles)."""
    monkeypatch.setattr(frozen, "_for_life", False)
    monkeypatch.setattr(frozen, "_holders", 0)
    monkeypatch.setattr(frozen, "_stale", False)
    start_up = [object()]  # built before the command's start-up freeze
    frozen.for_life()
    try:
        async with running(dev_assessment(tmp_path), plugins) as pilot:
            screen = weakref.ref(pilot.app.screen)
            assert isinstance(screen(), QuestionScreen) and screen()._held
            pilot.app.show_start()  # the question screen closes …
            await pilot.pause()
            assert isinstance(pilot.app.screen, StartScreen)
            assert not any(o is start_up for o in gc.get_objects()), "start-up's still frozen"
            pilot.app.open_path(Path("testfirma.toml"))  # … and another opens
            await pilot.pause()
            assert isinstance(pilot.app.screen, QuestionScreen) and pilot.app.screen._held
            assert screen() is None, "what the closed screen held was collected"
            assert not any(o is start_up for o in gc.get_objects()), "start-up's still frozen"
    finally:
        gc.unfreeze()


@run_async
async def test_a_note_is_added_to_and_escape_gives_the_keys_back(tmp_path, plugins):
    """In tmux a consultant tabbed into a note to add to it and the first key replaced it
    (Textual's Input selects its text on focus); Escape did nothing, so the next digit
    went into the note; and the footer offered + and − though they type there."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        q.go(0)  # Anna's first question: "Only sales journey"
        await pilot.pause()

        def footer_keys() -> set[str]:
            return {key for key, _, _ in q.query_one(KeyFooter).keys}

        assert "escape" not in footer_keys() and "plus" in footer_keys()
        await pilot.press("tab")
        await pilot.pause()
        assert q.focused is q.note
        assert "escape" in footer_keys() and not {"plus", "minus"} & footer_keys()
        await pilot.press(*" so far")
        await pilot.press("escape")
        await pilot.pause()
        assert q.focused is q.view
        assert answers(path)["understand-journey"].note == "Only sales journey so far"
        await pilot.press("3")  # answers again
        assert answers(path)["understand-journey"].level == 3
        assert q.index == 1


@run_async
async def test_all_answered_says_who_still_has_questions_open(tmp_path, plugins):
    """Anna done: the message named only the results, while Bo had questions open."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        said: list[str] = []
        q.notify = lambda message, **kwargs: said.append(message)
        for qid in ("refine-feedback", "seduce-omnichannel", "refine-peaks"):
            q.go(DEV_IDS.index(qid))  # the last open one is not the last question;
            await pilot.press("2")  # and changing an answer then says nothing again
        assert said == [("All questions answered for Anna (Customer service). Bo (Marketing) "
                            "still has questions open: r goes to the next respondent. ctrl+r "
                            "shows the results.")]


@run_async
async def test_quitting_saves_a_note_being_typed(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        await type_into(pilot, "#note", "Sidste ord")
        await pilot.press("ctrl+q")
    assert answers(path)["refine-feedback"].note == "Sidste ord"


# --------------------------------------------------------------------------- the rest


@run_async
async def test_help_screen_and_command_palette_commands(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Save", "Results", "Export", "Help", "Quit"):
            assert title in titles
        bindings = {b.binding.key for b in app.screen.active_bindings.values()}
        assert {"0", "1", "2", "3", "4", "n", "left", "right", "pageup", "pagedown",
                "ctrl+s", "ctrl+r", "ctrl+e", "ctrl+q", "f1"} <= bindings


@run_async
async def test_danish_assessment_has_danish_labels(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('language = "en"',
                                                             'language = "da"'),
                    encoding="utf-8")
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        assert "FORFIN" in q.query_one("#question", QuestionView).plain
        assert "Feedback når frontlinjen og ledelsen." in \
            q.query_one("#question", QuestionView).plain
        assert "besvaret" in q.query_one("#respondent", RespondentBar).right.plain
        descriptions = {b.binding.description for b in q.active_bindings.values()}
        assert {"Gem", "Resultat", "Eksportér"} <= descriptions
        # the palette's own commands are Danish too, and nothing English is left
        titles = {c.title for c in app.get_system_commands(q)}
        assert {"Gem", "Resultat", "Eksportér", "Hjælp", "Tema", "Afslut"} <= titles
        assert not titles & {"Save", "Quit", "Theme", "Keys", "Screenshot"}
        # the help lists the keys from the screen's bindings, in Danish
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert keys["0-4"] == "svar med det niveau og gå videre til næste spørgsmål"
        assert keys["r"].startswith("næste respondent")
        assert keys["? f1"] == "tasterne på denne skærm"


@run_async
async def test_the_export_message_gives_the_path_a_line_and_room(tmp_path, plugins):
    """At 80 columns Textual's message is 40 wide: "….xlsx" broke as "….xls" / "x"."""
    app = CxApp(dev_assessment(tmp_path), plugins)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "x.xlsx"
        await pilot.press("enter")
        await settle(pilot)
        toast = app.screen.query_one("Toast")
        assert toast.render().plain.split("\n") == ["Workbook written:", str(tmp_path / "x.xlsx")]
        assert toast.region.width > SIZE[0] // 2  # Textual: at most half


@run_async
async def test_export_failure_is_shown_and_the_dialog_stays(tmp_path, plugins):

    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "testfirma.xlsx")
        dialog.query_one("#export-path", Input).value = str(tmp_path / "missing" / "x.xlsx")
        await press_button(pilot, "#ok")
        assert app.screen is dialog
        assert "does not exist" in dialog.query_one("#dialog-error", Static).render().plain
        dialog.query_one("#export-path", Input).value = str(tmp_path / "x.csv")
        await press_button(pilot, "#ok")
        assert ".xlsx" in dialog.query_one("#dialog-error", Static).render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert not list(tmp_path.glob("*.xlsx"))


@run_async
async def test_a_mistyped_name_to_open_is_said_not_made_a_new_assessment(tmp_path, plugins):
    """Typing "nordlys" (for nordlys.toml) opened the form of a new assessment saved as
    "nordlys": now the name is found with .toml, and a name that is not there (and not a
    .toml to create) is said to be missing."""
    dev_assessment(tmp_path)
    async with running(None, plugins) as pilot:
        app = pilot.app
        await type_into(pilot, "#open-path", "testfirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        said = app.screen.query_one("#start-error", Static).render().plain
        assert said.startswith("testfirm does not exist.")
        await type_into(pilot, "#open-path", "a")  # testfirma: testfirma.toml
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.path.name == "testfirma.toml"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == \
        ["dev.toml", "testfirma.toml"], "nothing made"


@run_async
async def test_recent_files_are_remembered_and_a_corrupt_list_is_ignored(tmp_path, plugins):
    config = tmp_path / "config" / "cxassess"
    config.mkdir(parents=True)
    (config / "recent.json").write_text("{not json", encoding="utf-8")
    path = dev_assessment(tmp_path)
    async with running(None, plugins) as pilot:
        app = pilot.app
        assert isinstance(app.screen, StartScreen)
        await type_into(pilot, "#open-path", str(path))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    recent = json.loads((config / "recent.json").read_text(encoding="utf-8"))
    assert recent["recent"] == [str(path.resolve())]

    async with running(None, plugins) as pilot:
        app = pilot.app
        recent_list = app.screen.query_one("#recent", OptionList)
        recent_list.focus()
        recent_list.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.session.path.resolve() == path.resolve()


@run_async
async def test_an_assessment_without_respondents_asks_for_one(tmp_path, plugins):
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    path = tmp_path / "empty.toml"
    path.write_text('format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n'
                    '[organisation]\nname = "Tom A/S"\n', encoding="utf-8")
    async with running(path, plugins) as pilot:
        app = pilot.app
        await type_into(pilot, "#resp-name", "Ida")
        await type_into(pilot, "#resp-dept", "IT")
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen
        assert isinstance(q, QuestionScreen)
        await pilot.press("3")
    assessment, _ = load_assessment_data(path)
    assert [(r.name, r.department) for r in assessment.respondents] == [("Ida", "IT")]
    assert assessment.respondents[0].answers["understand-journey"].level == 3


@run_async
async def test_the_mouse_answers_navigates_and_sets_importance(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        assert q.question.id == "refine-feedback"
        view = q.query_one("#question", QuestionView)
        await pilot.click("#question", offset=(8, view.line_of(3)))  # level 3's line
        await pilot.pause()
        assert answers(path)["refine-feedback"].level == 3
        assert q.question.id == "seduce-omnichannel"
        await pilot.press("l")  # the list of questions, folded at 80 columns
        await pilot.pause()
        await pilot.click("#sidebar", offset=(6, 1))  # the first question, under its stage
        await pilot.pause()
        assert q.question.id == "understand-journey"
        await pilot.click("#importance", offset=(21, 0))  # "Importance  1  2  3  4  5"
        await pilot.pause()
        assert answers(path)["understand-journey"].importance == 4
        assert answers(path)["understand-journey"].level == 1, "the level is kept"


@run_async
async def test_importance_keys_stay_in_the_footer_dimmed_where_not_asked(tmp_path, plugins):
    """The footer shows the same keys on every question; the importance keys and row are
    dimmed (and do nothing but ring) where the question does not ask for importance,
    and work again (keyboard, footer click) on the next question that does."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen

        def footer_keys():
            return [(key, enabled) for key, enabled, _ in q.query_one(KeyFooter).keys]

        q.go(DEV_IDS.index("understand-data"))  # does not ask for importance
        await pilot.pause()
        shown = footer_keys()
        assert ("plus", False) in shown and ("minus", False) in shown
        row = q.query_one("#importance", OneLine)
        assert row.display and "1  2  3  4  5" in row.render().plain
        await pilot.press("plus")
        assert answers(path)["understand-data"].importance is None
        q.go(DEV_IDS.index("fix-tracking"))  # asks for importance
        await pilot.pause()
        assert [key for key, _ in footer_keys()] == [key for key, _ in shown]
        assert ("minus", True) in footer_keys()
        assert answers(path)["fix-tracking"].importance == 4
        cell = next(x for key, _, x in q.query_one(KeyFooter).keys if key == "minus")
        await pilot.click(KeyFooter, offset=(cell, 0))
        await pilot.pause()
        assert answers(path)["fix-tracking"].importance == 3


@run_async
async def test_hovering_a_footer_key_or_an_importance_value_marks_it(tmp_path, plugins):
    """The mouse over a footer key gives it the hover background and its tooltip; over an
    importance value, the hover look of a link. Moving away takes both back."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        q.go(DEV_IDS.index("fix-tracking"))  # asks for importance
        await pilot.pause()
        footer = q.query_one(KeyFooter)
        cell = next(x for key, _, x in footer.keys if key == "ctrl+r")

        def hovered(widget) -> set[str]:
            return {widget.content.plain[span.start:span.end].strip()
                    for span in widget.content.spans
                    if "hover" in str(span.style)}

        await pilot.hover(KeyFooter, offset=(cell, 0))
        await pilot.pause()
        assert hovered(footer) == {"^r Results"}
        assert footer.tooltip
        row = q.query_one("#importance", OneLine)
        await pilot.hover("#importance", offset=(15, 0))  # "Importance  1  2 …": the 2
        await pilot.pause()
        assert not hovered(footer) and row.content.plain.split()[:3] == ["Importance", "1", "2"]
        hover = Style.from_rich_style(row.link_style_hover)
        assert [row.content.plain[span.start:span.end].strip() for span in row.content.spans
                if span.style == hover] == ["2"]


@run_async
async def test_the_importance_row_follows_a_change_of_theme(tmp_path, plugins):
    """The row keeps its looks (its values styled as links, in the theme's colours): a
    new theme draws it in the new theme's link colours, not the old ones kept."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app, q = pilot.app, pilot.app.screen
        q.go(DEV_IDS.index("fix-tracking"))  # asks for importance (4 given)
        await pilot.pause()
        row = q.query_one("#importance", OneLine)

        def value_colour(value: str):
            """The colour the row is drawn in at ``value`` (a value not chosen)."""
            x = row.content.plain.index(f" {value} ")
            cells = [style for segment in row.render_line(0)
                     for style in [segment.style] * len(segment.text)]
            return cells[x + 1].color

        links = set()
        for theme in ("textual-dark", "nord", "textual-light"):
            app.theme = theme
            await pilot.pause()
            links.add(row.link_style.color)  # this theme's
            assert value_colour("2") == row.link_style.color, theme
        assert len(links) == 3, "the themes' link colours differ"


@run_async
async def test_the_help_toggle_ends_the_stage_line_or_starts_the_next_never_split(
        tmp_path, plugins):
    """At 80 columns a long stage line (a question in many dimensions) would wrap inside
    "▸ Help (h)"; the toggle then starts the next line, whole, and is still clickable."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        view = q.query_one("#question", QuestionView)
        toggle = Content.from_markup("[@click=screen.toggle_help]▸ Help (h)[/]")
        short = Content("UNDERSTAND  Question 1 of 37  Customer data")
        view.show(Content.assemble(short, "\nThe question?"), view.choices, None, 0,
                  toggle=toggle)
        await pilot.pause()
        assert view.plain.splitlines()[:2] == [short.plain + "  ▸ Help (h)", "The question?"]
        stage = Content("UNDERSTAND  Question 1 of 37  Customer data, Silos and ownership, Tone")
        width = view.size.width - 1
        assert len(stage.plain) < width < len(stage.plain) + len("  ▸ Help (h)")
        view.show(Content.assemble(stage, "\nThe question?"), view.choices, None, 0,
                  toggle=toggle)
        await pilot.pause()
        assert view.plain.splitlines()[:3] == [stage.plain, "▸ Help (h)", "The question?"]
        await pilot.click("#question", offset=(3, 1))  # the toggle, on its own line
        await pilot.pause()
        assert q.show_help


@run_async
async def test_a_long_help_text_scrolls_below_the_question_which_stays_in_view(
        tmp_path, plugins):
    """On a short terminal, with the help text shown, what does not fit scrolls under the
    stage line and the question: moving to the last choice keeps the question in view."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        view = q.query_one("#question", QuestionView)
        help_text = " ".join(["A long help text that needs many lines."] * 30)
        view.show(Content.assemble("FIX  Question 3 of 8\nThe question?\n\n",
                                   (help_text, "italic")), view.choices, None, 0)
        view.focus()
        await pilot.pause()

        def rows() -> list[str]:
            return [view.render_line(y).text.rstrip() for y in range(view.size.height)]

        assert rows()[:3] == ["FIX  Question 3 of 8", "The question?", ""]
        await pilot.press("end")  # the last choice (n/a): scrolled into view
        await pilot.pause()
        shown = rows()
        assert view.scroll_offset.y > 0
        assert shown[:3] == ["FIX  Question 3 of 8", "The question?", ""]
        assert shown[-1].startswith("○ n")
        qid = q.question.id
        await pilot.click("#question", offset=(3, view.size.height - 1))  # still clickable
        await pilot.pause()
        assert answers(path)[qid].not_applicable


@run_async
async def test_resume_goes_to_the_first_respondent_with_open_questions(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        '"seduce-cxm" = 1', '"seduce-cxm" = 1\n"refine-feedback" = 2\n"seduce-omnichannel" = 0')
    path.write_text(text, encoding="utf-8")
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        assert q.session.respondent == 1  # Anna is done; Bo is not
        assert q.question.id == "understand-data"
        assert q.query_one("#respondent", RespondentBar).value == 1


class BrokenScorer:
    """A plugin whose scorer raises: its warning must reach the results screen."""

    @hookimpl
    def cxassess_register_scorers(self, register):
        def boom(context):
            raise RuntimeError("kaputt")
        register("voice", boom, label="Voice")


@run_async
async def test_results_of_a_blank_assessment_and_plugin_warnings(tmp_path, plugins):
    plugins.register(BrokenScorer(), "broken-voice")
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    path = tmp_path / "blank.toml"
    path.write_text('format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n'
                    '[organisation]\nname = "Tom A/S"\n[[respondents]]\nname = "Ida"\n',
                    encoding="utf-8")
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.result.report.current_stage == "understand"
        text = shown_text(results)
        assert "Warnings" in text
        assert "broken-voice" in text and "kaputt" in text


@run_async
async def test_add_a_respondent_mid_assessment_and_cancel_one(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # cancelled: nothing added
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "#resp-name", "Åse")
        await type_into(pilot, "#resp-dept", "Økonomi")
        await press_button(pilot, "#ok")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("2")
        await pilot.pause()
    assessment, _ = load_assessment_data(path)
    assert [(r.name, r.department) for r in assessment.respondents][-1] == ("Åse", "Økonomi")
    assert len(assessment.respondents) == 3
    assert list(assessment.respondents[2].answers.values())[0].level == 2


@run_async
async def test_the_respondent_line_drops_down_a_list_to_choose_or_add_one(tmp_path, plugins):
    """Keyboard and mouse: Enter (or a click) on the respondent line opens the list of
    respondents below it; down and Enter choose one, Escape or a click outside closes it
    unchanged, and its last entry adds a respondent."""
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        q = app.screen
        bar = q.query_one("#respondent", RespondentBar)
        assert bar.render().plain.startswith("Anna — Customer service ▾")
        bar.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RespondentPicker)
        listing = app.screen.query_one(OptionList)
        assert listing.region.y == bar.region.y + 1  # just below the line
        assert listing.highlighted == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is q and q.session.respondent == 0
        await pilot.press("down")  # down opens it as well
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is q and q.session.respondent == 1
        assert bar.render().plain.startswith("Bo — Marketing ▾")
        assert q.question.id == "understand-data"  # Bo's first open question
        await pilot.click("#respondent")
        await pilot.pause()
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.click(offset=(70, 20))  # outside the list: closed, nothing chosen
        await pilot.pause()
        assert app.screen is q and q.session.respondent == 1
        await pilot.click("#respondent")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        assert "Add a respondent" in listing.get_option_at_index(
            listing.option_count - 1).prompt.plain
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AddRespondentDialog)


# --------------------------------------------------------------------------- faults


@run_async
async def test_a_read_only_file_stays_byte_identical_and_the_app_says_so(tmp_path, plugins):
    """chmod 444: as editors do, a file without a write bit is never replaced — even by
    root, whom the system would let."""
    path = dev_assessment(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        assert isinstance(q, QuestionScreen)
        banner = q.query_one("#banner", Static)
        assert banner.display and "READ-ONLY" in banner.render().plain
        await pilot.press("2", "n", "plus", "ctrl+s")
        await type_into(pilot, "#note", "nope")
        await pilot.press("tab", "ctrl+q")
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o444


@run_async
async def test_a_second_instance_is_read_only_and_names_the_first(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as first:
        assert first.app.screen.session.writable
        async with running(path, plugins) as second:
            q = second.app.screen
            assert not q.session.writable and q.session.problem == "locked"
            text = q.query_one("#banner", Static).render().plain
            assert "another cxassess" in text and str(os.getpid()) in text
            before = path.read_bytes()
            await second.press("3")
            assert path.read_bytes() == before
        await first.press("3")  # the first goes on saving
        assert answers(path)["refine-feedback"].level == 3
    async with running(path, plugins) as again:  # let go on quitting
        assert again.app.screen.session.writable


@run_async
async def test_f5_takes_the_file_over_once_the_other_app_has_closed(tmp_path, plugins):
    """A second app stayed read-only after the first had quit: it had to be started
    again. F5 now tries again (and is in the footer while another app has the file)."""
    path = dev_assessment(tmp_path)
    first = running(path, plugins)
    await first.__aenter__()
    async with running(path, plugins) as second:
        q = second.app.screen
        assert q.session.problem == "locked"
        assert "f5" in {key for key, _, _ in q.query_one(KeyFooter).keys}
        await second.press("f5")  # the first app still has it
        await second.pause()
        assert second.app.screen.session.problem == "locked"
        await first.__aexit__(None, None, None)
        await second.press("f5")
        await second.pause()
        q = second.app.screen
        assert q.session.writable and not q.banner.display
        await second.press("3")
        assert answers(path)["refine-feedback"].level == 3


@run_async
async def test_a_change_made_by_another_program_is_not_overwritten(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        await pilot.press("3")  # saved
        theirs = path.read_text(encoding="utf-8").replace("Testfirma ApS", "Their Edit A/S")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("2")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == theirs, "their change is kept"
        banner = q.query_one("#banner", Static)
        assert banner.display and "another program changed the file" in banner.render().plain
        await pilot.press("f5")  # reload: their version, and saving again
        await pilot.pause()
        q = pilot.app.screen
        assert q.session.assessment.organisation.name == "Their Edit A/S"
        assert q.session.writable
        await pilot.press("4")
    assert "Their Edit A/S" in path.read_text(encoding="utf-8")


@run_async
async def test_export_asks_before_replacing_a_workbook_and_keeps_the_typed_work(tmp_path,
                                                                                plugins):
    """Export twice: the second time asks (No is the safe default), and replacing keeps
    the Owner, Due and Status the executive typed in."""
    from openpyxl import load_workbook

    path = dev_assessment(tmp_path)
    workbook = tmp_path / "testfirma.xlsx"
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # the default path, new: no question asked
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert any(str(workbook) in n.message for n in app._notifications), \
            "the full path is shown"
        initiative = next(iter(rows_by_id(load_workbook(workbook)["Roadmap"])))
        type_work(workbook, "en", {initiative: ("Mette Holm", None, "Done")})
        typed = workbook.read_bytes()

        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # it exists now
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on No
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert workbook.read_bytes() == typed
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
    assert workbook.read_bytes() != typed, "the workbook was written again"
    ws = load_workbook(workbook)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)[initiative]
    assert ws.cell(row, labels["Owner"]).value == "Mette Holm"


@run_async
async def test_results_are_scored_in_a_worker_and_keys_are_kept(tmp_path, plugins):
    """A slow plugin: the results screen shows at once, busy, and ctrl+e pressed
    meanwhile exports once the scores are there."""
    import threading

    release = threading.Event()

    class SlowScorer:
        @hookimpl
        def cxassess_register_scorers(self, register):
            def slow(context):
                release.wait(10)
                return {"score": 50, "coverage": 1}
            register("voice", slow, label="Voice")

    plugins.register(SlowScorer(), "slow-voice")
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        app = pilot.app
        await pilot.press("ctrl+r")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.result is None and results.query_one("#results").loading
        await pilot.press("ctrl+e")  # pressed while scoring
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert results.result is not None
        assert isinstance(app.screen, ExportDialog), "the key pressed meanwhile was kept"


@run_async
async def test_the_theme_is_remembered(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        pilot.app.theme = "textual-light"
        await pilot.pause()
    async with running(path, plugins) as pilot:
        assert pilot.app.theme == "textual-light"


@run_async
async def test_results_show_the_departments_side_by_side(tmp_path, plugins):
    path = dev_assessment(tmp_path)
    async with running(path, plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        report = results.result.report
        section = results.query_one("#details-departments")
        assert section.title == "Departments side by side"
        text = "\n".join(w.render().plain for w in section.query(Static))
        assert "Where the departments disagree most" in text
        for d in report.departments:
            assert any(line.strip().startswith(d.name) and f"({d.respondents})" in line
                       for line in text.splitlines())
        assert report.disagreements[0].text in text


@run_async
async def test_results_show_the_change_since_the_previous_assessment(tmp_path, plugins):
    """An assessment naming its ``previous`` one: each stage and dimension gets its
    change, and the previous roadmap's initiatives are listed done, open or new."""
    for name in ("nordlys-energi.toml", "nordlys-energi-2027.toml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    async with running(tmp_path / "nordlys-energi-2027.toml", plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        assert isinstance(results, ResultsScreen)
        since = results.result.since
        assert since is not None and since.baseline.date == "2026-11-23"
        text = shown_text(results)
        understand = next(line for line in text.splitlines() if "Forstå " in line and "█" in line)
        assert "+" + f"{since.stage_deltas['understand']:.1f}".replace(".", ",") in understand
        assert "Siden 2026-11-23: Forstå → Forfin" in text
        assert "Gennemført (" in text and "Stadig åbne (" in text
        done = since.with_status("done")[0]
        assert done.title[:40] in " ".join(text.split())


@run_async
async def test_a_previous_file_that_cannot_be_compared_is_said_and_results_still_show(
        tmp_path, plugins):
    path = dev_assessment(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('language = "en"', 'language = "en"\nprevious = "gone.toml"'),
                    encoding="utf-8")
    async with running(path, plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        assert isinstance(results, ResultsScreen)
        assert results.result.since is None and "gone.toml" in results.result.since_error
        assert "The previous assessment could not be compared" in shown_text(results)


class StuckScorer:
    """A plugin that prints and then hangs: the app scores in a worker thread, and the
    time limit must cut the scorer there too, without its print reaching the screen."""

    def __init__(self):
        self.release = threading.Event()

    @hookimpl
    def cxassess_register_scorers(self, register):
        def stuck(context):
            print("thinking …")
            self.release.wait(60)
        register("stuck", stuck, label="Stuck")


@run_async
async def test_a_hanging_plugin_is_cut_at_the_time_limit_and_the_results_come(tmp_path, plugins):
    stuck = StuckScorer()
    plugins.register(stuck, "stuck")
    plugins.timeout = 0.3
    try:
        async with running(dev_assessment(tmp_path), plugins) as pilot:
            await pilot.press("ctrl+r")
            await settle(pilot)
            results = pilot.app.screen
            assert isinstance(results, ResultsScreen)
            assert [d.id for d in results.result.report.dimensions] == [
                "data", "tracking", "silos", "empowerment"]
            text = shown_text(results)
            assert "plugin 'stuck', scorer 'stuck' failed: did not finish within 0.3 s" in text
            assert "thinking" not in text
    finally:
        stuck.release.set()


@pytest.mark.parametrize("language", ["da", "en"])
@run_async
async def test_every_four_f_question_shows_whole_at_80x24(tmp_path, plugins, language):
    """The question, all five anchors and n/a fit without scrolling, for every question
    of the built-in questionnaire, with the longest names above it (the question and its
    choices are one widget)."""
    path = tmp_path / "kunde.toml"
    path.write_text(
        f'format = 1\nquestionnaire = "four-f"\nlanguage = "{language}"\n'
        '[organisation]\nname = "Søren Ødegårds Cykler & Elektronik ApS"\n'
        '[[respondents]]\nname = "Søren Ødegård-Kristiansen"\n'
        'department = "Marketing & E-handel (online)"\n', encoding="utf-8")
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        for index in range(len(q.session.questions)):
            q.go(index)
            await pilot.pause()
            view = q.query_one("#question", QuestionView)
            assert [c.key for c in view.choices] == ["0", "1", "2", "3", "4", "n"]
            assert q.question.text.get(language) in view.question.plain
            assert view.virtual_size.height <= view.scrollable_content_region.height, \
                f"question {index + 1}: the question or its anchors need scrolling"


@run_async
async def test_a_file_the_user_may_not_write_opens_read_only(tmp_path, plugins, monkeypatch):
    """As an ordinary user without write permission (simulated: root may write anything,
    so os.access is told the truth an ordinary user would get)."""
    path = dev_assessment(tmp_path)
    before = path.read_bytes()
    real_access = os.access

    def access(target, mode, *args, **kwargs):
        if Path(target) == path and mode & os.W_OK:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        assert q.session.problem == "access"
        assert "you may not write this file" in q.query_one("#banner", Static).render().plain
        await pilot.press("3", "ctrl+s")
    assert path.read_bytes() == before


@run_async
async def test_the_results_footer_says_how_to_reach_the_folded_sections(tmp_path, plugins):
    """The sections below the first screen open with Tab and Enter, which only the README
    said: the footer shows tab, and Tab then Enter opens the first section."""
    from textual.widgets import Collapsible

    async with running(dev_assessment(tmp_path), plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        assert "tab" in {key for key, _, _ in results.query_one(KeyFooter).keys}
        first = results.query(Collapsible).first()
        assert first.collapsed
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert not first.collapsed


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_dimensions_with_their_change_fit_80_columns(tmp_path, plugins, language):
    """Beside the change since the previous assessment the coverage wrapped at 80 columns
    ("dækning" / "100 %"): the bar is shorter there, the line as long as without it."""
    from cxassess import pipeline
    from cxassess.tui.screens.results import dimensions_section

    for name in ("nordlys-energi.toml", "nordlys-energi-2027.toml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    path = tmp_path / "nordlys-energi-2027.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'language = "da"', f'language = "{language}"'), encoding="utf-8")
    result = pipeline.with_previous(pipeline.evaluate(pipeline.load(path, plugins), plugins),
                                    plugins)
    assert result.since is not None
    lines = dimensions_section(result, language).split("\n")
    assert max(line.cell_length for line in lines) <= 72  # 80 less the section's margins
    assert all("+" in line.plain or "–" in line.plain or "-" in line.plain for line in lines)


@run_async
async def test_the_results_first_screen_holds_the_consistency_checks(tmp_path, plugins):
    async with running(dev_assessment(tmp_path), plugins) as pilot:
        await pilot.press("ctrl+r")
        await settle(pilot)
        results = pilot.app.screen
        checks = results.result.report.checks
        assert checks, "the development assessment has a critical question"
        summary = "\n".join(shown_text_of(w)
                            for w in results.query("Static.summary, .summary Static"))
        assert "Worth checking before you present" in summary
        for check in checks:
            assert check.message in " ".join(summary.split())


@given(st.text(alphabet="abæø -–.,\t\n\xa0" + "x" * 5, max_size=90), st.integers(1, 100))
def test_choices_wrap_as_textwrap_wraps_them(text, width):
    """Whatever the text, the question view's wrap gives textwrap's lines."""
    assert question_view.wrap(text, width) == textwrap.wrap(text, width)


WORD = st.text(alphabet="abcæøåx.,;:–'()/%" + "ÆØ", min_size=1, max_size=14)


@given(st.lists(WORD, min_size=1, max_size=30).map(" ".join), st.integers(14, 100))
def test_plain_words_are_filled_without_textwrap_as_textwrap_fills_them(text, width):
    """Anchor texts (words between single spaces, none longer than the width, no hyphen)
    are filled by the view itself — textwrap is not called — into textwrap's lines."""
    expected = textwrap.wrap(text, width)
    with mock.patch.object(question_view.textwrap, "wrap",
                           side_effect=AssertionError("textwrap called")):
        assert question_view.wrap(text, width) == expected


def _cells(strips) -> list[tuple[str, object]]:
    """Each cell of ``strips``: its character and its style as a user sees it (colours,
    attributes and the link it clicks; not the offsets Textual adds for text selection)."""
    def seen(style):
        meta = style.meta if style else {}
        return None if style is None else (
            style.color, style.bgcolor, style.bold, style.dim, style.italic, style.underline,
            style.strike, style.reverse, meta.get("@click"))
    return [[(char, seen(segment.style)) for segment in strip for char in segment.text]
            for strip in strips]


@run_async
async def test_the_question_is_drawn_as_textual_draws_it(tmp_path, plugins):
    """The question view draws its text itself (drawing.content_strips) for speed: every
    question of the four-F questionnaire, in both languages and with its help text and the
    clickable help toggle, and text that wraps in odd ways, comes out cell for cell as
    Textual's own Visual.to_strips draws it, at narrow and wide widths."""
    from textual.visual import Visual

    from cxassess.tui.drawing import content_strips

    name = "nordlys-energi.toml"
    shutil.copy(ROOT / "examples" / name, tmp_path / name)
    async with running(tmp_path / name, plugins) as pilot:
        q = pilot.app.screen
        view = q.query_one("#question", QuestionView)
        style = view.get_visual_style()
        toggle = Content.from_markup("[@click=screen.toggle_help]▸ Hjælp (h)[/]") \
            .stylize("$primary")
        odd = [Content.assemble(("a-very-long-hyphenated-word " * 4, "bold"), "x  y\t z"),
               Content("ordløsheds" * 9), Content("  indrykket   og   luftig  \n\n"),
               Content.assemble(("æøå 日本語 ", "italic $text-muted"), toggle, " slut")]
        contents = odd
        for language in ("da", "en"):
            q.language = language
            q.show_help = True
            for index in range(len(q.session.questions)):
                q.index = index
                contents.append(Content.assemble(q._question_text(), "  ", toggle))
        for content in contents:
            for width in (10, 23, 41, 77, 118):
                ours = content_strips(content, width, style, view.link_style)
                textual = Visual.to_strips(view, content, width, None, style, pad=True)
                assert _cells(ours) == _cells(textual), (content.plain, width)


def test_the_change_since_reads_as_compare_writes_it():
    """The results' "since" column signs a change as compare does (wording.signed_number):
    no change is "±0,0" (not "0,0"), muted; a change that rounds to none is no change."""
    from types import SimpleNamespace

    from cxassess.tui.screens.results import change

    since = SimpleNamespace(stage_deltas={"understand": 0.0, "fix": -0.04, "refine": 2.5,
                                          "seduce": -1.25},
                            dimension_deltas={})
    result = SimpleNamespace(since=since)
    shown = {stage: change(result, "stage", stage, "da") for stage in since.stage_deltas}
    assert {stage: c.plain.strip() for stage, c in shown.items()} == {
        "understand": "±0,0", "fix": "±0,0", "refine": "+2,5", "seduce": "−1,2"}
    assert change(result, "stage", "refine", "en").plain.strip() == "+2.5"
    assert [span.style for span in shown["fix"].spans] == ["$text-muted"]
    assert [span.style for span in shown["seduce"].spans] == ["bold $error"]
