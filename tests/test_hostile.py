"""Hostile and odd files: every one gets one readable line naming the user's file (exit 1),
never a traceback, a hang or unbounded memory; read-only targets are never replaced."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from cxassess import files
from cxassess.errors import InputError
from cxassess.files import check_writable
from cxassess.loading import save_assessment

from helpers import FIXTURES, make_assessment

HEAD = 'format = 1\nlanguage = "en"\n[organisation]\nname = "X"\n'
ASSESSMENT = 'questionnaire = "four-f"\n' + HEAD


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def one_error(cli, *args) -> str:
    """Run the CLI; it must fail with exactly one printable line starting 'error: '."""
    code, _out, err = cli(*args)
    assert code == 1, err
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith("error: ") and line.isprintable(), line
    assert len(line) <= 1100
    return line


# --------------------------------------------------------------------------- paths


def test_nesting_deeper_than_the_parser_can_go(cli, tmp_path):
    path = write(tmp_path, "d.toml", "a = " + "[" * 2000 + "]" * 2000 + "\n")
    line = one_error(cli, "validate", path)
    assert f"{path}: invalid TOML: nested too deeply" in line


def test_key_of_a_thousand_parts(cli, tmp_path):
    path = write(tmp_path, "k.toml", "a" + ".a" * 1000 + " = 1\n")
    line = one_error(cli, "score", path)
    # tomli (Python < 3.11) gives up on the depth; tomllib reads the key, and the
    # assessment's validation names it
    assert line.startswith(f"error: {path}: ")
    assert "invalid TOML: nested too deeply" in line or "a: unknown key" in line


def test_nul_in_the_questionnaire_path_names_the_assessment(cli, tmp_path):
    path = write(tmp_path, "a.toml", 'questionnaire = "q\\u0000.toml"\n' + HEAD)
    line = one_error(cli, "validate", path)
    assert line == f'error: {path}: questionnaire "q\\x00.toml": the path contains a NUL character'


@pytest.mark.parametrize("command", ["validate", "score"])
def test_file_name_too_long(cli, tmp_path, command):
    line = one_error(cli, command, tmp_path / ("a" * 300 + ".toml"))
    assert "the file name is too long" in line and "…" in line


def test_questionnaire_name_too_long(cli, tmp_path):
    path = write(tmp_path, "a.toml", f'questionnaire = "{"q" * 300}.toml"\n' + HEAD)
    line = one_error(cli, "score", path)
    assert line.startswith(f'error: {path}: questionnaire "qqq') and "too long" in line


def test_path_through_a_file_and_a_symlink_loop(cli, tmp_path):
    (tmp_path / "f").write_text("", encoding="utf-8")
    assert "a part of the path is a file, not a folder" in one_error(
        cli, "validate", tmp_path / "f" / "x.toml")
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    assert "symbolic link loop" in one_error(cli, "validate", tmp_path / "loop1")


def test_devices_are_not_read(cli, tmp_path):
    assert "not a regular file" in one_error(cli, "validate", "/dev/zero")
    path = write(tmp_path, "a.toml", 'questionnaire = "/dev/zero"\n' + HEAD)
    line = one_error(cli, "score", path)
    assert line.startswith(f"error: {path}: questionnaire: '/dev/zero' is neither")


def _finishes(fn, *args):
    """Run fn in a thread; a hang (e.g. opening a FIFO) fails the test instead of it."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(fn(*args)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "hangs"
    return result[0]


def test_a_fifo_does_not_block(cli, tmp_path):
    os.mkfifo(tmp_path / "fifo.toml")
    line = _finishes(one_error, cli, "validate", tmp_path / "fifo.toml")
    assert "not a regular file" in line
    path = write(tmp_path, "a.toml", 'questionnaire = "fifo.toml"\n' + HEAD)
    line = _finishes(one_error, cli, "score", path)
    assert line.startswith(f'error: {path}: questionnaire "fifo.toml": is not a regular file')


def test_files_over_the_size_limit_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path, "a.toml", ASSESSMENT + "#" * 2000 + "\n")
    assert "is 2," in one_error(cli, "validate", path)
    assert "more than the 1,000 bytes a file may have" in one_error(cli, "validate", path)


def test_a_questionnaire_that_is_not_a_toml_file_is_refused(cli, tmp_path):
    for ref in ("N/A", "../../../etc/passwd"):
        path = write(tmp_path, "a.toml", f'questionnaire = "{ref}"\n' + HEAD)
        assert one_error(cli, "score", path) == (
            f"error: {path}: questionnaire: '{ref}' is neither a questionnaire id nor a path "
            "to a .toml file")


def test_a_broken_referenced_questionnaire_names_both_files(cli, tmp_path):
    write(tmp_path, "q.toml", "id = \n")
    path = write(tmp_path, "a.toml", 'questionnaire = "q.toml"\n' + HEAD)
    line = one_error(cli, "score", path)
    assert line.startswith(f'error: {path}: questionnaire "q.toml": line 1, column')
    (tmp_path / "q.toml").write_text('id = "Q"\n', encoding="utf-8")
    line = one_error(cli, "validate", path)
    assert line.startswith(f'error: {path}: questionnaire "q.toml": id: ')


def test_a_relative_questionnaire_path_is_read_beside_the_assessment(cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "dev.toml").write_bytes((FIXTURES / "dev.toml").read_bytes())
    path = write(tmp_path, "a.toml", 'questionnaire = "sub/dev.toml"\n' + HEAD)
    code, out, err = cli("validate", path)
    assert code == 0 and "('dev')" in out, err


# --------------------------------------------------------------------------- messages


def test_a_megabyte_value_is_shortened(cli, tmp_path):
    path = write(tmp_path, "a.toml", f'questionnaire = "{"x" * 1_000_000}"\n' + HEAD)
    line = one_error(cli, "score", path)
    assert "(1,000,000 characters)" in line and len(line) < 300


def test_escape_characters_never_reach_the_terminal(cli, tmp_path):
    path = write(tmp_path, "a.toml", ASSESSMENT + '[inputs]\n"\\u001b]0;pwned\\u0007" = 3\n'
                 '[[respondents]]\nname = "\\u009b31m"\n[respondents.answers]\n'
                 '"fix\\u001b[2J" = 1\n')
    line = one_error(cli, "validate", path)
    assert "\x1b" not in line and "\x9b" not in line and "\x07" not in line
    assert 'inputs."\\x1b]0;pwned\\x07"' in line


def test_many_problems_are_counted_not_listed(cli, tmp_path):
    body = "".join(f'"q{i}" = 9\n' for i in range(200))
    path = write(tmp_path, "a.toml", ASSESSMENT + '[[respondents]]\nname = "A"\n'
                 "[respondents.answers]\n" + body)
    line = one_error(cli, "validate", path)
    assert "and 195 more problem(s)" in line


def test_a_huge_integer_is_described_not_printed(cli, tmp_path):
    path = write(tmp_path, "a.toml", ASSESSMENT + "[[respondents]]\nname = \"A\"\n"
                 "[respondents.answers]\nfix-mobile = 0x" + "f" * 20000 + "\n")
    assert "number of about" in one_error(cli, "validate", path)


def test_a_byte_order_mark_is_skipped_and_utf16_is_named(cli, tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"\xef\xbb\xbf" + ASSESSMENT.encode())
    code, out, _ = cli("validate", path)
    assert code == 0 and out.startswith(f"ok: {path}")
    path.write_bytes(ASSESSMENT.encode("utf-16"))
    assert "UTF-16" in one_error(cli, "validate", path)


def test_bytes_that_are_not_utf8_are_located(cli, tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(ASSESSMENT.encode() + b'[inputs]\nx = "\xff"\n')
    assert one_error(cli, "validate", path) == (
        f"error: {path}: line 7, column 6: not UTF-8 text (byte 0xff)")


# --------------------------------------------------------------------------- strict models


@pytest.mark.parametrize("text, where", [
    ('format = true\nquestionnaire = "four-f"\nlanguage = "en"\n[organisation]\nname = "X"\n',
     "format: the file format version must be the number 1, got True"),
    ('format = 1.0\nquestionnaire = "four-f"\nlanguage = "en"\n[organisation]\nname = "X"\n',
     "format: "),
    (ASSESSMENT.replace('name = "X"', 'name = "  \\t"'), "organisation.name: must not be empty"),
    (ASSESSMENT + '[[respondents]]\nname = 5\n', "respondents[0].name: Input should be a valid string"),
    (ASSESSMENT + '[[respondents]]\nname = "A"\n[respondents.answers]\n"fix-mobile" = true\n',
     'answers."fix-mobile": expected a level'),
    (ASSESSMENT + '[[respondents]]\nname = "A"\n[respondents.answers]\n'
                  '"fix-mobile" = { level = 1, importance = true }\n', "importance must be a whole number"),
    (ASSESSMENT + '[[respondents]]\nname = "A"\n[respondents.answers]\n'
                  '"fix-mobile" = { level = 1, note = 3 }\n', "note: Input should be a valid string"),
])
def test_strict_assessment_types(cli, tmp_path, text, where):
    path = write(tmp_path, "a.toml", text)
    assert where in one_error(cli, "validate", path)


def _questionnaire(old: str, new: str) -> str:
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("old, new, where", [
    ("weight = 3", "weight = true", "weight: Input should be a valid number"),
    ("asks_importance = true", 'asks_importance = "yes"', "asks_importance: Input should be a valid boolean"),
    ("asks_importance = true", "asks_importance = 1", "asks_importance: Input should be a valid boolean"),
    ('id = "dev"', 'id = "dev\\n"', "id: 'dev\\n' is not a valid id"),
    ('[dimensions.data]', '[dimensions."=1+1"]', "dimensions.\"=1+1\""),
    ('da = "Udviklingsspørgeskema"', 'da = " \\u00a0 "', "title.da: must not be empty or only spaces"),
    ('version = "0.1"', 'version = "0.1"\naliases = { "Old Id" = "fix-tracking" }',
     "aliases: 'Old Id' is not a valid id"),
])
def test_strict_questionnaire_types(cli, tmp_path, old, new, where):
    path = write(tmp_path, "q.toml", _questionnaire(old, new))
    line = one_error(cli, "validate", path)
    assert line.startswith(f"error: {path}: as a questionnaire: ") and where in line


def test_validate_says_what_it_took_the_file_for(cli, tmp_path):
    path = write(tmp_path, "q.toml", 'id = "mine"\nversion = "1"\n')
    line = one_error(cli, "validate", path)
    assert line.startswith(f"error: {path}: as a questionnaire: ") and "questions: required" in line
    path = write(tmp_path, "e.toml", "")
    assert "neither an assessment" in one_error(cli, "validate", path)


# --------------------------------------------------------------------------- writing


def test_a_read_only_file_is_never_replaced_even_as_root(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("earlier", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(InputError, match="read-only; not replaced"):
        check_writable(path)
    with pytest.raises(InputError, match=f"{path}: the file is read-only"):
        save_assessment(make_assessment([{"fix-staff": 1}]), path)
    assert path.read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_file_that_becomes_read_only_during_the_write_is_kept(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    path.write_text("earlier", encoding="utf-8")
    real_fsync = os.fsync

    def fsync_then_chmod(fd):
        real_fsync(fd)
        path.chmod(0o444)  # e.g. the user locks the file while the payload is written
    monkeypatch.setattr(files.os, "fsync", fsync_then_chmod)
    with pytest.raises(InputError, match="read-only"):
        save_assessment(make_assessment([{"fix-staff": 1}]), path)
    assert path.read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to become another user")
def test_a_file_this_user_cannot_write_is_refused():
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        path = folder / "a.toml"
        path.write_text("earlier", encoding="utf-8")
        path.chmod(0o644)  # root's file: others may read it, not write it
        pid = os.fork()
        if pid == 0:  # the child becomes nobody and tries to write
            code = 4
            try:
                os.setgid(65534)
                os.setuid(65534)
                save_assessment(make_assessment([{"fix-staff": 1}]), path)
            except InputError as exc:
                code = 3 if "no permission to write this file; not replaced" in str(exc) else 5
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 3
        assert path.read_text(encoding="utf-8") == "earlier"
    finally:
        shutil.rmtree(folder)


def test_a_replaced_file_keeps_its_mode(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("earlier", encoding="utf-8")
    path.chmod(0o640)
    save_assessment(make_assessment([{"fix-staff": 1}]), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_export_to_a_read_only_workbook_is_refused_and_unchanged(cli, tmp_path):
    out = tmp_path / "client.xlsx"
    out.write_bytes(b"the executive's copy")
    out.chmod(0o444)
    line = one_error(cli, "export", FIXTURES / "dev-assessment.toml", "-o", out)
    assert line.startswith(f"error: {out}: the file is read-only")
    assert out.read_bytes() == b"the executive's copy"


def test_template_to_a_read_only_file_is_refused_even_with_force(cli, tmp_path):
    out = write(tmp_path, "client.toml", "mine")
    out.chmod(0o444)
    assert "read-only" in one_error(cli, "template", "four-f", "-o", out, "--force")
    assert out.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", [["export", str(FIXTURES / "dev-assessment.toml")],
                                     ["template", "four-f"]])
@pytest.mark.parametrize("out, reason", [
    ("a\x00b", "NUL character"), ("a" * 300, "too long"), ("f/x", "not a folder"),
    ("nope/x", "folder"),
])
def test_hostile_output_paths(cli, tmp_path, command, out, reason):
    (tmp_path / "f").write_text("", encoding="utf-8")
    suffix = ".xlsx" if command[0] == "export" else ".toml"
    line = one_error(cli, *command, "-o", str(tmp_path / out) + suffix)
    assert reason in line


def test_leftovers_of_a_killed_write_are_removed(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    old = tmp_path / ".a.toml.ab_12xyz.tmp"      # a killed save of a.toml
    other = tmp_path / ".b.toml.ab_12xyz.tmp"    # another target's
    mine = tmp_path / ".a.toml.notours!.tmp"     # not our pattern
    for leftover in (old, other, mine):
        leftover.write_text("half", encoding="utf-8")
        os.utime(leftover, (1, 1))
    running = tmp_path / ".a.toml.zz_99abc.tmp"  # a write in progress in another process
    running.write_text("half", encoding="utf-8")
    monkeypatch.setattr(files, "_STARTED", running.stat().st_mtime - 1)
    save_assessment(make_assessment([{"fix-staff": 1}]), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.toml", other.name, mine.name, running.name])


def test_the_text_report_escapes_what_a_file_says(cli, tmp_path):
    path = write(tmp_path, "a.toml", ASSESSMENT.replace('name = "X"', 'name = "X\\u001b]0;pwned\\u0007"'))
    code, out, err = cli("score", path)
    assert code == 0, err
    assert "\x1b" not in out and "X\\x1b]0;pwned\\x07" in out


@pytest.mark.parametrize("name", ["a" * 300 + ".toml", "f/x.toml", "a\x00b.toml"])
def test_the_app_refuses_an_unusable_path_before_it_starts(cli, tmp_path, name):
    (tmp_path / "f").write_text("", encoding="utf-8")
    one_error(cli, "tui", str(tmp_path / name))


KILLED_SAVE = """
import os, sys
from cxassess import files
def killed(fd):
    os.kill(os.getpid(), 9)  # kill -9 between writing the temporary file and the rename
files.os.fsync = killed
files.atomic_write_bytes(sys.argv[1], b"new")
"""

NEXT_SAVE = "import sys; from cxassess import files; files.atomic_write_bytes(sys.argv[1], b'next')"


def test_the_next_save_removes_what_a_killed_save_left(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"earlier")
    killed = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(path)], timeout=120)
    assert killed.returncode == -9
    [leftover] = [p.name for p in tmp_path.iterdir() if p.name != "a.toml"]
    assert leftover.startswith(".a.toml.") and leftover.endswith(".tmp")
    assert path.read_bytes() == b"earlier"
    subprocess.run([sys.executable, "-c", NEXT_SAVE, str(path)], check=True, timeout=120)
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]
    assert path.read_bytes() == b"next"


def test_a_save_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "client.toml"
    target.write_text("earlier", encoding="utf-8")
    link = tmp_path / "client.toml"
    link.symlink_to(target)
    save_assessment(make_assessment([{"fix-staff": 1}]), link)
    assert link.is_symlink() and "fix-staff" in target.read_text(encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(InputError, match=f"^{link}: the file is read-only"):
        save_assessment(make_assessment([{"fix-staff": 2}]), link)


def test_the_ok_line_of_validate_escapes_what_a_file_says(cli, tmp_path):
    path = write(tmp_path, "q.toml", _questionnaire('version = "0.1"', 'version = "0.1\\u001b[2J"'))
    code, out, err = cli("validate", path)
    assert code == 0, err
    assert out == f"ok: {path}: questionnaire 'dev' 0.1\\x1b[2J, 8 questions\n"


@pytest.mark.parametrize("command", ["score", "export"])
def test_scoring_a_questionnaire_says_it_is_one(cli, tmp_path, command):
    out = ["-o", tmp_path / "out.xlsx"] if command == "export" else []
    line = one_error(cli, command, FIXTURES / "dev.toml", *out)
    assert line == (f"error: {FIXTURES / 'dev.toml'}: this is a questionnaire, not an assessment "
                    "(it has 'questions' and no 'questionnaire' key); an assessment names its "
                    'questionnaire, e.g. questionnaire = "four-f"')
