"""Fuzzing the loaders as an attacker would: TOML documents shaped like an assessment or a
questionnaire, with hostile values (wrong types, deep nesting, huge numbers, control
characters, long strings, byte-order marks, raw junk) at random places. Every one must
give exit 1 and exactly one printable line naming the file — never a traceback or a hang.

CI runs a short sweep; ``CXASSESS_SLOW_TESTS=1`` runs a long one.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import tempfile
import threading
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.cli import main
from cxassess.compat import tomllib
from cxassess.errors import MAX_MESSAGE_CHARS, show_path

from helpers import FIXTURES, ROOT

SLOW = os.environ.get("CXASSESS_SLOW_TESTS") == "1"
EXAMPLES = 2000 if SLOW else 120

QUESTIONNAIRE = tomllib.loads((FIXTURES / "dev.toml").read_text(encoding="utf-8"))
ASSESSMENT = tomllib.loads((ROOT / "examples" / "nordlys-energi.toml").read_text(encoding="utf-8"))
FIELDS = {"format", "questionnaire", "language", "anonymous", "organisation", "inputs",
          "respondents", "previous", "id", "version", "title", "description", "languages",
          "sources", "dimensions", "questions"}

NASTY_CHARS = st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Lo", "So"))
TEXT = st.text(NASTY_CHARS | st.sampled_from("aæø=+-@&<>\"'\\/\n"), max_size=40)


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


HOSTILE = st.recursive(
    st.one_of(
        st.booleans(), st.just("n/a"),
        st.integers(-(10**30), 10**30), st.sampled_from([2**63, -(2**63) - 1, 10**300]),
        st.floats(allow_nan=True, allow_infinity=True),
        TEXT,
        st.integers(1, 1_000_000).map(lambda n: "x" * n + "\x1b]0;pwned\x07"),
        st.integers(1, 250).map(_nested),
        st.sampled_from(["", " ", "\u00a0", "four-f\n", "../../../etc/passwd", "/dev/zero",
                         "N/A", "q\x00.toml", "x" * 300 + ".toml", "sub/", "=1+1"]),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=8,
)

JUNK = st.sampled_from([
    "", "\n\x00", "\n\x1b[2J", "\na = " + "[" * 500 + "]" * 500, "\n" + "b." * 1200 + "c = 1",
    "\n[organisation", "\nx = 0x" + "f" * 5000, "\nx = " + "9" * 5000, '\n"\\ud800" = 1',
    "\n\ufeff", "\ny = 1979-05-27T07:32:00Z",
])


def _paths(node, prefix=()):
    """Every key path in a document (tables, arrays and leaves)."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _set(doc, path, value):
    node = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def documents(draw, kinds=("assessment", "questionnaire")):
    """(kind, TOML bytes) of an invalid document: an unknown top-level key with a hostile
    name and value makes sure of that, and more hostile values replace random parts — or
    a valid assessment whose questionnaire, q.toml, is such a document."""
    kind = draw(st.sampled_from(kinds))
    doc = copy.deepcopy(ASSESSMENT if kind == "assessment" else QUESTIONNAIRE)
    if kind == "assessment":
        doc["questionnaire"] = draw(st.sampled_from(["four-f", "q.toml"]))
    if kind == "questionnaire" or doc["questionnaire"] == "four-f" or draw(st.booleans()):
        paths = [p for p in _paths(doc) if p]
        for _ in range(draw(st.integers(0, 4))):
            _set(doc, draw(st.sampled_from(paths)), draw(HOSTILE))
            paths = [p for p in _paths(doc) if p]
        doc[draw(TEXT.filter(lambda k: k not in FIELDS))] = draw(HOSTILE)
        junk = draw(JUNK)
    else:
        junk = ""
    try:
        text = tomli_w.dumps(doc)
    except (ValueError, TypeError, RecursionError):  # a value TOML cannot hold
        text = 'questionnaire = "four-f"\n[organisation]\nname = "X"\n[unknown]\n'
    payload = text.encode("utf-8", "surrogatepass") + junk.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        payload = b"\xef\xbb\xbf" + payload
    return kind, payload


def _run(argv: list[str]) -> tuple[int, str]:
    """``cxassess ARGV`` in-process, in a thread so that a hang fails instead of blocking."""
    result: list = []
    err = io.StringIO()

    def target():
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            result.append(main(argv))
    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), f"cxassess {argv[0]} hangs"
    return result[0], err.getvalue()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(document=documents(), command=st.sampled_from(["validate", "score", "export"]),
       questionnaire=documents(kinds=("questionnaire",)), name=st.sampled_from(["a.toml", "ø æ.toml", "-x.toml"]))
def test_hostile_documents_give_one_line_naming_the_file(document, command, questionnaire, name):
    kind, payload = document
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(payload)
        (Path(folder) / "q.toml").write_bytes(questionnaire[1])
        out = Path(folder) / "out.xlsx"
        argv = [command, str(path)] + (["-o", str(out)] if command == "export" else [])
        code, err = _run(argv)
        assert code == 1, err
        assert "Traceback" not in err
        [line] = err.splitlines()
        assert line.startswith(f"error: {show_path(path)}: "), line
        assert line.isprintable() and len(line) <= MAX_MESSAGE_CHARS + 10, line
        assert not out.exists()
