"""Shared fixtures: the development questionnaire, assessment builders, the CLI."""

from __future__ import annotations

import pytest

from cxassess.cli import main
from cxassess.loading import load_questionnaire_file
from cxassess.plugins import load_plugins

from helpers import FIXTURES


@pytest.fixture(scope="session")
def dev_questionnaire():
    return load_questionnaire_file(FIXTURES / "dev.toml")


@pytest.fixture(scope="session")
def builtin_plugins():
    """The installed plugins (the four built-in scorers), loaded once; tests must not
    register into it — use ``fresh_plugins`` for that."""
    return load_plugins(env={})


@pytest.fixture
def fresh_plugins():
    return load_plugins(env={})


@pytest.fixture
def cli(capsys):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    def run(*args: str):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err
    return run

