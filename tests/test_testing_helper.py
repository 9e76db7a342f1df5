"""cxassess.testing: the helpers plugin authors test their plugins with."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from cxassess import hookimpl
from cxassess.loading import InputError, load_questionnaire_file
from cxassess.models import Assessment
from cxassess.report import Report, ScoreResult
from cxassess.testing import PluginLoadError, Scoring, make_assessment, plan, plugin_manager, \
    plugin_scoring, score_with

from helpers import FIXTURES

DEV = FIXTURES / "dev.toml"
BUILTINS = ["data", "tracking", "silos", "empowerment"]


def constant_plugin(dimension="constant", value=42.0):
    """A plugin object (a module made on the fly) with one scorer."""
    module = types.ModuleType(f"plugins_for_tests.{dimension}")

    @hookimpl
    def cxassess_register_scorers(register):
        register(dimension, lambda context: ScoreResult(score=value, coverage=1.0))

    module.cxassess_register_scorers = cxassess_register_scorers
    return module


PLUGIN_FILE = '''
from cxassess import hookimpl
from cxassess.scoring import weighted_score

__version__ = "1.2.3"

@hookimpl
def cxassess_register_scorers(register):
    register("understanding", lambda ctx: weighted_score(ctx, ctx.questions(stage="understand")))
'''


# --------------------------------------------------------------------------- registering


def test_a_module_alone_scores_its_dimension_and_the_core_scores_the_rest():
    report = score_with(constant_plugin(), questionnaire=DEV)
    assert isinstance(report, Report)
    # every dimension the questionnaire names is scored: without the built-ins, by the
    # core's generic scorer
    assert [d.id for d in report.dimensions] == BUILTINS + ["constant"]
    assert {d.id: d.scorer for d in report.dimensions} == {
        **{b: "cxassess" for b in BUILTINS}, "constant": "constant"}  # the module's last part
    assert report.warnings == []


def test_with_builtins_the_builtins_score_too():
    report = score_with(constant_plugin(), name="mine", builtins=True, questionnaire=DEV,
                        answers={"understand-journey": 2})
    assert [d.id for d in report.dimensions] == BUILTINS + ["constant"]
    assert report.dimension("constant").scorer == "mine"
    assert report.dimension("data").score == 50.0
    assert {p.name: p.builtin for p in report.plugins} == {**{b: True for b in BUILTINS},
                                                          "mine": False}


def test_a_plugin_file_is_loaded_like_plugins_dir_and_forgotten_afterwards(tmp_path):
    path = tmp_path / "understanding.py"
    path.write_text(PLUGIN_FILE, encoding="utf-8")
    with plugin_scoring(path) as scoring:
        assert isinstance(scoring, Scoring)
        report = scoring.score(questionnaire=DEV, answers={"understand-journey": 4,
                                                           "understand-data": 0})
        assert "cxassess_plugin_understanding" in sys.modules
    assert "cxassess_plugin_understanding" not in sys.modules
    d = report.dimension("understanding")
    assert d.scorer == "understanding" and d.score == 75.0  # weights 3 and 1
    assert report.plugins[0].version == "1.2.3"
    # a str path works too
    assert score_with(str(path), questionnaire=DEV).dimension("understanding").score is None


def test_a_dotted_module_name_is_imported():
    report = score_with("cxassess_scorers.silos", questionnaire=DEV, answers={"understand-journey": 2})
    assert report.dimension("silos").scorer == "silos"


def test_an_object_with_hook_methods_is_a_plugin():
    class Plugin:
        @hookimpl
        def cxassess_register_scorers(self, register):
            register("objective", lambda context: {"score": 10})

    report = score_with(Plugin(), questionnaire=DEV)
    assert report.dimension("objective").scorer == "Plugin"
    assert report.dimension("objective").score == 10.0


def test_name_needs_a_single_plugin():
    with pytest.raises(TypeError):
        plugin_manager(constant_plugin("a"), constant_plugin("b"), name="x")


def test_plugin_manager_is_fresh_and_independent_of_installed_plugins():
    manager = plugin_manager(constant_plugin())
    assert [r.name for r in manager.records] == ["constant"]
    manager = plugin_manager(builtins=True)
    assert sorted(r.name for r in manager.records) == sorted(BUILTINS)
    assert all(r.builtin for r in manager.records)


# --------------------------------------------------------------------------- strictness


def write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_strict_misspelt_hook_raises_with_a_hint(tmp_path):
    path = write(tmp_path, "typo.py", """
        from cxassess import hookimpl
        @hookimpl
        def cxassess_register_scorer(register):
            pass
    """)
    with pytest.raises(PluginLoadError, match="did you mean 'cxassess_register_scorers'"):
        score_with(path, questionnaire=DEV)
    assert "cxassess_plugin_typo" not in sys.modules


def test_strict_undecorated_hook_raises(tmp_path):
    path = write(tmp_path, "plain.py", """
        def cxassess_register_scorers(register):
            register("plain", lambda ctx: {"score": 1})
    """)
    with pytest.raises(PluginLoadError, match="not decorated with @hookimpl"):
        score_with(path, questionnaire=DEV)


def test_strict_syntax_error_raises(tmp_path):
    path = write(tmp_path, "broken.py", "def oops(:\n")
    with pytest.raises(PluginLoadError, match="plugin 'broken' failed to load: SyntaxError"):
        score_with(path, questionnaire=DEV)


def test_missing_file_raises(tmp_path):
    with pytest.raises(PluginLoadError, match="no such plugin file"):
        score_with(tmp_path / "nope.py", questionnaire=DEV)


def test_not_strict_reports_problems_as_warnings_like_the_cli(tmp_path):
    broken = write(tmp_path, "broken.py", "def oops(:\n")
    raising = write(tmp_path, "raising.py", """
        from cxassess import hookimpl
        @hookimpl
        def cxassess_register_scorers(register):
            register("boom", lambda ctx: 1 / 0)
    """)
    report = score_with(broken, raising, builtins=True, strict=False, questionnaire=DEV,
                        answers={"understand-journey": 2})
    assert report.warnings[0].startswith("plugin 'broken' failed to load: SyntaxError")
    assert report.warnings[1] == ("plugin 'raising', scorer 'boom' failed: "
                                  "ZeroDivisionError: division by zero")
    assert report.dimension("data").score == 50.0


# --------------------------------------------------------------------------- assessments


def test_make_assessment_accepts_the_file_shapes():
    a = make_assessment(answers={"understand-journey": 2, "fix-tracking": "n/a",
                                 "fix-staff": {"level": 1, "importance": 5, "note": "x"}},
                        inputs={"nps": Path("surveys") / "nps.csv"}, language="da",
                        organisation={"name": "Nordlys Energi A/S", "sector": "Energy"})
    assert isinstance(a, Assessment)
    assert a.questionnaire == "four-f" and a.language == "da"
    assert a.organisation.sector == "Energy"
    assert a.inputs == {"nps": str(Path("surveys") / "nps.csv")}
    answers = a.respondents[0].answers
    assert answers["understand-journey"].level == 2
    assert answers["fix-tracking"].not_applicable
    assert answers["fix-staff"].importance == 5


def test_make_assessment_with_respondents_and_departments():
    a = make_assessment("dev", respondents=[
        {"name": "Anna", "department": "Service", "answers": {"understand-journey": 0}},
        {"name": "Bo", "department": "Marketing", "answers": {"understand-journey": 4}},
    ])
    assert [r.department for r in a.respondents] == ["Service", "Marketing"]
    again = make_assessment("dev", respondents=a.respondents)
    assert again == a


def test_make_assessment_rejects_bad_values_naming_the_key():
    with pytest.raises(InputError, match=r"respondents\[0\]\.answers\.\"understand-journey\": level 7"):
        make_assessment(answers={"understand-journey": 7})
    with pytest.raises(TypeError):
        make_assessment(answers={}, respondents=[])
    q = load_questionnaire_file(DEV)
    with pytest.raises(InputError, match="unknown question id 'no-such-question'"):
        make_assessment(q, answers={"no-such-question": 1})


def test_fill_answers_every_question_left_out():
    q = load_questionnaire_file(DEV)
    a = make_assessment(q, answers={"understand-journey": 4}, fill=1)
    answers = a.respondents[0].answers
    assert len(answers) == len(q.questions)
    assert answers["understand-journey"].level == 4 and answers["fix-tracking"].level == 1
    # an id cxassess does not know without the plugins: the message says what to do
    with pytest.raises(InputError, match="unknown questionnaire id 'dev'.*plugin_scoring"):
        make_assessment("dev", fill=1)


def test_score_an_assessment_object_or_fields_not_both():
    a = make_assessment(load_questionnaire_file(DEV), answers={"understand-journey": 2})
    with plugin_scoring(builtins=True) as scoring:
        by_object = scoring.score(a, questionnaire=DEV)
        by_fields = scoring.score(questionnaire=DEV, answers={"understand-journey": 2})
        assert by_object == by_fields
        with pytest.raises(TypeError, match="not both"):
            scoring.score(a, questionnaire=DEV, answers={})


def test_unknown_question_in_a_given_assessment_is_an_input_error():
    a = make_assessment("dev", answers={"nope": 1})
    with pytest.raises(InputError, match="unknown question id 'nope'"):
        score_with(builtins=True, assessment=a, questionnaire=DEV)


def test_questionnaire_as_id_path_dict_object_or_from_a_plugin(tmp_path):
    q = load_questionnaire_file(DEV)
    assert score_with(constant_plugin(), questionnaire="four-f").questionnaire["id"] == "four-f"
    assert score_with(constant_plugin()).questionnaire["id"] == "four-f"  # the default
    assert score_with(constant_plugin(), questionnaire=DEV).questionnaire["id"] == "dev"
    assert score_with(constant_plugin(), questionnaire=q).questionnaire["id"] == "dev"
    as_dict = q.model_dump(exclude_none=True)
    as_dict["id"] = "dev-dict"
    assert score_with(constant_plugin(), questionnaire=as_dict).questionnaire["id"] == "dev-dict"
    # relative path against base_dir
    (tmp_path / "q.toml").write_text(DEV.read_text(encoding="utf-8"), encoding="utf-8")
    assert score_with(constant_plugin(), questionnaire="q.toml",
                      base_dir=tmp_path).questionnaire["id"] == "dev"

    provider = types.ModuleType("provider")
    provided = {**q.model_dump(exclude_none=True), "id": "provided"}
    provider.cxassess_questionnaires = hookimpl(lambda: [provided])
    report = score_with(provider, questionnaire="provided")
    assert report.questionnaire["id"] == "provided"
    with pytest.raises(InputError, match="unknown questionnaire id 'nope'"):
        score_with(provider, questionnaire="nope")


def test_inputs_resolve_against_base_dir(tmp_path):
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "count.txt").write_text("37", encoding="utf-8")
    plugin = types.ModuleType("counter")

    def count(context):
        path = context.input_path("count")
        return {"score": float(path.read_text()), "findings": [str(path)]}

    plugin.cxassess_register_scorers = hookimpl(lambda register: register("count", count))
    report = score_with(plugin, questionnaire=DEV, inputs={"count": "surveys/count.txt"},
                        base_dir=tmp_path)
    assert report.dimension("count").score == 37.0
    assert report.dimension("count").findings == [str(tmp_path / "surveys" / "count.txt")]


def test_initiatives_and_the_roadmap():
    plugin = types.ModuleType("initiator")
    plugin.cxassess_roadmap_initiatives = hookimpl(lambda context, report: [
        {"id": "seduce-early", "title": "Go omnichannel now", "stage": "seduce",
         "dimension": "data", "priority": 999, "phase": 1},
    ])
    with plugin_scoring(plugin, builtins=True) as scoring:
        report = scoring.score(questionnaire=DEV, fill=1)
    [initiative] = report.plugin_initiatives
    assert initiative.source == "initiator"
    roadmap = plan(report)
    phase = next(p for p in roadmap.phases for i in p.initiatives if i.id == "seduce-early")
    assert phase.number > 1  # the core moves it: never Seduce in phase 1


def test_importing_the_helper_pulls_in_no_ui_or_excel():
    code = ("import sys, cxassess.testing; "
            "print(sorted(m for m in ('textual', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
