"""The terminal app given a file whose texts look like Textual's markup ("[/]", "[b]",
"[@click=app.quit]"): every name is shown as typed, and the app neither stops with a
markup error nor runs an action a name spells out."""

from __future__ import annotations

import asyncio
import shutil

from textual.widgets import OptionList, Select

from cxassess.plugins import load_plugins
from cxassess.tui.app import CxApp
from cxassess.tui.respondent_bar import RespondentBar
from cxassess.tui.screens.question import QuestionScreen
from cxassess.tui.screens.results import ResultsScreen

from helpers import BUILTIN_ONLY, FIXTURES

ORGANISATION = "[/] [bold red]Evil[/bold red] [@click=app.quit]q[/]"
PEOPLE = [("[/]Anna[x", "[red]CS[/]"), ("Bo [DK]", "[@click=app.quit]Sales")]

ASSESSMENT = f'''format = 1
questionnaire = "dev.toml"
language = "en"
[organisation]
name = {ORGANISATION!r}
''' + "".join(f'''
[[respondents]]
name = {name!r}
department = {department!r}
[respondents.answers]
"understand-journey" = {{ level = 1, importance = 5, note = "[/] a note [b]" }}
''' for name, department in PEOPLE)


def test_names_that_look_like_markup_are_shown_as_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CXASSESS_LANG", "en")
    shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
    path = tmp_path / "markup.toml"
    path.write_text(ASSESSMENT, encoding="utf-8")
    before = path.read_bytes()

    async def run() -> None:
        app = CxApp(path, load_plugins(env=BUILTIN_ONLY))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuestionScreen)
            bar = screen.query_one("#respondent", RespondentBar)
            shown = [f"{name} — {department}" for name, department in PEOPLE]
            assert bar.left_content().plain == f"{shown[0]} ▾"
            bar.action_open()  # the list of respondents
            await pilot.pause()
            listing = app.screen.query_one("#respondent-list", OptionList)
            assert [listing.get_option_at_index(i).prompt.plain for i in range(2)] == shown
            await pilot.press("escape")
            await pilot.pause()
            bar.value = 1  # switching respondent redraws whose answers these are
            await pilot.pause()
            assert screen.session.respondent == 1
            await pilot.press("ctrl+r")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            assert app.is_running
    asyncio.run(run())
    assert path.read_bytes() == before


class _BracketedQuestionnaire:
    """Offers the development questionnaire under a title that looks like markup."""

    @staticmethod
    def cxassess_questionnaires():
        import tomllib

        data = tomllib.loads((FIXTURES / "dev.toml").read_text(encoding="utf-8"))
        return [dict(data, id="bracketed", title={"en": "[/] Ours [b", "da": "[/] Vores"})]


def test_a_questionnaire_title_that_looks_like_markup_is_offered_as_typed(tmp_path,
                                                                         monkeypatch):
    from cxassess import hookimpl
    from cxassess.tui.screens.new import NewAssessmentScreen

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("CXASSESS_LANG", "en")
    plugins = load_plugins(env=BUILTIN_ONLY)
    hookimpl(_BracketedQuestionnaire.cxassess_questionnaires)
    plugins.register(_BracketedQuestionnaire(), "bracketed")

    async def run() -> None:
        app = CxApp(tmp_path / "new.toml", plugins)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, NewAssessmentScreen)
            select = app.screen.query_one("#questionnaire", Select)
            assert any(str(prompt).startswith("[/] Ours [b (bracketed 0.1")
                       for prompt, _ in select._options)
            select.value = "bracketed"  # shown as the choice
            await pilot.pause()
            assert app.is_running
    asyncio.run(run())
