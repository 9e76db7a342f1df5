"""The one direction of data flow: load → score → plan.

The CLI and the TUI both call these; neither scores or plans on its own.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import catalog
from .anonymity import anonymise
from .errors import show, show_path
from .files import same_file
from .loading import InputError, apply_aliases, check_against, load_assessment_data
from .models import Assessment, Questionnaire
from .plugins import Plugins
from .report import Report, Roadmap

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison
from .scoring import score


# Loaded and Result are plain classes, not dataclasses: a dataclass compiles its methods
# when its module is imported, about half a millisecond each on every command (measured).


class _Record:
    """A plain record whose fields are its ``__slots__``, in the order its ``__init__``
    takes them."""

    __slots__ = ()

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes``, as ``dataclasses.replace`` makes one."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        return type(self)(*(changes[name] if name in changes else getattr(self, name)
                            for name in self.__slots__))


R = TypeVar("R", bound=_Record)


class Loaded(_Record):
    """An assessment file read and checked against its questionnaire, and the warnings
    met on the way."""

    __slots__ = ("path", "assessment", "questionnaire", "warnings")

    def __init__(self, path: Path, assessment: Assessment, questionnaire: Questionnaire,
                 warnings: list[str]) -> None:
        self.path = path
        self.assessment = assessment
        self.questionnaire = questionnaire
        self.warnings = warnings


class Result(_Record):
    """One assessment loaded, scored and planned.

    ``since``: what moved since the assessment's ``previous`` one (see
    :func:`with_previous`); ``since_error``: why the previous assessment could not be
    compared, when it could not."""

    __slots__ = ("loaded", "report", "roadmap", "since", "since_error")

    def __init__(self, loaded: Loaded, report: Report, roadmap: Roadmap,
                 since: Comparison | None = None, since_error: str = "") -> None:
        self.loaded = loaded
        self.report = report
        self.roadmap = roadmap
        self.since = since
        self.since_error = since_error


def collector_paused(fn: Callable) -> Callable:
    """Run ``fn`` with Python's cyclic garbage collector paused.

    Reading and scoring a file builds many objects that all stay (one model per answer,
    the aggregates, the report) and little garbage with cycles; the collector's passes
    over that growing heap took a sixth of the time at 500 respondents. It runs again
    as soon as ``fn`` returns."""
    @functools.wraps(fn)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()
    return paused


@collector_paused
def load(path: Path, plugins: Plugins) -> Loaded:
    """Read an assessment file, find its questionnaire and check the answers against it."""
    path = Path(path)
    warnings = plugins.load_warnings()
    assessment, _ = load_assessment_data(path)
    questionnaire = catalog.resolve(assessment.questionnaire, path.parent, plugins, warnings,
                                    source=path)
    assessment = apply_aliases(assessment, questionnaire, path)
    check_against(assessment, questionnaire, path)
    return Loaded(path, assessment, questionnaire, warnings)


@collector_paused
def evaluate(loaded: Loaded, plugins: Plugins, language: str | None = None,
             anonymous: bool = False) -> Result:
    """Score and plan a loaded assessment; ``language`` overrides the assessment's own
    for every text the report carries (findings, question texts, the roadmap).
    ``anonymous`` (or ``anonymous = true`` in the file) anonymises the respondents before
    anything sees them."""
    assessment = loaded.assessment
    if language and language != assessment.language:
        assessment = assessment.model_copy(update={"language": language})
    if anonymous or assessment.anonymous:
        assessment = anonymise(assessment)
        loaded = loaded.replace(assessment=assessment)
    from .roadmap import plan_roadmap

    report = score(loaded.questionnaire, assessment, plugins,
                   base_dir=loaded.path.parent, warnings=loaded.warnings)
    return Result(loaded, report, plan_roadmap(report))


def run(path: Path, plugins: Plugins, language: str | None = None,
        anonymous: bool = False) -> Result:
    """Load, score and plan one assessment file."""
    return evaluate(load(path, plugins), plugins, language, anonymous)


def load_previous(loaded: Loaded, plugins: Plugins) -> Loaded | None:
    """The assessment ``loaded`` names as its ``previous`` (a path relative to its file),
    loaded; ``None`` when it names none. One that cannot be read is an
    :class:`InputError` naming the assessment, its ``previous`` key and the problem, and
    so is one that names the assessment itself (a comparison with itself says nothing)."""
    name = loaded.assessment.previous.strip()
    if not name:
        return None
    path = loaded.path.parent / name
    if same_file(path, loaded.path):
        raise InputError(f"{show_path(loaded.path)}: previous: {show(name)} names this assessment "
                         "itself; name the earlier assessment's file")
    try:
        return load(path, plugins)
    except InputError as exc:
        raise InputError(f"{show_path(loaded.path)}: previous: {exc}") from None


def since_previous(result: Result, plugins: Plugins) -> tuple[Comparison, Result] | None:
    """What moved since the assessment's ``previous`` one: that assessment scored and
    planned in the same language and compared with this one, the previous as the
    baseline (whatever their dates); ``None`` when it names none. A previous file that
    cannot be read is an :class:`InputError` (see :func:`load_previous`)."""
    loaded = load_previous(result.loaded, plugins)
    if loaded is None:
        return None
    from .compare import Snapshot, compare

    before = evaluate(loaded, plugins, result.report.language)
    aliases = {**before.loaded.questionnaire.aliases, **result.loaded.questionnaire.aliases}
    return compare([Snapshot(str(before.loaded.path), before.report, before.roadmap),
                    Snapshot(str(result.loaded.path), result.report, result.roadmap)],
                   aliases, by_date=False), before


def with_previous(result: Result, plugins: Plugins) -> Result:
    """``result`` with ``since`` filled in when its assessment names a ``previous`` one
    (:func:`since_previous`); a previous file that cannot be read or compared leaves
    ``since`` empty and says why in ``since_error``."""
    try:
        since = since_previous(result, plugins)
    except InputError as exc:
        return result.replace(since=None, since_error=str(exc))
    return result if since is None else result.replace(since=since[0], since_error="")


def compare_files(paths: list[Path], plugins: Plugins,
                  language: str | None = None) -> tuple[Comparison, list[Result]]:
    """Load, score and plan two or more assessment files and compare them. Without
    ``language`` every text is in the language of the most recent assessment. Returns
    the comparison and the results, in the comparison's (date) order."""
    from .compare import Snapshot, compare, parse_date

    for i, path in enumerate(paths):  # the same file twice: a slip of the shell
        twin = next((p for p in paths[:i] if same_file(p, path)), None)
        if twin is not None:
            raise InputError(f"{show_path(path)}: the same assessment is given twice "
                             f"(also as {show_path(twin)}); compare needs different ones")
    loaded = [load(path, plugins) for path in paths]
    # in date order, as compare orders them: equal dates keep the order given
    loaded.sort(key=lambda x: parse_date(x.assessment.organisation.date, str(x.path)))
    if language is None:
        language = loaded[-1].assessment.language
    results = [evaluate(one, plugins, language) for one in loaded]
    snapshots = [Snapshot(str(r.loaded.path), r.report, r.roadmap) for r in results]
    aliases = {old: new for r in results for old, new in r.loaded.questionnaire.aliases.items()}
    return compare(snapshots, aliases), results


__all__ = ["InputError", "Loaded", "Result", "compare_files", "load", "load_previous",
           "evaluate", "run", "since_previous", "with_previous"]
