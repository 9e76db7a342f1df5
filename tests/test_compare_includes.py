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
