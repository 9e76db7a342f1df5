"""Hostile input, round 4: the small messages the last round left, and what a fuzzer found.

Every case: one line on stderr naming the file and the key path (or cell), exit 1, no
traceback, and nothing of the user's written.
"""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import openpyxl
import pytest

from cxassess.tui.lock import AssessmentLock, holder_path, lock_path

from helpers import ROOT, plugin_folder, run_subprocess

HARBOUR = ROOT / "examples" / "harbour-mobility.toml"
FIRST_ANSWER = '"understand-journey-map" = 4'


def _assessment(tmp_path: Path, old: str, new: str, name: str = "a.toml") -> Path:
    text = HARBOUR.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err and "Input should" not in err
    return lines[0]


# --------------------------------------------------------------------------- previous


@pytest.mark.parametrize("written, shown", [
    ("1", "got 1"), ("true", "got True"), ("[1]", "got [1]"), ("2025-11-23", "got 2025-11-23"),
    ("{ file = 'old.toml' }", "got {'file': 'old.toml'}"),
])
@pytest.mark.parametrize("command", ["validate", "compare", "score"])
def test_a_previous_that_is_no_text_says_a_path_in_quotes_is_wanted(cli, tmp_path, written,
                                                                      shown, command):
    path = _assessment(tmp_path, 'format = 1', f'format = 1\nprevious = {written}')
    code, out, err = cli(command, path)
    assert code == 1 and out == ""
    assert _one_error(err) == (
        f"error: {path}: previous: the previous assessment's file, a path in quotes "
        f"(e.g. previous = \"2025/client.toml\"), {shown}")


@pytest.mark.parametrize("written", ['""', '"   "', "'\t'"])
@pytest.mark.parametrize("command", ["validate", "compare"])
def test_an_empty_previous_is_an_error_naming_the_key_not_a_usage_error(cli, tmp_path,
                                                                          written, command):
    """compare FILE said "compare needs at least two files" (exit 2) for previous = "",
    validate said ok."""
    path = _assessment(tmp_path, 'format = 1', f'format = 1\nprevious = {written}')
    code, out, err = cli(command, path)
    assert code == 1 and out == ""
    assert _one_error(err) == (
        f"error: {path}: previous: empty; name the previous assessment's file "
        "(e.g. previous = \"2025/client.toml\"), or leave the key out")


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize("written, where, message", [
    ("3.0", "", "level 3.0 is written with a decimal point; write the whole number: 3"),
    ("1e0", "", "level 1.0 is written with a decimal point; write the whole number: 1"),
    ("{ level = 0.0 }", ".level",
     "level 0.0 is written with a decimal point; write the whole number: 0"),
    ("{ level = 2, importance = 5.0 }", ".importance",
     "importance 5.0 is written with a decimal point; write the whole number: 5"),
    ('"3"', "", "level '3' is written in quotes; write the number without them: 3"),
    ('{ level = " 2 " }', ".level",
     "level ' 2 ' is written in quotes; write the number without them: 2"),
    ('{ level = 1, importance = "4" }', ".importance",
     "importance '4' is written in quotes; write the number without them: 4"),
    ("[]", "", 'expected a level 0..4, "n/a" or a table {level, importance, note}, got []'),
    ("2026-01-01", "",
     'expected a level 0..4, "n/a" or a table {level, importance, note}, got 2026-01-01'),
    ("9.0", "", 'expected a level 0..4, "n/a" or a table {level, importance, note}, got 9.0'),
    ('"9"', "", "expected a level 0..4 or \"n/a\", got '9'"),
])
def test_a_whole_level_written_otherwise_says_how_to_write_it(cli, tmp_path, written, where,
                                                                message):
    path = _assessment(tmp_path, FIRST_ANSWER, f'"understand-journey-map" = {written}')
    before = path.read_bytes()
    code, out, err = cli("score", path)
    assert code == 1 and out == ""
    assert _one_error(err) == (f'error: {path}: respondents[0].answers."understand-journey-map"'
                               f"{where}: {message}")
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- --plugins-dir


def test_plugins_dir_given_a_file_says_it_is_a_file(cli, tmp_path, monkeypatch):
    plugin = tmp_path / "mine.py"
    plugin.write_text("", encoding="utf-8")
    code, out, err = cli("--plugins-dir", plugin, "score", HARBOUR)
    assert code == 1 and out == ""
    assert _one_error(err) == f"error: {plugin}: is a file, not a plugins folder"
    monkeypatch.setenv("CXASSESS_PLUGINS_DIR", str(plugin))
    code, out, err = cli("plugins")
    assert code == 1 and _one_error(err) == f"error: {plugin}: is a file, not a plugins folder"


def test_plugins_dir_given_a_fifo_or_a_path_through_a_file(cli, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = cli("--plugins-dir", fifo, "plugins")
    assert code == 1
    assert _one_error(err) == f"error: {fifo}: is not a plugins folder (a device, pipe or socket)"
    through = tmp_path / "file" / "plugins"
    through.parent.write_text("", encoding="utf-8")
    code, _, err = cli("--plugins-dir", through, "plugins")
    assert code == 1 and _one_error(err) == (
        f"error: {through}: plugins folder: a part of the path is a file, not a folder")
    code, _, err = cli("--plugins-dir", tmp_path / "none", "plugins")
    assert code == 1 and _one_error(err) == f"error: {tmp_path / 'none'}: plugins folder does not exist"


# --------------------------------------------------------------------------- hard links


def test_two_apps_on_two_hard_links_of_one_file_the_second_is_read_only(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = tmp_path / "one" / "client.toml"
    first.write_text("", encoding="utf-8")
    second = tmp_path / "two" / "kunde.toml"
    os.link(first, second)
    mine = AssessmentLock(first)
    assert mine.acquire() is None
    other = AssessmentLock(second)
    holder = other.acquire()
    assert holder is not None and holder.linked and not other.held
    # the second app leaves nothing behind beside its name
    assert not lock_path(second).exists() and not holder_path(second).exists()
    mine.release()
    assert other.acquire() is None and other.held
    other.release()


def test_a_session_on_a_hard_link_of_an_open_file_opens_read_only(tmp_path, builtin_plugins):
    from cxassess.tui.i18n import t
    from cxassess.tui.session import Session

    first = tmp_path / "client.toml"
    first.write_bytes(HARBOUR.read_bytes())
    second = tmp_path / "kunde.toml"
    os.link(first, second)
    one = Session.open(first, builtin_plugins)
    try:
        assert one.problem is None
        two = Session.open(second, builtin_plugins)
        assert two.problem == "locked" and two.holder.linked
        assert "hard link" in t("en", "banner_locked_link")
        assert "hårdt link" in t("da", "banner_locked_link")
        two.close()
    finally:
        one.close()
    three = Session.open(second, builtin_plugins)
    assert three.problem is None
    three.close()


# --------------------------------------------------------------------------- plugins


HEADER = "import sys\nfrom cxassess import hookimpl\n"
SCORER = ("@hookimpl\ndef cxassess_register_scorers(register):\n"
          "    register('hostile', score)\n")
EVERY_CXASSESS_MODULE_NONE = (
    "    for name in list(sys.modules):\n"
    "        if name.startswith('cxassess.'):\n"
    "            sys.modules[name] = None\n")

HOSTILE_PLUGINS = {
    "sys.stdout closed on import": HEADER + "sys.stdout.close()\n",
    "sys.stdout closed by a scorer": HEADER + (
        "def score(context):\n    sys.stdout.close()\n    return {'score': 50}\n") + SCORER,
    "sys.stderr closed on import": HEADER + "sys.stderr.close()\n",
    "sys.path cleared, json blocked": HEADER + "sys.path.clear()\nsys.modules['json'] = None\n",
    "modules removed by a scorer": HEADER + (
        "def score(context):\n    for name in ('json', 'tempfile', 'zipfile'):\n"
        "        sys.modules.pop(name, None)\n    sys.path[:] = []\n"
        "    return {'score': 50}\n") + SCORER,
    "every cxassess module set to None by a roadmap hook": HEADER + (
        "@hookimpl\ndef cxassess_roadmap_initiatives(context, report):\n"
        + EVERY_CXASSESS_MODULE_NONE + "    return []\n"),
}


@pytest.fixture(scope="module")
def plain_json():
    out = run_subprocess("score", HARBOUR, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("case", HOSTILE_PLUGINS)
def test_a_plugin_breaking_the_process_streams_or_imports_is_undone(plain_json, tmp_path, case):
    """A plugin that closes sys.stdout or sys.stderr, clears sys.path or removes modules
    from sys.modules took every command down with a traceback (the output and the imports
    cxassess makes only when it needs them came after it)."""
    folder = plugin_folder(tmp_path, hostile=HOSTILE_PLUGINS[case],
                           zbroken="raise RuntimeError('also broken')\n")
    out = run_subprocess("--plugins-dir", folder, "score", HARBOUR, "--json")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    doc = json.loads(out.stdout)
    assert doc["roadmap"] == plain_json["roadmap"] and doc["stages"] == plain_json["stages"]
    # stderr still works after the plugin: the other plugin's failure is told there
    assert "warning: plugin 'zbroken' failed to load: RuntimeError: also broken" in out.stderr
    book = tmp_path / "out.xlsx"
    out = run_subprocess("--plugins-dir", folder, "export", HARBOUR, "-o", book)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert openpyxl.load_workbook(book).sheetnames


def test_a_folder_a_plugin_puts_on_sys_path_stays_for_its_own_imports(tmp_path):
    """What a plugin adds to sys.path is kept (it imports its helpers through it later);
    only what it removed comes back."""
    folder = plugin_folder(tmp_path, _helper="SCORE = 42\n", hostile=HEADER + (
        "import os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        "def score(context):\n    import _helper\n    return {'score': _helper.SCORE}\n")
        + SCORER)
    out = run_subprocess("--plugins-dir", folder, "score", HARBOUR, "--json")
    assert out.returncode == 0, out.stderr
    [hostile] = [d for d in json.loads(out.stdout)["dimensions"] if d["id"] == "hostile"]
    assert hostile["score"] == 42


def test_put_back_imports_restores_removed_and_replaced_modules_only():
    from cxassess import isolation

    saved_path, saved_modules = list(sys.path), sys.modules.copy()
    added = types.ModuleType("cxassess_round4_added")
    try:
        sys.path.insert(0, "/added/by/plugin")
        del sys.path[1]
        sys.modules["json"] = None
        sys.modules.pop("zipfile", None)
        sys.modules["cxassess_round4_added"] = added
        isolation._put_back_imports(saved_path, saved_modules)
        assert sys.path == saved_path + ["/added/by/plugin"]
        assert sys.modules["json"] is saved_modules["json"]
        assert sys.modules.get("zipfile") is saved_modules.get("zipfile")
        assert sys.modules["cxassess_round4_added"] is added
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("cxassess_round4_added", None)
        sys.modules.update(saved_modules)


# --------------------------------------------------------------------------- forms


def test_forms_of_a_questionnaire_whose_texts_hold_control_characters(cli, tmp_path):
    """A question text or help text with a control character (a valid TOML string) took
    `forms` down with openpyxl's IllegalCharacterError; the workbook drops it, as every
    other cell of ours does."""
    dev = (ROOT / "tests" / "fixtures" / "dev.toml").read_text(encoding="utf-8")
    old = 'text = { en = "Journeys are mapped from the customer\'s side."'
    assert old in dev
    dev = dev.replace(old, 'help = { en = "Bell\\u0007 here", da = "Klokke\\u0007" }\n'
                           'text = { en = "Journeys\\u001b are mapped from the customer\'s side."')
    (tmp_path / "dev.toml").write_text(dev, encoding="utf-8")
    assessment = (ROOT / "tests" / "fixtures" / "dev-assessment.toml").read_bytes()
    (tmp_path / "client.toml").write_bytes(assessment)
    code, _, err = cli("forms", tmp_path / "client.toml", "-o", tmp_path / "forms")
    assert code == 0 and "Traceback" not in err, err
    [form, *_] = sorted((tmp_path / "forms").glob("*.xlsx"))
    ws = openpyxl.load_workbook(form, rich_text=True)["Questions"]
    texts = [str(ws.cell(row, 3).value) for row in range(1, ws.max_row + 1)]
    assert any("Journeys are mapped" in t and "Bell here" in t for t in texts), texts


def test_forms_into_a_fifo_says_it_is_no_folder(cli, tmp_path):
    fifo = tmp_path / "forms"
    os.mkfifo(fifo)
    code, _, err = cli("forms", HARBOUR, "-o", fifo)
    assert code == 1
    assert _one_error(err) == f"error: {fifo}: is not a folder (a device, pipe or socket)"


def test_a_long_value_in_a_collected_toml_file_is_cut_in_the_message(cli, tmp_path):
    """collect quoted the questionnaire of an answer file whole (up to the line's cap of
    1,000 characters), where every other message cuts a value to about 60."""
    assessment = tmp_path / "client.toml"
    assessment.write_bytes(HARBOUR.read_bytes())
    answers = _assessment(tmp_path, 'questionnaire = "four-f"',
                          'questionnaire = "' + "x" * 5000 + '"', name="answers.toml")
    code, _, err = cli("collect", assessment, answers)
    assert code == 1
    first = err.splitlines()[0]
    assert f"questionnaire 'xxx" in first and "(5,000 characters)" in first and len(first) < 300
    assert assessment.read_bytes() == HARBOUR.read_bytes()


def test_two_old_ids_of_one_question_are_named_as_such(cli, tmp_path):
    """Answers under two old ids of one renamed question were called "the same question
    under its old and its current id", naming the current id nobody had written."""
    dev = (ROOT / "tests" / "fixtures" / "dev.toml").read_text(encoding="utf-8")
    (tmp_path / "q.toml").write_text(
        dev + '\n[aliases]\n"old-a" = "fix-tracking"\n"old-b" = "fix-tracking"\n',
        encoding="utf-8")
    path = tmp_path / "a.toml"
    path.write_text('questionnaire = "q.toml"\n[organisation]\nname = "X"\n[[respondents]]\n'
                    'name = "A"\n[respondents.answers]\n"old-a" = 1\n"old-b" = 2\n',
                    encoding="utf-8")
    code, _, err = cli("validate", path)
    assert code == 1
    assert _one_error(err) == (
        f"error: {path}: respondents[0].answers.\"old-b\": answers both 'old-b' and 'old-a', "
        "the same question 'fix-tracking' under two old ids")


@pytest.mark.parametrize("payload, place", [
    (b"\r", "line 1, column 1"),
    (b'questionnaire = "four-f"\r[organisation]\rname = "X"\r', "line 1, column 25"),
])
def test_line_breaks_of_a_lone_carriage_return_are_told(cli, tmp_path, payload, place):
    path = tmp_path / "mac.toml"
    path.write_bytes(payload)
    code, _, err = cli("validate", path)
    assert code == 1
    line = _one_error(err)
    assert line.startswith(f"error: {path}: {place}: invalid TOML: ")
    assert line.endswith("; a carriage return (CR) there ends no line: TOML reads only LF or "
                         "CR LF as a line break (old Mac files end lines in CR alone); save the "
                         "file with ordinary line breaks")


@pytest.mark.parametrize("returned, kind", [("42", "int"), ('"four-f.toml"', "str"),
                                            ('{"id": "x"}', "dict"),
                                            ('(1 / 0 for _ in "x")', "generator")])
@pytest.mark.parametrize("hook", ["cxassess_questionnaires", "cxassess_roadmap_initiatives"])
def test_a_hook_that_returns_no_list_is_warned_of_and_ignored(tmp_path, plain_json, returned,
                                                              kind, hook):
    """cxassess_questionnaires returning 42 was a traceback; a string was read letter by
    letter as paths, a generator run outside the plugin's isolation."""
    args = "context, report" if hook == "cxassess_roadmap_initiatives" else ""
    folder = plugin_folder(tmp_path, hostile=HEADER + (
        f"@hookimpl\ndef {hook}({args}):\n    return {returned}\n"))
    for argv in (["questionnaires"], ["score", HARBOUR, "--json"]):
        out = run_subprocess("--plugins-dir", folder, *argv)
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    warning = f"plugin 'hostile': {hook} returned a value of type {kind}, not a list; ignored"
    assert json.loads(out.stdout)["roadmap"] == plain_json["roadmap"]
    assert f"warning: {warning}" in out.stderr.splitlines()


@pytest.mark.parametrize("argv", [["questionnaires", "show", "{a}"],
                                  ["template", "{a}", "-o", "{out}"],
                                  ["score", "{b}"]])
def test_an_assessment_given_as_a_questionnaire_is_told_so(cli, tmp_path, argv):
    """`questionnaires show client.toml` listed five missing keys and "5 more problem(s)"."""
    a = tmp_path / "client.toml"
    a.write_bytes(HARBOUR.read_bytes())
    b = _assessment(tmp_path, 'questionnaire = "four-f"', 'questionnaire = "client.toml"',
                    name="b.toml")
    args = [part.format(a=a, b=b, out=tmp_path / "t.toml") for part in argv]
    code, _, err = cli(*args)
    assert code == 1 and not (tmp_path / "t.toml").exists()
    where = f"{b}: questionnaire \"client.toml\"" if argv[0] == "score" \
        else f"questionnaire \"{a}\""
    assert _one_error(err) == (f"error: {where}: this is an assessment, not a questionnaire "
                               "(it has a 'questionnaire' key and no 'questions')")


def test_hidden_files_in_the_plugins_folder_are_skipped(tmp_path):
    """Emacs keeps a lock `.#NAME.py` (a dangling symbolic link) beside a plugin being
    edited: it was loaded, and warned of as a missing file on every command."""
    folder = plugin_folder(tmp_path, mine=HEADER + "def score(context):\n"
                                              "    return {'score': 50}\n" + SCORER)
    os.symlink("user@host.1234:1700000000", folder / ".#mine.py")
    (folder / ".hidden.py").write_text("raise RuntimeError('not a plugin')\n", encoding="utf-8")
    out = run_subprocess("--plugins-dir", folder, "score", HARBOUR, "--json")
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert json.loads(out.stdout)["warnings"] == []


def test_forms_of_a_questionnaire_whose_version_holds_a_control_character_come_back(cli,
                                                                                    tmp_path):
    """The form keeps the version as a cell can hold it (control characters dropped), and
    collect compared it with the version as written: every form was refused as made for
    another version of the questionnaire (found by tests/test_fuzz_valid.py)."""
    dev = (ROOT / "tests" / "fixtures" / "dev.toml").read_text(encoding="utf-8")
    assert 'version = "0.1"' in dev
    (tmp_path / "dev.toml").write_text(dev.replace('version = "0.1"', 'version = "0.\\u00011"'),
                                       encoding="utf-8")
    (tmp_path / "client.toml").write_bytes(
        (ROOT / "tests" / "fixtures" / "dev-assessment.toml").read_bytes())
    assert cli("forms", tmp_path / "client.toml", "-o", tmp_path / "forms")[0] == 0
    form = sorted((tmp_path / "forms").glob("*.xlsx"))[0]
    book = openpyxl.load_workbook(form)
    book["Questions"]["E7"] = 3
    book.save(form)
    code, _, err = cli("collect", tmp_path / "client.toml", form)
    assert code == 0, err


def test_a_template_of_a_questionnaire_with_control_characters_is_valid_toml(cli, tmp_path):
    """TOML refuses control characters in comments: a question text or version holding one
    made a template that no command could read."""
    dev = (ROOT / "tests" / "fixtures" / "dev.toml").read_text(encoding="utf-8")
    dev = dev.replace('version = "0.1"', 'version = "0.1\\u001f"').replace(
        "Journeys are mapped", "Journeys\\u0001 are\\u007f mapped")
    (tmp_path / "q.toml").write_text(dev, encoding="utf-8")
    assert cli("template", tmp_path / "q.toml", "-o", tmp_path / "t.toml", "--lang", "en")[0] == 0
    code, out, err = cli("validate", tmp_path / "t.toml")
    assert code == 0, err
    text = (tmp_path / "t.toml").read_text(encoding="utf-8")
    assert "(dev 0.1\\x1f)" in text and "Journeys\\x01 are\\x7f mapped" in text


def test_a_version_with_outer_white_space_comes_back_from_the_form(cli, tmp_path):
    dev = (ROOT / "tests" / "fixtures" / "dev.toml").read_text(encoding="utf-8")
    (tmp_path / "dev.toml").write_text(dev.replace('version = "0.1"', 'version = "\\r0.1 "'),
                                       encoding="utf-8")
    (tmp_path / "client.toml").write_bytes(
        (ROOT / "tests" / "fixtures" / "dev-assessment.toml").read_bytes())
    assert cli("forms", tmp_path / "client.toml", "-o", tmp_path / "forms")[0] == 0
    form = sorted((tmp_path / "forms").glob("*.xlsx"))[0]
    book = openpyxl.load_workbook(form)
    book["Questions"]["E7"] = 3
    book.save(form)
    code, _, err = cli("collect", tmp_path / "client.toml", form)
    assert code == 0, err


@pytest.mark.parametrize("name", ["\\u0001", " \\u0007\\t\\u001b "])
def test_a_name_of_control_characters_alone_is_refused(cli, tmp_path, name):
    """A respondent named only by control characters loaded, and its form came back with
    no name (a workbook cannot hold them): collect refused it (found by test_fuzz_valid)."""
    path = _assessment(tmp_path, 'name = "Hannah Price"', f'name = "{name}"')
    code, _, err = cli("validate", path)
    assert code == 1
    assert _one_error(err).endswith(
        ".name: must say something: it holds only spaces and control characters")
