"""What the users audit found, each pinned by a test that fails without its fix: the
consultant's view (CLI and terminal app), the plugin author's (docs/plugins.md) and the
executive's (the workbook)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import ROOT


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CONFIG_HOME is Linux's")
def test_the_suite_keeps_its_recent_files_out_of_the_users_config_folder():
    """Running the tests must not fill the user's start screen with the suite's temporary
    assessments: settings and recent files go to a folder of the suite's own."""
    from cxassess.tui.settings import config_dir

    home_config = Path.home() / ".config"
    assert not config_dir().is_relative_to(home_config)


def _check(report, check_id):
    [check] = [c for c in report.checks if c.id == check_id]
    return check


@pytest.mark.parametrize("language, expected", [("en", "(5%)"), ("da", "(5 %)")])
def test_a_share_in_a_check_is_written_as_the_language_writes_percentages(language, expected):
    from cxassess.testing import score_with

    report = score_with(answers={"fix-mobile": 2, "fix-tracking": 2}, language=language)
    assert expected in _check(report, "coverage").message


def test_departments_apart_on_one_question_name_it_without_an_e_g():
    """"far apart on 1 question, e.g. “…”" reads as if there were more."""
    from cxassess.testing import score_with

    base = {"fix-tracking": 2, "fix-mobile": 2}
    report = score_with(fill=2, respondents=[
        {"name": "Ann", "department": "Sales", "answers": {**base, "fix-mobile": 4}},
        {"name": "Bo", "department": "Service", "answers": {**base, "fix-mobile": 0}}])
    message = _check(report, "departments-apart").message
    assert message.startswith("Departments are far apart on “")
    assert "e.g." not in message and "1 question" not in message
    danish = score_with(fill=2, language="da", respondents=[
        {"name": "Ann", "department": "Salg", "answers": {**base, "fix-mobile": 4}},
        {"name": "Bo", "department": "Service", "answers": {**base, "fix-mobile": 0}}])
    assert "fx" not in _check(danish, "departments-apart").message.split(":")[0]


def test_the_results_screen_writes_coverage_as_the_text_report_does():
    """Danish writes "100 %": the terminal app's dimensions said "100%", the text report
    "100 %"."""
    from cxassess.pipeline import Result
    from cxassess.testing import plan, score_with
    from cxassess.tui.screens.results import dimensions_section

    report = score_with(fill=2, language="da")
    text = str(dimensions_section(Result(None, report, plan(report)), "da"))
    assert "dækning 100 %" in text and "100%" not in text


def _subparsers(parser):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from ((f"{name} {n}", s) for n, s in _subparsers(sub))


def test_every_argument_of_every_command_says_what_it_is_in_help():
    """`cxassess score --help` listed a bare FILE, `plugins --help` a bare --json:
    a consultant reading the help should not need the README for what an argument is."""
    import argparse

    from cxassess.arguments import parser

    bare = [f"{name}: {'/'.join(a.option_strings) or a.metavar}"
            for name, sub in _subparsers(parser()) for a in sub._actions
            if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))
            and not a.help]
    assert bare == []


def test_make_assessment_fills_a_built_in_questionnaire_named_by_id(tmp_path):
    """docs/plugins.md lists make_assessment(questionnaire, …, fill=…) with the
    questionnaire as an id like everywhere else; `fill=` refused an id (its default,
    "four-f", included) with a TypeError."""
    from cxassess.loading import InputError
    from cxassess.testing import make_assessment

    [person] = make_assessment(fill=2).respondents
    assert len(person.answers) == 37 and {a.level for a in person.answers.values()} == {2}
    by_path = make_assessment(str(ROOT / "examples" / "questionnaires" / "self-service.toml"),
                              answers={}, fill=1)
    assert len(by_path.respondents[0].answers) == 6
    with pytest.raises(InputError, match="plugin_scoring"):
        make_assessment("quick-scan", fill=1)  # a plugin's: only plugin_scoring knows it


def test_score_dimension_extra_findings_is_documented_as_the_function_it_is():
    """score_dimension(…, extra_findings=…) takes a function of the context; the page
    gave only its name, and a list (the natural guess) fails as "'list' object is not
    callable"."""
    from cxassess.generic import score_dimension
    from cxassess.testing import plugin_scoring

    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert "extra_findings=lambda context: [" in doc

    def scorer(context):
        return score_dimension(context, "silos", extra_findings=lambda context: ["Mine."])

    class Plugin:
        from cxassess import hookimpl

        @staticmethod
        @hookimpl
        def cxassess_register_scorers(register):
            register("mine", scorer)

    with plugin_scoring(Plugin, name="mine") as scoring:
        report = scoring.score(fill=2)
    assert report.dimension("mine").findings[-1] == "Mine."


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_method_sheet_gives_the_sources_notes_in_the_workbooks_language(tmp_path, language):
    """The Danish workbook's Metode sheet described every article in English ("Author and
    publisher not named in the text …"): a note may be {en, da} and four-f's are."""
    import openpyxl

    from cxassess.cli import main

    out = tmp_path / "n.xlsx"
    assert main(["export", str(ROOT / "examples" / "nordlys-energi.toml"), "-o", str(out),
                 "--lang", language]) == 0
    sheet = openpyxl.load_workbook(out).worksheets[-1]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] in ("Title", "Titel"))
    col = rows[header].index("Note")  # the Sources table's Note column
    notes = [row[col] for row in rows[header + 1:] if row[0] and row[col]]
    english = [n for n in notes if "not named in the text" in n or "Practice that goes" in n]
    danish = [n for n in notes if "ikke nævnt i teksten" in n or "Praksis, der går" in n]
    assert (english, bool(danish)) == ([], True) if language == "da" else \
        (bool(english), danish) == (True, [])


def test_a_plain_source_note_still_loads_and_shows(tmp_path):
    from cxassess.loading import load_questionnaire_file

    q = load_questionnaire_file(ROOT / "examples" / "questionnaires" / "self-service.toml")
    source = next(iter(q.sources.values()))
    assert isinstance(source.note, str) and source.note_in("da") == source.note


def test_questionnaires_show_in_danish_is_danish_throughout(cli):
    """`questionnaires show four-f --lang da` gave Danish questions under English words
    ("37 questions", "weight 3", "importance 1..5"); a level's anchor now wraps under its
    text, not under its number."""
    code, out, _ = cli("questionnaires", "show", "four-f", "--lang", "da")
    assert code == 0
    first = out.splitlines()[0]
    assert first.endswith(", 37 spørgsmål")
    assert "[data, silos · vægt 3]" in out and "vigtighed 1..5" in out
    assert not any(word in out for word in (" questions", "weight ", "importance "))
    anchor = out.splitlines().index(next(line for line in out.splitlines()
                                         if line.startswith("    0: Der findes ingen")))
    assert out.splitlines()[anchor + 1].startswith("       interne")
    code, out, _ = cli("questionnaires", "show", "four-f", "--lang", "en")
    assert ", 37 questions" in out.splitlines()[0] and "weight 3" in out


def test_a_misspelt_name_in_load_plugins_is_named_in_a_warning(cli, monkeypatch):
    """CXASSESS_LOAD_PLUGINS=dat (for data) loaded nothing of it without a word."""
    from cxassess.plugins import load_plugins

    plugins = load_plugins(env={"CXASSESS_LOAD_PLUGINS": "dat,silos"})
    assert [r.name for r in plugins.records] == ["silos"]
    [warning] = plugins.load_warnings()
    assert warning.startswith("CXASSESS_LOAD_PLUGINS: no installed plugin is called 'dat' "
                              "(installed: ") and "data, empowerment, silos, tracking" in warning
    monkeypatch.setenv("CXASSESS_LOAD_PLUGINS", "silos,dat")
    code, out, err = cli("score", ROOT / "examples" / "harbour-mobility.toml", "--json")
    assert code == 0 and "no installed plugin is called 'dat'" in err
    code, out, err = cli("plugins", "--all")  # the rows are plugins; the name is no plugin's
    assert code == 0 and "no installed plugin is called 'dat'" in err
    assert load_plugins(env={"CXASSESS_LOAD_PLUGINS": "data, silos"}).load_warnings() == []


@pytest.mark.parametrize("lang, typed_as", [("da", "Skrevet som “Venter på IT”"),
                                            ("en", "Typed as “Venter på IT”")])
def test_a_status_cxassess_does_not_know_on_work_now_done_is_kept_in_a_comment(
        cli, tmp_path, lang, typed_as):
    """README: a status cxassess does not know "is never dropped". On a card whose work
    the next assessment shows done, the Done list wrote Done/Gennemført over it and the
    executive's "Venter på IT" was gone without a trace."""
    from openpyxl import load_workbook

    from helpers import ROADMAP, type_work

    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    examples = ROOT / "examples"
    assert cli("export", examples / "nordlys-energi.toml", "-o", old, "--lang", lang)[0] == 0
    type_work(old, lang, {"fix-cx-ownership": ("Karen", None, "Venter på IT")})
    code, _, err = cli("export", examples / "nordlys-energi-2027.toml", "-o", new,
                       "--lang", lang, "--previous", old)
    assert code == 0, err
    ws = load_workbook(new)[ROADMAP[lang]]
    [row] = [r for r in ws.iter_rows() if any(c.value == "Karen" for c in r)]
    status = next(c for c in row if c.value in ("Gennemført", "Done"))  # listed as done
    assert status.comment is not None and status.comment.text.startswith(typed_as)
    assert f"{ROADMAP[lang]}!" in status.comment.text  # and where it was typed


@pytest.mark.parametrize("language, owner, qualified", [
    ("en", "a CX owner in top management", "in the four-F questionnaire a CX owner"),
    ("da", "en CX-ejer i topledelsen", "i de fire F’ers spørgeskema en CX-ejer")])
def test_the_summarys_why_text_claims_a_cx_owner_in_phase_1_only_for_the_four_f(
        tmp_path, language, owner, qualified):
    """Fjordbank's self-service questionnaire asks nothing about a CX owner, yet its
    Summary told the executive the roadmap puts one in phase 1 (the four-F's prerequisite)."""
    import openpyxl

    from cxassess.cli import main

    out = tmp_path / "f.xlsx"
    assert main(["export", str(ROOT / "examples" / "fjordbank-self-service.toml"), "-o",
                 str(out), "--lang", language]) == 0
    summary = openpyxl.load_workbook(out).worksheets[0]
    [why] = [c for row in summary.iter_rows(values_only=True) for c in row
             if isinstance(c, str) and owner in c]
    assert qualified in why


def test_export_over_a_workbook_keeps_what_the_executive_typed_into_it(cli, tmp_path):
    """`cxassess export client.toml -o client.xlsx` run again after the executive filled in
    Owner, Due and Status replaced the workbook with blank cards (the terminal app carried
    them over; the command line needed --previous, which nothing told the consultant)."""
    import openpyxl

    out = tmp_path / "client.xlsx"
    assessment = ROOT / "examples" / "nordlys-energi.toml"
    assert cli("export", assessment, "-o", out)[0] == 0
    wb = openpyxl.load_workbook(out)
    sheet = wb.worksheets[1]
    rows = list(sheet.iter_rows())
    header = next(i for i, row in enumerate(rows) if any(c.value == "Ansvarlig" for c in row))
    column = {c.value: c.column - 1 for c in rows[header]}
    card = next(row for row in rows[header + 1:] if row[column["Id"]].value)
    card[column["Ansvarlig"]].value = "Lene Dahl"
    card_id = card[column["Id"]].value
    wb.save(out)

    code, _, err = cli("export", assessment, "-o", out)
    assert code == 0, err
    assert "Carried over from client.xlsx: the Owner, Due or Status of 1 initiative(s)" in err
    sheet = openpyxl.load_workbook(out).worksheets[1]
    owners = {row[column["Id"]]: row[column["Ansvarlig"]]
              for row in sheet.iter_rows(values_only=True) if row[column["Id"]]}
    assert owners[card_id] == "Lene Dahl"
