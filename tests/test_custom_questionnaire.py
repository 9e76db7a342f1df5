"""A custom questionnaire just works (issue 11): every dimension it names is scored, the
roadmap files nothing under a dimension the report does not show, and the questionnaire
is found by path wherever an id is accepted."""

from __future__ import annotations

import json
import types

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess import hookimpl
from cxassess.compat import tomllib
from cxassess.loading import load_questionnaire_file
from cxassess.models import STAGES, questionnaire_schema
from cxassess.plugins import load_plugins
from cxassess.scoring import make_context, score, weakest, weighted_score
from cxassess.testing import make_assessment, plan, plugin_scoring, score_with

from helpers import BUILTIN_ONLY, ROOT, plugin_folder, run_subprocess, scorer_file

EXAMPLE_Q = ROOT / "examples" / "questionnaires" / "self-service.toml"
EXAMPLE_A = ROOT / "examples" / "fjordbank-self-service.toml"


def initiatives_plugin(*items):
    def cxassess_roadmap_initiatives(context, report):
        return list(items)
    return types.SimpleNamespace(
        cxassess_roadmap_initiatives=hookimpl(cxassess_roadmap_initiatives))


def test_an_unscored_custom_dimension_is_scored_by_the_core(cli):
    code, out, err = cli("score", EXAMPLE_A, "--json")
    assert code == 0, err
    doc = json.loads(out)
    dims = {d["id"]: d for d in doc["dimensions"]}
    # self-service has no plugin: the generic scorer; tracking: its built-in scorer;
    # data, silos and empowerment have no question here and are left out, not null
    assert list(dims) == ["self-service", "tracking"]
    assert dims["self-service"]["scorer"] == "cxassess"
    assert dims["self-service"]["score"] == 44.2  # (2 × 62.5 + 3 × 37.5 + 37.5 + 0.5 × 25) / 6.5
    assert dims["self-service"]["findings"][0].startswith("Selvbetjening scorer 44/100")
    assert dims["tracking"]["scorer"] == "tracking"
    assert doc["warnings"] == []
    shown = set(dims)
    assert {i["dimension"] for p in doc["roadmap"]["phases"] for i in p["initiatives"]} <= shown


def test_the_generic_scorer_labels_from_the_questionnaire():
    report = score_with(questionnaire=EXAMPLE_Q, language="en",
                        answers={"fix-self-service-errors": 4})
    d = report.dimension("self-service")
    assert (d.label, d.scorer, d.score, d.answered, d.total) == \
        ("Self-service", "cxassess", 100.0, 1, 4)


def test_a_scorer_without_a_label_is_labelled_as_the_generic_scorer_labels():
    """A plugin's scorer that gives no label takes the questionnaire's label of its
    dimension, in the report's language, as the core's own scorer does; one the
    questionnaire does not declare keeps its id."""
    def cxassess_register_scorers(register):
        register("self-service", lambda context: {"score": 10.0})
        register("own", lambda context: {"total": 1, "findings": ["Not yet."]})
        register("named", lambda context: {"total": 1}, label={"en": "Named", "da": "Navngivet"})
    plugin = types.SimpleNamespace(cxassess_register_scorers=hookimpl(cxassess_register_scorers))
    for language, expected in (("en", "Self-service"), ("da", "Selvbetjening")):
        report = score_with(plugin, name="labels", questionnaire=EXAMPLE_Q, language=language)
        labels = {d.id: d.label for d in report.dimensions}
        assert labels["self-service"] == expected
        assert report.dimension("self-service").scorer == "labels"
        assert labels["own"] == "own"
        assert labels["named"] == {"en": "Named", "da": "Navngivet"}[language]


def test_the_roadmap_never_files_a_plugin_initiative_under_an_unshown_dimension():
    report = score_with(initiatives_plugin(
        {"id": "chatbot", "title": "Try a chatbot", "stage": "refine", "dimension": "empowerment",
         "priority": 80.0},
        {"id": "faq", "title": "Write the FAQ", "stage": "fix", "dimension": "self-service",
         "priority": 90.0, "questions": ["fix-self-service-errors", "fix-no-such"]}),
        name="extra", questionnaire=EXAMPLE_Q, fill=1)
    assert [i.id for i in report.plugin_initiatives] == ["faq"]
    assert report.plugin_initiatives[0].questions == ["fix-self-service-errors"]
    assert report.warnings == [
        "plugin 'extra': initiative 'chatbot' is under dimension 'empowerment', which the "
        "report does not show (not scored); left out",
        "plugin 'extra': initiative 'faq' names question ids the questionnaire "
        "'self-service' does not have: 'fix-no-such'; they are dropped",
    ]
    shown = {d.id for d in report.dimensions}
    assert {i.dimension for i in plan(report).initiatives} <= shown


def test_a_scorer_with_nothing_to_score_here_is_left_out_but_a_reason_keeps_it():
    def cxassess_register_scorers(register):
        register("empty", lambda context: {})
        register("explained", lambda context: {"total": 2, "findings": ["Add the NPS export."]})
        register("silent", lambda context: {"total": 3})
    plugin = types.SimpleNamespace(cxassess_register_scorers=hookimpl(cxassess_register_scorers))
    report = score_with(plugin, name="three", questionnaire=EXAMPLE_Q, language="en")
    assert [d.id for d in report.dimensions] == ["self-service", "tracking", "explained", "silent"]
    assert report.dimension("explained").findings == ["Add the NPS export."]
    assert report.dimension("silent").findings == [
        "Not assessed: none of the 3 things it rests on is answered or given."]


def test_the_built_in_scorers_stay_out_of_a_questionnaire_without_their_questions():
    report = score_with(builtins=True, questionnaire=EXAMPLE_Q, fill=2)
    assert [d.id for d in report.dimensions] == ["self-service", "tracking"]
    assert all(d.score == 50.0 for d in report.dimensions)


def test_scorer_helpers_take_question_ids_as_well_as_questions():
    q = load_questionnaire_file(EXAMPLE_Q)
    context = make_context(q, make_assessment(q, answers={"fix-self-service-errors": 1,
                                                          "understand-contact-reasons": 3}))
    by_id = weighted_score(context, ["fix-self-service-errors", "understand-contact-reasons"])
    by_object = weighted_score(context, [q.question("fix-self-service-errors"),
                                         q.question("understand-contact-reasons")])
    assert by_id == by_object and by_id.score == 45.0  # (3 × 25 + 2 × 75) / 5
    assert [qq.id for qq, _ in weakest(context, ["understand-contact-reasons",
                                                 "fix-self-service-errors"])] == \
        ["fix-self-service-errors", "understand-contact-reasons"]
    with pytest.raises(ValueError, match="unknown question id 'fix-mobile'"):
        weighted_score(context, ["fix-mobile"])


# --------------------------------------------------------------------------- by path


def test_template_and_show_take_a_questionnaire_path(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "examples")
    out = tmp_path / "sub" / "blank.toml"
    out.parent.mkdir()
    code, _, err = cli("template", "questionnaires/self-service.toml", "-o", out, "--lang", "en")
    assert code == 0, err
    blank = tomllib.loads(out.read_text(encoding="utf-8"))
    assert (out.parent / blank["questionnaire"]).resolve() == EXAMPLE_Q
    assert cli("validate", out)[0] == 0

    code, shown, err = cli("questionnaires", "show", "questionnaires/self-service.toml", "--json")
    assert code == 0, err
    assert json.loads(shown)["id"] == "self-service"
    code, _, err = cli("questionnaires", "show", "nowhere/q.toml")
    assert code == 1 and "nowhere/q.toml" in err


def test_global_options_go_before_or_after_the_command(tmp_path):
    folder = plugin_folder(tmp_path, mine=scorer_file("mine"))
    for args in (["--plugins-dir", folder, "--plugin-timeout", "5", "plugins", "--json"],
                 ["plugins", "--json", "--plugins-dir", folder, "--plugin-timeout", "5"],
                 ["plugins", "--plugins-dir", folder, "--json"]):
        out = run_subprocess(*args, env=BUILTIN_ONLY)
        assert out.returncode == 0, (args, out.stderr)
        assert "mine" in [row["name"] for row in json.loads(out.stdout)]
    out = run_subprocess("questionnaires", "show", "four-f", "--plugins-dir", tmp_path / "nope")
    assert out.returncode == 1 and "plugins folder does not exist" in out.stderr
    out = run_subprocess("score", "x.toml", "--plugin-timeout", "soon")
    assert out.returncode == 2 and "--plugin-timeout" in out.stderr


# --------------------------------------------------------------------------- schema


def test_the_schema_command_prints_a_json_schema_the_questionnaires_pass(cli):
    code, out, err = cli("questionnaires", "schema")
    assert code == 0, err
    schema = json.loads(out)
    assert schema == questionnaire_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (EXAMPLE_Q, ROOT / "questionnaires" / "four-f.toml"):
        validator.validate(tomllib.loads(path.read_text(encoding="utf-8")))
    broken = tomllib.loads(EXAMPLE_Q.read_text(encoding="utf-8"))
    broken["questions"][0]["stage"] = "later"
    broken["questions"][1]["colour"] = "red"
    problems = {(e.validator, tuple(e.absolute_path)) for e in validator.iter_errors(broken)}
    assert problems == {("enum", ("questions", 0, "stage")),
                        ("additionalProperties", ("questions", 1))}


# --------------------------------------------------------------------------- any questionnaire

DIMENSION_POOL = ["data", "tracking", "silos", "self-service", "ops"]
BUILTIN_SCORERS = load_plugins(env=BUILTIN_ONLY)


@st.composite
def questionnaires_and_answers(draw):
    dims = draw(st.lists(st.sampled_from(DIMENSION_POOL), min_size=1, max_size=5, unique=True))
    text = {"en": "x", "da": "x"}
    questions = [{
        "id": f"q{i}", "stage": draw(st.sampled_from(STAGES)),
        "dimensions": draw(st.lists(st.sampled_from(dims), min_size=1, max_size=2, unique=True)),
        "weight": draw(st.sampled_from([0.5, 1, 3])), "sources": ["own"], "text": text,
        "improvement": {"en": "Do it.", "da": "Gør det."}, "levels": [text] * 5,
    } for i in range(draw(st.integers(1, 6)))]
    questionnaire = {"id": "any", "version": "1", "title": text,
                     "sources": {"own": {"title": "own", "own_addition": True}},
                     "dimensions": {d: {"label": text} for d in dims}, "questions": questions}
    answers = {q["id"]: a for q in questions
               if (a := draw(st.sampled_from([None, "n/a", 0, 1, 2, 3, 4]))) is not None}
    return questionnaire, answers


@settings(max_examples=60, deadline=None)
@given(case=questionnaires_and_answers(), builtins=st.booleans())
def test_every_questioned_dimension_is_shown_and_the_roadmap_stays_within_them(case, builtins):
    questionnaire, answers = case
    with plugin_scoring() as scoring:
        plugins = BUILTIN_SCORERS if builtins else scoring.plugins
        q = scoring.questionnaire(questionnaire)
        report = score(q, make_assessment(q, answers=answers), plugins)
    shown = {d.id for d in report.dimensions}
    assert {d for question in q.questions for d in question.dimensions} == shown
    assert all(d.findings for d in report.dimensions if d.score is None)  # never a bare null
    assert {i.dimension for i in plan(report).initiatives} <= shown
    assert report.warnings == []


def test_a_foundation_the_questionnaire_does_not_ask_about_is_named_as_not_assessed(cli):
    """Seduce still waits (an unknown foundation is not a solid one), and its rationale says
    why in words that fit: not assessed, rather than 'has no score'."""
    code, out, err = cli("score", EXAMPLE_A, "--json", "--lang", "en")
    assert code == 0, err
    doc = json.loads(out)
    shown = {d["id"] for d in doc["dimensions"]}
    assert {"data", "silos"}.isdisjoint(shown)
    seduce = [i for p in doc["roadmap"]["phases"] for i in p["initiatives"]
              if i["stage"] == "seduce"]
    assert seduce
    for initiative in seduce:
        assert "Customer data is not assessed by this questionnaire" in initiative["rationale"]
        assert "Silos" in initiative["rationale"]
        assert "has no score" not in initiative["rationale"]


def test_a_dimension_has_one_name_wherever_it_is_shown(tmp_path, builtin_plugins):
    """The label a scorer gave, else the questionnaire's own label (a dimension it declares
    but asks nothing about, which the report leaves out), else the built-in label of a
    foundation, else the id; never empty. The workbook's Departments sheet lists every
    declared dimension: an unasked one by its label, not its id."""
    from io import BytesIO

    from openpyxl import load_workbook

    from cxassess import pipeline
    from cxassess.export.excel import build_workbook
    from cxassess.roadmap import dimension_label

    questionnaire = tmp_path / "q.toml"
    questionnaire.write_text(EXAMPLE_Q.read_text(encoding="utf-8") + '\n[dimensions.channels]\n'
                             'label = { en = "Channels", da = "Kanaler" }\n', encoding="utf-8")
    assessment = tmp_path / "a.toml"
    assessment.write_text(EXAMPLE_A.read_text(encoding="utf-8").replace(
        '"questionnaires/self-service.toml"', '"q.toml"'), encoding="utf-8")
    result = pipeline.run(assessment, builtin_plugins)
    report, q = result.report, result.loaded.questionnaire
    assert report.language == "da" and report.dimension("channels") is None

    assert dimension_label(report, "self-service", q) == "Selvbetjening"  # its scorer's
    assert dimension_label(report, "channels", q) == "Kanaler"  # the questionnaire's own
    assert dimension_label(report, "channels") == "channels"
    assert dimension_label(report, "data", q) == "Kundedata"  # a foundation it does not name
    assert dimension_label(report, "nowhere", q) == "nowhere"
    unlabelled = report.model_copy(update={"dimensions": [
        d.model_copy(update={"label": ""}) for d in report.dimensions]})
    assert dimension_label(unlabelled, "tracking", q) == "Måling"
    assert dimension_label(unlabelled, "self-service") == "self-service"

    buffer = BytesIO()
    build_workbook(result).save(buffer)
    sheet = load_workbook(buffer)["Afdelinger"]
    shown = {c.value for c in sheet["A"]}
    assert {"Selvbetjening", "Måling", "Kanaler"} <= shown and "channels" not in shown
