"""The plugin's own tests: a few lines each, thanks to cxassess.testing."""

from pathlib import Path

import pytest

import cxassess_voice
from cxassess.testing import plugin_scoring, score_with

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SURVEYS = {"nps": "surveys/nps.csv", "csat": "surveys/csat.csv"}


def voice(report):
    return report.dimension("voice")


def test_scores_the_example_surveys():
    report = score_with(cxassess_voice, name="voice", inputs=SURVEYS, base_dir=EXAMPLES)
    assert report.warnings == []
    # NPS +8.3 → 54.2; CSAT 71.25 % → 71.25; mean 62.7
    assert voice(report).score == 62.7
    assert voice(report).coverage == 1.0
    assert any("NPS is +8 from 120 responses" in f for f in voice(report).findings)
    assert any("CSAT is 71% satisfied" in f and "80 responses" in f for f in voice(report).findings)


def test_danish_findings():
    report = score_with(cxassess_voice, name="voice", inputs=SURVEYS, base_dir=EXAMPLES,
                        language="da")
    assert voice(report).label == "Kundens stemme"
    assert any("ud fra 120 besvarelser" in f for f in voice(report).findings)


def test_no_inputs_says_what_to_add():
    report = score_with(cxassess_voice, name="voice")
    assert voice(report).score is None
    assert 'nps = "surveys/nps.csv"' in voice(report).findings[0]


def test_low_scores_add_initiatives():
    report = score_with(cxassess_voice, name="voice", inputs=SURVEYS, base_dir=EXAMPLES)
    ids = {i.id: i for i in report.plugin_initiatives}
    assert set(ids) == {"voice-nps-detractors", "voice-csat-service"}
    assert ids["voice-nps-detractors"].stage == "understand"
    assert ids["voice-csat-service"].stage == "fix"


def test_bad_file_is_a_warning_naming_file_and_line(tmp_path):
    (tmp_path / "nps.csv").write_text("respondent_id,score\nA,9\nB,eleven\n", encoding="utf-8")
    with plugin_scoring(cxassess_voice, name="voice", builtins=True) as scoring:
        report = scoring.score(inputs={"nps": "nps.csv"}, base_dir=tmp_path, fill=2)
    assert voice(report) is None
    [warning] = report.warnings
    assert "'voice'" in warning and "nps.csv, line 3" in warning and "'eleven'" in warning
    assert report.dimension("data").score == 50.0  # the built-ins still score


@pytest.mark.parametrize("rows, expected", [
    (["9", "10", "8", "0"], 25.0),     # 50 % promoters, 25 % detractors
    (["10"] * 4, 100.0),
    (["0"] * 4, -100.0),
])
def test_nps_formula(rows, expected):
    assert cxassess_voice.surveys.nps([int(r) for r in rows]).value == expected
