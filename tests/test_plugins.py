"""The plugin system: built-ins load like third-party plugins; broken plugins are isolated."""

from __future__ import annotations


import pytest

from cxassess.plugins import load_plugins
from cxassess.scoring import collect_scorers, score

from helpers import BUILTIN_ONLY, make_assessment, plugin, scorer_plugin

BUILTIN = ["data", "tracking", "silos", "empowerment"]


@pytest.fixture
def answers(dev_questionnaire):
    return make_assessment([{q: 2 for q in dev_questionnaire.question_ids}])


def test_builtins_are_entry_point_plugins(builtin_plugins):
    builtins = [r for r in builtin_plugins.records if r.builtin]
    assert sorted(r.name for r in builtins) == sorted(BUILTIN)
    assert all(r.origin.startswith("entry point cxassess_scorers.") for r in builtins)
    assert all(r.loaded and r.version for r in builtins)


def test_allow_list_limits_installed_plugins():
    assert [r.name for r in load_plugins(env={"CXASSESS_LOAD_PLUGINS": "silos, data"}).records] \
        == ["data", "silos"]
    assert load_plugins(env={"CXASSESS_LOAD_PLUGINS": ""}).records == []


def test_registered_plugin_scores_a_new_dimension(fresh_plugins, dev_questionnaire, answers):
    fresh_plugins.register(scorer_plugin("voice", lambda ctx: {
        "score": 70, "coverage": 1, "answered": 1, "total": 1, "findings": ["NPS 40"]}), "voice")
    report = score(dev_questionnaire, answers, fresh_plugins)
    voice = report.dimension("voice")
    assert voice.score == 70 and voice.scorer == "voice" and voice.findings == ["NPS 40"]
    assert [d.id for d in report.dimensions] == BUILTIN + ["voice"]


@pytest.mark.parametrize("function, expected", [
    (lambda ctx: 1 / 0, "ZeroDivisionError"),
    (lambda ctx: {"score": 140}, "score"),
    (lambda ctx: {"score": 50, "bogus": 1}, "bogus"),
    (lambda ctx: "high", "str"),
    (lambda ctx: {"score": float("nan")}, "score"),
])
def test_broken_scorer_is_reported_by_name_and_others_still_score(
        fresh_plugins, dev_questionnaire, answers, function, expected):
    fresh_plugins.register(scorer_plugin("broken", function), "broken-plugin")
    report = score(dev_questionnaire, answers, fresh_plugins)
    assert [d.id for d in report.dimensions] == BUILTIN
    assert all(d.score == 50 for d in report.dimensions)
    [warning] = report.warnings
    assert "'broken-plugin'" in warning and expected in warning


def test_duplicate_scorer_id_names_both_plugins(fresh_plugins, dev_questionnaire, answers):
    fresh_plugins.register(scorer_plugin("data", lambda ctx: {"score": 1}), "impostor")
    warnings: list[str] = []
    registry = collect_scorers(fresh_plugins, warnings)
    assert registry.scorers["data"].plugin == "data"
    assert len(warnings) == 1 and "'data'" in warnings[0] and "'impostor'" in warnings[0]
    assert score(dev_questionnaire, answers, fresh_plugins).dimension("data").score == 50


def test_register_hook_that_raises_is_isolated(fresh_plugins, dev_questionnaire, answers):
    def cxassess_register_scorers(register):
        raise RuntimeError("no licence")
    fresh_plugins.register(plugin("x", cxassess_register_scorers=cxassess_register_scorers), "licensed")
    report = score(dev_questionnaire, answers, fresh_plugins)
    assert len(report.dimensions) == 4
    assert any("'licensed'" in w and "no licence" in w for w in report.warnings)


def test_misspelt_hook_fails_loudly(fresh_plugins):
    def cxassess_register_scorer(register):  # missing "s"
        pass
    record = fresh_plugins.register(plugin("typo", cxassess_register_scorer=cxassess_register_scorer), "typo")
    assert not record.loaded and "cxassess_register_scorer" in record.error
    assert fresh_plugins.pm.get_plugin("typo") is None
    assert fresh_plugins.load_warnings() == [
        "plugin 'typo' failed to load: PluginValidationError: unknown hook "
        "'cxassess_register_scorer' (did you mean 'cxassess_register_scorers'?)"]


def test_a_mistaken_register_call_names_register(fresh_plugins, dev_questionnaire, answers):
    """A wrong keyword to register() is the plugin's mistake: the warning names the
    function it called, not the core's closure behind it."""
    def cxassess_register_scorers(register):
        register("kw", lambda ctx: {"score": 1}, lable="Kw")
    fresh_plugins.register(plugin("kw", cxassess_register_scorers=cxassess_register_scorers), "kw")
    report = score(dev_questionnaire, answers, fresh_plugins)
    assert report.dimension("kw") is None
    assert "plugin 'kw' failed in cxassess_register_scorers: TypeError: register() got an " \
        "unexpected keyword argument 'lable'" in report.warnings


def test_plugins_dir_loads_files_and_reports_broken_ones(tmp_path, dev_questionnaire, answers):
    (tmp_path / "good.py").write_text(
        "from cxassess import hookimpl\n__version__ = '1.2'\n"
        "@hookimpl\ndef cxassess_register_scorers(register):\n"
        "    register('good', lambda ctx: {'score': 10, 'findings': ['fine']})\n")
    (tmp_path / "bad.py").write_text("def broken(:\n")
    (tmp_path / "crash.py").write_text("raise ImportError('needs pandas')\n")
    plugins = load_plugins(tmp_path, env=BUILTIN_ONLY)
    by_name = {r.name: r for r in plugins.records}
    assert by_name["good"].loaded and by_name["good"].version == "1.2" and not by_name["good"].builtin
    assert "SyntaxError" in by_name["bad"].error
    assert "needs pandas" in by_name["crash"].error
    report = score(dev_questionnaire, answers, plugins)
    assert report.dimension("good").score == 10
    assert len(report.dimensions) == 5


def test_plugin_questionnaire_and_initiatives(fresh_plugins, dev_questionnaire, answers):
    from cxassess.catalog import catalog

    raw = dev_questionnaire.model_dump()
    raw["id"] = "dev-copy"

    def cxassess_questionnaires():
        return [raw, {"id": "broken"}]

    def cxassess_roadmap_initiatives(context, report):
        return [{"id": "pilot", "title": "Run a pilot", "stage": "seduce", "dimension": "data",
                 "priority": 5, "phase": 1}, {"id": "Bad Id!", "title": "x"}]

    fresh_plugins.register(plugin("extra", cxassess_questionnaires=cxassess_questionnaires,
                                  cxassess_roadmap_initiatives=cxassess_roadmap_initiatives), "extra")
    warnings: list[str] = []
    entries = catalog(fresh_plugins, warnings)
    assert entries["dev-copy"].origin == "plugin extra"
    assert any("'extra'" in w and "questionnaire skipped" in w for w in warnings)
    report = score(dev_questionnaire, answers, fresh_plugins)
    [initiative] = report.plugin_initiatives
    assert initiative.source == "extra" and initiative.stage == "seduce"
    assert any("initiative [1] is invalid" in w for w in report.warnings)


def test_registrations_are_kept_until_the_plugins_change(fresh_plugins, dev_questionnaire,
                                                         answers):
    """Scoring again with the same plugins does not ask them to register again; adding or
    removing a plugin, or a registration that failed, does."""
    calls = []

    def cxassess_register_scorers(register):
        calls.append("counted")
        register("counted", lambda ctx: {"score": 40})

    def flaky_register(register):
        calls.append("flaky")
        if calls.count("flaky") == 1:
            raise RuntimeError("not yet")
        register("flaky", lambda ctx: {"score": 30})

    fresh_plugins.register(plugin("counted", cxassess_register_scorers=cxassess_register_scorers),
                           "counted")
    for _ in range(3):
        assert score(dev_questionnaire, answers, fresh_plugins).dimension("counted").score == 40
    assert calls == ["counted"]

    fresh_plugins.register(plugin("flaky", cxassess_register_scorers=flaky_register), "flaky")
    first = score(dev_questionnaire, answers, fresh_plugins)
    assert first.dimension("flaky") is None and any("not yet" in w for w in first.warnings)
    second = score(dev_questionnaire, answers, fresh_plugins)
    assert second.dimension("flaky").score == 30 and not second.warnings
    assert score(dev_questionnaire, answers, fresh_plugins).dimension("flaky").score == 30
    assert calls == ["counted", "counted", "flaky", "counted", "flaky"]

    fresh_plugins.unregister("flaky")
    assert score(dev_questionnaire, answers, fresh_plugins).dimension("flaky") is None
    assert calls[-1] == "counted"
