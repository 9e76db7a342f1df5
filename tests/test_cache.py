"""The on-disk cache of validated questionnaires (``cxassess.cache``): a second process
reads the cache instead of parsing and validating the TOML and gets the same
questionnaire; a changed file, changed models, another cxassess version, a damaged,
unreadable or misplaced entry, an entry naming anything but the questionnaire's models
and a cache folder that cannot be written are all ignored, and nothing a user sees
changes."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import platformdirs
import pytest

from cxassess import cache, loading
from cxassess.errors import InputError
from cxassess.loading import load_questionnaire_file

from helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nordlys-energi.toml"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(folder))
    loading._validated_questionnaire.cache_clear()
    yield folder
    loading._validated_questionnaire.cache_clear()


@pytest.fixture
def questionnaire(tmp_path) -> Path:
    path = tmp_path / "q.toml"
    path.write_bytes((FIXTURES / "dev.toml").read_bytes())
    return path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The names of the files parsed from TOML (not served from the cache)."""
    parsed: list[str] = []
    parse = loading.parse_toml

    def counting(payload: bytes, name: str) -> dict:
        parsed.append(name)
        return parse(payload, name)

    monkeypatch.setattr(loading, "parse_toml", counting)
    return parsed


def load(path: Path):
    """Load as a new process would: without the questionnaires this one validated."""
    loading._validated_questionnaire.cache_clear()
    return load_questionnaire_file(path)


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The names of the files validated (not served from the cache)."""
    validated: list[str] = []
    validate = loading.validate_as

    def counting(model, data, source, context=None):
        validated.append(str(source))
        return validate(model, data, source, context)

    monkeypatch.setattr(loading, "validate_as", counting)
    return validated


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "questionnaires").glob("*"))


def test_a_second_process_reads_the_cache_and_gets_the_same_questionnaire(
        cache_dir, questionnaire, parses, validations):
    first = load(questionnaire)
    assert len(parses) == len(validations) == 1 and len(entries(cache_dir)) == 1
    second = load(questionnaire)
    assert len(parses) == len(validations) == 1  # neither parsed nor validated again
    assert second == first
    assert second.model_dump() == first.model_dump()
    assert type(second.questions[0].text) is type(first.questions[0].text)


def test_an_entry_made_with_other_models_is_ignored(cache_dir, questionnaire, parses,
                                                     tmp_path, monkeypatch):
    load(questionnaire)
    changed = tmp_path / "models.py"
    changed.write_bytes(Path(cache.models.__file__).read_bytes() + b"\n# a new field\n")
    monkeypatch.setattr(cache.models, "__file__", str(changed))
    load(questionnaire)
    assert len(parses) == 2


def test_a_changed_file_is_never_served_stale_even_with_the_same_size_and_time(
        cache_dir, questionnaire):
    assert load(questionnaire).version == "0.1"
    before = os.stat(questionnaire)
    text = questionnaire.read_text(encoding="utf-8")
    questionnaire.write_text(text.replace('version = "0.1"', 'version = "0.2"'), encoding="utf-8")
    os.utime(questionnaire, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(questionnaire)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load(questionnaire).version == "0.2"


def test_an_entry_written_by_another_cxassess_version_is_ignored(
        cache_dir, questionnaire, parses, monkeypatch):
    load(questionnaire)
    monkeypatch.setattr(cache, "__version__", "99.0")
    load(questionnaire)
    assert len(parses) == 2
    [entry] = entries(cache_dir)
    assert json.loads(entry.read_bytes().partition(b"\n")[0])["cxassess"] == "99.0"
    load(questionnaire)
    assert len(parses) == 2  # the entry was written anew for this version


def _garbage(entry: Path) -> None:
    entry.write_bytes(b"\x00\xff not json at all")


def _truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:-100])


def _document_changed(entry: Path) -> None:
    # a well-formed entry whose questionnaire is not the one its header vouches for
    head, _, body = entry.read_bytes().partition(b"\n")
    assert b"0.1" in body
    entry.write_bytes(head + b"\n" + body.replace(b"0.1", b"6.6"))


def _header_only(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes().partition(b"\n")[0])


def _vouched_for(entry: Path, body: bytes) -> None:
    """``body`` in the entry, under a header that matches it."""
    head = json.loads(entry.read_bytes().partition(b"\n")[0])
    head["document"] = cache._sha256(body)
    entry.write_bytes(json.dumps(head).encode() + b"\n" + body)


def _not_a_questionnaire(entry: Path) -> None:
    _vouched_for(entry, pickle.dumps([1, 2]))


def _another_model(entry: Path) -> None:
    # one of the questionnaire's own models, but not a questionnaire
    questionnaire = pickle.loads(entry.read_bytes().partition(b"\n")[2])
    _vouched_for(entry, pickle.dumps(questionnaire.questions[0]))


def _empty(entry: Path) -> None:
    entry.write_bytes(b"")


def _folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()


def _fifo(entry: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)  # reading it must not block


@pytest.mark.parametrize("damage", [_garbage, _truncated, _document_changed, _header_only,
                                    _not_a_questionnaire, _another_model, _empty, _folder,
                                    _fifo])
def test_a_damaged_or_unreadable_entry_is_ignored(cache_dir, questionnaire, parses, damage):
    if damage is _fifo and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fresh = load(questionnaire)
    [entry] = entries(cache_dir)
    damage(entry)
    assert load(questionnaire) == fresh
    assert len(parses) == 2
    if damage not in (_folder, _fifo):  # a file there is replaced by a good entry
        load(questionnaire)
        assert len(parses) == 2


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch,
                                                               questionnaire, parses):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(blocked))
    fresh = load(questionnaire)
    assert load(questionnaire) == fresh
    assert len(parses) == 2
    assert blocked.read_text() == "not a folder"


def test_a_failed_write_leaves_the_earlier_entry_whole(cache_dir, questionnaire, monkeypatch,
                                                       parses):
    load(questionnaire)
    [entry] = entries(cache_dir)
    before = entry.read_bytes()
    monkeypatch.setattr(cache, "__version__", "99.0")  # so the entry is written again …

    def no_rename(src, dst):  # … and the write dies before its rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    assert load(questionnaire).id == "dev"
    assert entries(cache_dir) == [entry]  # no temporary file left behind
    assert entry.read_bytes() == before


def test_an_empty_cache_dir_setting_switches_the_cache_off(tmp_path, monkeypatch,
                                                           questionnaire, parses):
    monkeypatch.setenv(cache.ENV_CACHE_DIR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() is None
    load(questionnaire)
    load(questionnaire)
    assert len(parses) == 2
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


@pytest.mark.parametrize("xdg", [None, "/absolute/xdg-cache", "relative/xdg-cache"])
def test_the_cache_is_in_the_users_cache_folder(tmp_path, monkeypatch, xdg):
    monkeypatch.delenv(cache.ENV_CACHE_DIR)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = platformdirs.PlatformDirs("cxassess", appauthor=False).user_cache_path
    assert cache.folder() == expected


def test_an_invalid_questionnaire_is_not_cached_and_keeps_its_message(cache_dir, tmp_path):
    broken = tmp_path / "broken.toml"
    text = (FIXTURES / "dev.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('version = "0.1"', 'version = "  "'), encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            load(broken)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "version: must not be empty" in messages[0]
    assert entries(cache_dir) == []


def test_score_json_is_the_same_without_the_cache_cold_and_warm(cli, cache_dir, monkeypatch):
    outputs = []
    for setting in ("", str(cache_dir), str(cache_dir)):  # off, then cold, then warm
        monkeypatch.setenv(cache.ENV_CACHE_DIR, setting)
        loading._validated_questionnaire.cache_clear()
        code, out, err = cli("score", EXAMPLE, "--json")
        assert code == 0, err
        outputs.append(out)
    assert len(entries(cache_dir)) == 1
    assert outputs[0] == outputs[1] == outputs[2]


class _Runs:
    """Unpickled, it would run ``os.system``: what a hostile entry could hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_an_entry_naming_anything_but_the_questionnaire_models_is_never_run(
        cache_dir, questionnaire, parses, tmp_path):
    fresh = load(questionnaire)
    [entry] = entries(cache_dir)
    marker = tmp_path / "ran"
    _vouched_for(entry, pickle.dumps(_Runs(marker)))
    assert load(questionnaire) == fresh
    assert len(parses) == 2
    assert not marker.exists()


def test_an_entry_in_the_older_format_is_removed_when_the_new_one_is_written(
        cache_dir, questionnaire):
    """An upgrade leaves no stale entry behind: the parsed-document entry the previous
    release kept for the same questionnaire goes when the validated one is written."""
    older = cache._entry(questionnaire).with_suffix(".json")
    older.parent.mkdir(parents=True, exist_ok=True)
    older.write_text('{"format": 1}')
    load(questionnaire)
    assert [path.suffix for path in entries(cache_dir)] == [".pickle"]


def _aged(path: Path, days: float) -> Path:
    """``path`` as if last read and written ``days`` ago."""
    when = time.time() - days * 86400
    os.utime(path, (when, when))
    return path


def _other_entry(cache_dir: Path, name: str, days: float) -> Path:
    """An entry of a questionnaire file that has since moved or gone."""
    path = cache_dir / "questionnaires" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"format": 2}\n')
    return _aged(path, days)


def test_entries_unused_for_a_month_go_when_an_entry_is_written(cache_dir, questionnaire):
    """Entries of moved or deleted questionnaires do not pile up: writing an entry
    removes those not used for MAX_AGE_DAYS, and keeps the ones used since, whatever
    the folder holds besides entries."""
    gone = _other_entry(cache_dir, "a" * 32 + ".pickle", cache.MAX_AGE_DAYS + 1)
    older_format = _other_entry(cache_dir, "b" * 32 + ".json", cache.MAX_AGE_DAYS + 1)
    recent = _other_entry(cache_dir, "c" * 32 + ".pickle", cache.MAX_AGE_DAYS - 1)
    read_lately = _other_entry(cache_dir, "d" * 32 + ".pickle", cache.MAX_AGE_DAYS + 1)
    os.utime(read_lately, (time.time(), read_lately.stat().st_mtime))  # read an hour ago
    not_an_entry = _other_entry(cache_dir, "notes.txt", cache.MAX_AGE_DAYS + 1)
    load(questionnaire)
    kept = set(entries(cache_dir))
    assert not {gone, older_format} & kept
    assert {recent, read_lately, not_an_entry, cache._entry(questionnaire)} <= kept


def test_at_most_max_entries_stay_the_least_recently_used_go(cache_dir, questionnaire,
                                                              monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    aged = [_other_entry(cache_dir, f"{n:032x}.pickle", days=n) for n in range(1, 5)]
    load(questionnaire)
    assert entries(cache_dir) == sorted([cache._entry(questionnaire), *aged[:2]])


def test_a_command_that_finds_its_entry_prunes_nothing(cache_dir, questionnaire):
    """Pruning is part of writing an entry, never of a command that finds its own."""
    load(questionnaire)
    gone = _other_entry(cache_dir, "a" * 32 + ".pickle", cache.MAX_AGE_DAYS + 1)
    load(questionnaire)
    assert gone in entries(cache_dir)
