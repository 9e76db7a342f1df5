"""Shared fixtures: the development questionnaire, assessment builders, the CLI."""

from __future__ import annotations

import pytest

from cxassess.cache import ENV_CACHE_DIR
from cxassess.cli import main
from cxassess.loading import load_questionnaire_file
from cxassess.plugins import load_plugins

from helpers import BUILTIN_ONLY, FIXTURES


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """The suite keeps its questionnaire cache (``cxassess.cache``) to itself."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_CACHE_DIR, str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True, scope="session")
def _own_config_folder(tmp_path_factory):
    """The suite keeps the terminal app's settings and recent files to itself: a user who
    runs the tests does not find their temporary assessments in the start screen's list
    (``XDG_CONFIG_HOME``, which platformdirs reads on Linux, where the suite runs)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


@pytest.fixture(autouse=True)
def _only_builtin_plugins(monkeypatch):
    """Tests see the built-in scorers only, whatever else is installed on the machine
    (a test about other plugins sets the environment itself)."""
    monkeypatch.setenv("CXASSESS_LOAD_PLUGINS", BUILTIN_ONLY["CXASSESS_LOAD_PLUGINS"])
    monkeypatch.delenv("CXASSESS_PLUGINS_DIR", raising=False)


@pytest.fixture(scope="session")
def dev_questionnaire():
    return load_questionnaire_file(FIXTURES / "dev.toml")


@pytest.fixture(scope="session")
def builtin_plugins():
    """The installed plugins (the four built-in scorers), loaded once; tests must not
    register into it — use ``fresh_plugins`` for that."""
    return load_plugins(env=BUILTIN_ONLY)


@pytest.fixture
def fresh_plugins():
    return load_plugins(env=BUILTIN_ONLY)


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    def run(*args: str):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err
    return run

