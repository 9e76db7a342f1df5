"""The quick reader of the usual assessment layout gives exactly the full TOML parser's
result, or gives up and leaves the text to the full parser (so errors stay the parser's).

Compared by ``repr``: it tells ``True`` from ``1`` and sees the order of keys, which the
JSON output and the workbook follow."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess import quicktoml
from cxassess.compat import tomllib
from cxassess.loading import InputError, _toml_value, dumps_assessment, parse_toml

from helpers import FIXTURES, ROOT, make_assessment

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


def full_parser(text: str):
    try:
        return repr(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        return exc


def check(text: str) -> bool:
    """The quick reader agrees with the full parser on ``text``; True when it read it."""
    quick = quicktoml.loads(text)
    if quick is None:
        return False
    assert repr(quick) == full_parser(text)
    return True


def _generate():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", [*EXAMPLES, FIXTURES / "dev-assessment.toml"],
                         ids=lambda p: p.name)
def test_the_shipped_assessments_are_read_quickly_and_the_same(path):
    assert check(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("respondents", [1, 50])
def test_generated_assessments_are_read_quickly_and_the_same(tmp_path, respondents):
    path = _generate().write(tmp_path / "a.toml", respondents, seed=respondents)
    assert check(path.read_text(encoding="utf-8"))
    assert check(path.read_text(encoding="utf-8").replace("\n", "\r\n"))


def test_other_toml_is_left_to_the_full_parser():
    for text in ('a = [1, 2]', 'a = 1.5', 'a.b = 1', 'a = 2026-11-30', "a = 'x'",
                 'a = """x"""', 'a = "\\u00e6"', 'a = 1_000', 'a = { b = { c = 1 } }',
                 '[a.b.c]', '[t.s]', '[[a.b]]', "['a']", (ROOT / "questionnaires" / "four-f.toml")
                 .read_text(encoding="utf-8")):
        assert quicktoml.loads(text) is None, text
        full_parser(text)  # valid TOML the quick reader does not take


@pytest.mark.parametrize("text", [
    "a = 1\na = 2", "[t]\n[t]", "a = 1\n[a]", "a = 1\n[[a]]", "[t]\n[[t]]", "[[t]]\n[t]",
    "[[r]]\nanswers = 1\n[r.answers]", "[[r]]\n[r.answers]\n[r.answers]",
    "a = { b = 1, b = 2 }", "a = { b = 1, }", "a = { b = 1 c = 2 }", "a = 01", "a = +",
    'a = "x', 'a = "\x01"', "a = 1 # \x7f", "a = 1\rb = 2", "a = true1", "= 1", "a =",
    "[ ]", "[[ ]]", "a = 1 b", '"a\\q" = 1',
])
def test_what_toml_refuses_is_left_to_the_full_parser(text):
    assert quicktoml.loads(text) is None
    assert isinstance(full_parser(text), tomllib.TOMLDecodeError)


def test_errors_are_the_full_parsers(tmp_path):
    """A file the quick reader gives up on gets the parser's line and column."""
    with pytest.raises(InputError, match=r"^x\.toml: line 3, column 5: invalid TOML"):
        parse_toml(b'format = 1\n[[respondents]]\nname"x"\n', "x.toml")


# --------------------------------------------------------------------------- properties

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
BARE = st.text("abcXYZ019_-", min_size=1, max_size=6)
KEY = st.one_of(BARE, TEXT.map(_toml_value))
SCALAR = st.one_of(st.integers(-10**17, 10**17), st.booleans(), TEXT)


@st.composite
def documents(draw) -> str:
    """Text in (or near) the usual layout: headers, key = value lines with scalars and
    inline tables, comments and blank lines, keys and tables sometimes repeated."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["value", "value", "inline", "table", "array", "sub",
                                     "comment", "blank"]))
        space = draw(st.sampled_from(["", " ", "\t", "  "]))
        if kind == "value":
            lines.append(f"{draw(KEY)}{space}={space}{_toml_value(draw(SCALAR))}")
        elif kind == "inline":
            pairs = draw(st.lists(st.tuples(KEY, SCALAR), max_size=3))
            body = ", ".join(f"{k} = {_toml_value(v)}" for k, v in pairs)
            lines.append(f"{draw(KEY)} = {{{space}{body}{space}}}")
        elif kind == "table":
            lines.append(f"[{space}{draw(BARE)}{space}]")
        elif kind == "array":
            lines.append(f"[[{draw(BARE)}]]")
        elif kind == "sub":
            lines.append(f"[{draw(BARE)}.{space}{draw(BARE)}]")
        elif kind == "comment":
            lines.append(f"{space}# {draw(TEXT)}")
        else:
            lines.append(space)
        if draw(st.booleans()) and kind != "comment":
            lines[-1] += f"{space}# {draw(TEXT)}"
    return "\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_documents_in_the_layout_read_the_same(text):
    check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3),
                                      st.sampled_from('"\\=#[]{},.\n\r\t \x00\x7fæ1atf-')),
                            min_size=1, max_size=4))
def test_hostile_edits_are_read_the_same_or_left_to_the_parser(text, edits):
    """Characters that mean something to TOML inserted, replaced or deleted anywhere."""
    for position, how, char in edits:
        position %= len(text) + 1
        if how == 0:
            text = text[:position] + char + text[position:]
        elif how == 1:
            text = text[:position] + char + text[position + 1:]
        else:
            text = text[:position] + text[position + 1:]
    check(text)


ANSWER = st.one_of(st.integers(0, 4), st.just("n/a"),
                   st.fixed_dictionaries({"level": st.integers(0, 4)},
                                         optional={"importance": st.integers(1, 5), "note": TEXT}))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["understand-journey", "fix-tracking",
                                                 "refine-peaks"]), ANSWER, min_size=1),
                min_size=1, max_size=3))
def test_assessments_the_app_writes_read_the_same(answers):
    text = dumps_assessment(make_assessment(answers))
    if check(text) is False:  # only escapes such as \u0001 are left to the full parser
        assert "\\u" in text or "\\U" in text
