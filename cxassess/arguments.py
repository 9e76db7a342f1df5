"""The command line's grammar: the argparse parser of every command and option.

Imported only when a command line needs it (see :func:`cxassess.cli._parse`): the usual
scripted ``cxassess score FILE --json`` is read without argparse, whose import and
parsers were about a fortieth of that command (measured).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__
from .isolation import DEFAULT_TIMEOUT, ENV_TIMEOUT, timeout_from
from .plugins import ENV_PLUGINS_DIR


def _seconds(value: str) -> float:
    try:
        return timeout_from(value, "--plugin-timeout")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).split(": ", 1)[1]) from None


def _global_options(p: argparse.ArgumentParser, default: object) -> None:
    """The options every command takes, before or after its name."""
    p.add_argument("--plugins-dir", metavar="DIR", default=default,
                   help=f"also load every *.py in DIR as a plugin (env {ENV_PLUGINS_DIR})")
    p.add_argument("--plugin-timeout", metavar="S", type=_seconds, default=default,
                   help=f"seconds each plugin call may take, 0 for no limit (default "
                        f"{DEFAULT_TIMEOUT:g}; env {ENV_TIMEOUT})")


class GiveWay(Exception):
    """The lean parser met something only the whole parser may answer."""


class _Lean(argparse.ArgumentParser):
    """A parser that knows one command only (see :func:`cxassess.cli._parse`): instead of printing
    help, a version or an error, it gives way to the whole parser."""

    def _print_message(self, message, file=None):  # help, usage, --version
        raise GiveWay

    def _get_formatter(self) -> argparse.HelpFormatter:
        # it never shows help: no need to ask for the terminal's width (argparse imports
        # shutil, with bz2 and lzma, for that)
        return self.formatter_class(prog=self.prog, width=80)

    def exit(self, status=0, message=None):
        raise GiveWay

    def error(self, message):
        raise GiveWay


class _Left:
    """Where the lean parser puts the arguments of the commands it leaves out: nowhere."""

    def add_argument(self, *args, **kwargs) -> None:
        pass

    def add_subparsers(self, **kwargs) -> "_Left":
        return self

    def add_parser(self, *args, **kwargs) -> "_Left":
        return self


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, a lean one that knows that command alone
    (see :func:`cxassess.cli._parse`)."""
    # given after the command name, a global option overrides the one given before it;
    # not given there, it leaves the main parser's value alone (SUPPRESS)
    kind = argparse.ArgumentParser if only is None else _Lean
    common = kind(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    p = kind(
        prog="cxassess",
        description="Customer-experience maturity assessment: the four-F questionnaire "
                    "(Understand, Fix, Refine, Seduce), pluggable scorers, a staged roadmap "
                    "and an executive Excel workbook. Without a command, starts the terminal app "
                    "(`cxassess FILE.toml` opens FILE in it).",
    )
    p.add_argument("--version", action="version", version=f"cxassess {__version__}")
    _global_options(p, None)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Left()  # type: ignore[return-value]
        return sub.add_parser(name, help=help, parents=[common])

    s = command("tui", "the terminal app; FILE is an assessment to create or resume")
    s.add_argument("file", nargs="?", type=_path, metavar="FILE",
                   help="the assessment (.toml) to resume, or to create if it does not exist; "
                        "without it, the start screen")

    s = command("score", "scores and roadmap of an assessment")
    s.add_argument("file", type=_path, metavar="FILE", help="the assessment (.toml)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.add_argument("--lang", choices=["en", "da"], help="language of the texts (default: the assessment's)")

    s = command("export", "write the executive Excel workbook")
    s.add_argument("file", type=_path, metavar="FILE", help="the assessment (.toml)")
    s.add_argument("-o", "--output", type=_path, required=True, metavar="OUT.xlsx",
                   help="the workbook to write (an existing one is replaced)")
    s.add_argument("--lang", choices=["en", "da"], help="workbook language (default: the assessment's)")
    s.add_argument("--previous", type=_path, metavar="OLD.xlsx",
                   help="carry Owner, Due and Status over from an earlier workbook, by "
                        "initiative id")
    s.add_argument("--anonymous", action="store_true",
                   help="respondents as \"Respondent 1…\", departments of fewer than 3 as \"Other\"")

    s = command("compare", "what moved between two or more assessments of one "
                           "organisation (ordered by [organisation] date)")
    s.add_argument("files", type=_path, nargs="+", metavar="FILE",
                   help="two or more assessment files (OLD NEW [MORE…]), or one that names "
                        "its previous assessment")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.add_argument("-o", "--output", type=_path, metavar="TREND.xlsx",
                   help="also write the Trend workbook")
    s.add_argument("--lang", choices=["en", "da"],
                   help="language of the texts (default: the latest assessment's)")

    s = command("forms", "write one fill-in .xlsx form per respondent")
    s.add_argument("file", type=_path, metavar="FILE", help="the assessment (.toml)")
    s.add_argument("-o", "--output", type=_path, required=True, metavar="DIR",
                   help="folder for the forms (created if missing)")
    s.add_argument("--blank", type=_count, default=0, metavar="N",
                   help=f"also write N blank forms (at most {MAX_BLANK:,}) where the respondent "
                        "types name and department")
    s.add_argument("--force", action="store_true", help="replace forms that exist already (never one that holds answers)")

    s = command("collect", "merge returned forms (.xlsx) and TOML answers into FILE")
    s.add_argument("file", type=_path, metavar="FILE",
                   help="the assessment (.toml) the answers are merged into")
    s.add_argument("forms", type=_path, nargs="+", metavar="FORM",
                   help="returned forms (.xlsx) or one-respondent assessment files (.toml)")
    s.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")

    s = command("validate", "check questionnaire or assessment files")
    s.add_argument("files", type=_path, nargs="+", metavar="FILE",
                   help="assessment or questionnaire files (.toml)")

    s = command("plugins", "loaded plugins, their hooks, versions and scorers")
    s.add_argument("--all", action="store_true",
                   help="also show built-in status, origin and plugins that failed to load")
    s.add_argument("--json", action="store_true", help="print one JSON list")

    s = command("questionnaires", "available questionnaires")
    s.add_argument("--json", action="store_true", help="print one JSON list")
    qsub = s.add_subparsers(dest="qcommand", metavar="{show,schema}")
    show = qsub.add_parser("show", help="one whole questionnaire", parents=[common])
    show.add_argument("id", metavar="ID|PATH", help="questionnaire id, or path to a .toml")
    show.add_argument("--json", action="store_true", dest="show_json",
                      help="print one JSON object: every question, in both languages")
    show.add_argument("--lang", choices=["en", "da"], default="en",
                      help="language of the texts (default: en)")
    qsub.add_parser("schema", parents=[common],
                    help="the JSON Schema of questionnaire files, for editors")

    s = command("template", "write a commented blank assessment to fill in by hand")
    s.add_argument("id", metavar="ID|PATH", help="questionnaire id, or path to a .toml")
    s.add_argument("-o", "--output", type=_path, required=True, metavar="FILE",
                   help="the assessment file to write")
    s.add_argument("--lang", choices=["en", "da"], default="da",
                   help="language of the assessment and its comments (default: da)")
    s.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    return p


MAX_BLANK = 10_000
"""The most blank forms ``forms --blank`` writes: a typo's worth more would run for hours
and fill the disk."""


def _path(text: str) -> Path:
    """A path as given; an empty one (``-o "$DIR"`` with DIR unset) is a usage error, not
    the current folder."""
    if not text:
        raise argparse.ArgumentTypeError("expected a path, got an empty one")
    return Path(text)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_BLANK:
        raise argparse.ArgumentTypeError(f"expected a whole number 0..{MAX_BLANK}, got {text!r}")
    return value
