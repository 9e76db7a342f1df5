"""The built-in four-F questionnaire: validity, coverage and traceability.

Each rule is a ``check_*`` function that returns a list of problems for a raw TOML
document (an empty list means the rule holds). Every rule is tested twice: the real file
must pass, and a copy broken in exactly that respect must fail, so no test can pass
vacuously.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

import pytest
from cxassess.compat import tomllib

from cxassess.models import Questionnaire

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRE = ROOT / "questionnaires" / "four-f.toml"
METHOD = ROOT / "docs" / "method.md"

STAGES = ("understand", "fix", "refine", "seduce")
DIMENSIONS = ("data", "tracking", "silos", "empowerment")
LANGS = ("en", "da")

MIN_QUESTIONS = 32
MIN_PER_STAGE = 6
MIN_PER_DIMENSION = 6
MIN_IMPORTANCE_QUESTIONS = 8


@pytest.fixture(scope="module")
def doc() -> dict:
    with QUESTIONNAIRE.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def method_text() -> str:
    return METHOD.read_text(encoding="utf-8")


def _broken(doc: dict) -> dict:
    return copy.deepcopy(doc)


# --------------------------------------------------------------------------- checks


def check_valid(doc: dict) -> list[str]:
    try:
        Questionnaire.model_validate(doc)
    except Exception as exc:  # pydantic.ValidationError, reported as a problem
        return [str(exc)]
    return []


def check_identity(doc: dict) -> list[str]:
    problems = []
    if doc.get("id") != "four-f":
        problems.append(f"id is {doc.get('id')!r}, expected 'four-f'")
    if sorted(doc.get("languages", [])) != sorted(LANGS):
        problems.append(f"languages are {doc.get('languages')!r}, expected da and en")
    if set(doc.get("dimensions", {})) != set(DIMENSIONS):
        problems.append(f"dimensions are {sorted(doc.get('dimensions', {}))}, expected {sorted(DIMENSIONS)}")
    return problems


def check_question_count(doc: dict) -> list[str]:
    n = len(doc.get("questions", []))
    return [] if n >= MIN_QUESTIONS else [f"{n} questions, expected at least {MIN_QUESTIONS}"]


def check_per_stage(doc: dict) -> list[str]:
    counts = Counter(q["stage"] for q in doc["questions"])
    return [
        f"stage {s!r} has {counts[s]} questions, expected at least {MIN_PER_STAGE}"
        for s in STAGES
        if counts[s] < MIN_PER_STAGE
    ]


def check_per_dimension(doc: dict) -> list[str]:
    counts = Counter(d for q in doc["questions"] for d in q["dimensions"])
    return [
        f"dimension {d!r} informs {counts[d]} questions, expected at least {MIN_PER_DIMENSION}"
        for d in DIMENSIONS
        if counts[d] < MIN_PER_DIMENSION
    ]


def check_stage_dimension_pairs(doc: dict) -> list[str]:
    pairs = {(q["stage"], d) for q in doc["questions"] for d in q["dimensions"]}
    return [f"no question for {s} × {d}" for s in STAGES for d in DIMENSIONS if (s, d) not in pairs]


def _texts(q: dict) -> list[tuple[str, dict]]:
    """(label, {en, da}) for every bilingual text of a question."""
    out = [("text", q["text"]), ("improvement", q["improvement"])]
    if "help" in q:
        out.append(("help", q["help"]))
    out += [(f"levels[{i}]", level) for i, level in enumerate(q["levels"])]
    return out


def check_bilingual(doc: dict) -> list[str]:
    problems = []
    for q in doc["questions"]:
        for label, text in _texts(q):
            en, da = text.get("en", "").strip(), text.get("da", "").strip()
            if not en or not da:
                problems.append(f"{q['id']}.{label}: a language is empty")
            elif en == da:
                problems.append(f"{q['id']}.{label}: en and da are identical")
    return problems


def check_distinct_levels(doc: dict) -> list[str]:
    problems = []
    for q in doc["questions"]:
        if len(q["levels"]) != 5:
            problems.append(f"{q['id']}: {len(q['levels'])} levels, expected 5")
            continue
        for lang in LANGS:
            anchors = [level[lang].strip().casefold() for level in q["levels"]]
            if len(set(anchors)) != 5:
                problems.append(f"{q['id']}: level anchors in {lang} are not all different")
    return problems


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def check_improvements(doc: dict) -> list[str]:
    """An improvement is an action: one or two sentences, starting with a capital verb."""
    problems = []
    for q in doc["questions"]:
        for lang in LANGS:
            text = q["improvement"][lang].strip()
            if not text[:1].isupper():
                problems.append(f"{q['id']}.improvement.{lang}: does not start with a capital")
            if not text.endswith("."):
                problems.append(f"{q['id']}.improvement.{lang}: does not end with a full stop")
            n = len(_SENTENCE_END.findall(text))
            if not 1 <= n <= 2:
                problems.append(f"{q['id']}.improvement.{lang}: {n} sentences, expected 1 or 2")
    return problems


def check_sources(doc: dict) -> list[str]:
    problems = []
    declared = set(doc.get("sources", {}))
    used: set[str] = set()
    for q in doc["questions"]:
        if not q.get("sources"):
            problems.append(f"{q['id']}: names no sources")
        for s in q.get("sources", []):
            used.add(s)
            if s not in declared:
                problems.append(f"{q['id']}: unknown source {s!r}")
    for s in sorted(declared - used):
        problems.append(f"source {s!r} is declared but no question cites it")
    own = [k for k, v in doc.get("sources", {}).items() if v.get("own_addition")]
    if not own:
        problems.append("no source is marked own_addition = true")
    articles = [k for k, v in doc.get("sources", {}).items() if not v.get("own_addition")]
    if len(articles) != 5:
        problems.append(f"{len(articles)} article sources, expected the five seed articles")
    return problems


def check_own_additions_explained(doc: dict) -> list[str]:
    """A question citing the own-addition source says so in its help text."""
    own = {k for k, v in doc.get("sources", {}).items() if v.get("own_addition")}
    problems = []
    for q in doc["questions"]:
        if own & set(q["sources"]):
            help_ = q.get("help", {})
            if "own addition" not in help_.get("en", "") or "egen tilføjelse" not in help_.get("da", ""):
                problems.append(f"{q['id']}: cites an own addition but its help text does not say what")
    return problems


def check_importance(doc: dict) -> list[str]:
    asking = [q for q in doc["questions"] if q.get("asks_importance")]
    problems = []
    if len(asking) < MIN_IMPORTANCE_QUESTIONS:
        problems.append(f"{len(asking)} questions ask importance, expected at least {MIN_IMPORTANCE_QUESTIONS}")
    for q in asking:
        help_ = q.get("help", {})
        if not help_.get("en", "").startswith("Importance:") or not help_.get("da", "").startswith("Vigtighed:"):
            problems.append(f"{q['id']}: asks importance but the help text does not say what of")
    return problems


_ID = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")


def check_ids(doc: dict) -> list[str]:
    problems = []
    for q in doc["questions"]:
        if not _ID.match(q["id"]):
            problems.append(f"{q['id']!r}: not lower-case words joined by dashes")
        if not q["id"].startswith(q["stage"] + "-"):
            problems.append(f"{q['id']!r}: does not start with its stage {q['stage']!r}")
    return problems


_ROW = re.compile(r"^\|\s*`([a-z0-9_-]+)`\s*\|\s*([A-Za-z]+)\b")


def check_method_table(doc: dict, method: str) -> list[str]:
    """Every question is a row of docs/method.md's source table, with its stage; no stale rows."""
    rows = {}
    for line in method.splitlines():
        m = _ROW.match(line)
        if m:
            rows[m.group(1)] = m.group(2).lower()
    problems = []
    for q in doc["questions"]:
        if q["id"] not in rows:
            problems.append(f"{q['id']}: missing from the table in docs/method.md")
        elif rows[q["id"]] != q["stage"]:
            problems.append(f"{q['id']}: the table gives stage {rows[q['id']]!r}, the file {q['stage']!r}")
    ids = {q["id"] for q in doc["questions"]}
    problems += [f"docs/method.md lists unknown question {r!r}" for r in sorted(set(rows) - ids)]
    return problems


def check_method_cites_sources(doc: dict, method: str) -> list[str]:
    return [
        f"docs/method.md does not cite source {k!r} ({v['title']})"
        for k, v in doc["sources"].items()
        if not v.get("own_addition") and v["title"] not in method
    ]


# --------------------------------------------------------------------------- the real file


def test_validates_as_questionnaire(doc):
    assert check_valid(doc) == []
    q = Questionnaire.model_validate(doc)
    assert q.id == "four-f"


def test_identity_languages_and_dimensions(doc):
    assert check_identity(doc) == []


def test_at_least_32_questions(doc):
    assert check_question_count(doc) == []


def test_at_least_6_per_stage(doc):
    assert check_per_stage(doc) == []


def test_at_least_6_per_dimension(doc):
    assert check_per_dimension(doc) == []


def test_every_stage_dimension_pair_covered(doc):
    assert check_stage_dimension_pairs(doc) == []


def test_both_languages_present_and_different(doc):
    assert check_bilingual(doc) == []


def test_five_distinct_level_anchors_per_language(doc):
    assert check_distinct_levels(doc) == []


def test_improvements_are_short_actions(doc):
    assert check_improvements(doc) == []


def test_sources_resolve_and_are_all_used(doc):
    assert check_sources(doc) == []


def test_own_additions_are_explained(doc):
    assert check_own_additions_explained(doc) == []


def test_at_least_8_importance_questions(doc):
    assert check_importance(doc) == []


def test_ids_start_with_their_stage(doc):
    assert check_ids(doc) == []


def test_every_question_in_method_table(doc, method_text):
    assert check_method_table(doc, method_text) == []


def test_method_cites_every_article(doc, method_text):
    assert check_method_cites_sources(doc, method_text) == []


def test_no_local_paths_in_files(method_text):
    text = QUESTIONNAIRE.read_text(encoding="utf-8") + method_text
    assert not re.search(r"(/work/|/home/|/tmp/|[A-Za-z]:\\)", text)


# --------------------------------------------------------------------------- each rule bites


def _first(doc: dict, stage: str) -> dict:
    return next(q for q in doc["questions"] if q["stage"] == stage)


def test_check_valid_rejects_unknown_key(doc):
    bad = _broken(doc)
    bad["questions"][0]["colour"] = "red"
    assert check_valid(bad)


def test_check_identity_rejects_missing_dimension(doc):
    bad = _broken(doc)
    del bad["dimensions"]["silos"]
    assert check_identity(bad)


def test_check_question_count_rejects_too_few(doc):
    bad = _broken(doc)
    bad["questions"] = bad["questions"][: MIN_QUESTIONS - 1]
    assert check_question_count(bad)


def test_check_per_stage_rejects_thin_stage(doc):
    bad = _broken(doc)
    refine = [q for q in bad["questions"] if q["stage"] == "refine"]
    keep = {id(q) for q in refine[: MIN_PER_STAGE - 1]}
    bad["questions"] = [q for q in bad["questions"] if q["stage"] != "refine" or id(q) in keep]
    assert check_per_stage(bad)


def test_check_per_dimension_rejects_thin_dimension(doc):
    bad = _broken(doc)
    for q in bad["questions"]:
        if "empowerment" in q["dimensions"]:
            q["dimensions"] = [d for d in q["dimensions"] if d != "empowerment"] or ["data"]
    assert check_per_dimension(bad)


def test_check_pairs_rejects_missing_pair(doc):
    bad = _broken(doc)
    for q in bad["questions"]:
        if q["stage"] == "seduce" and "empowerment" in q["dimensions"]:
            q["dimensions"] = [d for d in q["dimensions"] if d != "empowerment"] or ["data"]
    assert check_stage_dimension_pairs(bad)


def test_check_bilingual_rejects_copied_translation(doc):
    bad = _broken(doc)
    level = bad["questions"][3]["levels"][2]
    level["da"] = level["en"]
    assert check_bilingual(bad)


def test_check_bilingual_rejects_empty_improvement(doc):
    bad = _broken(doc)
    bad["questions"][5]["improvement"]["da"] = " "
    assert check_bilingual(bad)


def test_check_levels_rejects_repeated_anchor(doc):
    bad = _broken(doc)
    levels = bad["questions"][7]["levels"]
    levels[3]["da"] = levels[2]["da"]
    assert check_distinct_levels(bad)


def test_check_levels_rejects_four_levels(doc):
    bad = _broken(doc)
    bad["questions"][0]["levels"] = bad["questions"][0]["levels"][:4]
    assert check_distinct_levels(bad)


def test_check_improvements_rejects_essay(doc):
    bad = _broken(doc)
    bad["questions"][2]["improvement"]["en"] = "Do this. Then that. And then the other."
    assert check_improvements(bad)


def test_check_sources_rejects_unknown_source(doc):
    bad = _broken(doc)
    bad["questions"][0]["sources"] = ["nope"]
    assert check_sources(bad)


def test_check_sources_rejects_unused_source(doc):
    bad = _broken(doc)
    bad["sources"]["a999"] = {"title": "An article nobody cites"}
    assert check_sources(bad)


def test_check_sources_rejects_missing_own_addition_marker(doc):
    bad = _broken(doc)
    for src in bad["sources"].values():
        src.pop("own_addition", None)
    assert check_sources(bad)


def test_check_own_additions_rejects_silent_addition(doc):
    bad = _broken(doc)
    own = next(k for k, v in bad["sources"].items() if v.get("own_addition"))
    q = _first(bad, "understand")
    q["sources"] = [*q["sources"], own] if own not in q["sources"] else q["sources"]
    q["help"] = {"en": "Nothing said.", "da": "Intet sagt."}
    assert check_own_additions_explained(bad)


def test_check_importance_rejects_too_few(doc):
    bad = _broken(doc)
    asking = [q for q in bad["questions"] if q.get("asks_importance")]
    for q in asking[MIN_IMPORTANCE_QUESTIONS - 1 :]:
        q["asks_importance"] = False
    assert check_importance(bad)


def test_check_importance_rejects_unexplained_importance(doc):
    bad = _broken(doc)
    q = next(q for q in bad["questions"] if not q.get("asks_importance"))
    q["asks_importance"] = True
    q["help"] = {"en": "Some help.", "da": "Lidt hjælp."}
    assert check_importance(bad)


def test_check_ids_rejects_wrong_prefix(doc):
    bad = _broken(doc)
    q = _first(bad, "fix")
    q["id"] = "refine-" + q["id"].split("-", 1)[1]
    assert check_ids(bad)


def test_check_method_table_rejects_missing_row(doc, method_text):
    qid = doc["questions"][-1]["id"]
    trimmed = "\n".join(line for line in method_text.splitlines() if f"`{qid}`" not in line)
    assert check_method_table(doc, trimmed)


def test_check_method_table_rejects_wrong_stage(doc, method_text):
    qid = _first(doc, "understand")["id"]
    changed = method_text.replace(f"| `{qid}` | Understand", f"| `{qid}` | Seduce")
    assert changed != method_text
    assert check_method_table(doc, changed)


def test_check_method_cites_rejects_missing_article(doc, method_text):
    title = doc["sources"]["a004"]["title"]
    assert check_method_cites_sources(doc, method_text.replace(title, "(removed)"))
