"""Plugins' ``[inputs]`` files read through the core's bounded reader
(``context.read_input``): a file over the limit, a device, a FIFO or a folder is one
line naming the file and the key — the plugin's warning — never a hang or unbounded
memory, and the other scorers carry on."""

from __future__ import annotations

import os
import threading

import pytest

from cxassess import files
from cxassess.errors import InputError

from test_voice_plugin import voice_report


def _warning_names(report, path, reason: str) -> None:
    assert report.dimension("voice") is None
    [warning] = report.warnings
    assert warning.startswith("plugin 'voice', scorer 'voice' failed: SurveyError: "), warning
    assert f"{path} ([inputs] nps): {reason}" in warning, warning
    assert "\n" not in warning
    for builtin in ("data", "tracking", "silos", "empowerment"):
        assert report.dimension(builtin).score == 50.0


def test_a_survey_over_the_size_limit_is_one_warning(tmp_path):
    huge = tmp_path / "nps.csv"
    with open(huge, "wb") as f:  # sparse: 65 MB that take no room
        f.truncate(files.MAX_FILE_BYTES + 1024 * 1024)
    report = voice_report(tmp_path, builtins=True, fill=2, inputs={"nps": "nps.csv"})
    _warning_names(report, huge, "is 65 MB, more than the 64 MB a file may have")


def test_a_device_as_a_survey_is_not_read(tmp_path):
    report = voice_report(tmp_path, builtins=True, fill=2, inputs={"nps": "/dev/zero"})
    _warning_names(report, "/dev/zero", "is not a regular file")


def test_a_folder_as_a_survey_is_named(tmp_path):
    (tmp_path / "surveys").mkdir()
    report = voice_report(tmp_path, builtins=True, fill=2, inputs={"nps": "surveys"})
    _warning_names(report, tmp_path / "surveys", "is a folder, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_a_survey_does_not_block(tmp_path):
    fifo = tmp_path / "nps.csv"
    os.mkfifo(fifo)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(voice_report(
        tmp_path, builtins=True, fill=2, inputs={"nps": "nps.csv"})), daemon=True)
    worker.start()
    worker.join(60)
    assert done, "scoring waited on the FIFO"
    _warning_names(done[0], fifo, "is not a regular file")


def test_read_input_is_the_bounded_reader(tmp_path):
    """What a plugin author calls: the bytes, None for an input not named, and the
    limit a plugin may lower."""
    from cxassess.scoring import make_context
    from cxassess.loading import load_questionnaire_file
    from cxassess.models import Assessment

    from helpers import FIXTURES

    (tmp_path / "data.csv").write_bytes(b"a,b\n1,2\n")
    assessment = Assessment.model_validate({
        "format": 1, "questionnaire": "dev", "organisation": {"name": "X"},
        "inputs": {"contacts": "data.csv"}})
    context = make_context(load_questionnaire_file(FIXTURES / "dev.toml"), assessment, tmp_path)
    assert context.read_input("contacts") == b"a,b\n1,2\n"
    assert context.read_input("nps") is None
    # the error quotes the plugin's own limit as the plugin's, not as every file's
    with pytest.raises(InputError, match=r"data\.csv \(\[inputs\] contacts\): is 8 bytes, "
                                         r"more than the plugin's limit of 4 bytes$"):
        context.read_input("contacts", limit=4)


@pytest.mark.parametrize("size, limit, told", [
    # one unit for both sizes: not "is 2 MB, more than the 1,000,000 bytes"
    (2_000_000, 1_000_000, "is 2,000,000 bytes, more than the plugin's limit of 1,000,000 bytes"),
    # bytes where whole megabytes would read alike: not "is 1 MB, more than the 1 MB"
    (1_300_000, 1_200_000, "is 1,300,000 bytes, more than the plugin's limit of 1,200,000 bytes"),
    (3_500_000, 2_200_000, "is 3 MB, more than the plugin's limit of 2 MB"),
])
def test_a_plugins_own_limit_is_quoted_as_the_plugins_in_one_unit(tmp_path, size, limit, told):
    from cxassess.scoring import make_context
    from cxassess.loading import load_questionnaire_file
    from cxassess.models import Assessment

    from helpers import FIXTURES

    (tmp_path / "data.csv").write_bytes(b"x" * size)
    assessment = Assessment.model_validate({
        "format": 1, "questionnaire": "dev", "organisation": {"name": "X"},
        "inputs": {"contacts": "data.csv"}})
    context = make_context(load_questionnaire_file(FIXTURES / "dev.toml"), assessment, tmp_path)
    with pytest.raises(InputError) as raised:
        context.read_input("contacts", limit=limit)
    assert str(raised.value).endswith(f"data.csv ([inputs] contacts): {told}")
