"""The command line contract: commands, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from cxassess.loading import load_assessment_data, load_questionnaire_file

from helpers import FIXTURES, ROOT, run_subprocess

DEV = FIXTURES / "dev-assessment.toml"


def test_score_json_has_the_documented_shape(cli):
    code, out, err = cli("score", DEV, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["organisation"] == "Testfirma ApS"
    assert doc["questionnaire"] == {"id": "dev", "version": "0.1"}
    assert doc["current_stage"] in ("understand", "fix", "refine", "seduce")
    assert [s["id"] for s in doc["stages"]] == ["understand", "fix", "refine", "seduce"]
    for s in doc["stages"]:
        assert set(s) == {"id", "score", "answered", "total"}
    for d in doc["dimensions"]:
        assert {"id", "score", "coverage", "scorer", "findings"} <= set(d)
        assert d["score"] is None or 0 <= d["score"] <= 100
    assert doc["roadmap"]["phases"][0]["number"] == 1
    for phase in doc["roadmap"]["phases"]:
        assert {"number", "title", "horizon", "initiatives"} <= set(phase)
        for i in phase["initiatives"]:
            assert {"id", "title", "stage", "dimension", "priority", "rationale", "source",
                    "questions"} <= set(i)
            assert isinstance(i["priority"], (int, float))
    assert doc["warnings"] == []


def test_score_json_is_deterministic(cli):
    assert cli("score", DEV, "--json")[1] == cli("score", DEV, "--json")[1]


def test_score_text_shows_stages_dimensions_and_roadmap(cli):
    code, out, _ = cli("score", DEV)
    assert code == 0
    for word in ("Current stage", "Understand", "Customer data", "Roadmap", "1. "):
        assert word in out


def test_score_text_in_danish(cli):
    code, out, _ = cli("score", DEV, "--lang", "da")
    assert code == 0 and "Nuværende trin" in out and "Forstå" in out


def test_bad_input_is_one_line_exit_1_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nquestionnaire = "dev.toml"\nlanguage = "en"\n'
                   '[organisation]\nname = "X"\n[[respondents]]\nname = "A"\n'
                   '[respondents.answers]\n"fix-tracking" = { level = 9 }\n', encoding="utf-8")
    (tmp_path / "dev.toml").write_text((FIXTURES / "dev.toml").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    for command in (["score", bad], ["score", bad, "--json"], ["validate", bad]):
        proc = run_subprocess(*command)
        assert proc.returncode == 1
        assert proc.stdout == ""
        assert "Traceback" not in proc.stderr
        [line] = proc.stderr.strip().splitlines()
        assert str(bad) in line and 'respondents[0].answers."fix-tracking".level' in line


def test_usage_error_exits_2():
    assert run_subprocess("score").returncode == 2
    assert run_subprocess("frobnicate").returncode == 2


def test_validate_many_files_reports_each(cli, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("format = \n", encoding="utf-8")
    code, out, err = cli("validate", DEV, FIXTURES / "dev.toml", broken)
    assert code == 1
    assert out.count("ok: ") == 2
    assert "broken.toml: line 1" in err


def test_template_is_valid_and_never_overwrites(cli, tmp_path):
    out = tmp_path / "client.toml"
    code, _, err = cli("template", "four-f", "-o", out)
    assert code == 0, err
    assessment, _ = load_assessment_data(out)
    assert assessment.questionnaire == "four-f" and assessment.respondents[0].answers == {}
    text = out.read_text(encoding="utf-8")
    assert "# ===== Forstå" in text and "0: " in text
    assert cli("validate", out)[0] == 0
    before = out.read_bytes()
    code, _, err = cli("template", "four-f", "-o", out)
    assert code == 1 and "already exists" in err and out.read_bytes() == before


def test_template_answers_can_be_uncommented(cli, tmp_path):
    out = tmp_path / "client.toml"
    cli("template", "four-f", "-o", out, "--lang", "en")
    lines = out.read_text(encoding="utf-8").splitlines()
    answered = [line[2:] if line.startswith('# "') else line for line in lines]
    out.write_text("\n".join(answered) + "\n", encoding="utf-8")
    code, stdout, err = cli("validate", out)
    assert code == 0, err
    # every question has an answer line, and each reads as the level it shows
    four_f = load_assessment_data(out)[0].respondents[0].answers
    assert len(four_f) == len(load_questionnaire_file(
        ROOT / "questionnaires" / "four-f.toml").questions)
    assert f"1 respondent(s), {len(four_f)} answer(s)" in stdout
    assert {a.level for a in four_f.values()} == {0}


def test_questionnaires_list_and_show(cli):
    code, out, _ = cli("questionnaires", "--json")
    rows = json.loads(out)
    assert code == 0 and any(r["id"] == "four-f" for r in rows)
    code, out, _ = cli("questionnaires", "show", "four-f", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["id"] == "four-f"
    q = doc["questions"][0]
    assert {"id", "stage", "dimensions", "weight", "asks_importance", "text", "levels",
            "improvement", "sources"} <= set(q)
    assert len(q["levels"]) == 5 and set(q["text"]) == {"en", "da"}
    code, _, err = cli("questionnaires", "show", "nope")
    assert code == 1 and "'nope'" in err


def test_plugins_listing(cli, tmp_path):
    (tmp_path / "broken.py").write_text("import not_a_module\n")
    code, out, err = cli("--plugins-dir", tmp_path, "plugins", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["silos"]["scorers"] == ["silos"]
    assert rows["silos"]["hooks"] == ["cxassess_register_scorers"]
    assert "broken" not in rows and "'broken'" in err
    code, out, _ = cli("--plugins-dir", tmp_path, "plugins", "--all", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["data"]["builtin"] is True
    assert rows["broken"]["builtin"] is False and "not_a_module" in rows["broken"]["error"]


def test_missing_plugins_dir_is_bad_input(cli, tmp_path):
    code, _, err = cli("--plugins-dir", tmp_path / "nope", "plugins")
    assert code == 1 and "nope" in err


def test_python_dash_m_works():
    from cxassess import __version__

    proc = run_subprocess("--version")
    assert proc.returncode == 0 and proc.stdout == f"cxassess {__version__}\n"


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_examples_validate_and_score(cli, example):
    assert cli("validate", example)[0] == 0
    code, out, err = cli("score", example, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["warnings"] == [], err
    phases = doc["roadmap"]["phases"]
    assert any(i["stage"] == "understand" for i in phases[0]["initiatives"])
    assert not any(i["stage"] == "seduce" for i in phases[0]["initiatives"])
    assert 6 <= sum(len(p["initiatives"]) for p in phases) <= 16
