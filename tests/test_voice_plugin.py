"""The worked example plugin, plugins/cxassess-voice, tested from its source folder so it
runs in the main suite whether or not the plugin is pip-installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest
from cxassess.compat import tomllib

from helpers import FIXTURES, ROOT

VOICE = ROOT / "plugins" / "cxassess-voice"
SRC = VOICE / "src"
EXAMPLES = VOICE / "examples"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

import cxassess_voice  # noqa: E402
from cxassess_voice import surveys  # noqa: E402

from cxassess.testing import plan, plugin_scoring, score_with  # noqa: E402

INPUTS = {"nps": "surveys/nps.csv", "csat": "surveys/csat.csv"}
DEV = FIXTURES / "dev.toml"


def voice_report(tmp_path=None, *, nps=None, csat=None, builtins=False, language="en",
                 inputs=None, **kwargs):
    """Score the dev questionnaire with the voice plugin; ``nps``/``csat`` are file
    contents written to tmp_path."""
    files = dict(inputs or {})
    for key, content in (("nps", nps), ("csat", csat)):
        if content is not None:
            path = tmp_path / f"{key}.csv"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            files[key] = path.name
    return score_with(cxassess_voice, name="voice", builtins=builtins, questionnaire=DEV,
                      inputs=files, base_dir=tmp_path, language=language, **kwargs)


def csv_of(column: str, values, extra: str = "") -> str:
    lines = [f"respondent_id,{column}{',' + extra if extra else ''}"]
    lines += [f"R{i},{v}" for i, v in enumerate(values)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the figures


def test_nps_is_promoters_minus_detractors():
    # the article's example: 40 % promoters, 10 % detractors → NPS 30
    scores = [9] * 4 + [7] * 5 + [3] * 1
    m = surveys.nps(scores)
    assert (m.promoters, m.passives, m.detractors) == (4, 5, 1)
    assert m.value == pytest.approx(30.0)
    assert m.score == pytest.approx(65.0)  # (30 + 100) / 2


@pytest.mark.parametrize("scores, nps, mapped", [
    ([10, 10], 100.0, 100.0), ([0, 6], -100.0, 0.0), ([7, 8], 0.0, 50.0),
    ([6, 9], 0.0, 50.0), ([9, 9, 9, 0], 50.0, 75.0),
])
def test_nps_maps_onto_0_100(scores, nps, mapped):
    assert surveys.nps(scores).value == pytest.approx(nps)
    assert surveys.nps(scores).score == pytest.approx(mapped)


def test_csat_is_share_of_4_and_5():
    c = surveys.csat([5, 4, 3, 2, 1, 4, 5, 5])
    assert c.satisfied == 5
    assert c.value == pytest.approx(62.5)
    assert c.score == c.value


# --------------------------------------------------------------------------- scoring


def test_example_surveys_score_and_cite_figures():
    report = voice_report(EXAMPLES, inputs=INPUTS)
    assert report.warnings == []
    v = report.dimension("voice")
    assert v.scorer == "voice" and v.label == "Voice of the customer"
    # NPS: 41 promoters, 31 detractors of 120 → +8.33 → 54.17; CSAT: 57 of 80 → 71.25
    assert v.score == 62.7
    assert (v.coverage, v.answered, v.total) == (1.0, 2, 2)
    text = "\n".join(v.findings)
    assert "NPS is +8 from 120 responses" in text
    assert "34% promoters (9–10)" in text and "26% detractors (0–6)" in text
    assert "CSAT is 71% satisfied (4 or 5 on the 1–5 scale) from 80 responses" in text
    assert "2025-01-06" in text  # the period of the responses


def test_danish_findings_when_language_is_da():
    report = voice_report(EXAMPLES, inputs=INPUTS, language="da")
    v = report.dimension("voice")
    assert v.label == "Kundens stemme"
    text = "\n".join(v.findings)
    assert "NPS er +8 ud fra 120 besvarelser" in text
    assert "ambassadører" in text and "kritikere" in text
    assert "CSAT er 71 % tilfredse" in text and "80 besvarelser" in text


def test_nps_only_and_csat_only(tmp_path):
    only_nps = voice_report(tmp_path, nps=csv_of("score", [10, 10, 0, 8]))
    v = only_nps.dimension("voice")
    assert v.score == 62.5 and v.coverage == 0.5  # NPS 25 → 62.5
    assert any('csat = "surveys/csat.csv"' in f for f in v.findings)
    only_csat = voice_report(tmp_path, csat=csv_of("score", [5, 4, 4, 1]))
    v = only_csat.dimension("voice")
    assert v.score == 75.0 and v.coverage == 0.5
    assert any('nps = "surveys/nps.csv"' in f for f in v.findings)


def test_both_average(tmp_path):
    report = voice_report(tmp_path, nps=csv_of("score", [10, 10, 0, 8]),
                          csat=csv_of("score", [5, 4, 4, 1]))
    assert report.dimension("voice").score == 68.8  # mean of 62.5 and 75


def test_no_inputs_scores_none_and_says_which_to_add(tmp_path):
    for language, needle in (("en", "No survey data"), ("da", "Ingen måledata")):
        report = voice_report(tmp_path, language=language)
        v = report.dimension("voice")
        assert v.score is None and v.coverage == 0.0
        assert needle in v.findings[0]
        assert 'nps = "surveys/nps.csv"' in v.findings[0]
        assert 'csat = "surveys/csat.csv"' in v.findings[0]
        assert report.plugin_initiatives == []


def test_few_responses_and_blank_answers_are_mentioned(tmp_path):
    report = voice_report(tmp_path, nps=csv_of("score", [9, "", 10, 3, ""]))
    text = "\n".join(report.dimension("voice").findings)
    assert "from 3 responses" in text
    assert "Only 3 NPS responses" in text
    assert "2 line(s) in nps.csv had no answer" in text


def test_semicolons_bom_windows_1252_and_another_column(tmp_path):
    content = "Svar-ID;Anbefaling;Kommentar\r\n1;9;Særdeles god\r\n2;6;Ærgerligt\r\n"
    report = voice_report(tmp_path, nps=content.encode("cp1252"),
                          inputs={"nps_column": "anbefaling"})
    assert report.warnings == []
    assert report.dimension("voice").score == 50.0
    report = voice_report(tmp_path, nps=b"\xef\xbb\xbf" + csv_of("score", [9, 9]).encode())
    assert report.dimension("voice").score == 100.0


def test_quoted_commas_in_other_columns_are_fine(tmp_path):
    content = 'respondent_id,comment,score\nA,"Fint, men dyrt",8\nB,"Hurtigt, venligt",10\n'
    report = voice_report(tmp_path, nps=content)
    assert report.warnings == []
    assert report.dimension("voice").score == 75.0  # NPS 50


# --------------------------------------------------------------------------- bad files


BAD = [
    ("nps", "respondent_id,rating\nA,9\n", "nps.csv, line 1: no column 'score'"),
    ("nps", "respondent_id,score\nA,9\nB,11\n", "nps.csv, line 3: 11 in column 'score' is outside the NPS scale 0–10"),
    ("nps", "respondent_id,score\nA,-1\n", "nps.csv, line 2: -1 in column 'score' is outside the NPS scale 0–10"),
    ("nps", "respondent_id,score\nA,9\n\nB,ti\n", "nps.csv, line 4: 'ti' in column 'score' is not a number"),
    ("nps", "respondent_id,score\nA,9.5\n", "nps.csv, line 2: 9.5 in column 'score' is not a whole number"),
    ("nps", "", "nps.csv: the file is empty"),
    ("nps", "respondent_id,score\n", "nps.csv: no NPS responses (only a header line)"),
    ("nps", "respondent_id,date,score\nA,2025-01-01\n", "nps.csv, line 2: the line has 2 value(s) but no 'score' value"),
    ("csat", "respondent_id,score\nA,4\nB,0\n", "csat.csv, line 3: 0 in column 'score' is outside the CSAT scale 1–5"),
    ("csat", "respondent_id,score\nA,6\n", "csat.csv, line 2: 6 in column 'score' is outside the CSAT scale 1–5"),
]


@pytest.mark.parametrize("key, content, message", BAD)
def test_bad_csv_is_the_plugins_warning_and_the_rest_still_scores(tmp_path, key, content, message):
    report = voice_report(tmp_path, builtins=True, fill=2, **{key: content})
    assert report.dimension("voice") is None
    assert len(report.warnings) == 1, report.warnings  # reported once, not again by the roadmap hook
    [warning] = report.warnings
    assert warning.startswith("plugin 'voice', scorer 'voice' failed: SurveyError: ")
    assert message in warning
    assert str(tmp_path) in warning  # the file is named by its path
    for builtin in ("data", "tracking", "silos", "empowerment"):
        assert report.dimension(builtin).score == 50.0
    assert report.plugin_initiatives == []


def test_missing_file_and_both_files_bad_are_named(tmp_path):
    report = voice_report(tmp_path, inputs={"nps": "surveys/missing.csv"},
                          csat="respondent_id,score\nA,x\n")
    [warning] = report.warnings
    assert "missing.csv ([inputs] nps): no such file" in warning  # cxassess's bounded reader
    assert "csat.csv, line 2: 'x'" in warning


# --------------------------------------------------------------------------- roadmap


def test_low_nps_and_csat_contribute_initiatives():
    report = voice_report(EXAMPLES, inputs=INPUTS)
    by_id = {i.id: i for i in report.plugin_initiatives}
    assert set(by_id) == {"voice-nps-detractors", "voice-csat-service"}
    nps_i, csat_i = by_id["voice-nps-detractors"], by_id["voice-csat-service"]
    assert (nps_i.stage, nps_i.phase, nps_i.dimension, nps_i.source) == ("understand", 1, "voice", "voice")
    assert (csat_i.stage, csat_i.phase) == ("fix", 2)
    assert nps_i.priority == pytest.approx(3 * (100 - 54.1667), abs=0.1)
    assert "NPS is +8 from 120 responses" in nps_i.rationale
    assert "71% of 80 customers" in csat_i.rationale


def test_very_low_csat_asks_for_phase_1(tmp_path):
    report = voice_report(tmp_path, csat=csv_of("score", [1, 2, 3, 4]))
    [initiative] = report.plugin_initiatives
    assert initiative.id == "voice-csat-service" and initiative.phase == 1


def test_good_scores_contribute_nothing(tmp_path):
    report = voice_report(tmp_path, nps=csv_of("score", [10, 9, 9, 8]),
                          csat=csv_of("score", [5, 5, 4, 4]))
    assert report.plugin_initiatives == []
    text = "\n".join(report.dimension("voice").findings)
    assert "the relationship is a strength" in text and "the service is a strength" in text


def test_initiatives_land_in_the_roadmap(tmp_path):
    with plugin_scoring(cxassess_voice, name="voice", builtins=True) as scoring:
        report = scoring.score(questionnaire=DEV, inputs=INPUTS, base_dir=EXAMPLES, fill=1)
    roadmap = plan(report)
    placed = {i.id: (phase.number, i) for phase in roadmap.phases for i in phase.initiatives}
    assert placed["voice-nps-detractors"][0] == 1
    assert placed["voice-nps-detractors"][1].source == "voice"
    assert placed["voice-csat-service"][0] == 2


# --------------------------------------------------------------------------- packaging


def test_pyproject_declares_the_entry_point():
    meta = tomllib.loads((VOICE / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["name"] == "cxassess-voice"
    assert meta["project"]["entry-points"]["cxassess"] == {"voice": "cxassess_voice"}
    assert meta["build-system"]["build-backend"] == "hatchling.build"
    assert meta["project"]["version"] == cxassess_voice.__version__


@pytest.fixture
def installed_env(tmp_path):
    """An environment where cxassess-voice looks pip-installed: its source on the path
    and a dist-info declaring the entry point (what `pip install -e` leaves behind)."""
    site = tmp_path / "site"
    dist = site / f"cxassess_voice-{cxassess_voice.__version__}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: cxassess-voice\nVersion: {cxassess_voice.__version__}\n",
        encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cxassess]\nvoice = cxassess_voice\n", encoding="utf-8")
    path = os.pathsep.join([str(site), str(SRC), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep)}
    env.pop("CXASSESS_LOAD_PLUGINS", None)
    env.pop("CXASSESS_PLUGINS_DIR", None)
    return env


def run_cli(*args, env):
    return subprocess.run([sys.executable, "-m", "cxassess", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_installed_plugin_is_listed_as_third_party(installed_env):
    out = run_cli("plugins", "--all", "--json", env=installed_env)
    assert out.returncode == 0, out.stderr
    rows = {r["name"]: r for r in json.loads(out.stdout)}
    assert rows["voice"]["builtin"] is False
    assert rows["voice"]["version"] == cxassess_voice.__version__
    assert rows["voice"]["scorers"] == ["voice"]
    assert rows["voice"]["hooks"] == ["cxassess_register_scorers", "cxassess_roadmap_initiatives"]
    assert rows["data"]["builtin"] is True
    text = run_cli("plugins", "--all", env=installed_env).stdout
    assert f"voice {cxassess_voice.__version__}\n" in text  # no "(built-in)"
    assert "data 0.1.0 (built-in)" in text


def test_installed_plugin_scores_the_example(installed_env):
    out = run_cli("score", EXAMPLES / "nordlys.toml", "--json", env=installed_env)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["warnings"] == []
    dims = {d["id"]: d for d in doc["dimensions"]}
    assert set(dims) == {"data", "tracking", "silos", "empowerment", "voice"}
    assert dims["voice"]["score"] == 62.7 and dims["voice"]["scorer"] == "voice"
    assert any("ud fra 120 besvarelser" in f for f in dims["voice"]["findings"])
    initiatives = {i["id"]: (p["number"], i) for p in doc["roadmap"]["phases"]
                   for i in p["initiatives"]}
    assert initiatives["voice-nps-detractors"][0] == 1
    assert initiatives["voice-nps-detractors"][1]["source"] == "voice"
    text = run_cli("score", EXAMPLES / "nordlys.toml", "--lang", "en", env=installed_env)
    assert "Voice of the customer" in text.stdout


def test_allow_list_can_leave_it_out(installed_env):
    env = {**installed_env, "CXASSESS_LOAD_PLUGINS": "data,tracking"}
    rows = json.loads(run_cli("plugins", "--json", env=env).stdout)
    assert [r["name"] for r in rows] == ["data", "tracking"]


def test_wheel_contains_the_package_and_entry_point(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                          "--outdir", str(tmp_path), str(VOICE)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr + out.stdout
    [wheel] = tmp_path.glob("cxassess_voice-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "cxassess_voice/__init__.py" in names
        assert "cxassess_voice/surveys.py" in names
        ep = next(n for n in names if n.endswith("entry_points.txt"))
        assert "[cxassess]\nvoice = cxassess_voice" in zf.read(ep).decode()
