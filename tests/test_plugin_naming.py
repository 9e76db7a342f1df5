"""One name per plugin (issue 11): cxassess.testing names a plugin as the CLI does, and
`plugins --all` lists what each plugin really registered."""

from __future__ import annotations

import json
import os
import sys

import pytest

from cxassess import testing

from helpers import FIXTURES, plugin_folder, run_subprocess, scorer_file

DEV_ASSESSMENT = FIXTURES / "dev-assessment.toml"

COMPLAINTS = '''
from cxassess import hookimpl

__version__ = "0.0.0-module"  # the package's version wins, as in the CLI


@hookimpl
def cxassess_register_scorers(register):
    register("complaints", lambda context: {"score": 60.0, "findings": ["12 complaints"]})
'''


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A package `cxassess-complaints` 0.2.0 that looks pip-installed: its module on the
    path and a dist-info declaring the entry point `complaints`."""
    site = tmp_path / "site"
    dist = site / "cxassess_complaints-0.2.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: cxassess-complaints\nVersion: 0.2.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cxassess]\ncomplaints = cxassess_complaints\n",
                                           encoding="utf-8")
    (site / "cxassess_complaints.py").write_text(COMPLAINTS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    yield {"PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
           "CXASSESS_LOAD_PLUGINS": "complaints"}
    sys.modules.pop("cxassess_complaints", None)


def test_an_installed_plugin_has_one_name_in_tests_and_in_real_runs(installed):
    out = run_subprocess("score", DEV_ASSESSMENT, "--json", env=installed)
    assert out.returncode == 0, out.stderr
    cli_scorer = {d["id"]: d["scorer"] for d in json.loads(out.stdout)["dimensions"]}["complaints"]
    [cli_row] = json.loads(run_subprocess("plugins", "--json", env=installed).stdout)

    for plugin in ("cxassess_complaints", __import__("cxassess_complaints")):
        report = testing.score_with(plugin, questionnaire=FIXTURES / "dev.toml")
        assert report.dimension("complaints").scorer == cli_scorer == "complaints"
        assert [(p.name, p.version) for p in report.plugins] == \
            [(cli_row["name"], cli_row["version"])] == [("complaints", "0.2.0")]


def test_a_plugin_file_is_named_after_its_stem_in_both(tmp_path):
    folder = plugin_folder(tmp_path, complaints_file=COMPLAINTS)
    path = folder / "complaints_file.py"
    [cli_row] = json.loads(run_subprocess("--plugins-dir", folder, "plugins", "--json",
                                          env={"CXASSESS_LOAD_PLUGINS": ""}).stdout)
    report = testing.score_with(path, questionnaire=FIXTURES / "dev.toml")
    assert [(p.name, p.version) for p in report.plugins] == \
        [(cli_row["name"], cli_row["version"])] == [("complaints_file", "0.0.0-module")]


def test_plugins_all_shows_a_failed_file_with_its_error_and_no_invented_scorers(tmp_path):
    # silos.py clashes with the built-in plugin `silos`; it would register `silos2`
    folder = plugin_folder(tmp_path, silos=scorer_file("silos2"))
    rows = json.loads(run_subprocess("--plugins-dir", folder, "plugins", "--all", "--json").stdout)
    builtin, mine = [r for r in rows if r["name"] == "silos"]
    assert builtin["scorers"] == ["silos"] and builtin["error"] is None
    assert mine["error"].startswith("a plugin named 'silos' is already loaded")
    assert (mine["scorers"], mine["hooks"]) == ([], [])

    text = run_subprocess("--plugins-dir", folder, "plugins", "--all").stdout
    failed = text[text.index("silos -  FAILED"):]
    assert failed.splitlines()[1].strip().startswith("from:    file ")
    assert "scorers:" not in failed.split("\n", 2)[1]
