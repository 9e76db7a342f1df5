"""The cxassess command starts with the cyclic garbage collector off (cxassess.__main__)
and switches it back on for the commands that run long or build much (cli.COLLECTED);
output and exit status are what they were."""

from __future__ import annotations

import json

from cxassess.compat import tomllib

from helpers import FIXTURES, ROOT, plugin_folder, run_subprocess

SPY = "import gc\nprint('collector on:', gc.isenabled())\n"


def test_the_console_script_is_the_launcher():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts == {"cxassess": "cxassess.__main__:main"}


def test_score_runs_without_the_collector_and_export_with_it(tmp_path):
    folder = plugin_folder(tmp_path, gcspy=SPY)
    assessment = FIXTURES / "dev-assessment.toml"
    score = run_subprocess("--plugins-dir", folder, "score", assessment, "--json")
    assert score.returncode == 0, score.stderr
    assert "plugin 'gcspy': collector on: False" in score.stderr
    assert json.loads(score.stdout)["organisation"]
    export = run_subprocess("--plugins-dir", folder, "export", assessment,
                            "-o", tmp_path / "out.xlsx")
    assert export.returncode == 0, export.stderr
    assert "plugin 'gcspy': collector on: True" in export.stderr
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_exit_status_and_errors_are_unchanged(tmp_path):
    missing = run_subprocess("score", tmp_path / "missing.toml")
    assert missing.returncode == 1 and missing.stderr.startswith("error: ")
    assert "Traceback" not in missing.stderr
    usage = run_subprocess("score")
    assert usage.returncode == 2 and "usage: cxassess score" in usage.stderr
