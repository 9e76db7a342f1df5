"""Fuzzing every command with files that are valid but odd: questionnaires of one to eight
questions in any stages (no Understand question at all, every question a prerequisite,
weights from the smallest float up to 10, aliases), texts in any script with control
characters, and assessments with any mix of levels, n/a, importance where it is not asked,
notes, anonymous staff surveys and per_phase settings. Every command must succeed on them
(exit 0, nothing on stderr but warnings) and write files that open: valid input is never
an error, never a traceback.

CI runs a short sweep; ``CXASSESS_SLOW_TESTS=1`` runs a long one."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import openpyxl
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.celltext import clean_text
from cxassess.cli import main

SLOW = os.environ.get("CXASSESS_SLOW_TESTS") == "1"

TEXT = st.text(st.characters(codec="utf-8", categories=(
    "Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Lo", "So", "Ll", "Lu", "Nd", "Mn")), max_size=12)
SAYS = TEXT.filter(lambda s: clean_text(s).strip() != "")
STAGES = ["understand", "fix", "refine", "seduce"]
DIMENSIONS = ["data", "tracking", "silos", "empowerment", "voice", "z"]


def _text(draw) -> dict:
    return {"en": draw(SAYS), "da": draw(SAYS)}


@st.composite
def questionnaires(draw) -> dict:
    dims = draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=4, unique=True))
    count = draw(st.integers(1, 8))
    questions = []
    for i in range(count):
        q = {"id": f"q{i}", "stage": draw(st.sampled_from(STAGES)),
             "dimensions": draw(st.lists(st.sampled_from(dims), min_size=1, unique=True)),
             "sources": ["own"], "text": _text(draw), "improvement": _text(draw),
             "levels": [_text(draw) for _ in range(5)]}
        optional = {"weight": st.sampled_from([5e-324, 1e-300, 0.001, 1, 2.5, 10]),
                    "asks_importance": st.just(True), "prerequisite": st.just(True),
                    "short": st.builds(lambda en, da: {"en": en[:90], "da": da[:90]}, SAYS, SAYS),
                    "help": st.builds(lambda en, da: {"en": en, "da": da}, SAYS, SAYS)}
        for key, values in optional.items():
            if draw(st.booleans()):
                q[key] = draw(values)
        questions.append(q)
    doc = {"id": "odd", "version": draw(SAYS), "title": _text(draw),
           "sources": {"own": {"title": draw(SAYS), "own_addition": True}},
           "dimensions": {d: {"label": _text(draw)} for d in dims}, "questions": questions}
    if draw(st.booleans()):
        doc["aliases"] = {f"old{i}": f"q{i}" for i in range(draw(st.integers(1, count)))}
    return doc


@st.composite
def assessments(draw, questionnaire: dict) -> dict:
    respondents = []
    for _ in range(draw(st.integers(0, 4))):
        answers = {}
        for q in draw(st.lists(st.sampled_from(questionnaire["questions"]), unique_by=id)):
            old = [o for o, new in questionnaire.get("aliases", {}).items() if new == q["id"]]
            qid = draw(st.sampled_from([q["id"], *old]))
            answers[qid] = draw(st.one_of(
                st.integers(0, 4), st.sampled_from(["n/a", "N/A", " n/a "]),
                st.fixed_dictionaries({}, optional={
                    "level": st.integers(0, 4) | st.just("n/a"),
                    "importance": st.integers(1, 5), "note": TEXT})))
        respondents.append({"name": draw(SAYS), "department": draw(TEXT), "answers": answers})
    doc = {"format": 1, "questionnaire": "q.toml", "language": draw(st.sampled_from(["da", "en"])),
           "organisation": {"name": draw(SAYS), "sector": draw(TEXT),
                            "date": draw(st.sampled_from(["2026-01-01", "0001-01-01", "9999-12-31"]))},
           "respondents": respondents}
    if draw(st.booleans()):
        doc["anonymous"] = True
    if draw(st.booleans()):
        doc["roadmap"] = {"per_phase": draw(st.sampled_from([3, 4, 50]))}
    return doc


@st.composite
def cases(draw) -> tuple[dict, dict]:
    questionnaire = draw(questionnaires())
    return questionnaire, draw(assessments(questionnaire))


def _run(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


@settings(max_examples=150 if SLOW else 4, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(case=cases())
def test_every_command_takes_odd_but_valid_files(case):
    questionnaire, assessment = case
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "q.toml").write_text(tomli_w.dumps(questionnaire), encoding="utf-8")
        path = folder / "a.toml"
        path.write_text(tomli_w.dumps(assessment), encoding="utf-8")
        later = folder / "later.toml"
        later.write_text(tomli_w.dumps({**assessment, "previous": "a.toml", "organisation": {
            **assessment["organisation"], "date": "9999-12-31"}}), encoding="utf-8")
        for argv in (["validate", path, folder / "q.toml"], ["score", path, "--json"],
                     ["score", path, "--lang", "da"], ["export", path, "-o", folder / "o.xlsx"],
                     ["forms", path, "-o", folder / "forms", "--blank", "1"],
                     ["questionnaires", "show", folder / "q.toml", "--json"],
                     ["template", folder / "q.toml", "-o", folder / "t.toml"],
                     ["validate", folder / "t.toml"],
                     ["compare", later, "-o", folder / "trend.xlsx"]):
            code, err = _run(*argv)
            assert code == 0, (argv[0], err)
            assert all(line.startswith(("warning: ", "wrote ")) for line in err.splitlines()), err
        for book in [folder / "o.xlsx", folder / "trend.xlsx", *(folder / "forms").glob("*.xlsx")]:
            openpyxl.load_workbook(book)
        code, err = _run("collect", path, *sorted((folder / "forms").glob("*.xlsx")))
        assert code == 0 and "Traceback" not in err, err
