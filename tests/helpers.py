"""Helpers shared by the tests (import with ``from helpers import ...``)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import types
from pathlib import Path

from cxassess import hookimpl, testing
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


def plugin(name: str, **hooks) -> types.SimpleNamespace:
    """A plugin object named ``name`` whose attributes are the given hook implementations."""
    return types.SimpleNamespace(__name__=name, **{k: hookimpl(v) for k, v in hooks.items()})


def scorer_plugin(scorer_id: str, function, **options) -> types.SimpleNamespace:
    """A plugin registering one scorer: ``register(scorer_id, function, **options)``."""
    def cxassess_register_scorers(register):
        register(scorer_id, function, **options)
    return plugin(scorer_id, cxassess_register_scorers=cxassess_register_scorers)


# --------------------------------------------------------------------------- workbooks


def reload_workbook(result):
    """Build the workbook of a pipeline result, save it and read it back with openpyxl,
    as a spreadsheet application would."""
    from openpyxl import load_workbook

    from cxassess.export.excel import build_workbook

    buffer = io.BytesIO()
    build_workbook(result).save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def row_labels(ws, row: int) -> dict[str, int]:
    """Each text of a sheet's row → its column."""
    return {c.value: c.column for c in ws[row] if isinstance(c.value, str)}


def table_header(ws, label: str) -> tuple[int, dict[str, int]]:
    """The first row of a sheet holding a cell ``label``: its number and :func:`row_labels`."""
    for row in ws.iter_rows():
        if any(c.value == label for c in row):
            return row[0].row, row_labels(ws, row[0].row)
    raise AssertionError(f"no row with {label!r} on {ws.title}")


def rows_by_id(ws) -> dict[str, int]:
    """The Roadmap sheet's rows by the initiative id in its hidden Id column."""
    header, labels = table_header(ws, "Id")
    return {ws.cell(r, labels["Id"]).value: r for r in range(header + 1, ws.max_row + 1)
            if ws.cell(r, labels["Id"]).value}


ROADMAP = {"en": "Roadmap", "da": "Køreplan"}


def type_work(path: Path, lang: str, work: dict) -> None:
    """Type Owner, Due and Status (``work``: initiative id → the three values) into a
    saved workbook's Roadmap sheet as an executive would, and save it."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[ROADMAP[lang]]
    _, labels = table_header(ws, "Id")
    owner, due, status = (("Owner", "Due", "Status") if lang == "en"
                          else ("Ansvarlig", "Frist", "Status"))
    rows = rows_by_id(ws)
    for initiative, values in work.items():
        for label, value in zip((owner, due, status), values):
            cell = ws.cell(rows[initiative], labels[label])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as Excel stores a quote-prefixed entry
    wb.save(path)


def dev_forms(folder: Path) -> Path:
    """``folder`` with the dev questionnaire, an assessment of it (``client.toml``) and the
    forms ``cxassess forms`` writes for it (``forms/``)."""
    import shutil

    from cxassess.cli import main

    shutil.copy(FIXTURES / "dev.toml", folder / "dev.toml")
    shutil.copy(FIXTURES / "dev-assessment.toml", folder / "client.toml")
    assert main(["forms", str(folder / "client.toml"), "-o", str(folder / "forms")]) == 0
    return folder
