"""The two "one file?" questions of cxassess.files: ``same_file`` (one file on disk, for
an assessment whose ``previous`` names itself) and ``path_key`` (one resolved path, for a
form given twice to ``collect``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cxassess.files import path_key, same_file

from helpers import ROOT


def test_same_file_follows_every_name_of_one_file(tmp_path):
    a = tmp_path / "a.toml"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "link.toml").symlink_to(a)
    os.link(a, tmp_path / "hard.toml")
    (tmp_path / "other.toml").write_text("x", encoding="utf-8")
    assert same_file(a, tmp_path / "sub" / ".." / "a.toml") is False  # no such folder
    (tmp_path / "sub").mkdir()
    assert same_file(a, tmp_path / "sub" / ".." / "a.toml")
    assert same_file(a, tmp_path / "link.toml")
    assert same_file(a, tmp_path / "hard.toml")
    assert not same_file(a, tmp_path / "other.toml")  # same bytes, another file
    assert not same_file(a, tmp_path / "missing.toml")
    assert not same_file(a, str(tmp_path / "a\0.toml"))  # not a path at all: no error


def test_path_key_is_one_key_per_resolved_path(tmp_path):
    a = tmp_path / "a.xlsx"
    a.write_bytes(b"x")
    (tmp_path / "link.xlsx").symlink_to(a)
    os.link(a, tmp_path / "hard.xlsx")
    assert path_key(a) == path_key(tmp_path / "link.xlsx") == path_key(tmp_path / "." / "a.xlsx")
    assert path_key(a) != path_key(tmp_path / "hard.xlsx")  # a hard link is another name
    assert path_key(tmp_path / "missing.xlsx") == str(tmp_path / "missing.xlsx")
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    assert isinstance(path_key(loop), str)  # a loop: its path, and reading it says so


def test_a_previous_that_is_no_path_names_the_file_and_key(tmp_path):
    """A NUL in ``previous`` was an error naming neither the assessment nor the key."""
    text = (ROOT / "examples" / "harbour-mobility.toml").read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    (tmp_path / "new.toml").write_text(f'{head}\nprevious = "a\\u0000b"\n{rest}',
                                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cxassess", "compare", "new.toml"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        r"error: new.toml: previous: a\x00b: the path contains a NUL character"]
