"""The ``cxassess`` command: a thin shell over the core.

Exit status: 0 ok, 1 bad input (one message on stderr naming the file and the key path
or line), 2 usage error. Headless commands never import textual or openpyxl.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from . import entrypoints

# before anything builds a model: pydantic's plugin search, when there is nothing to find,
# without importlib.metadata (see there)
entrypoints.spare_pydantic_the_scan()

from . import catalog  # noqa: E402 (after the line above, on purpose)
from .errors import InputError, one_line, printable, show_path
from .files import atomic_write_bytes, check_writable, folder_problem, path_key, reason, \
    same_file, stat_or_none
from .isolation import plugin_timeout
from .models import Questionnaire
from .plugins import ENV_PLUGINS_DIR, Plugins, describe, load_plugins
from .wording import questions

if TYPE_CHECKING:  # pragma: no cover
    from argparse import Namespace

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _parse(argv: Sequence[str] | None) -> Namespace:
    """The command line, parsed by a parser that knows only the command it names: building
    the parsers of all of them (argparse makes a help formatter, and asks gettext for its
    texts, on every argument) cost more than a fifth of what a cold ``score --json`` adds
    to its imports (measured). Help, a version, a usage error, or no command named: the
    whole parser parses again, and answers as it always did. ``score FILE [--json]``
    alone needs no parser at all (:func:`_plain_score`)."""
    args = sys.argv[1:] if argv is None else list(argv)
    plain = _plain_score(args)
    if plain is not None:
        return plain  # type: ignore[return-value]
    from .arguments import GiveWay, parser

    name = next((a for a in args if a in COMMANDS), None)
    last = args[-1] if args else ""
    if name is None and last.lower().endswith(".toml") and not last.startswith("-"):
        args.insert(len(args) - 1, name := "tui")  # ``cxassess FILE.toml``: the app on FILE
    if name is not None:
        try:
            return parser(only=name).parse_args(args)
        except GiveWay:
            pass
    return parser().parse_args(args)


def _plain_score(args: list[str]) -> SimpleNamespace | None:
    """``score FILE`` or ``score FILE --json`` (either order), the line scripts run most,
    as the parser reads it, or None for any other line. Importing argparse and building
    even the lean parser were about a fortieth of a cold ``score --json`` (measured)."""
    rest = args[1:]
    flags = [a for a in rest if a == "--json"]
    files = [a for a in rest if a != "--json"]
    if args[:1] != ["score"] or len(flags) > 1 or len(files) != 1 \
            or not files[0] or files[0].startswith("-"):
        return None
    return SimpleNamespace(plugins_dir=None, plugin_timeout=None, command="score",
                           file=Path(files[0]), json=bool(flags), lang=None)


def _warn(messages: Sequence[str]) -> None:
    for m in messages:
        print(f"warning: {one_line(m)}", file=sys.stderr)


def _plugins(args: Namespace) -> Plugins:
    folder = args.plugins_dir or os.environ.get(ENV_PLUGINS_DIR) or None
    problem = folder_problem(folder, "plugins folder") if folder is not None else None
    if problem:
        raise InputError(f"{show_path(folder)}: {problem}")
    try:
        timeout = plugin_timeout(args.plugin_timeout)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return load_plugins(folder, timeout=timeout)


def _questionnaire(ref: str, plugins: Plugins) -> tuple[Questionnaire, Path | None,
                                                       Path | None]:
    """A questionnaire named by id (built-in or a plugin's) or by the path of its .toml,
    that path (None for an id) and the file it was read from (None for a plugin's data)."""
    warnings = plugins.load_warnings()
    q, source = catalog.resolve_file(ref, Path.cwd(), plugins, warnings)
    _warn(warnings)
    return q, Path(ref) if catalog.is_path(ref) else None, source


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --------------------------------------------------------------------------- commands


def cmd_score(args: Namespace) -> int:
    from . import pipeline

    result = pipeline.run(args.file, _plugins(args), args.lang)
    _warn(result.report.warnings)
    if args.json:
        from .export.jsondoc import dumps, score_document

        _print(dumps(score_document(result.report, result.roadmap)))
    else:
        from .export.text import render

        _print(printable(render(result.report, result.roadmap)))
    return EXIT_OK


def cmd_export(args: Namespace) -> int:
    from . import pipeline

    out: Path = args.output
    _check_xlsx_target(out)
    previous = None
    if args.previous is not None:
        from .export.excel import read_previous

        previous = read_previous(args.previous)
    from .progress import Progress

    with Progress() as progress:  # a bar on a terminal when the export takes a while
        progress.phase(f"{show_path(args.file)}: scoring")
        result = pipeline.run(args.file, _plugins(args), args.lang, args.anonymous)
        from .export.excel import replace_workbook, write_workbook

        progress.phase(f"writing {show_path(out)}")
        if previous is None:  # what was typed into a workbook replaced is kept, as in the app
            carried = replace_workbook(result, out, progress=progress.update)
        else:
            carried = write_workbook(result, out, previous, progress=progress.update)
    _warn(result.report.warnings)
    if carried is not None:
        _warn(carried.notes)
        for line in carried.told("en", warned=False):
            print(line, file=sys.stderr)
    print(f"wrote {show_path(out)}", file=sys.stderr)
    return EXIT_OK


def _check_xlsx_target(out: Path) -> None:
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"{show_path(out)}: the workbook's name must end in .xlsx")
    check_writable(out)


def cmd_compare(args: Namespace) -> int:
    from . import pipeline

    if args.output is not None:
        _check_xlsx_target(args.output)
    plugins = _plugins(args)
    if len(args.files) == 1:  # the assessment and the previous one it names
        result = pipeline.run(args.files[0], plugins, args.lang)
        since = pipeline.since_previous(result, plugins)
        if since is None:
            print("error: compare needs at least two assessment files (OLD NEW [MORE…]), or "
                  "one that names its previous assessment (previous = \"…\")", file=sys.stderr)
            return EXIT_USAGE
        comparison, results = since[0], [since[1], result]
    else:
        comparison, results = pipeline.compare_files(args.files, plugins, args.lang)
    _warn(list(dict.fromkeys(w for r in results for w in r.report.warnings)))
    _warn(comparison.warnings)
    if args.json:
        from .export.jsondoc import comparison_document, dumps

        _print(dumps(comparison_document(comparison)))
    else:
        from .export.compare_text import render_comparison

        _print(render_comparison(comparison))
    if args.output is not None:
        from .export.trend import write_trend_workbook

        write_trend_workbook(comparison, args.output)
        print(f"wrote {show_path(args.output)}", file=sys.stderr)
    return EXIT_OK


def cmd_forms(args: Namespace) -> int:
    from . import pipeline

    loaded = pipeline.load(args.file, _plugins(args))
    _warn(loaded.warnings)
    from .export.forms import write_forms

    written = write_forms(loaded.assessment, loaded.questionnaire, args.output,
                          blank=args.blank, force=args.force)
    if not loaded.assessment.organisation.date.strip():
        _warn([f"{show_path(args.file)}: organisation.date is empty: returned forms are "
               "matched by the organisation's name and date, so once a date is set they are "
               "refused; set it before sending the forms out (compare needs it too)"])
    print(f"wrote {len(written)} form(s) to {show_path(args.output)}", file=sys.stderr)
    return EXIT_OK


def cmd_collect(args: Namespace) -> int:
    from . import collect, pipeline
    from .loading import save_assessment

    loaded = pipeline.load(args.file, _plugins(args))
    _warn(loaded.warnings)
    assessment, questionnaire = loaded.assessment, loaded.questionnaire
    # Excel keeps "~$NAME.xlsx" beside a form while it is open; forms/*.xlsx picks it up
    locks = [p for p in args.forms if p.name.startswith("~$")]
    _warn([f"{show_path(p)}: skipped: Excel's lock file for a form open in Excel (the form "
           "is read as last saved)" for p in locks])
    args.forms = [p for p in args.forms if p not in locks]
    sheets = [p for p in dict.fromkeys(args.forms) if p.suffix.lower() in (".xlsx", ".xlsm")]
    filled: dict = {}
    if sheets:  # read in worker processes when there are many
        from .export.formreader import read_forms

        filled = dict(zip(sheets, read_forms(sheets)))
    problems: list[str] = []
    returned: list[collect.Returned] = []
    seen: dict[str, Path] = {}
    for path in args.forms:
        key = path_key(path)
        if key in seen:
            problems.append(f"{show_path(path)}: the same form is given twice (also as "
                            f"{show_path(seen[key])})")
            continue
        seen[key] = path
        if path.suffix.lower() == ".toml":
            found, bad = collect.read_toml_form(path, assessment, questionnaire)
        elif path in filled:
            form = filled[path]
            found, bad = ([], [str(form)]) if isinstance(form, InputError) else \
                collect.check_form(form, assessment, questionnaire)
            if not found and not bad:
                _warn([f"{show_path(path)}: a blank form nobody filled in; skipped"])
        else:
            found, bad = [], [f"{show_path(path)}: not a form (expected a filled .xlsx form "
                              "or a .toml file)"]
        returned += found
        problems += bad
    problems += collect.duplicates(returned)
    name = show_path(args.file)
    if problems:
        for line in problems:
            print(f"error: {one_line(line)}", file=sys.stderr)
        print(f"error: nothing written: {len(problems)} problem(s); {name} is unchanged",
              file=sys.stderr)
        return EXIT_INPUT
    _warn(collect.namesakes(assessment, returned))
    merged, changes = collect.merge(assessment, returned)
    for change in changes:
        print(one_line(change.describe()))
    if args.dry_run:
        print("dry run: nothing written", file=sys.stderr)
    elif any(c.any for c in changes):
        save_assessment(merged, args.file, questionnaire.question_ids)
        print(f"wrote {name}", file=sys.stderr)
    else:
        print(f"nothing changed; {name} is as it was", file=sys.stderr)
    return EXIT_OK


def cmd_validate(args: Namespace) -> int:
    from . import pipeline
    from .errors import escape, shorten, show
    from .loading import file_kind, read_toml, validate_as
    from .models import Questionnaire

    plugins = _plugins(args)
    failed = 0
    for path in args.files:
        name = show_path(path)
        try:
            data = read_toml(path)
            if file_kind(data, name) == "questionnaire":
                q = validate_as(Questionnaire, data, f"{name}: as a questionnaire")
                print(f"ok: {name}: questionnaire {q.id!r} {escape(shorten(q.version))}, "
                      f"{questions(len(q.questions), 'en')}")
            else:
                loaded = pipeline.load(path, plugins)
                pipeline.load_previous(loaded, plugins)  # it must be readable too
                _warn(loaded.warnings)
                answers = sum(len(r.answers) for r in loaded.assessment.respondents)
                print(f"ok: {name}: assessment of {show(loaded.assessment.organisation.name)} "
                      f"({loaded.questionnaire.id!r}), {len(loaded.assessment.respondents)} "
                      f"respondent(s), {answers} answer(s)")
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return EXIT_INPUT if failed else EXIT_OK


def cmd_plugins(args: Namespace) -> int:
    from .export.jsondoc import dumps
    from .scoring import collect_scorers

    plugins = _plugins(args)
    warnings: list[str] = []
    scorers = collect_scorers(plugins, warnings).by_plugin()
    rows = describe(plugins, scorers, all_=args.all)
    # --all lists the plugins that failed as rows; every other problem is still told
    _warn(plugins.load_warnings(failed=not args.all))
    _warn(warnings)
    if args.json:
        _print(dumps(rows))
        return EXIT_OK
    lines = [] if rows else ["no plugins loaded"]
    for row in rows:
        version = row["version"] or "-"
        kind = ""
        if args.all:
            kind = " (built-in)" if row["builtin"] else ""
        status = f"  FAILED: {row['error']}" if args.all and row["error"] else ""
        lines.append(f"{row['name']} {version}{kind}{status}")
        if row["scorers"]:
            lines.append(f"    scorers: {', '.join(row['scorers'])}")
        if row["hooks"]:
            lines.append(f"    hooks:   {', '.join(row['hooks'])}")
        if args.all:
            lines.append(f"    from:    {row['origin']}")
    # a plugin's version and a file's name are the plugin's: escaped like every other text
    _print(printable("\n".join(lines)))
    return EXIT_OK


def cmd_questionnaires(args: Namespace) -> int:
    from .export.jsondoc import dumps, questionnaire_document

    if args.qcommand == "schema":
        from .models import questionnaire_schema

        _print(dumps(questionnaire_schema()))
        return EXIT_OK
    plugins = _plugins(args)
    if args.qcommand == "show":
        q, _, _ = _questionnaire(args.id, plugins)
        if args.show_json or args.json:
            _print(dumps(questionnaire_document(q)))
        else:
            from .export.text import render_questionnaire

            _print(printable(render_questionnaire(q, args.lang)))
        return EXIT_OK
    warnings = plugins.load_warnings()
    entries = catalog.catalog(plugins, warnings)
    _warn(warnings)
    rows = [{"id": e.questionnaire.id, "version": e.questionnaire.version,
             "title": e.questionnaire.title.model_dump(), "origin": e.origin,
             "questions": len(e.questionnaire.questions)} for e in entries.values()]
    if args.json:
        _print(dumps(rows))
    elif rows:  # titles and versions are a plugin's or a file's: escaped, as every other text
        _print(printable("\n".join(
            f"{row['id']} {row['version']}  {row['title']['en']} / {row['title']['da']}"
            f"  ({questions(row['questions'], 'en')}, {row['origin']})" for row in rows)))
    return EXIT_OK


def cmd_template(args: Namespace) -> int:
    from .template import render_template

    out: Path = args.output
    check_writable(out)
    if out.exists() and not args.force:
        raise InputError(f"{show_path(out)}: already exists; not overwritten "
                         "(use --force to replace it)")
    q, path, source = _questionnaire(args.id, _plugins(args))
    if source is not None and same_file(source, out):  # also a built-in named by its id
        raise InputError(f"{show_path(out)}: is the questionnaire itself; not overwritten "
                         "(write the assessment to another file)")
    # the assessment names the questionnaire file as given: an absolute path as it is,
    # a relative one relative to the assessment's folder
    if path is not None and not path.is_absolute():
        path = Path(os.path.relpath(path.resolve(), out.resolve().parent))
    ref = None if path is None else path.as_posix()
    atomic_write_bytes(out, render_template(q, args.lang, ref).encode())
    print(f"wrote {show_path(out)}", file=sys.stderr)
    return EXIT_OK


def cmd_tui(args: Namespace) -> int:
    if getattr(args, "file", None) is not None:
        stat_or_none(args.file)  # a path that cannot be used at all is an error here
    plugins = _plugins(args)
    from .tui.app import run_app

    return run_app(getattr(args, "file", None), plugins)


COMMANDS = {
    "score": cmd_score, "export": cmd_export, "compare": cmd_compare, "validate": cmd_validate,
    "forms": cmd_forms, "collect": cmd_collect,
    "plugins": cmd_plugins, "questionnaires": cmd_questionnaires,
    "template": cmd_template, "tui": cmd_tui, None: cmd_tui,
}


COLLECTED = {"tui", None, "export", "forms", "collect"}
"""The commands that run with the garbage collector on when the process started with it
off (see :mod:`cxassess.__main__`): the terminal app runs for hours, and the workbook
commands build and drop much."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    if args.command in COLLECTED and not gc.isenabled():
        from .frozen import for_life

        for_life()  # what start-up built lives to the end: out of the collector's way
        gc.enable()
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a file problem no command caught: still one line, no traceback
        if isinstance(exc, BrokenPipeError):
            return EXIT_OK
        where = f"{show_path(exc.filename)}: " if exc.filename else ""
        print(f"error: {where}{reason(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except ValueError as exc:  # a path no system call takes (a NUL), no command caught
        if "null" not in str(exc).lower():
            raise
        print(f"error: {reason(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    finally:
        if argv is None:  # the process is the command and ends now
            # What the command built is no longer needed, but neither is it garbage:
            # freezing it spares the interpreter a last collection over all of it on
            # exit (a fifth of a headless command's time).
            gc.freeze()
