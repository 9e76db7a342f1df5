"""Bad files get one clear message naming the file and the key path or line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess.celltext import clean_text
from cxassess.compat import tomllib
from cxassess.loading import InputError, check_against, dumps_assessment, load_assessment_data, \
    load_questionnaire_file, save_assessment
from cxassess.models import Answer, Assessment

from helpers import FIXTURES, make_assessment

HEAD = 'format = 1\nquestionnaire = "dev"\nlanguage = "en"\n[organisation]\nname = "X"\n'


def write(tmp_path: Path, text: str, name: str = "a.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(fn, *args) -> str:
    with pytest.raises(InputError) as info:
        fn(*args)
    return str(info.value)


def test_toml_syntax_error_names_file_line_and_column(tmp_path):
    path = write(tmp_path, 'format = 1\nquestionnaire = "dev\n')
    msg = error_of(load_assessment_data, path)
    assert str(path) in msg and "line 2, column" in msg


def test_level_out_of_range_names_key_path_and_value(tmp_path):
    path = write(tmp_path, HEAD + '[[respondents]]\nname = "A"\n[respondents.answers]\n'
                            '"fix-tracking" = { level = 7, importance = 3 }\n')
    msg = error_of(load_assessment_data, path)
    assert str(path) in msg
    assert 'respondents[0].answers."fix-tracking".level' in msg
    assert "7" in msg and "0..4" in msg


def test_importance_out_of_range(tmp_path):
    path = write(tmp_path, HEAD + '[[respondents]]\nname = "A"\n[respondents.answers]\n'
                            '"fix-tracking" = { level = 2, importance = 6 }\n')
    msg = error_of(load_assessment_data, path)
    assert 'respondents[0].answers."fix-tracking".importance' in msg and "6" in msg


def test_bare_level_out_of_range_and_wrong_types(tmp_path):
    path = write(tmp_path, HEAD + '[[respondents]]\nname = "A"\n[respondents.answers]\n'
                            '"a-b" = 5\n"c-d" = 2.5\n"e-f" = "maybe"\n')
    msg = error_of(load_assessment_data, path)
    assert 'answers."a-b": level 5 is outside 0..4' in msg
    assert 'answers."c-d"' in msg and "2.5" in msg
    assert 'answers."e-f"' in msg and "'maybe'" in msg


def test_unknown_key_is_named(tmp_path):
    path = write(tmp_path, HEAD + 'colour = "blue"\n')
    assert "colour: unknown key" in error_of(load_assessment_data, path)


def test_unknown_question_id_names_it(tmp_path, dev_questionnaire):
    assessment = make_assessment([{"fix-tracking": 2, "no-such-question": 1}])
    msg = error_of(check_against, assessment, dev_questionnaire, "a.toml")
    assert 'respondents[0].answers."no-such-question"' in msg and "'dev'" in msg


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in error_of(load_assessment_data, tmp_path / "nope.toml")
    assert "folder" in error_of(load_assessment_data, tmp_path)


def test_broken_questionnaire_names_key_path(tmp_path):
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    broken = text.replace('dimensions = ["tracking"]', 'dimensions = ["trackin"]', 1)
    path = write(tmp_path, broken, "q.toml")
    msg = error_of(load_questionnaire_file, path)
    assert "questions[2].dimensions" in msg and "'trackin'" in msg


def test_questionnaire_needs_five_levels(tmp_path):
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    broken = text.replace('  { en = "Reviewed for gaps", da = "Gennemgået for huller" },\n', "", 1)
    msg = error_of(load_questionnaire_file, write(tmp_path, broken, "q.toml"))
    assert "questions[1].levels" in msg


@pytest.mark.parametrize("value, expected", [
    (3, Answer(level=3)),
    ("n/a", Answer(not_applicable=True)),
    ({"level": 1, "importance": 5, "note": "æøå"}, Answer(level=1, importance=5, note="æøå")),
    ({"level": "n/a", "note": "not our channel"}, Answer(not_applicable=True, note="not our channel")),
    ({"importance": 4}, Answer(importance=4)),
])
def test_answer_shapes_round_trip(value, expected):
    answer = Answer.model_validate(value)
    assert answer == expected
    assert Answer.model_validate(answer.to_file()) == answer


def test_save_is_atomic_and_round_trips(tmp_path):
    assessment = make_assessment([{"fix-tracking": {"level": 1, "importance": 5, "note": "=1+1 æøå"},
                                   "fix-staff": "n/a", "understand-data": 4}])
    path = tmp_path / "out.toml"
    save_assessment(assessment, path)
    again, _ = load_assessment_data(path)
    assert again == assessment
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]  # no temp file left


def test_failed_save_leaves_the_earlier_file(tmp_path, monkeypatch):
    path = tmp_path / "out.toml"
    path.write_text("earlier", encoding="utf-8")
    import cxassess.files as files

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", boom)
    with pytest.raises(InputError, match="No space left"):
        save_assessment(make_assessment([{"fix-staff": 1}]), path)
    assert path.read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    msg = error_of(save_assessment, make_assessment([{}]), tmp_path / "nope" / "a.toml")
    assert "does not exist" in msg


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


SAYS = TEXT.filter(lambda text: clean_text(text).strip())  # a name must say something


@settings(max_examples=200, deadline=None)
@given(org=SAYS, name=SAYS, dept=TEXT, note=TEXT,
       key=st.text("abcdefghij-_.0123456789 ", min_size=1, max_size=12),
       level=st.one_of(st.none(), st.integers(0, 4)), importance=st.one_of(st.none(), st.integers(1, 5)))
def test_written_file_reads_back_identical(org, name, dept, note, key, level, importance):
    """Whatever a consultant types (quotes, newlines, æøå, control characters) survives."""
    assessment = Assessment.model_validate({
        "questionnaire": "four-f", "organisation": {"name": org}, "inputs": {key: note},
        "respondents": [{"name": name, "department": dept, "answers": {
            key: {"level": level, "importance": importance, "note": note}}}]})
    text = dumps_assessment(assessment)
    assert Assessment.model_validate(tomllib.loads(text)) == assessment


def test_a_saved_assessment_keeps_previous_and_reads_back_the_same(tmp_path):
    """The writer the TUI uses: every top-level key survives (``previous`` too), and the
    text is the same whether the respondents' blocks are written afresh or cached."""
    from cxassess.loading import dumps_respondent

    source = (FIXTURES / "dev-assessment.toml").read_text(encoding="utf-8")
    path = tmp_path / "a.toml"
    path.write_text(source.replace('language = "en"', 'language = "en"\nprevious = "old.toml"'),
                    encoding="utf-8")
    assessment, _ = load_assessment_data(path)
    text = dumps_assessment(assessment, ["fix-staff"])
    assert 'previous = "old.toml"' in text
    cache = {}

    def cached(respondent, rank):
        return cache.setdefault(respondent.name, dumps_respondent(respondent, rank))

    assert dumps_assessment(assessment, ["fix-staff"], block=cached) == text
    path.write_text(text, encoding="utf-8")
    assert load_assessment_data(path)[0] == assessment


def test_an_unquoted_toml_date_reads_as_the_date_text(tmp_path):
    """Users write ``date = 2026-11-23`` as TOML allows; it is the same as the quoted text,
    and a saved file writes it back as text."""
    head = HEAD + "date = 2026-11-23\n"
    assessment, _ = load_assessment_data(write(tmp_path, head))
    assert assessment.organisation.date == "2026-11-23"
    quoted, _ = load_assessment_data(write(tmp_path, HEAD + 'date = "2026-11-23"\n', "q.toml"))
    assert quoted == assessment
    assert 'date = "2026-11-23"' in dumps_assessment(assessment)


def test_a_toml_date_time_is_still_refused_with_the_key_path(tmp_path):
    path = write(tmp_path, HEAD + "date = 2026-11-23T10:00:00\n")
    msg = error_of(load_assessment_data, path)
    assert str(path) in msg and "organisation.date" in msg
