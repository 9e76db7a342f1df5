"""Hostile input, round 3: files on disk (an output that is one of the inputs, a full disk,
locks beside the assessment through links and odd files), odd encodings and odd workbooks.
Each is one line naming the file, exit 1, no traceback, and nothing of the user's is
overwritten."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import ROOT

FOUR_F = ROOT / "questionnaires" / "four-f.toml"


def one_error(cli, *args) -> str:
    code, _out, err = cli(*args)
    assert code == 1 and "Traceback" not in err, err
    [line] = err.splitlines()
    assert line.startswith("error: ") and line.isprintable(), line
    return line


# --------------------------------------------------------------------------- output = input


@pytest.mark.parametrize("link", [False, True])
def test_template_over_its_own_questionnaire_is_refused_even_with_force(cli, tmp_path, link):
    """``template q.toml -o q.toml --force`` replaced the questionnaire by an assessment
    naming itself: the user's questionnaire was lost and the assessment could not load."""
    questionnaire = tmp_path / "q.toml"
    shutil.copy(FOUR_F, questionnaire)
    out = questionnaire
    if link:
        out = tmp_path / "client.toml"
        out.symlink_to(questionnaire)
    before = questionnaire.read_bytes()
    line = one_error(cli, "template", questionnaire, "-o", out, "--force")
    assert line == f"error: {out}: is the questionnaire itself; not overwritten (write the " \
                   "assessment to another file)"
    assert questionnaire.read_bytes() == before
