"""Following a plugin's Understand work that the core's Understand initiative took in.

When every place up to the phase where Refine starts is taken, a plugin's Understand
initiative is taken into the core's Understand initiative in phase 1 (rule 1): its card is
gone, and ``score --json`` lists its id in that initiative's ``includes``. ``compare``
then treats it as still on the roadmap, carried in the core's card: open, not done, and
that card continues it (before, the next ``compare`` counted it as done because its card
was gone). Everything here goes through the public command line and its JSON.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from cxassess.loading import load_questionnaire_file

from helpers import ROOT

FOUR_F = load_questionnaire_file(ROOT / "questionnaires" / "four-f.toml")

PLUGIN = textwrap.dedent('''
    from cxassess import hookimpl


    @hookimpl
    def cxassess_roadmap_initiatives(context, report):
        if report.date >= "2028":  # (the survey was run by then)
            return []
        return [{"id": "voice-survey", "title": "Run a voice-of-the-customer survey",
                 "stage": "understand", "dimension": "data", "priority": 10.0}]
''')


def write_assessment(path, level, *, date, per_phase=None, overrides=None):
    answers = {q.id: level for q in FOUR_F.questions}
    answers.update(overrides or {})
    lines = ['format = 1', 'questionnaire = "four-f"', 'language = "en"', '',
             '[organisation]', 'name = "Testfirma ApS"', f'date = "{date}"', '']
    if per_phase is not None:
        lines += ['[roadmap]', f'per_phase = {per_phase}', '']
    lines += ['[[respondents]]', 'name = "Mette Holm"', '[respondents.answers]']
    lines += [f'"{qid}" = {value}' for qid, value in answers.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def plugins_dir(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "voice_survey.py").write_text(PLUGIN, encoding="utf-8")
    return folder


def initiatives(cli, plugins_dir, path):
    code, out, err = cli("--plugins-dir", plugins_dir, "score", path, "--json")
    assert code == 0, err
    return [i for p in json.loads(out)["roadmap"]["phases"] for i in p["initiatives"]]


@pytest.fixture
def baseline(tmp_path):
    """The plugin's survey on its own card: room enough before the Refine work."""
    return write_assessment(tmp_path / "2026.toml", 3, date="2026-01-15", overrides={
        "understand-journey-map": 2, "fix-worst-first": 2, "refine-peaks": 2})


@pytest.fixture
def latest(tmp_path):
    """No place before the Refine work (a focus of 3, everything at level 1): the survey is
    taken into the core's Understand initiative."""
    return write_assessment(tmp_path / "2027.toml", 1, date="2027-01-15", per_phase=3)


def test_score_json_lists_the_initiative_taken_in_under_includes(cli, plugins_dir, baseline,
                                                                  latest):
    before = {i["id"]: i for i in initiatives(cli, plugins_dir, baseline)}
    assert "voice-survey" in before and before["voice-survey"]["includes"] == []
    assert all(i["includes"] == [] for i in before.values())
    after = initiatives(cli, plugins_dir, latest)
    assert "voice-survey" not in {i["id"] for i in after}
    [host] = [i for i in after if i["includes"]]
    assert host["includes"] == ["voice-survey"] and host["stage"] == "understand"
    assert host["source"] == "four-f"
    assert "Run a voice-of-the-customer survey." in host["actions"]


def test_compare_counts_work_taken_into_a_core_card_as_open_not_done(cli, plugins_dir,
                                                                     baseline, latest):
    code, out, err = cli("--plugins-dir", plugins_dir, "compare", baseline, latest, "--json")
    assert code == 0, err
    moved = json.loads(out)["initiatives"]
    assert "voice-survey" in moved["open"] and "voice-survey" not in moved["done"]
    assert "voice-survey" not in moved["new"]


def test_the_host_continues_the_work_it_took_in(cli, plugins_dir, tmp_path, latest):
    """With the refresh as the baseline's only Understand card, nothing but ``includes``
    links the core card that took the survey in to the baseline's survey card: that card
    continues it, so it is not new work."""
    base = write_assessment(tmp_path / "2026b.toml", 3, date="2026-01-15", overrides={
        "fix-worst-first": 2, "refine-peaks": 2})
    assert "voice-survey" in {i["id"] for i in initiatives(cli, plugins_dir, base)}
    [host] = [i for i in initiatives(cli, plugins_dir, latest) if i["includes"]]
    code, out, err = cli("--plugins-dir", plugins_dir, "compare", base, latest, "--json")
    assert code == 0, err
    assert host["id"] not in json.loads(out)["initiatives"]["new"]


def test_compare_text_lists_it_as_still_open(cli, plugins_dir, baseline, latest):
    code, out, err = cli("--plugins-dir", plugins_dir, "compare", baseline, latest)
    assert code == 0, err
    still_open = out[out.index("Still open ("):]
    done = out[out.index("Done ("):out.index("Still open (")] if "Done (" in out else ""
    assert "Run a voice-of-the-customer survey" in still_open
    assert "Run a voice-of-the-customer survey" not in done


def test_work_taken_in_is_done_once_no_card_holds_or_includes_it(cli, plugins_dir, baseline,
                                                                  tmp_path):
    """The plugin no longer proposes the survey: nothing holds or includes it, so done."""
    later = write_assessment(tmp_path / "2028.toml", 1, date="2028-01-15", per_phase=3)
    code, out, err = cli("--plugins-dir", plugins_dir, "compare", baseline, later, "--json")
    assert code == 0, err
    assert "voice-survey" in json.loads(out)["initiatives"]["done"]


# --------------------------------------------------------------------------- the other way round


@pytest.fixture
def taken_in_first(tmp_path):
    """The baseline took the survey into the core's Understand card."""
    return write_assessment(tmp_path / "2026.toml", 1, date="2026-01-15", per_phase=3)


@pytest.fixture
def own_card_later(tmp_path):
    """A year later there is room: the survey is on its own card."""
    return write_assessment(tmp_path / "2027.toml", 3, date="2027-01-15", overrides={
        "understand-journey-map": 2, "fix-worst-first": 2, "refine-peaks": 2})


def test_score_json_carries_the_work_taken_in_in_full(cli, plugins_dir, taken_in_first):
    [host] = [i for i in initiatives(cli, plugins_dir, taken_in_first) if i["includes"]]
    assert host["included"] == [{"id": "voice-survey",
                                 "title": "Run a voice-of-the-customer survey",
                                 "stage": "understand", "dimension": "data",
                                 "source": "voice_survey", "questions": []}]


def test_work_taken_in_then_on_its_own_card_is_open_and_continued_not_new(
        cli, plugins_dir, taken_in_first, own_card_later):
    """Before, the baseline's survey was invisible (only its card's id was followed): the
    survey on its own card a year later counted as new work."""
    assert "voice-survey" in {i["id"] for i in initiatives(cli, plugins_dir, own_card_later)}
    code, out, err = cli("--plugins-dir", plugins_dir, "compare", taken_in_first,
                         own_card_later, "--json")
    assert code == 0, err
    moved = json.loads(out)["initiatives"]
    assert "voice-survey" in moved["open"]
    assert "voice-survey" not in moved["new"] and "voice-survey" not in moved["done"]


def test_the_progress_sheet_lists_it_as_open(cli, plugins_dir, taken_in_first, own_card_later,
                                             tmp_path):
    from openpyxl import load_workbook

    trend = tmp_path / "trend.xlsx"
    code, _, err = cli("--plugins-dir", plugins_dir, "compare", taken_in_first, own_card_later,
                       "-o", trend, "--lang", "en")
    assert code == 0, err
    rows = [[c.value for c in r] for r in load_workbook(trend)["Progress"].iter_rows()]
    [survey] = [r for r in rows if "Run a voice-of-the-customer survey" in r]
    assert "Open" in survey and "New" not in survey


def test_export_previous_carries_the_host_cards_work_to_the_survey_s_own_card(
        cli, plugins_dir, taken_in_first, own_card_later, tmp_path):
    """The executive typed the work on the card that carried the survey: the survey's own
    card a year later continues it, so it gets that work, not a blank card."""
    from openpyxl import load_workbook

    from helpers import rows_by_id, table_header, type_work

    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    assert cli("--plugins-dir", plugins_dir, "export", taken_in_first, "-o", old)[0] == 0
    [host] = [i for i in initiatives(cli, plugins_dir, taken_in_first) if i["includes"]]
    type_work(old, "en", {host["id"]: ("Mette Holm", None, "Venter på IT")})
    code, _, err = cli("--plugins-dir", plugins_dir, "export", own_card_later, "-o", new,
                       "--previous", old)
    assert code == 0, err
    assert err.count("Venter på IT") <= 1  # one status cell, told of once
    ws = load_workbook(new)["Roadmap"]
    _, labels = table_header(ws, "Id")
    row = rows_by_id(ws)["voice-survey"]
    assert ws.cell(row, labels["Owner"]).value == "Mette Holm"
    assert ws.cell(row, labels["Status"]).value == "Venter på IT"


def test_the_questions_of_work_taken_in_are_carried(cli, tmp_path):
    """A plugin's initiative keeps the questions it names that no core initiative claims
    (here one already at the target); taken in, they were lost with its card, and are now
    in ``included``."""
    folder = tmp_path / "asking"
    folder.mkdir()
    (folder / "voice_survey.py").write_text(PLUGIN.replace(
        '"priority": 10.0}',
        '"priority": 10.0, "questions": ["understand-expectations-revisited"]}'),
        encoding="utf-8")
    first = write_assessment(tmp_path / "2026.toml", 1, date="2026-01-15", per_phase=3,
                             overrides={"understand-expectations-revisited": 3})
    [host] = [i for i in initiatives(cli, folder, first) if i["includes"]]
    assert host["included"][0]["questions"] == ["understand-expectations-revisited"]
