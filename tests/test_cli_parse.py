"""The command line is parsed by a parser that knows only the command it names
(cli._parse), or, for ``score FILE [--json]``, by no parser at all; it gives the same
arguments as the whole parser, and help, versions and usage errors are still the whole
parser's, word for word."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxassess import arguments, cli

SAME = [
    ["score", "a.toml"],
    ["score", "a.toml", "--json", "--lang", "da"],
    ["--plugins-dir", "p", "score", "a.toml", "--plugin-timeout", "2"],
    ["--plugins-dir", "score", "score", "a.toml"],  # a global option's value named like a command
    ["export", "a.toml", "-o", "x.xlsx", "--anonymous", "--previous", "old.xlsx"],
    ["compare", "a.toml", "b.toml", "--json"],
    ["forms", "a.toml", "-o", "forms", "--blank", "3"],
    ["collect", "a.toml", "f.xlsx", "g.toml", "--dry-run"],
    ["validate", "a.toml", "q.toml"],
    ["plugins", "--al", "--json"],
    ["questionnaires"],
    ["questionnaires", "show", "four-f", "--json", "--lang", "da"],
    ["questionnaires", "schema"],
    ["template", "four-f", "-o", "t.toml", "--force"],
    ["tui", "a.toml"],
    [],
]


@pytest.mark.parametrize("argv", SAME)
def test_the_lean_parser_gives_what_the_whole_parser_gives(argv):
    assert vars(cli._parse(argv)) == vars(arguments.parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["score", "a.toml"], ["score", "a.toml", "--json"], ["score", "--json", "a b.toml"],
    ["score", "export"], ["score", "a.toml/--json"],
])
def test_score_file_json_is_read_without_argparse(argv):
    plain = cli._plain_score(argv)
    assert plain is not None
    assert vars(plain) == vars(arguments.parser().parse_args(argv))


def _outcome(parse, argv):
    """What parsing ``argv`` gives: the arguments, or the exit code and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return vars(parse(argv))
        except SystemExit as exc:
            return exc.code, out.getvalue(), err.getvalue()


# (no name ending in .toml: alone it opens the terminal app, tested above)
@given(st.lists(st.sampled_from(["score", "--json", "a", "b c", "-", "--", "",
                                 "--js", "-x", "--lang", "da", "export", "--plugins-dir",
                                 "-h"]), max_size=5))
def test_any_line_is_read_as_the_whole_parser_reads_it(argv):
    assert _outcome(cli._parse, argv) == _outcome(arguments.parser().parse_args, argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["score", "--help"], ["questionnaires", "show", "-h"], ["--version"],
    ["score"], ["score", "a.toml", "--bogus"], ["nope"], ["score", "a.toml", "--lang", "fr"],
    ["score", "a.toml", "--plugin-timeout", "-1"], ["forms", "a.toml", "-o", "d", "--blank", "x"],
])
def test_help_versions_and_usage_errors_are_the_whole_parsers(argv, capsys):
    with pytest.raises(SystemExit) as whole:
        arguments.parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as lean:
        cli._parse(argv)
    assert capsys.readouterr() == expected
    assert lean.value.code == whole.value.code
    assert expected.out or expected.err


@pytest.mark.parametrize("argv", [
    ["nordlys.toml"], ["--plugins-dir", "p", "Nordlys.TOML"], ["--plugin-timeout", "2", "a b.toml"],
])
def test_a_toml_file_alone_opens_it_in_the_terminal_app(argv):
    """`cxassess FILE.toml` is `cxassess tui FILE.toml`, as a consultant types it."""
    expected = arguments.parser().parse_args([*argv[:-1], "tui", argv[-1]])
    assert cli._parse(argv) == expected
    assert expected.command == "tui" and str(expected.file) == argv[-1]


def test_the_main_help_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        cli._parse(["--help", "score"])  # the lean parser for score gives way
    out = capsys.readouterr().out
    for name in ("tui", "score", "export", "compare", "forms", "collect", "validate",
                 "plugins", "questionnaires", "template"):
        assert f"    {name}" in out
