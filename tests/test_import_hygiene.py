"""Headless commands must not import textual or openpyxl (start-up time, lean scripts),
nor tomli where the standard library has tomllib (it is not installed there)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from helpers import FIXTURES, ROOT

NORDLYS = [str(ROOT / "examples" / name) for name in ("nordlys-energi.toml", "nordlys-energi-2027.toml")]

PROBE = """
import sys
from cxassess.cli import main
code = main({args!r})
unwanted = ('textual', 'openpyxl') + (('tomli',) if sys.version_info >= (3, 11) else ())
heavy = sorted(m for m in sys.modules if m.split('.')[0] in unwanted)
print('HEAVY:' + ','.join(heavy), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("args", [
    ["score", str(FIXTURES / "dev-assessment.toml")],
    ["score", str(FIXTURES / "dev-assessment.toml"), "--json"],
    ["validate", str(FIXTURES / "dev-assessment.toml"), str(FIXTURES / "dev.toml")],
    ["plugins", "--all", "--json"],
    ["questionnaires", "--json"],
    ["template", "dev", "-o", "{tmp}/t.toml"],
    ["compare", *NORDLYS],
    ["compare", *NORDLYS, "--json"],
    ["collect", "{tmp}/client.toml", "{tmp}/forms/anna-customer-service.xlsx", "--dry-run"],
])
def test_headless_commands_do_not_import_textual_or_openpyxl(args, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if args[0] == "template":
        args = ["--plugins-dir", str(tmp_path), *args]
        (tmp_path / "devq.py").write_text(
            "from cxassess import hookimpl\n"
            f"@hookimpl\ndef cxassess_questionnaires():\n    return [{str(FIXTURES / 'dev.toml')!r}]\n")
    if args[0] == "collect":  # a returned form is read without openpyxl
        from cxassess.cli import main

        shutil.copy(FIXTURES / "dev.toml", tmp_path / "dev.toml")
        shutil.copy(FIXTURES / "dev-assessment.toml", tmp_path / "client.toml")
        assert main(["forms", str(tmp_path / "client.toml"), "-o", str(tmp_path / "forms")]) == 0
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY:\n" in proc.stderr, proc.stderr


def test_score_file_json_is_read_without_argparse():
    """The cold `score FILE --json` parses its line without argparse (README, Speed)."""
    code = ("import sys; from cxassess.cli import main; "
            f"main(['score', {str(FIXTURES / 'dev-assessment.toml')!r}, '--json']); "
            "print('ARGPARSE:', 'argparse' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert "ARGPARSE: False" in proc.stderr, proc.stderr


def test_probe_detects_an_import():
    """The probe itself works: importing the TUI module is seen."""
    code = "import sys, cxassess.tui.app; print(any(m.startswith('textual') for m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "True", proc.stderr
