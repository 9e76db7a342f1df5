"""Hostile input, round 3: files on disk (an output that is one of the inputs, a full disk,
locks beside the assessment through links and odd files), odd encodings and odd workbooks.
Each is one line naming the file, exit 1, no traceback, and nothing of the user's is
overwritten."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cxassess import catalog

from helpers import ROOT

FOUR_F = ROOT / "questionnaires" / "four-f.toml"


def one_error(cli, *args) -> str:
    code, _out, err = cli(*args)
    assert code == 1 and "Traceback" not in err, err
    [line] = err.splitlines()
    assert line.startswith("error: ") and line.isprintable(), line
    return line


# --------------------------------------------------------------------------- output = input


@pytest.mark.parametrize("link", [False, True])
def test_template_over_its_own_questionnaire_is_refused_even_with_force(cli, tmp_path, link):
    """``template q.toml -o q.toml --force`` replaced the questionnaire by an assessment
    naming itself: the user's questionnaire was lost and the assessment could not load."""
    questionnaire = tmp_path / "q.toml"
    shutil.copy(FOUR_F, questionnaire)
    out = questionnaire
    if link:
        out = tmp_path / "client.toml"
        out.symlink_to(questionnaire)
    before = questionnaire.read_bytes()
    line = one_error(cli, "template", questionnaire, "-o", out, "--force")
    assert line == f"error: {out}: is the questionnaire itself; not overwritten (write the " \
                   "assessment to another file)"
    assert questionnaire.read_bytes() == before


def test_template_over_a_built_in_questionnaire_named_by_id_is_refused(cli, tmp_path,
                                                                        monkeypatch):
    """``template four-f -o …/questionnaires/four-f.toml --force`` wrote the blank
    assessment over the built-in questionnaire itself (the check knew only paths), and
    every command after it failed."""
    built_in = tmp_path / "questionnaires" / "four-f.toml"
    built_in.parent.mkdir()
    shutil.copy(FOUR_F, built_in)
    monkeypatch.setattr(catalog, "builtin_questionnaire_files", lambda: [built_in])
    before = built_in.read_bytes()
    line = one_error(cli, "template", "four-f", "-o", built_in, "--force")
    assert line == f"error: {built_in}: is the questionnaire itself; not overwritten (write " \
                   "the assessment to another file)"
    assert built_in.read_bytes() == before


def test_template_over_a_plugins_questionnaire_named_by_id_is_refused(cli, tmp_path,
                                                                     monkeypatch):
    folder = tmp_path / "myplugins"
    folder.mkdir()
    (folder / "mine.py").write_text(
        "from pathlib import Path\nfrom cxassess import hookimpl\n\n@hookimpl\n"
        "def cxassess_questionnaires():\n    return [Path(__file__).with_name('mine.toml')]\n",
        encoding="utf-8")
    own = folder / "mine.toml"
    own.write_text(FOUR_F.read_text(encoding="utf-8").replace('id = "four-f"', 'id = "mine"', 1),
                   encoding="utf-8")
    before = own.read_bytes()
    line = one_error(cli, "--plugins-dir", folder, "template", "mine", "-o", own, "--force")
    assert line.endswith(": is the questionnaire itself; not overwritten (write the "
                         "assessment to another file)")
    assert own.read_bytes() == before
    code, _, err = cli("--plugins-dir", folder, "template", "mine", "-o", tmp_path / "a.toml")
    assert code == 0, err


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding, named", [
    ("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-16-le", "UTF-16 or UTF-32"),
    ("utf-16-be", "UTF-16 or UTF-32"), ("utf-32-le", "UTF-16 or UTF-32")])
@pytest.mark.parametrize("command", ["score", "validate"])
def test_wide_text_is_named_by_its_encoding(cli, tmp_path, encoding, named, command):
    """UTF-32 was called UTF-16; UTF-16 without a byte-order mark was 'not UTF-8 text' at
    the first letter outside ASCII, lines into the file."""
    path = tmp_path / "client.toml"
    path.write_bytes((ROOT / "examples" / "nordlys-energi.toml").read_text(encoding="utf-8")
                     .encode(encoding))
    assert one_error(cli, command, path) == \
        f"error: {path}: the file is {named} text; save it as UTF-8"


# --------------------------------------------------------------------------- odd workbooks

COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptedPackage" * 64


@pytest.mark.parametrize("command", ["collect", "export"])
def test_a_password_protected_workbook_is_named_as_one(cli, tmp_path, command):
    """Excel saves a workbook with a password in its older compound format, which was
    'not a readable .xlsx workbook (File is not a zip file)'."""
    shutil.copy(ROOT / "tests" / "fixtures" / "dev.toml", tmp_path / "dev.toml")
    assessment = tmp_path / "client.toml"
    shutil.copy(ROOT / "tests" / "fixtures" / "dev-assessment.toml", assessment)
    before = assessment.read_bytes()
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(COMPOUND)
    args = ["collect", assessment, locked] if command == "collect" else \
        ["export", assessment, "-o", tmp_path / "new.xlsx", "--previous", locked]
    code, _out, err = cli(*args)
    assert code == 1 and "Traceback" not in err, err
    assert err.splitlines()[0] == (
        f"error: {locked}: is a password-protected or old-format (.xls) workbook, not a "
        "readable .xlsx; save it as .xlsx without a password")
    assert assessment.read_bytes() == before and not (tmp_path / "new.xlsx").exists()


# --------------------------------------------------------------------------- odd options


@pytest.mark.parametrize("args", [
    ["forms", "{a}", "-o", ""], ["export", "{a}", "-o", ""], ["template", "four-f", "-o", ""],
    ["score", ""], ["validate", "{a}", ""], ["compare", "", "{a}"], ["collect", "{a}", ""],
    ["export", "{a}", "-o", "{out}", "--previous", ""]])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(cli, tmp_path, monkeypatch,
                                                               capsys, args):
    """``-o "$DIR"`` with DIR unset: ``forms`` wrote the forms into the current folder,
    and the others spoke of a file ``.``."""
    from cxassess.cli import main

    shutil.copy(ROOT / "tests" / "fixtures" / "dev.toml", tmp_path / "dev.toml")
    shutil.copy(ROOT / "tests" / "fixtures" / "dev-assessment.toml", tmp_path / "a.toml")
    monkeypatch.chdir(tmp_path)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(SystemExit) as stop:
        main([{"{a}": "a.toml", "{out}": "out.xlsx"}.get(a, a) for a in args])
    assert stop.value.code == 2
    assert "expected a path, got an empty one" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == before


# --------------------------------------------------------------------------- a full disk


def test_forms_on_a_disk_that_fills_up_leave_no_partial_folder(cli, tmp_path, monkeypatch):
    """The disk full at the third form: the first two stayed, in a folder of some forms
    only, under a message naming just the third."""
    from cxassess.export import forms
    from cxassess.errors import InputError

    shutil.copy(ROOT / "tests" / "fixtures" / "dev.toml", tmp_path / "dev.toml")
    assessment = tmp_path / "a.toml"
    shutil.copy(ROOT / "tests" / "fixtures" / "dev-assessment.toml", assessment)
    real, calls = forms.atomic_write_bytes, []

    def filling(path, payload):
        calls.append(path)
        if len(calls) == 3:
            raise InputError(f"{path}: cannot write (No space left on device)")
        real(path, payload)

    monkeypatch.setattr(forms, "atomic_write_bytes", filling)
    out = tmp_path / "forms"
    line = one_error(cli, "forms", assessment, "-o", out, "--blank", "3")
    assert line == f"error: {calls[2]}: cannot write (No space left on device); no form written"
    assert not out.exists()
    # into a folder of earlier forms, replaced with --force: those cannot be put back
    out.mkdir()
    kept = out / "keep.txt"
    kept.write_text("mine", encoding="utf-8")
    monkeypatch.setattr(forms, "atomic_write_bytes", real)
    assert cli("forms", assessment, "-o", out, "--blank", "1")[0] == 0
    earlier = sorted(p.name for p in out.iterdir())
    calls.clear()
    monkeypatch.setattr(forms, "atomic_write_bytes", filling)
    line = one_error(cli, "forms", assessment, "-o", out, "--blank", "3", "--force")
    assert line.endswith("; 2 existing form(s) were replaced before it, no new one is kept")
    assert sorted(p.name for p in out.iterdir()) == earlier
    assert kept.read_text(encoding="utf-8") == "mine"


# --------------------------------------------------------------------------- collect's TOML


def test_a_toml_form_is_read_as_an_assessment_file_is(cli, tmp_path):
    """A questionnaire given to collect as a form got a list of missing keys, not "this is
    a questionnaire"; an answer under a renamed question's old id (``aliases``), which
    the assessment itself may hold, was an unknown question."""
    questionnaire = tmp_path / "dev.toml"
    questionnaire.write_text((ROOT / "tests" / "fixtures" / "dev.toml").read_text(
        encoding="utf-8") + '\n[aliases]\n"fix-measure" = "fix-tracking"\n', encoding="utf-8")
    assessment = tmp_path / "client.toml"
    shutil.copy(ROOT / "tests" / "fixtures" / "dev-assessment.toml", assessment)
    before = assessment.read_bytes()
    late = tmp_path / "late.toml"
    late.write_text('format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n[organisation]\n'
                    'name = "Testfirma ApS"\n[[respondents]]\nname = "Carl"\ndepartment = "IT"\n'
                    '[respondents.answers]\n"fix-measure" = 3\n', encoding="utf-8")
    code, out, err = cli("collect", assessment, late, "--dry-run")
    assert code == 0, err
    assert out == f"Carl (IT): new respondent, 1 answer(s) ({late})\n"
    code, _out, err = cli("collect", assessment, questionnaire)
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0].startswith(
        f"error: {questionnaire}: this is a questionnaire, not an assessment")
    assert assessment.read_bytes() == before


@pytest.mark.parametrize("second", ["a.toml", "./a.toml", "link.toml"])
def test_compare_refuses_one_assessment_given_twice(cli, tmp_path, monkeypatch, second):
    """``compare a.toml a.toml`` compared the file with itself under a same-date warning,
    where ``previous`` naming the file itself is an error."""
    shutil.copy(ROOT / "tests" / "fixtures" / "dev.toml", tmp_path / "dev.toml")
    shutil.copy(ROOT / "tests" / "fixtures" / "dev-assessment.toml", tmp_path / "a.toml")
    (tmp_path / "link.toml").symlink_to("a.toml")
    monkeypatch.chdir(tmp_path)
    assert one_error(cli, "compare", "a.toml", second, "-o", "trend.xlsx") == \
        f"error: {Path(second)}: the same assessment is given twice (also as a.toml); " \
        "compare needs different ones"
    assert not (tmp_path / "trend.xlsx").exists()
