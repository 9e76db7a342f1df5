"""A broken or slow plugin never takes the report down (issue 11): prints stay off
stdout, SystemExit is caught, a scorer past the time limit is cut, results are strict."""

from __future__ import annotations

import io
import json
import threading
import types
from contextlib import redirect_stderr

import pytest

from cxassess import hookimpl, isolation
from cxassess.plugins import new_manager
from cxassess.report import ScoreResult
from cxassess.scoring import collect_scorers, score
from cxassess.testing import score_with

from helpers import FIXTURES, make_assessment, plugin_folder, run_subprocess, scorer_plugin

DEV = FIXTURES / "dev.toml"
DEV_ASSESSMENT = FIXTURES / "dev-assessment.toml"
BUILTINS = ["data", "tracking", "silos", "empowerment"]
LIMIT = 0.5  # seconds: small, so the tests that hit it stay quick

PRINTING = '''
from cxassess import hookimpl
print("loading the printing plugin")

def score(context):
    print("scoring", context.assessment.organisation.name)
    return {"score": 50.0, "findings": ["printed"]}

@hookimpl
def cxassess_register_scorers(register):
    print("registering")
    register("printing", score)
'''

EXITING = '''
import sys
from cxassess import hookimpl

@hookimpl
def cxassess_register_scorers(register):
    register("exiting", lambda context: sys.exit("bye"))
'''

SLEEPING = '''
import time
from cxassess import hookimpl

@hookimpl
def cxassess_register_scorers(register):
    register("sleeping", lambda context: time.sleep(60))
'''


@pytest.fixture
def release():
    """An event a blocked plugin waits on; set when the test ends, so no thread is left."""
    event = threading.Event()
    yield event
    event.set()


# --------------------------------------------------------------------------- the CLI


def test_a_printing_plugin_leaves_score_json_valid(tmp_path):
    folder = plugin_folder(tmp_path, printing=PRINTING)
    out = run_subprocess("--plugins-dir", folder, "score", DEV_ASSESSMENT, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)  # nothing else on stdout
    assert {d["id"]: d["score"] for d in doc["dimensions"]}["printing"] == 50.0
    assert doc["warnings"] == []
    for line in ("loading the printing plugin", "registering", "scoring Testfirma ApS"):
        assert f"plugin 'printing': {line}\n" in out.stderr


def test_system_exit_is_reported_by_name_and_the_others_still_score(tmp_path):
    folder = plugin_folder(tmp_path, exiting=EXITING)
    out = run_subprocess("--plugins-dir", folder, "score", DEV_ASSESSMENT, "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert [d["id"] for d in doc["dimensions"]] == BUILTINS
    assert doc["warnings"] == ["plugin 'exiting', scorer 'exiting' failed: SystemExit: bye"]


def test_a_sleeping_scorer_is_cut_at_the_limit_and_the_process_still_ends(tmp_path):
    # the sleeping thread cannot be killed; the process ends anyway (subprocess timeout
    # would fail the test otherwise), with every other result
    folder = plugin_folder(tmp_path, sleeping=SLEEPING, printing=PRINTING)
    out = run_subprocess("score", DEV_ASSESSMENT, "--json", "--plugins-dir", folder,
                         "--plugin-timeout", str(LIMIT))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert [d["id"] for d in doc["dimensions"]] == BUILTINS + ["printing"]
    [warning] = doc["warnings"]
    assert warning.startswith("plugin 'sleeping', scorer 'sleeping' failed: did not finish "
                              "within 0.5 s")


def test_the_time_limit_comes_from_the_environment_too(tmp_path):
    folder = plugin_folder(tmp_path, sleeping=SLEEPING)
    out = run_subprocess("--plugins-dir", folder, "score", DEV_ASSESSMENT, "--json",
                         env={"CXASSESS_PLUGIN_TIMEOUT": str(LIMIT)})
    assert "did not finish within 0.5 s" in json.loads(out.stdout)["warnings"][0]
    bad = run_subprocess("score", DEV_ASSESSMENT, env={"CXASSESS_PLUGIN_TIMEOUT": "soon"})
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "CXASSESS_PLUGIN_TIMEOUT: expected a number of seconds" in bad.stderr


def test_one_rule_gives_the_time_limit_to_every_way_of_making_plugins(monkeypatch):
    """An argument (``--plugin-timeout``) wins over $CXASSESS_PLUGIN_TIMEOUT, which wins
    over the default, for the CLI's plugins, ``load_plugins`` (with its own ``env``), a bare
    manager and the plugin-testing helper alike."""
    from cxassess.plugins import load_plugins
    from cxassess.testing import plugin_manager

    monkeypatch.setenv(isolation.ENV_TIMEOUT, "2.5")
    assert new_manager().timeout == plugin_manager().timeout == 2.5
    assert new_manager(0).timeout == plugin_manager(timeout=0).timeout == 0
    assert new_manager(env={}).timeout == isolation.DEFAULT_TIMEOUT
    assert load_plugins(env={isolation.ENV_TIMEOUT: "4"}, entry_points=False).timeout == 4
    assert load_plugins(env={isolation.ENV_TIMEOUT: "4"}, entry_points=False,
                        timeout=1).timeout == 1
    assert load_plugins(env={}, entry_points=False).timeout == isolation.DEFAULT_TIMEOUT
    monkeypatch.setenv(isolation.ENV_TIMEOUT, "soon")
    with pytest.raises(ValueError, match="CXASSESS_PLUGIN_TIMEOUT: expected a number"):
        new_manager()
    assert new_manager(3).timeout == 3  # a given limit never reads the environment


# --------------------------------------------------------------------------- in process


def test_any_base_exception_but_keyboard_interrupt_is_caught(dev_questionnaire):
    class Odd(BaseException):
        pass

    def odd(context):
        raise Odd("strange")

    manager = new_manager()
    manager.register(scorer_plugin("odd", odd), "odd")
    report = score(dev_questionnaire, make_assessment([{}]), manager)
    assert report.warnings == ["plugin 'odd', scorer 'odd' failed: Odd: strange"]

    def interrupt(context):
        raise KeyboardInterrupt
    manager = new_manager()
    manager.register(scorer_plugin("ctrl-c", interrupt), "ctrl-c")
    with pytest.raises(KeyboardInterrupt):
        score(dev_questionnaire, make_assessment([{}]), manager)


def test_a_blocked_hook_is_cut_and_registers_nothing(dev_questionnaire, release):
    def cxassess_register_scorers(register):
        release.wait()
        register("late", lambda context: {"score": 1.0})

    manager = new_manager(timeout=0.2)
    manager.register(types.SimpleNamespace(
        cxassess_register_scorers=hookimpl(cxassess_register_scorers)), "blocked")
    warnings: list[str] = []
    registry = collect_scorers(manager, warnings)
    release.set()  # it registers now, too late
    assert registry.scorers == {}
    assert warnings[0].startswith("plugin 'blocked' failed in cxassess_register_scorers: "
                                  "did not finish within 0.2 s")


def test_the_limit_works_off_the_main_thread_as_in_the_terminal_app(
        dev_questionnaire, builtin_plugins, release):
    """The TUI scores in a worker thread, where signal-based alarms cannot work."""
    manager = new_manager(timeout=0.2)
    for record in builtin_plugins.loaded:
        manager.register(record.module, record.name, builtin=True)
    manager.register(scorer_plugin("stuck", lambda context: release.wait()), "stuck")
    box = {}
    worker = threading.Thread(target=lambda: box.update(
        report=score(dev_questionnaire, make_assessment([{"fix-tracking": 2}]), manager)))
    worker.start()
    worker.join(60)
    report = box["report"]
    assert [d.id for d in report.dimensions] == BUILTINS
    assert "did not finish within 0.2 s" in report.warnings[0]


def test_stdout_of_other_threads_is_untouched_while_a_plugin_prints(capsys, release):
    """sys.stdout is process-global: a plugin's print is routed by thread, so what
    another thread prints meanwhile still reaches stdout."""
    plugin_running = threading.Event()

    def other_thread():
        plugin_running.wait(30)
        print("the app draws")
        release.set()

    def plugin_code():
        plugin_running.set()
        print("plugin says hi")
        release.wait(30)
        return 7

    helper = threading.Thread(target=other_thread)
    helper.start()
    outcome = isolation.call(plugin_code, name="chatty", timeout=30)
    helper.join(30)
    print("main thread")
    out, err = capsys.readouterr()
    assert outcome.value == 7
    assert out == "the app draws\nmain thread\n"
    assert err == "plugin 'chatty': plugin says hi\n"


def test_a_failing_scorer_of_a_questioned_dimension_falls_back_to_the_generic_one(
        dev_questionnaire):
    manager = new_manager()
    manager.register(scorer_plugin("data", lambda context: 1 / 0), "flaky")
    report = score(dev_questionnaire, make_assessment([{"understand-journey": 2}]), manager)
    assert report.dimension("data").scorer == "cxassess"
    assert report.dimension("data").score == 50.0
    assert report.warnings == ["plugin 'flaky', scorer 'data' failed: ZeroDivisionError: "
                               "division by zero; the dimension is scored from its questions "
                               "instead"]


# --------------------------------------------------------------------------- strict results


@pytest.mark.parametrize("returned, reason", [
    ({"score": "55"}, "score: Input should be a valid number (got '55')"),
    ({"score": float("nan")}, "score: Input should be a finite number (got nan)"),
    ({"score": float("inf")}, "score: Input should be a finite number (got inf)"),
    ({"score": 50.0, "answered": 3, "total": 1}, "answered (3) is more than total (1)"),
    ({"score": 50.0, "answered": 1, "total": 4, "coverage": 1.0},
     "coverage 1 does not match answered/total = 1/4 = 0.25"),
    ({"score": 50.0, "answered": "2", "total": 4}, "answered: Input should be a valid integer"),
    ({"score": True}, "score: Input should be a valid number"),
])
def test_nonsense_results_are_rejected_with_the_reason(returned, reason):
    report = score_with(scorer_plugin("odd", lambda context: returned), name="odd",
                        questionnaire=DEV)
    assert report.dimension("odd") is None
    [warning] = report.warnings
    assert warning.startswith("plugin 'odd', scorer 'odd' returned an invalid result: ")
    assert reason in warning


def test_a_result_changed_after_it_was_made_is_checked_again():
    def sneaky(context):
        result = ScoreResult(score=10.0)
        result.score = float("nan")
        return result
    report = score_with(scorer_plugin("sneaky", sneaky), name="sneaky", questionnaire=DEV)
    assert "finite number" in report.warnings[0]


def test_coverage_left_out_is_answered_over_total():
    assert ScoreResult(score=40.0, answered=1, total=4).coverage == 0.25


def test_prefixed_output_keeps_partial_lines_together():
    err = io.StringIO()
    with redirect_stderr(err):
        sink = isolation._Prefixed("p")
        sink.write("a")
        sink.write("b\nc")
        sink.flush()
    assert err.getvalue() == "plugin 'p': ab\nplugin 'p': c\n"


def test_a_worker_busy_past_the_limit_is_not_reused_until_it_is_free(release):
    late = isolation.call(release.wait, name="slow", timeout=0.1)
    assert late.timed_out
    # the next calls still run, on another worker, and get their own results
    assert [isolation.call(lambda n=n: n * 2, name="quick", timeout=5).value
            for n in range(3)] == [0, 2, 4]


def test_calls_run_back_to_back_keep_their_own_limit_output_and_errors(capsys, release):
    """``call_each`` runs scorers one after another in one worker: a call past the limit
    is cut on its own and the calls after it still run, each printing under its name."""
    ran = []

    def quick(n):
        def run():
            ran.append(n)
            print(f"call {n}")
            return n
        return run

    def boom():
        raise ValueError("bad")

    outcomes = isolation.call_each([("one", quick(1)), ("stuck", release.wait),
                                    ("three", quick(3)), ("boom", boom), ("five", quick(5))],
                                   timeout=0.2)
    assert [o.value for o in outcomes] == [1, None, 3, None, 5]
    assert [o.timed_out for o in outcomes] == [False, True, False, False, False]
    assert isinstance(outcomes[3].error, ValueError)
    assert ran == [1, 3, 5]
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "plugin 'one': call 1\nplugin 'three': call 3\nplugin 'five': call 5\n"
    release.set()  # the stuck call ends; it is never run again


def test_ctrl_c_in_one_call_stops_the_calls_after_it():
    ran = []

    def interrupt():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        isolation.call_each([("a", lambda: ran.append("a")), ("ctrl-c", interrupt),
                             ("b", lambda: ran.append("b"))], timeout=5)
    assert ran == ["a"]
