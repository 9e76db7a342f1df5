"""docs/plugins.md: every code sample in it runs, and does what the page says.

Each ```python block (and each file-like ```toml block) is preceded by a marker
``<!-- example: NAME -->``; NAME is the file the sample is saved as. The tests below
write the samples into a fresh folder, exactly as a reader would, and run the real
``cxassess`` command on them. Also here: the promises of "When something goes wrong",
checked with broken plugin files in a plugins folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cxassess.compat import tomllib
import tomli_w

from cxassess import hookimpl

from helpers import FIXTURES, ROOT

DOC = ROOT / "docs" / "plugins.md"
DEV_ASSESSMENT = FIXTURES / "dev-assessment.toml"
MARKER = re.compile(r"<!--\s*example:\s*(\S+)\s*-->\s*$")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.S | re.M)

# every named sample, and the test that runs it
EXERCISED = {
    "foundations.py": "test_quick_start_plugin_scores_through_the_cli",
    "pyproject.toml": "test_pyproject_sample_is_the_voice_plugins",
    "journey_workshop.py": "test_initiative_sample_lands_in_phase_1",
    "quick_scan.py": "test_questionnaire_sample_is_available",
    "quick-scan.toml": "test_questionnaire_sample_is_available",
    "inputs.toml": "test_inputs_sample_reads_the_file_and_reports_bad_lines",
    "first_contact.py": "test_inputs_sample_reads_the_file_and_reports_bad_lines",
    "read_bytes.py": "test_read_bytes_sample_quotes_the_plugins_limit",
    "test_foundations.py": "test_testing_sample_passes_under_pytest",
}


def fences() -> list[tuple[str, str, str | None]]:
    """(language, code, example name or None) for every fenced block, in order."""
    text = DOC.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        before = text[:m.start()].rstrip().splitlines()
        marker = MARKER.match(before[-1].strip()) if before else None
        out.append((m.group(1), m.group(2), marker.group(1) if marker else None))
    return out


def examples() -> dict[str, str]:
    return {name: code for _, code, name in fences() if name}


def console(after: str) -> str:
    """The console block whose first line is ``$ <after>`` (the rest is sample output)."""
    for lang, code, _ in fences():
        if lang == "console" and code.startswith(f"$ {after}\n"):
            return code
    raise AssertionError(f"no console sample starting with $ {after}")


def write_examples(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    samples = examples()
    for name in names:
        (folder / name).write_text(samples[name], encoding="utf-8")
    return folder


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    # the built-in scorers only (conftest), whatever else is installed on this machine
    clean = {k: v for k, v in os.environ.items() if k != "CXASSESS_PLUGINS_DIR"}
    return subprocess.run([sys.executable, "-m", "cxassess", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd,
                          env={**clean, **(env or {})}, timeout=120)


def score_json(*args, cwd: Path, env: dict | None = None) -> dict:
    out = run(*args, cwd=cwd, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def dims(doc: dict) -> dict[str, dict]:
    return {d["id"]: d for d in doc["dimensions"]}


# --------------------------------------------------------------------------- the page


def test_every_python_sample_is_named_and_exercised():
    blocks = fences()
    unnamed = [code.splitlines()[0] for lang, code, name in blocks
               if lang == "python" and name is None]
    assert unnamed == [], "python samples without an <!-- example: NAME --> marker"
    names = [name for _, _, name in blocks if name]
    assert len(names) == len(set(names)), "two samples with one name"
    assert set(names) == set(EXERCISED)
    tests = {name for name in globals() if name.startswith("test_")}
    assert set(EXERCISED.values()) <= tests


def test_every_python_sample_compiles_and_every_toml_and_json_sample_parses():
    for lang, code, name in fences():
        if lang == "python":
            compile(code, name or "<doc>", "exec")
        elif lang == "toml":
            tomllib.loads(code)
        elif lang == "json":
            json.loads(code)


def test_the_page_covers_what_a_plugin_author_needs():
    text = DOC.read_text(encoding="utf-8")
    for needle in ("entry-points.cxassess", "--plugins-dir", "CXASSESS_PLUGINS_DIR",
                   "CXASSESS_LOAD_PLUGINS", "cxassess_register_scorers(register)",
                   "cxassess_roadmap_initiatives(context, report)", "cxassess_questionnaires()",
                   "context.input_path", "context.answers", "context.respondent_answers",
                   "department_levels", "ScoreResult", "cxassess.testing", "plugins --all",
                   "plugins/cxassess-voice"):
        assert needle in text, needle


# --------------------------------------------------------------------------- quick start


# the four answers the quick start has the reader fill into a blank four-F assessment
QUICK_START_ANSWERS = {"understand-journey-map": 1, "understand-importance-gap": 2,
                       "fix-worst-first": 2, "fix-tracking": 1}


def quick_start_assessment(folder: Path) -> Path:
    """The quick start's assessment.toml, made as the page says: a blank template with
    the four answer lines it names uncommented and set."""
    out = run("template", "four-f", "-o", "assessment.toml", "--lang", "en", cwd=folder)
    assert out.returncode == 0, out.stderr
    path = folder / "assessment.toml"
    text = path.read_text(encoding="utf-8")
    for qid, level in QUICK_START_ANSWERS.items():
        assert f'`"{qid}" = {level}`' in DOC.read_text(encoding="utf-8"), qid
        assert f'\n# "{qid}" = 0\n' in text, qid  # a line the reader finds as the page says
        text = text.replace(f'\n# "{qid}" = 0\n', f'\n"{qid}" = {level}\n', 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_quick_start_plugin_scores_through_the_cli(tmp_path):
    plugins = write_examples(tmp_path / "myplugins", "foundations.py")
    assessment = quick_start_assessment(tmp_path)
    doc = score_json("--plugins-dir", plugins, "score", assessment, "--json", cwd=tmp_path)
    assert doc["warnings"] == []
    found = dims(doc)
    assert list(found) == ["data", "tracking", "silos", "empowerment", "foundations"]
    # exactly the dimension the page shows
    [sample] = [json.loads(code) for lang, code, _ in fences() if lang == "json"]
    assert {k: found["foundations"][k] for k in sample} == sample

    listing = run("--plugins-dir", "myplugins", "plugins", cwd=tmp_path)
    shown = console("cxassess --plugins-dir myplugins plugins").split("…\n", 1)[1]
    assert shown.split("\n\n$")[0].strip() in listing.stdout

    text = run("--plugins-dir", "myplugins", "score", "assessment.toml", cwd=tmp_path).stdout
    [line] = [line for line in console("cxassess --plugins-dir myplugins plugins").splitlines()
              if line.startswith("  Foundations ")]
    assert line + "\n    - The foundations score 38/100: fix them before Seduce." in text

    # the environment variable does the same
    doc = score_json("score", assessment, "--json", cwd=tmp_path,
                     env={"CXASSESS_PLUGINS_DIR": "myplugins"})
    assert dims(doc)["foundations"]["score"] == 37.5


def test_the_example_plugin_file_is_the_quick_start(tmp_path):
    shipped = ROOT / "examples" / "plugins" / "foundations.py"
    assert shipped.read_text(encoding="utf-8") == examples()["foundations.py"]
    doc = score_json("--plugins-dir", shipped.parent, "score",
                     ROOT / "examples" / "nordlys-energi.toml", "--json", cwd=tmp_path)
    assert doc["warnings"] == []
    foundations = dims(doc)["foundations"]
    assert foundations["scorer"] == "foundations"
    # Nordlys is early in the work: all 20 Understand and Fix questions answered, weak
    assert (foundations["answered"], foundations["total"]) == (20, 20)
    assert foundations["score"] < 60
    assert foundations["findings"] == [
        f"Fundamentet scorer {foundations['score']:.0f}/100: byg det, før I går efter Forfør."]


def test_quick_start_in_danish(tmp_path):
    write_examples(tmp_path / "myplugins", "foundations.py")
    doc = score_json("--plugins-dir", "myplugins", "score", quick_start_assessment(tmp_path),
                     "--json", "--lang", "da", cwd=tmp_path)
    assert dims(doc)["foundations"]["findings"] == [
        "Fundamentet scorer 38/100: byg det, før I går efter Forfør."]


def entries(listing: str) -> list[str]:
    """The plugins of a `cxassess plugins` listing, one text block each."""
    return [block.rstrip() for block in re.split(r"\n(?=\S)", listing.strip())]


def test_plugins_all_sample_matches_the_real_listing(tmp_path):
    """Every entry of the page's `plugins --all` sample, the voice plugin's included
    (made to look pip-installed: its source and a dist-info on the path)."""
    write_examples(tmp_path / "myplugins", "foundations.py")
    (tmp_path / "myplugins" / "broken.py").write_text("from cxassess import hookimpl\n\n"
                                                      "def oops(:\n", encoding="utf-8")
    voice = ROOT / "plugins" / "cxassess-voice"
    version = tomllib.loads((voice / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    dist = tmp_path / "site" / f"cxassess_voice-{version}.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: cxassess-voice\n"
                                   f"Version: {version}\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cxassess]\nvoice = cxassess_voice\n",
                                           encoding="utf-8")
    path = os.pathsep.join([str(tmp_path / "site"), str(voice / "src")])
    out = run("--plugins-dir", "myplugins", "plugins", "--all", cwd=tmp_path,
              env={"PYTHONPATH": path,
                   "CXASSESS_LOAD_PLUGINS": os.environ["CXASSESS_LOAD_PLUGINS"] + ",voice"})
    assert out.returncode == 0, out.stderr
    real = entries(out.stdout.replace(os.sep, "/"))
    sample = console("cxassess --plugins-dir myplugins plugins --all").split("\n", 1)[1]
    shown = [e for e in entries(sample) if e != "…"]
    assert len(shown) == 4
    for entry in shown:
        assert entry in real
    # and in the same order
    assert [real.index(e) for e in shown] == sorted(real.index(e) for e in shown)


# --------------------------------------------------------------------------- hooks


def test_pyproject_sample_is_the_voice_plugins():
    sample = tomllib.loads(examples()["pyproject.toml"])
    real = tomllib.loads((ROOT / "plugins" / "cxassess-voice" / "pyproject.toml").read_text("utf-8"))
    assert sample["project"]["entry-points"] == real["project"]["entry-points"]
    assert sample["project"]["name"] == real["project"]["name"]
    # a package without a build system installs only through pip's setuptools fallback
    assert sample["build-system"] == real["build-system"]


def test_initiative_sample_lands_in_phase_1(tmp_path):
    write_examples(tmp_path / "myplugins", "journey_workshop.py")
    doc = score_json("--plugins-dir", "myplugins", "score", DEV_ASSESSMENT, "--json",
                     cwd=tmp_path)
    assert doc["warnings"] == []
    silos = dims(doc)["silos"]["score"]
    assert silos < 60
    [phase1] = [p for p in doc["roadmap"]["phases"] if p["number"] == 1]
    [mine] = [i for i in phase1["initiatives"] if i["id"] == "journey-workshop"]
    assert mine["source"] == "journey_workshop" and mine["stage"] == "understand"
    assert mine["priority"] == pytest.approx(3 * (100 - silos))
    assert mine["title"] == "Map the most important journey together with every department"

    doc = score_json("--plugins-dir", "myplugins", "score", DEV_ASSESSMENT, "--json",
                     "--lang", "da", cwd=tmp_path)
    titles = [i["title"] for p in doc["roadmap"]["phases"] for i in p["initiatives"]]
    assert "Kortlæg den vigtigste kunderejse sammen med alle afdelinger" in titles


def test_questionnaire_sample_is_available(tmp_path):
    write_examples(tmp_path / "myplugins", "quick_scan.py", "quick-scan.toml")
    out = run("--plugins-dir", "myplugins", "questionnaires", cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == ""
    sample = console("cxassess --plugins-dir myplugins questionnaires")
    # every line of the sample, "…" standing for what it leaves out (the built-in's title)
    expected = [re.compile(".*".join(map(re.escape, line.split("…"))) + "$")
                for line in sample.strip().splitlines()[1:]]
    assert [bool(p.match(line)) for p, line in zip(expected, out.stdout.splitlines())] \
        == [True] * len(expected) and len(out.stdout.splitlines()) == len(expected), out.stdout
    rows = {r["id"]: r for r in json.loads(run("--plugins-dir", "myplugins", "questionnaires",
                                               "--json", cwd=tmp_path).stdout)}
    assert rows["quick-scan"]["origin"] == "plugin quick_scan"

    # an assessment can name it by id, and it scores
    out = run("--plugins-dir", "myplugins", "template", "quick-scan", "-o", "scan.toml",
              "--lang", "en", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = tomllib.loads((tmp_path / "scan.toml").read_text(encoding="utf-8"))
    data["respondents"] = [{"name": "Anna", "answers": {"understand-nps": 3}}]
    (tmp_path / "scan.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    doc = score_json("--plugins-dir", "myplugins", "score", "scan.toml", "--json", cwd=tmp_path)
    assert doc["questionnaire"]["id"] == "quick-scan"
    assert dims(doc)["tracking"]["score"] == 75.0


def _assessment_with_inputs(tmp_path: Path) -> Path:
    data = tomllib.loads(DEV_ASSESSMENT.read_text(encoding="utf-8"))
    data["questionnaire"] = str(FIXTURES / "dev.toml")
    data.update(tomllib.loads(examples()["inputs.toml"]))
    path = tmp_path / "assessment.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_inputs_sample_reads_the_file_and_reports_bad_lines(tmp_path):
    write_examples(tmp_path / "myplugins", "first_contact.py")
    assessment = _assessment_with_inputs(tmp_path)
    contacts = tmp_path / "data" / "contacts.csv"
    contacts.parent.mkdir()
    contacts.write_text("case,resolved_first_contact\n1,yes\n2,no\n3,yes\n4,Yes\n",
                        encoding="utf-8")
    doc = score_json("--plugins-dir", "myplugins", "score", assessment, "--json", cwd=tmp_path)
    assert doc["warnings"] == []
    mine = dims(doc)["first-contact"]
    assert mine["score"] == 75.0 and mine["scorer"] == "first_contact"
    assert mine["findings"] == ["75% of 4 cases were solved at the first contact."]

    # a bad line: the plugin's warning names file and line; the built-ins still score
    contacts.write_text("case,resolved_first_contact\n1,yes\n2,maybe\n", encoding="utf-8")
    doc = score_json("--plugins-dir", "myplugins", "score", assessment, "--json", cwd=tmp_path)
    assert "first-contact" not in dims(doc)
    assert set(dims(doc)) == {"data", "tracking", "silos", "empowerment"}
    assert doc["warnings"] == [
        f"plugin 'first_contact', scorer 'first-contact' failed: ValueError: {contacts}, "
        "line 3: resolved_first_contact must be yes or no, not 'maybe'"]

    # no input: not scored, and the finding says what to add
    doc = score_json("--plugins-dir", "myplugins", "score", DEV_ASSESSMENT, "--json",
                     cwd=tmp_path)
    assert dims(doc)["first-contact"]["score"] is None
    assert 'Add contacts = "contacts.csv"' in dims(doc)["first-contact"]["findings"][0]


def test_read_bytes_sample_quotes_the_plugins_limit(tmp_path):
    """The documented reader prints what its comment says, and the documented default
    owner ("the") is what a limit without one gets."""
    write_examples(tmp_path, "read_bytes.py")
    sample = examples()["read_bytes.py"]
    promised = sample.split("# ", 1)[1].strip()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "contacts.csv").write_bytes(b"x" * 2_000_000)
    out = subprocess.run([sys.executable, "read_bytes.py"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == promised
    from cxassess.errors import InputError
    from cxassess.files import read_bytes
    with pytest.raises(InputError, match=r"^x: is 2,000,000 bytes, more than the limit of "
                                         r"1,000,000 bytes$"):
        read_bytes(tmp_path / "data" / "contacts.csv", limit=1_000_000, label="x")
    assert read_bytes(tmp_path / "data" / "contacts.csv", limit=2_000_000) == b"x" * 2_000_000


# --------------------------------------------------------------------------- testing


def test_testing_sample_passes_under_pytest(tmp_path):
    write_examples(tmp_path / "myplugins", "foundations.py")
    write_examples(tmp_path, "test_foundations.py")
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "test_foundations.py"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 passed" in out.stdout


# --------------------------------------------------------------------------- errors


BROKEN = {
    "broken.py": "from cxassess import hookimpl\n\ndef oops(:\n",
    "typo.py": """
        from cxassess import hookimpl

        @hookimpl
        def cxassess_register_scorer(register):
            register("typo", lambda context: {"score": 1})
    """,
    "raising.py": """
        from cxassess import hookimpl

        def score(context):
            raise ValueError("data/contacts.csv, line 7: resolved_first_contact must be yes or no, not 'maybe'")

        @hookimpl
        def cxassess_register_scorers(register):
            register("raising", score)
    """,
    "nonsense.py": """
        from cxassess import hookimpl

        @hookimpl
        def cxassess_register_scorers(register):
            register("too-high", lambda context: {"score": 250})
            register("not-a-result", lambda context: 42)
            register("no-return", lambda context: None)
    """,
    "undecorated.py": """
        def cxassess_register_scorers(register):
            register("undecorated", lambda context: {"score": 1})
    """,
    "argname.py": """
        from cxassess import hookimpl

        @hookimpl
        def cxassess_register_scorers(reg):
            reg("argname", lambda context: {"score": 1})
    """,
}


@pytest.fixture
def broken_dir(tmp_path):
    folder = tmp_path / "myplugins"
    folder.mkdir()
    for name, source in BROKEN.items():
        (folder / name).write_text(textwrap.dedent(source).lstrip(), encoding="utf-8")
    return folder


def test_broken_plugins_are_reported_by_name_and_the_builtins_still_score(broken_dir, tmp_path):
    out = run("--plugins-dir", broken_dir, "score", DEV_ASSESSMENT, "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    warnings = doc["warnings"]
    expected = [
        "plugin 'broken' failed to load: SyntaxError: invalid syntax (broken.py, line 3)",
        "plugin 'typo' failed to load: PluginValidationError: unknown hook "
        "'cxassess_register_scorer' (did you mean 'cxassess_register_scorers'?)",
        "plugin 'argname' failed to load: PluginValidationError: cxassess_register_scorers "
        "takes 'reg', which the hook does not pass (it passes: register; a hook function "
        "takes some of these, by name)",
        "plugin 'undecorated': cxassess_register_scorers is not decorated with @hookimpl "
        "(from cxassess import hookimpl), so it is never called",
        "plugin 'raising', scorer 'raising' failed: ValueError: data/contacts.csv, line 7: "
        "resolved_first_contact must be yes or no, not 'maybe'",
        "plugin 'nonsense', scorer 'too-high' returned an invalid result: score: Input "
        "should be less than or equal to 100 (got 250)",
        "plugin 'nonsense', scorer 'not-a-result' returned a value of type int, not a "
        "ScoreResult or dict",
        "plugin 'nonsense', scorer 'no-return' returned None (a function without a return "
        "statement returns None), not a ScoreResult or dict",
    ]
    for needle in expected:
        assert any(needle in w for w in warnings), (needle, warnings)
    assert len(warnings) == len(expected)
    assert not any("<module" in w or str(broken_dir) in w for w in warnings), \
        "no internal module name or absolute path"
    # each is on stderr too, as a warning line
    assert out.stderr.count("warning: plugin ") == len(expected)
    # the built-ins' scores still come out, and nothing of the broken ones
    builtins = json.loads(run("score", DEV_ASSESSMENT, "--json", cwd=tmp_path).stdout)
    assert doc["dimensions"] == builtins["dimensions"]
    assert doc["roadmap"] == builtins["roadmap"]
    # the page's table quotes the same messages
    page = DOC.read_text(encoding="utf-8")
    for needle in (*expected[:4],
                   "returned a value of type int, not a ScoreResult or dict",
                   "returned None (a function without a return statement returns None)",
                   "score: Input should be less than or equal to 100 (got 250)",
                   "ValueError: data/contacts.csv, line 7: resolved_first_contact must be yes "
                   "or no, not 'maybe'"):
        assert needle in page, needle


def test_plugins_all_lists_failed_ones_with_their_error(broken_dir, tmp_path):
    out = run("--plugins-dir", broken_dir, "plugins", "--all", cwd=tmp_path)
    assert out.returncode == 0
    assert "broken -  FAILED: SyntaxError: invalid syntax (broken.py, line 3)" in out.stdout
    assert "typo -  FAILED: PluginValidationError: unknown hook 'cxassess_register_scorer'" \
        in out.stdout
    assert "data 0.1.0 (built-in)" in out.stdout
    # third-party plugins carry no "(built-in)"; an undecorated hook is no hook at all
    assert "\nraising -\n    scorers: raising\n" in out.stdout
    assert "\nundecorated -\n    from:    file " in out.stdout
    # the page: problems are printed on stderr "with or without --all"; a failed plugin
    # is a row here, not a warning too, but a hook without @hookimpl is still told
    assert "warning: plugin 'undecorated': cxassess_register_scorers is not decorated with " \
        "@hookimpl" in out.stderr
    assert "warning: plugin 'broken'" not in out.stderr

    rows = {r["name"]: r for r in json.loads(run("--plugins-dir", broken_dir, "plugins",
                                                 "--all", "--json", cwd=tmp_path).stdout)}
    assert rows["data"]["builtin"] is True and rows["data"]["error"] is None
    assert rows["raising"]["builtin"] is False
    assert rows["raising"]["origin"].startswith("file ")
    assert rows["broken"]["error"].startswith("SyntaxError")
    assert rows["typo"]["error"].startswith("PluginValidationError")
    assert rows["typo"]["hooks"] == [] and rows["undecorated"]["hooks"] == []
    # the keys the page names: four per plugin, and three more with --all
    assert {tuple(r) for r in rows.values()} == {
        ("name", "version", "hooks", "scorers", "builtin", "origin", "error")}
    plain = json.loads(run("--plugins-dir", broken_dir, "plugins", "--json", cwd=tmp_path).stdout)
    assert {tuple(r) for r in plain} == {("name", "version", "hooks", "scorers")}
    assert rows["raising"]["version"] is None and "broken" not in {r["name"] for r in plain}

    # without --all the failed ones are warnings, not rows
    out = run("--plugins-dir", broken_dir, "plugins", cwd=tmp_path)
    assert "FAILED" not in out.stdout and "broken" not in out.stdout
    assert "warning: plugin 'broken' failed to load: SyntaxError" in out.stderr
    assert "warning: plugin 'typo' failed to load" in out.stderr
    assert "warning: plugin 'undecorated': cxassess_register_scorers is not decorated with " \
        "@hookimpl" in out.stderr


CARELESS = {
    "x.py": """
        import sys
        import time
        from cxassess import hookimpl

        print("hello from x")

        @hookimpl
        def cxassess_register_scorers(register):
            register("y", lambda context: sys.exit("bye"))
            register("slow", lambda context: time.sleep(60))
            register("text", lambda context: {"score": "55"})
            register("nan", lambda context: {"score": float("nan")})
            register("count", lambda context: {"score": 50.0, "answered": 3, "total": 1})

        @hookimpl
        def cxassess_roadmap_initiatives(context, report):
            return [
                {"id": "y", "title": "Ask the customers", "stage": "understand",
                 "dimension": "data", "priority": 1, "questions": ["fix-mobil"]},
                {"id": "z", "title": "Hear the voice", "stage": "understand",
                 "dimension": "voice", "priority": 1},
            ]
    """,
}


def test_the_isolation_promises_hold_and_the_table_quotes_them(tmp_path):
    folder = tmp_path / "myplugins"
    folder.mkdir()
    (folder / "x.py").write_text(textwrap.dedent(CARELESS["x.py"]).lstrip(), encoding="utf-8")
    out = run("--plugins-dir", folder, "--plugin-timeout", "0.5", "score",
              ROOT / "examples" / "nordlys-energi.toml", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)  # the print did not end up here
    assert "plugin 'x': hello from x\n" in out.stderr
    page = DOC.read_text(encoding="utf-8")
    assert "nothing goes wrong: `plugin 'x': <what it printed>` on stderr" in page
    assert [d["id"] for d in doc["dimensions"]] == ["data", "tracking", "silos", "empowerment"]
    for warning in doc["warnings"]:
        quoted = warning.replace("0.5 s", "10 s")
        for other in ("'text'", "'nan'", "'count'", "'slow'", "'z'"):
            quoted = quoted.replace(other, "'y'")
        # the table gives the whole message, or its start once and the reasons after "…"
        head, _, reason = quoted.partition("returned an invalid result: ")
        assert quoted in page or (reason and f"`{head}returned an invalid result: " in page
                                  and f"`… {reason}`" in page), warning
    assert len(doc["warnings"]) == 7


def test_a_plugin_file_named_like_an_installed_plugin_is_refused(tmp_path):
    folder = tmp_path / "myplugins"
    folder.mkdir()
    (folder / "data.py").write_text("", encoding="utf-8")
    out = run("--plugins-dir", folder, "plugins", "--all", "--json", cwd=tmp_path)
    rows = [r for r in json.loads(out.stdout) if r["name"] == "data"]
    assert [r["builtin"] for r in rows] == [True, False]
    assert rows[1]["error"] == ("a plugin named 'data' is already loaded (from entry point "
                                "cxassess_scorers.data); give this one another name")
    assert rows[1]["scorers"] == [] and rows[1]["hooks"] == []


def test_missing_plugins_dir_is_bad_input(tmp_path):
    out = run("--plugins-dir", tmp_path / "nowhere", "score", DEV_ASSESSMENT, cwd=tmp_path)
    assert out.returncode == 1
    assert "plugins folder does not exist" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_long_initiative_title_is_cut_as_the_page_says():
    from cxassess.testing import plan, score_with

    page = DOC.read_text(encoding="utf-8")
    assert "a short imperative of at most 90 characters; a longer one is cut" in page

    class Long:
        @staticmethod
        @hookimpl
        def cxassess_roadmap_initiatives(context, report):
            words = "Map the journeys " + "again and again " * 10
            return [{"id": "commas", "title": "Map the key journeys with every department, "
                     "then test each step with customers, then act on it and measure what "
                     "changed", "stage": "fix", "dimension": "data", "priority": 1},
                    {"id": "words", "title": words.strip(), "stage": "fix",
                     "dimension": "data", "priority": 1}]

    roadmap = plan(score_with(Long, name="long", fill=1))
    titles = {i.id: i.title for i in roadmap.initiatives if i.source == "long"}
    assert titles["commas"] == ("Map the key journeys with every department, then test each "
                                "step with customers")
    assert len(titles["words"]) <= 90 and titles["words"].endswith("again…")
