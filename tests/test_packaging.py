"""The wheel works outside the repo: questionnaires and built-in scorers come with it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv

import pytest

from helpers import FIXTURES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("pkg")
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = dist.glob("cxassess-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    proc = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    outside = work / "elsewhere"
    outside.mkdir()
    shutil.copy(FIXTURES / "dev.toml", outside)
    shutil.copy(FIXTURES / "dev-assessment.toml", outside)
    return py, outside


def run(installed, *args):
    py, cwd = installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CXASSESS_PLUGINS_DIR",
                                                              "CXASSESS_LOAD_PLUGINS")}
    return subprocess.run([str(py), "-m", "cxassess", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_wheel_lists_questionnaires_outside_the_repo(installed):
    proc = run(installed, "questionnaires", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert any(r["id"] == "four-f" and r["origin"] == "built-in" for r in rows)


def test_wheel_scores_with_builtin_scorers(installed):
    proc = run(installed, "score", "dev-assessment.toml", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [d["id"] for d in doc["dimensions"]] == ["data", "tracking", "silos", "empowerment"]
    assert doc["roadmap"]["phases"]


def test_wheel_does_not_use_the_source_tree(installed):
    py, cwd = installed
    proc = subprocess.run([str(py), "-c", "import cxassess, cxassess_scorers; "
                           "print(cxassess.__file__); print(cxassess_scorers.__file__)"],
                          cwd=cwd, capture_output=True, text=True, timeout=60)
    assert str(ROOT) not in proc.stdout


def test_wheel_says_what_it_is(installed):
    """``pip show`` and an index page: the licence (with its text), classifiers, and
    tomli required only where the standard library has no tomllib."""
    py, _ = installed
    probe = ("import json; from importlib.metadata import files, metadata; "
             "m = metadata('cxassess'); "
             "print(json.dumps({'license': m.get('License-Expression') or m.get('License'), "
             "'classifiers': m.get_all('Classifier'), 'requires': m.get_all('Requires-Dist'), "
             "'files': [f.name for f in files('cxassess')]}))")
    proc = subprocess.run([str(py), "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    meta = json.loads(proc.stdout)
    assert meta["license"] == "MIT"
    assert "LICENSE" in meta["files"]
    assert "Programming Language :: Python :: 3" in meta["classifiers"]
    [tomli] = [r for r in meta["requires"] if r.startswith("tomli>")]
    assert tomli.replace("'", '"').endswith('; python_version < "3.11"')
