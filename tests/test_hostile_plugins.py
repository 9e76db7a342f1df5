"""Plugins that misbehave in ways a careless or hostile author would: an exception whose
message cannot be had, a ``__version__`` that is no string, a label that is no text,
text no UTF-8 can hold, ``sys.stdout`` swapped away, what they read sorted or cleared.
Each is named in a warning (or quietly put right), the exit status stays 0, ``score
--json`` stays valid JSON, and what the core scored and planned comes out unchanged.

A short sweep of generated scorer and roadmap-hook results runs in CI;
``CXASSESS_SLOW_TESTS=1`` runs a long one."""

from __future__ import annotations

import json
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess import hookimpl
from cxassess.export.jsondoc import dumps, score_document
from cxassess.export.text import render
from cxassess.roadmap import plan_roadmap
from cxassess.testing import score_with

from helpers import FIXTURES, plugin, plugin_folder, run_subprocess

SLOW = os.environ.get("CXASSESS_SLOW_TESTS") == "1"
DEV = FIXTURES / "dev.toml"
DEV_ASSESSMENT = FIXTURES / "dev-assessment.toml"

HEADER = "import sys\nfrom cxassess import hookimpl\n"


def _scorer(body: str, register: str = 'register("hostile", score)') -> str:
    return (f"{HEADER}{body}\n@hookimpl\ndef cxassess_register_scorers(register):\n"
            f"    {register}\n")


def _roadmap_hook(body: str) -> str:
    return (f"{HEADER}@hookimpl\ndef cxassess_roadmap_initiatives(context, report):\n"
            f"    {body}\n    return []\n")


UNSPEAKABLE = """
class Unspeakable(Exception):
    def __str__(self):
        raise RuntimeError("no message for you")
"""

PLUGINS = {
    "an exception whose __str__ raises": _scorer(
        UNSPEAKABLE + "def score(context):\n    raise Unspeakable()"),
    "an exception whose __str__ returns no string": _scorer(
        "class Odd(Exception):\n    def __str__(self):\n        return 5\n"
        "def score(context):\n    raise Odd()"),
    "an import that raises such an exception": UNSPEAKABLE + "raise Unspeakable()\n",
    "a __version__ that is no string": "__version__ = object()\n" + _scorer(
        "def score(context):\n    return {'score': 50}"),
    "a label that is no text": _scorer(
        "def score(context):\n    return {'score': 50}",
        'register("hostile", score, label={"en": 5, "da": None})'),
    "lone surrogates and escapes in findings": _scorer(
        "def score(context):\n"
        "    return {'score': 50, 'findings': ['\\ud800 \\x1b[2J \\u202e', '=1+1']}"),
    "sys.stdout replaced by a scorer": _scorer(
        "import os\ndef score(context):\n    sys.stdout = open(os.devnull, 'w')\n"
        "    sys.stderr = None\n    return {'score': 50}"),
    "the respondents and answers cleared by a scorer": _scorer(
        "def score(context):\n    for r in context.assessment.respondents:\n"
        "        r.answers.clear()\n    context.assessment.respondents.clear()\n"
        "    return {'score': 50}"),
    "the report cleared by a roadmap hook": _roadmap_hook(
        "report.stages.clear(); report.dimensions.clear(); report.gaps.reverse(); "
        "report.questions.clear(); report.current_stage = 'seduce'"),
}
WARNED = {
    "an exception whose __str__ raises": "plugin 'hostile', scorer 'hostile' failed: Unspeakable",
    "an exception whose __str__ returns no string": "scorer 'hostile' failed: Odd",
    "an import that raises such an exception": "plugin 'hostile' failed to load: Unspeakable",
    "a label that is no text": "plugin 'hostile': scorer 'hostile': its label is not text",
}
# what the core scores and plans, whatever a plugin does
CORE = ("organisation", "current_stage", "stages", "gaps", "checks", "roadmap",
        "departments", "disagreements")


@pytest.fixture(scope="module")
def plain():
    out = run_subprocess("score", DEV_ASSESSMENT, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("case", PLUGINS)
def test_a_misbehaving_plugin_is_named_and_the_core_output_stands(plain, tmp_path, case):
    folder = plugin_folder(tmp_path, hostile=PLUGINS[case])
    out = run_subprocess("--plugins-dir", folder, "score", DEV_ASSESSMENT, "--json")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    doc = json.loads(out.stdout)
    assert {key: doc[key] for key in CORE} == {key: plain[key] for key in CORE}
    assert [r for r in doc["departments"]] == plain["departments"]
    if case in WARNED:
        assert WARNED[case] in out.stderr
        assert any(WARNED[case] in w for w in doc["warnings"]) or "load" in WARNED[case]
    if case == "lone surrogates and escapes in findings":
        [hostile] = [d for d in doc["dimensions"] if d["id"] == "hostile"]
        assert hostile["findings"] == ["\ufffd \x1b[2J \u202e", "=1+1"]


@pytest.mark.parametrize("case", ["a __version__ that is no string", "a label that is no text",
                                  "lone surrogates and escapes in findings"])
def test_the_text_report_plugins_list_and_workbook_take_it_too(tmp_path, case):
    folder = plugin_folder(tmp_path, hostile=PLUGINS[case])
    out = run_subprocess("--plugins-dir", folder, "score", DEV_ASSESSMENT)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "\x1b" not in out.stdout
    listing = run_subprocess("--plugins-dir", folder, "plugins", "--all", "--json")
    assert listing.returncode == 0, listing.stderr
    [row] = [r for r in json.loads(listing.stdout) if r["name"] == "hostile"]
    assert row["version"] is None or isinstance(row["version"], str)
    book = tmp_path / "out.xlsx"
    out = run_subprocess("--plugins-dir", folder, "export", DEV_ASSESSMENT, "-o", book)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    openpyxl.load_workbook(book)


def test_the_plugins_listing_escapes_what_a_plugin_calls_its_version(tmp_path):
    folder = plugin_folder(tmp_path, hostile='__version__ = "1.0\\x1b]0;pwned\\x07"\n')
    out = run_subprocess("--plugins-dir", folder, "plugins", "--all")
    assert out.returncode == 0, out.stderr
    assert "hostile 1.0\\x1b]0;pwned\\x07" in out.stdout
    assert "\x1b" not in out.stdout


# --------------------------------------------------------------------------- in-process sweep

TEXT = st.text(st.characters(codec=None, categories=("Cc", "Cs", "Co", "Lo", "Zl", "Ll")),
               max_size=20)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | TEXT
    | st.floats(allow_nan=True, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6)
RESULT = st.fixed_dictionaries({}, optional={
    "score": VALUES | st.floats(0, 100), "coverage": VALUES | st.floats(0, 1),
    "answered": VALUES | st.integers(0, 5), "total": VALUES | st.integers(0, 5),
    "findings": st.lists(TEXT, max_size=3) | VALUES, "extra": VALUES}) | VALUES
INITIATIVE = st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["x", "fix-data", "understand-first", "a" * 300]) | TEXT,
    "title": TEXT | VALUES, "stage": st.sampled_from(["understand", "fix", "refine", "seduce"])
    | VALUES, "dimension": st.sampled_from(["data", "tracking", "hostile"]) | VALUES,
    "priority": st.floats(0, 1e308) | VALUES, "phase": st.integers(-2, 10**20) | VALUES,
    "rationale": TEXT | VALUES, "questions": st.lists(
        st.sampled_from(["understand-journey", "fix-tracking"]) | TEXT, max_size=3) | VALUES})


@settings(max_examples=300 if SLOW else 25, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(result=RESULT, initiatives=st.lists(INITIATIVE, max_size=3) | VALUES)
def test_whatever_a_plugin_returns_the_report_is_planned_and_printed(result, initiatives):
    hostile = plugin(
        "hostile",
        cxassess_register_scorers=lambda register: register("hostile", lambda c: result),
        cxassess_roadmap_initiatives=lambda context, report: initiatives)
    report = score_with(hostile, questionnaire=str(DEV), fill=2, strict=False)
    roadmap = plan_roadmap(report)
    json.loads(dumps(score_document(report, roadmap)).encode("utf-8"))
    render(report, roadmap).encode("utf-8", "surrogateescape")
    assert roadmap.phases[0].initiatives
    assert all(i.stage != "seduce" for i in roadmap.phases[0].initiatives)


QUESTIONNAIRES = '''
import tomllib
from pathlib import Path
from cxassess import hookimpl

BASE = tomllib.loads(Path({dev!r}).read_text(encoding="utf-8"))


@hookimpl
def cxassess_questionnaires():
    return [dict(BASE, id="escaped", title={{"en": "\\x1b]0;pwned\\x07T", "da": "T"}}),
            dict(BASE, id="surrogate", title={{"en": "T", "da": "\\ud800"}})]
'''


def test_a_plugin_questionnaire_s_odd_text_is_escaped_or_refused(tmp_path):
    folder = plugin_folder(tmp_path, hostile=QUESTIONNAIRES.format(dev=str(DEV)))
    out = run_subprocess("--plugins-dir", folder, "questionnaires")
    assert out.returncode == 0, out.stderr
    assert "escaped 0.1  \\x1b]0;pwned\\x07T / T" in out.stdout
    assert "\x1b" not in out.stdout
    assert ("warning: plugin 'hostile': questionnaire skipped: questionnaire from plugin "
            "'hostile': title.da: holds a lone surrogate") in out.stderr
    # refused as it is offered, it can be neither shown nor written into a template
    out = run_subprocess("--plugins-dir", folder, "template", "surrogate", "-o",
                         tmp_path / "t.toml")
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "error: questionnaire: unknown questionnaire id 'surrogate'" in out.stderr
    assert not (tmp_path / "t.toml").exists()


def test_a_plugin_that_changes_the_working_folder_does_not_move_the_workbook(tmp_path):
    work, elsewhere = tmp_path / "work", tmp_path / "elsewhere"
    work.mkdir()
    elsewhere.mkdir()
    folder = plugin_folder(tmp_path, hostile=_scorer(
        f"import os\ndef score(context):\n    os.chdir({str(elsewhere)!r})\n"
        "    return {'score': 50}"))
    out = run_subprocess("--plugins-dir", folder, "export", DEV_ASSESSMENT, "-o", "out.xlsx",
                         cwd=work)
    assert out.returncode == 0, out.stderr
    openpyxl.load_workbook(work / "out.xlsx")
    assert not (elsewhere / "out.xlsx").exists()


def test_a_plugin_s_umask_and_recursion_limit_are_put_back(tmp_path):
    """``os.umask(0o777)`` in a plugin gave the workbook written after it no permissions
    at all; ``sys.setrecursionlimit(60)`` made the assessment read next "nested too
    deeply", blaming the user's file."""
    folder = plugin_folder(tmp_path, hostile="import os, sys\nos.umask(0o777)\n"
                           "sys.setrecursionlimit(60)\n" + _scorer(
                               "def score(context):\n    os.umask(0o777)\n"
                               "    sys.setrecursionlimit(60)\n    return {'score': 50}"))
    book = tmp_path / "out.xlsx"
    mask = os.umask(0o022)
    os.umask(mask)
    out = run_subprocess("--plugins-dir", folder, "export", DEV_ASSESSMENT, "-o", book)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert book.stat().st_mode & 0o777 == 0o666 & ~mask
    openpyxl.load_workbook(book)
