"""Every command, given hostile files and arguments — empty, binary, a huge line, deep
nesting, NUL bytes, invalid UTF-8, UTF-16, escape sequences, a folder, a FIFO, a device,
a symbolic link loop, a path through a file, a name too long, a path with a newline —
answers with error lines on stderr and exit 1 (or 2 for a usage error): never a
traceback, never a hang, never a partial output file, and the user's files unchanged.

A representative set runs in CI; ``CXASSESS_SLOW_TESTS=1`` runs every command against
every hostile path and more generated files."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.cli import main

from helpers import FIXTURES

SLOW = bool(os.environ.get("CXASSESS_SLOW_TESTS"))

GOOD_TOML = (FIXTURES / "dev-assessment.toml").read_text(encoding="utf-8")


def _hostile_files(folder: Path) -> dict[str, Path]:
    folder.mkdir()

    def made(name: str, data: bytes) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    paths = {
        "empty": made("empty.toml", b""),
        "binary": made("binary.toml", bytes(range(256)) * 16),
        "huge line": made("line.toml", b'a = "' + b"x" * 2_000_000 + b'"\n'),
        "deep nesting": made("deep.toml", b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n"),
        "deep table": made("table.toml", b"[" + b".".join([b"a"] * 2000) + b"]\n"),
        "NUL byte": made("nul.toml", b"format = 1\x00\n"),
        "invalid UTF-8": made("latin.toml", b'format = 1\nname = "\xff\xfe"\n'),
        "UTF-16": made("utf16.toml", "format = 1\n".encode("utf-16")),
        "escape sequence": made("esc.toml", b'format = 1\nquestionnaire = "\x1b]0;pwn\x07"\n'),
        "huge number": made("number.toml", b"format = " + b"9" * 5000 + b"\n"),
        "junk xlsx": made("junk.xlsx", b"PK\x03\x04 junk"),
        "folder": folder / "folder.toml",
        "FIFO": folder / "fifo.toml",
        "symlink loop": folder / "loop.toml",
        "through a file": folder / "empty.toml" / "x.toml",
        "name too long": folder / ("x" * 300 + ".toml"),
        "missing": folder / "missing.toml",
        "device": Path(os.devnull),
    }
    (folder / "folder.toml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.toml")
    os.symlink(folder / "loop.toml", folder / "loop2.toml")
    os.symlink(folder / "loop2.toml", folder / "loop.toml")
    return paths


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("world")
    shutil.copy(FIXTURES / "dev.toml", root / "dev.toml")
    (root / "good.toml").write_text(GOOD_TOML, encoding="utf-8")
    assert main(["forms", str(root / "good.toml"), "-o", str(root / "forms")]) == 0
    return root, _hostile_files(root / "hostile")


OUTPUTS = ("out.xlsx", "out.toml", "forms-out", "trend.xlsx")

# each command with the hostile path in each place it takes a path; "{good}" is a valid
# assessment, "{form}" a valid returned form, "{out}" a fresh output folder
COMMANDS = [
    ["score", "{bad}"], ["score", "{bad}", "--json"], ["validate", "{bad}"],
    ["validate", "{good}", "{bad}"],
    ["export", "{bad}", "-o", "{out}/out.xlsx"], ["export", "{good}", "-o", "{bad}"],
    ["export", "{good}", "-o", "{out}/out.xlsx", "--previous", "{bad}"],
    ["forms", "{bad}", "-o", "{out}/forms-out"], ["forms", "{good}", "-o", "{bad}"],
    ["collect", "{bad}", "{form}"], ["collect", "{good}", "{bad}"],
    ["compare", "{bad}", "{good}"], ["compare", "{good}", "{good2}", "-o", "{bad}"],
    ["template", "{bad}", "-o", "{out}/out.toml"], ["template", "four-f", "-o", "{bad}"],
    ["questionnaires", "show", "{bad}"], ["plugins", "--plugins-dir", "{bad}"],
    ["score", "{good}", "--plugins-dir", "{bad}"], ["tui", "{bad}"],
]
FAST = {"score": ["binary", "deep nesting", "FIFO", "symlink loop", "device"],
        "export": ["huge line", "folder", "junk xlsx", "through a file"],
        "collect": ["invalid UTF-8", "junk xlsx", "symlink loop", "name too long", "FIFO"],
        "forms": ["NUL byte", "through a file", "device"],
        "compare": ["UTF-16", "folder", "deep table"],
        "template": ["escape sequence", "FIFO", "through a file"],
        "questionnaires": ["huge number", "symlink loop"],
        "validate": ["empty", "missing", "escape sequence"],
        "plugins": ["folder", "missing", "empty"],
        "tui": ["symlink loop", "name too long", "through a file"]}
# the hostile paths a command may accept: an output folder that is an existing folder
# ("forms -o folder") or a plugins folder that is one
ACCEPTED = {("forms", "folder"), ("plugins", "folder"), ("score", "folder")}
# not hostile: export replaces an existing file it is told to write, and a missing
# output is what every command makes (their contracts)
LEGITIMATE = {("export", "{good}", "-o", "{bad}", "junk xlsx")}
# the terminal app refuses before starting only paths that cannot be used at all; other
# files open its error screen
TUI_REFUSES = {"symlink loop", "name too long", "through a file"}


def _cases():
    for args in COMMANDS:
        for case in ("empty", "binary", "huge line", "deep nesting", "deep table", "NUL byte",
                     "invalid UTF-8", "UTF-16", "escape sequence", "huge number", "junk xlsx",
                     "folder", "FIFO", "symlink loop", "through a file", "name too long",
                     "missing", "device"):
            if args[0] == "tui" and case not in TUI_REFUSES or (*args, case) in LEGITIMATE:
                continue
            if case == "missing" and args[-2:] == ["-o", "{bad}"]:
                continue
            if SLOW or case in FAST.get(args[0], ()):
                yield pytest.param(args, case, id=f"{' '.join(args)}|{case}")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    """The CLI in-process, on a thread so a hang fails the test instead of stopping it."""
    result: list = []

    def call():
        try:
            result.append(main(args))
        except SystemExit as exc:  # argparse's usage errors
            result.append(exc.code)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(120)
    assert result, f"{args} did not finish"
    out, err = capsys.readouterr()
    return result[0], out, err


@pytest.mark.parametrize("template, case", _cases())
def test_a_hostile_path_is_an_error_line_and_nothing_is_written(world, tmp_path, capsys,
                                                              template, case):
    root, hostile = world
    out = tmp_path / "out"
    out.mkdir()
    good = tmp_path / "good.toml"
    good.write_text(GOOD_TOML, encoding="utf-8")
    good2 = tmp_path / "good2.toml"  # compare takes two different assessments
    good2.write_text(GOOD_TOML, encoding="utf-8")
    shutil.copy(root / "dev.toml", tmp_path / "dev.toml")
    form = root / "forms" / "anna-customer-service.xlsx"
    values = {"{bad}": str(hostile[case]), "{good}": str(good), "{good2}": str(good2),
              "{form}": str(form), "{out}": str(out)}
    args = [values.get(a, a) for a in template]
    args = [a.replace("{out}", str(out)) for a in args]
    before = {p: p.read_bytes() for p in (good, form) + tuple(
        Path(e.path) for e in os.scandir(root / "hostile") if e.is_file(follow_symlinks=False))}
    code, stdout, err = run(args, capsys)
    assert "Traceback" not in err, err
    if (template[0], case) in ACCEPTED and code == 0:
        return
    assert code in (1, 2), (args, code, stdout, err)
    lines = err.splitlines()
    assert lines, "nothing said"
    for line in lines:
        assert line.isprintable() and len(line) <= 1100, line
        assert line.startswith(("error: ", "warning: ")) or code == 2, line
    if code == 1:
        assert any(line.startswith("error: ") for line in lines)
    assert not any(out.iterdir()), f"left behind: {list(out.iterdir())}"
    for path, data in before.items():
        assert path.read_bytes() == data, f"{path} changed"


def test_a_path_with_a_newline_is_named_on_one_line(world, tmp_path, capsys):
    root, _ = world
    form = root / "forms" / "anna-customer-service.xlsx"
    odd = tmp_path / "new\nline.toml"
    odd.write_text(GOOD_TOML.replace('"dev.toml"', f'"{(root / "dev.toml").as_posix()}"')
                   .replace("Testfirma ApS", "Other A/S"), encoding="utf-8")
    before = odd.read_bytes()
    code, _, err = run(["collect", str(odd), str(form)], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines), err
    assert "new\\nline.toml is unchanged" in lines[-1]
    assert odd.read_bytes() == before


def test_a_nul_byte_in_an_output_folder_is_one_line(world, capsys):
    root, _ = world
    code, _, err = run(["forms", str(root / "good.toml"), "-o", "a\0b"], capsys)
    assert code == 1 and err == "error: the path contains a NUL character\n"


@settings(max_examples=300 if SLOW else 25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda head, junk: (GOOD_TOML[:head] + junk).encode("utf-8", "surrogatepass"),
              st.integers(0, len(GOOD_TOML)), st.text(max_size=80))),
       command=st.sampled_from([["score", "{bad}"], ["validate", "{bad}"],
                                ["collect", "{good}", "{bad}"], ["compare", "{bad}", "{good}"],
                                ["questionnaires", "show", "{bad}"],
                                ["template", "{bad}", "-o", "{out}"]]))
def test_generated_files_never_give_a_traceback(world, tmp_path, capsys, data, command):
    root, _ = world
    folder = tmp_path / "gen"
    folder.mkdir(exist_ok=True)
    shutil.copy(root / "dev.toml", folder / "dev.toml")
    good = folder / "good.toml"
    good.write_text(GOOD_TOML, encoding="utf-8")
    bad = folder / "bad.toml"
    bad.write_bytes(data)
    out = folder / "out.toml"
    out.unlink(missing_ok=True)
    args = [{"{bad}": str(bad), "{good}": str(good), "{out}": str(out)}.get(a, a)
            for a in command]
    code, _, err = run(args, capsys)
    assert "Traceback" not in err
    assert code in (0, 1), err
    if code == 1:
        assert all(line.startswith(("error: ", "warning: ")) and line.isprintable()
                   for line in err.splitlines()), err
        assert not out.exists()
    assert good.read_text(encoding="utf-8") == GOOD_TOML


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_plugins_folder_of_odd_files_loads_none_of_them_and_says_why(world, tmp_path, capsys):
    """A FIFO, a device, a folder or a link loop named *.py is never imported (importing
    /dev/zero filled memory; a FIFO waited until the plugin time limit)."""
    root, _ = world
    folder = tmp_path / "plugins"
    folder.mkdir()
    os.mkfifo(folder / "fifo.py")
    os.symlink(os.devnull, folder / "device.py")
    (folder / "folder.py").mkdir()
    os.symlink(folder / "loop.py", folder / "loop2.py")
    os.symlink(folder / "loop2.py", folder / "loop.py")
    shutil.copy(root / "dev.toml", tmp_path / "dev.toml")
    good = tmp_path / "good.toml"
    good.write_text(GOOD_TOML, encoding="utf-8")
    code, out, err = run(["score", str(good), "--plugins-dir", str(folder),
                          "--plugin-timeout", "120"], capsys)
    assert code == 0 and out
    warnings = sorted(err.splitlines())
    assert warnings == [
        f"warning: plugin 'device' failed to load: {folder}/device.py: is not a regular file "
        "(a device, pipe or socket); only regular files are read",
        f"warning: plugin 'fifo' failed to load: {folder}/fifo.py: is not a regular file "
        "(a device, pipe or socket); only regular files are read",
        f"warning: plugin 'folder' failed to load: {folder}/folder.py: is a folder, not a file",
        f"warning: plugin 'loop' failed to load: {folder}/loop.py: too many levels of "
        "symbolic links (a symbolic link loop?)",
        f"warning: plugin 'loop2' failed to load: {folder}/loop2.py: too many levels of "
        "symbolic links (a symbolic link loop?)"]


@pytest.mark.parametrize("template", [
    ["score", "{denied}.toml"], ["validate", "{denied}.toml"],
    ["collect", "{good}", "{denied}.xlsx"], ["collect", "{good}", "{denied}.toml"],
    ["export", "{good}", "-o", "{out}/out.xlsx", "--previous", "{denied}.xlsx"],
    ["compare", "{good}", "{denied}.toml"], ["questionnaires", "show", "{denied}.toml"],
    ["template", "{denied}.toml", "-o", "{out}/out.toml"],
])
def test_a_file_that_may_not_be_read_is_one_line(world, tmp_path, capsys, monkeypatch,
                                                 template):
    """Permission denied (made by refusing to open the file: tests may run as root,
    whom the system lets read anything)."""
    root, _ = world
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(root / "dev.toml", tmp_path / "dev.toml")
    good = tmp_path / "good.toml"
    good.write_text(GOOD_TOML, encoding="utf-8")
    denied = tmp_path / "denied"
    for suffix in (".toml", ".xlsx"):
        shutil.copy(good if suffix == ".toml" else root / "forms" / "anna-customer-service.xlsx",
                    denied.with_suffix(suffix))
    real_open = os.open

    def refusing(path, *args, **kwargs):
        if os.fspath(path).startswith(str(denied)):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    args = [a.replace("{denied}", str(denied)).replace("{good}", str(good))
            .replace("{out}", str(out)) for a in template]
    code, _, err = run(args, capsys)
    assert code == 1 and "Traceback" not in err, err
    assert f"{denied}" in err and "permission denied" in err, err
    assert all(line.startswith(("error: ", "warning: ")) for line in err.splitlines()), err
    assert not any(out.iterdir())
    assert good.read_text(encoding="utf-8") == GOOD_TOML


def test_forms_writes_none_when_one_of_them_may_not_be_replaced(world, tmp_path, capsys):
    """--force over a folder where one form is read-only: refused before any form is
    written, so the folder never holds a mixture of new and old forms."""
    root, _ = world
    shutil.copy(root / "dev.toml", tmp_path / "dev.toml")
    good = tmp_path / "good.toml"
    good.write_text(GOOD_TOML, encoding="utf-8")
    out = tmp_path / "forms"
    out.mkdir()
    kept = out / "bo-marketing.xlsx"
    kept.write_bytes(b"the old form")
    kept.chmod(0o444)
    code, _, err = run(["forms", str(good), "-o", str(out), "--force"], capsys)
    assert code == 1 and "Traceback" not in err
    assert err == f"error: {kept}: the file is read-only; not replaced (make it writable " \
                  "first, or write to another file)\n"
    assert sorted(p.name for p in out.iterdir()) == ["bo-marketing.xlsx"]
    assert kept.read_bytes() == b"the old form"


@pytest.mark.parametrize("blank", ["10001", "100000000000000000000"])
def test_forms_refuses_more_blank_forms_than_it_may_write(world, tmp_path, capsys, blank):
    """A typo's worth of blank forms (--blank 100000000000000000000) would hang the command
    and fill the disk; it is a usage error and nothing is written."""
    root, _ = world
    out = tmp_path / "forms"
    code, _, err = run(["forms", str(root / "good.toml"), "-o", str(out), "--blank", blank],
                       capsys)
    assert code == 2, err
    assert f"argument --blank: expected a whole number 0..10000, got '{blank}'" in err
    assert not out.exists()
