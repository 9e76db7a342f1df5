"""Helpers shared by the tests (import with ``from helpers import ...``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cxassess import testing
from cxassess.models import Assessment

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BUILTIN_ONLY = {"CXASSESS_LOAD_PLUGINS": "data,tracking,silos,empowerment"}
"""An environment that loads the built-in scorers only, whatever else is installed."""


def make_assessment(answers_by_respondent, *, questionnaire="dev", language="en",
                    departments=None) -> Assessment:
    """An assessment with one respondent per answers dict (question id → file value),
    built with the public plugin-testing helper."""
    return testing.make_assessment(
        questionnaire, language=language, organisation="Testfirma ApS",
        respondents=[{"name": f"R{i}", "department": departments[i] if departments else f"Dept {i}",
                      "answers": answers} for i, answers in enumerate(answers_by_respondent)])


def run_subprocess(*args: str, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "cxassess", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)


def scorer_file(scorer_id: str, score: float = 1.0) -> str:
    """The source of a one-file plugin registering a scorer that always gives ``score``."""
    return ("from cxassess import hookimpl\n@hookimpl\ndef cxassess_register_scorers(register):\n"
            f"    register({scorer_id!r}, lambda context: {{'score': {score!r}}})\n")


def plugin_folder(tmp_path: Path, **files: str) -> Path:
    """A plugins folder ``tmp_path/myplugins`` with a ``NAME.py`` per keyword argument."""
    folder = tmp_path / "myplugins"
    folder.mkdir()
    for name, code in files.items():
        (folder / f"{name}.py").write_text(code, encoding="utf-8")
    return folder
