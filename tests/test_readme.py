"""README.md: its samples run as written, so they cannot drift from the program.

The shell block of "A first assessment from the command line" is run command by
command (the ``$EDITOR`` step answers one question), the assessment file's TOML sample
is validated and read back as its comments say, and every command the Commands table
lists exists."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest

from cxassess.loading import load_assessment_data

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.S | re.M)


def block(starting: str) -> str:
    """The fenced block whose code starts with ``starting``."""
    found = [code for _, code in FENCE.findall(README) if code.startswith(starting)]
    assert len(found) == 1, f"one README block starting with {starting!r}"
    return found[0]


def test_the_first_assessment_commands_run_as_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for line in block("cxassess template four-f").splitlines():
        command = shlex.split(line.split("#", 1)[0])
        if command[0] == "$EDITOR":  # the reader answers a question
            path = tmp_path / "client.toml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace('# "understand-journey-map" = 0',
                                         '"understand-journey-map" = 2', 1), encoding="utf-8")
            continue
        assert command[0] == "cxassess"
        code, out, err = cli(*command[1:])
        assert code == 0, (line, err)
    assessment, _ = load_assessment_data(tmp_path / "client.toml")
    assert assessment.respondents[0].answers["understand-journey-map"].level == 2
    assert (tmp_path / "client.xlsx").stat().st_size > 0


def test_the_assessment_file_sample_is_valid_and_means_what_its_comments_say(cli, tmp_path):
    sample = tmp_path / "client.toml"
    sample.write_text(block("format = 1"), encoding="utf-8")
    (tmp_path / "2025").mkdir()  # the previous assessment it names
    shutil.copy(ROOT / "examples" / "nordlys-energi.toml", tmp_path / "2025" / "nordlys.toml")
    code, out, err = cli("validate", sample)
    assert code == 0, err
    assessment, _ = load_assessment_data(sample)
    mette, jonas = assessment.respondents
    assert (mette.name, mette.department) == ("Mette Holm", "Customer service")
    assert mette.answers["understand-journey-map"].level == 2
    mobile = mette.answers["fix-mobile"]
    assert (mobile.level, mobile.importance, mobile.note) == \
        (1, 5, "Moving house is still a PDF form")
    assert mette.answers["seduce-omnichannel"].not_applicable
    assert jonas.answers["understand-journey-map"].level == 3
    assert assessment.inputs == {"nps": "surveys/nps.csv"}
    assert assessment.previous == "2025/nordlys.toml" and not assessment.anonymous


@pytest.mark.parametrize("command", sorted(set(re.findall(r"^\| `cxassess (\w+)", README, re.M))))
def test_every_command_in_the_table_exists(cli, command):
    with pytest.raises(SystemExit) as done:  # argparse's --help exits 0
        cli(command, "--help")
    assert done.value.code == 0


BASE = '''format = 1
questionnaire = "four-f"
language = "en"

[organisation]
name = "Nordlys Energi A/S"

[[respondents]]
name = "Mette Holm"
[respondents.answers]
"fix-mobile" = 1
'''

BROKEN = {  # the README's line → the files that give it (client.toml unless named)
    'error: client.toml: respondents[0].answers."fix-mobile".level: level 7 is outside 0..4':
        {"client.toml": BASE.replace('"fix-mobile" = 1', '"fix-mobile" = { level = 7 }')},
    "error: client.toml: respondents[1].answers.\"fix-mobil\": unknown question id 'fix-mobil' "
    "(not in questionnaire 'four-f')":
        {"client.toml": BASE + '\n[[respondents]]\nname = "Jonas Berg"\n[respondents.answers]\n'
                               '"fix-mobil" = 2\n'},
    "error: client.toml: questionnaire: unknown questionnaire id 'four-g' (available: four-f)":
        {"client.toml": BASE.replace('"four-f"', '"four-g"')},
    'error: client.toml: questionnaire "ours.toml": line 3, column 1: invalid TOML: Invalid '
    'statement':
        {"client.toml": BASE.replace('"four-f"', '"ours.toml"'),
         "ours.toml": 'id = "ours"\nversion = "1.0"\n???\n'},
    "error: mine.toml: as a questionnaire: questions: required key is missing":
        {"mine.toml": 'id = "mine"\nversion = "1.0"\ntitle = { en = "Mine", da = "Min" }\n'
                      '[dimensions.data]\nlabel = { en = "Data", da = "Data" }\n'},
}


@pytest.mark.parametrize("line", sorted(BROKEN))
def test_the_errors_the_readme_shows_are_the_ones_printed(cli, tmp_path, monkeypatch, line):
    assert line in block("error: client.toml: line 12"), "the README shows this line"
    monkeypatch.chdir(tmp_path)
    for name, text in BROKEN[line].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, err = cli("validate", next(iter(BROKEN[line])))
    assert code == 1 and err == line + "\n"


# ------------------------------------------------------------ the JSON a script reads

# keys whose value is a map keyed by data (stage or dimension ids, department names)
DATA_MAPS = {"projected_stages", "stages", "dimensions", "departments"}
# the values the README's JSON blocks quote, which are not keys
QUOTED_VALUES = {"da", "en", "understand", "fix", "refine", "seduce",
                 "stage-order", "departments-apart", "critical"}


def output_keys(value, found: set[str] | None = None) -> set[str]:
    """Every key of every object in a JSON document, not descending into data maps."""
    found = set() if found is None else found
    if isinstance(value, list):
        for item in value:
            output_keys(item, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if not (key in DATA_MAPS and isinstance(item, dict)):
                output_keys(item, found)
    return found


def documented_keys(sample: str) -> set[str]:
    return set(re.findall(r'"([a-z_]+)"', sample)) - QUOTED_VALUES


def test_score_json_has_exactly_the_keys_the_readme_documents(cli, tmp_path):
    promised = documented_keys(block('{ "organisation": str'))
    sample = tmp_path / "client.toml"  # the README's own file: few answers, so a check
    sample.write_text(block("format = 1"), encoding="utf-8")
    given = set()
    for example in [sample, *sorted((ROOT / "examples").glob("*.toml"))]:
        code, out, err = cli("score", example, "--json")
        assert code == 0, err
        given |= output_keys(json.loads(out))
    assert given - promised == set(), "keys score --json prints that the README leaves out"
    assert promised - given == set(), "keys the README promises that score --json never prints"


def test_compare_json_has_exactly_the_keys_the_readme_documents(cli):
    promised = documented_keys(block('{ "assessments"'))
    code, out, err = cli("compare", ROOT / "examples" / "nordlys-energi.toml",
                         ROOT / "examples" / "nordlys-energi-2027.toml", "--json")
    assert code == 0, err
    assert output_keys(json.loads(out)) == promised


def test_questionnaires_json_has_the_keys_the_commands_table_names(cli):
    [row] = [line for line in README.splitlines()
             if line.startswith("| `cxassess questionnaires [--json]`")]
    code, out, err = cli("questionnaires", "--json")
    assert code == 0, err
    [four_f] = json.loads(out)
    assert output_keys(four_f) == set(re.findall(r'"([a-z_]+)"', row))
    assert four_f["origin"] == "built-in" and four_f["questions"] == 37
    assert set(four_f["title"]) == {"en", "da"}


def test_questionnaires_show_json_has_the_keys_the_commands_table_names(cli):
    [row] = [line for line in README.splitlines()
             if line.startswith("| `cxassess questionnaires show ID")]
    code, out, err = cli("questionnaires", "show", "four-f", "--json")
    assert code == 0, err
    doc = json.loads(out)
    given = {key for key in output_keys(doc) if key not in doc["sources"]}  # sources: by id
    assert given == set(re.findall(r'"([a-z_]+)"', row))
    assert all(len(question["levels"]) == 5 for question in doc["questions"])


def test_an_initiatives_source_is_the_questionnaire_or_the_plugin_as_the_readme_says(
        cli, tmp_path):
    assert "the questionnaire's id (`\"four-f\"`)\nfor the core's initiatives, the " \
        "plugin's name" in README
    folder = tmp_path / "myplugins"
    folder.mkdir()
    (folder / "workshop.py").write_text(
        "from cxassess import hookimpl\n\n@hookimpl\n"
        "def cxassess_roadmap_initiatives(context, report):\n"
        "    return [{'id': 'workshop', 'title': 'Hold a workshop', 'stage': 'fix',\n"
        "             'dimension': 'data', 'priority': 1}]\n", encoding="utf-8")
    code, out, err = cli("--plugins-dir", folder, "score",
                         ROOT / "examples" / "nordlys-energi.toml", "--json")
    assert code == 0, err
    doc = json.loads(out)
    sources = {i["id"]: i["source"] for p in doc["roadmap"]["phases"] for i in p["initiatives"]}
    assert sources.pop("workshop") == "workshop"
    assert set(sources.values()) == {doc["questionnaire"]["id"]} == {"four-f"}
