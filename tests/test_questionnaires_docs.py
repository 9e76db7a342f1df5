"""docs/questionnaires.md: its example is the shipped example questionnaire, its console
sample is what cxassess prints, and every field of the models is documented."""

from __future__ import annotations

import re

import pytest

from cxassess.models import Dimension, Question, Questionnaire, Source

from helpers import ROOT

DOC = ROOT / "docs" / "questionnaires.md"
EXAMPLE = "examples/questionnaires/self-service.toml"


def section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n### {title}")
    end = text.find("\n### ", start + 1)
    return text[start:end if end != -1 else None]


def test_the_example_on_the_page_is_the_shipped_file():
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {re.escape(EXAMPLE)} -->\n```toml\n(.*?)^```", text,
                      re.S | re.M)
    assert match, "the example block is missing"
    assert match.group(1) == (ROOT / EXAMPLE).read_text(encoding="utf-8")


def test_the_console_sample_is_what_validate_prints(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = cli("validate", EXAMPLE)
    assert code == 0
    text = DOC.read_text(encoding="utf-8")
    assert f"$ cxassess validate {EXAMPLE}\n{out}" in text


@pytest.mark.parametrize("model, title", [
    (Questionnaire, "The questionnaire"), (Source, "`[sources.KEY]`"),
    (Dimension, "`[dimensions.ID]`"), (Question, "`[[questions]]`"),
])
def test_every_field_is_documented_with_required_or_optional(model, title):
    rows = {m.group(1): m.group(2) for m in
            re.finditer(r"^\| `(\w+)` \| (required|optional) \|", section(title), re.M)}
    fields = {name: f.is_required() for name, f in model.model_fields.items()}
    missing = sorted(set(fields) - set(rows))
    assert not missing, f"document {missing} in docs/questionnaires.md, section {title}"
    assert {n: rows[n] == "required" for n in fields} == fields
