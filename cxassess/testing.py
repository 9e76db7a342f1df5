"""Helpers for testing cxassess plugins: register a plugin for one test, build an
assessment in memory, score it and get the :class:`~cxassess.report.Report` back.

A plugin's own test is then a few lines::

    from cxassess.testing import score_with

    import my_plugin

    def test_my_scorer():
        report = score_with(my_plugin, questionnaire="four-f",
                            answers={"understand-journey-map": 2})
        assert report.dimension("my-dimension").score == 50
        assert report.warnings == []

A *plugin* here is what the real loader registers: a module or any object with
``@hookimpl`` functions, a path to a single-file plugin (``"plugins/mine.py"``, loaded
exactly as ``--plugins-dir`` loads it) or the dotted name of an importable module.

Nothing here touches the installed plugins unless ``builtins=True`` asks for the
built-in scorers, and nothing imports textual or openpyxl.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from . import catalog
from .loading import InputError, check_against, load_questionnaire_file, validate_as
from .models import Assessment, Questionnaire, Respondent
from .plugins import (FILE_MODULE_PREFIX, Plugins, PluginRecord, entry_point_of,
                      load_plugin_file, new_manager)
from .report import Report
from .scoring import score as _score

__all__ = [
    "InputError",
    "PluginLoadError",
    "Scoring",
    "make_assessment",
    "plan",
    "plugin_manager",
    "plugin_scoring",
    "score_with",
]

DEFAULT_QUESTIONNAIRE = "four-f"
DEFAULT_RESPONDENT = "Respondent"


class PluginLoadError(Exception):
    """A plugin under test did not load or register (its message says why)."""


# --------------------------------------------------------------------------- plugins


def _identity(plugin: Any) -> tuple[str, str | None]:
    """The (name, version) the CLI would give ``plugin``: an installed plugin module's
    entry-point name and its package's version; a module loaded from a plugins folder
    its file's stem; anything else its last dotted part (or class name) and its
    ``__version__``."""
    version = getattr(plugin, "__version__", None)
    if isinstance(plugin, ModuleType):
        installed = entry_point_of(plugin)
        if installed is not None:
            return installed
        name = plugin.__name__
        if name.startswith(FILE_MODULE_PREFIX):  # loaded from a plugins folder
            return name[len(FILE_MODULE_PREFIX):], version
        return name.rsplit(".", 1)[-1], version
    return getattr(plugin, "__name__", None) or type(plugin).__name__, version


def _add(plugins: Plugins, plugin: Any, name: str | None) -> PluginRecord:
    if isinstance(plugin, Path) or (isinstance(plugin, str) and plugin.endswith(".py")):
        path = Path(plugin)
        if not path.is_file():
            raise PluginLoadError(f"{path}: no such plugin file")
        return load_plugin_file(plugins, path, name)
    if isinstance(plugin, str):
        plugin = importlib.import_module(plugin)
    default, version = _identity(plugin)
    return plugins.register(plugin, name or default, version=version)


def _register_builtins(plugins: Plugins) -> None:
    from .plugins import _entry_points, _is_builtin, _version

    found = False
    for ep in _entry_points():
        if not _is_builtin(ep):
            continue
        found = True
        version = _version(ep)
        plugins.register(ep.load(), ep.name, version=version, builtin=True,
                         origin=f"entry point {ep.value}")
    if not found:
        raise PluginLoadError("the built-in scorers were not found: is cxassess installed "
                              "(pip install cxassess, or pip install -e . in its source)?")


def plugin_manager(*plugins: Any, name: str | None = None, builtins: bool = False,
                   strict: bool = True, timeout: float | None = None) -> Plugins:
    """A fresh plugin manager holding ``plugins`` (and the built-in scorers first when
    ``builtins`` is true), independent of what is installed.

    ``name`` names the plugin (one plugin only); by default it is named as the CLI names
    it: an installed plugin module by its entry-point name (and its package's version), a
    file by its stem as ``--plugins-dir`` names it, any other module by its last dotted
    part. With
    ``strict`` (the default) a plugin that does not load, implements an unknown hook or
    has a ``cxassess_*`` function without ``@hookimpl`` raises :class:`PluginLoadError`;
    with ``strict=False`` it is recorded, as the real loader does, and its problem
    shows up in the report's warnings. ``timeout`` is the time limit of each plugin
    call in seconds (default ``$CXASSESS_PLUGIN_TIMEOUT`` or 10; 0 for none)."""
    if name is not None and len(plugins) != 1:
        raise TypeError("name= names a single plugin; register several plugins by their own names")
    manager = new_manager(timeout)
    if builtins:
        _register_builtins(manager)
    for plugin in plugins:
        _add(manager, plugin, name)
    if strict and manager.load_warnings():
        raise PluginLoadError("; ".join(manager.load_warnings()))
    return manager


# --------------------------------------------------------------------------- assessments


def _builtin_or_file(ref: str | Path) -> Questionnaire:
    """A built-in questionnaire by id, or a questionnaire file by path (relative to the
    working folder); a plugin's id needs the plugin: score through plugin_scoring()."""
    try:
        return catalog.resolve(str(ref), Path.cwd(), None, [])
    except InputError as e:
        if catalog.is_path(str(ref)):
            raise
        raise InputError(f"{e}; for fill= with a plugin's questionnaire, give the "
                         "questionnaire itself or score through plugin_scoring()") from None


def _questionnaire_ref(questionnaire: Any) -> str:
    if isinstance(questionnaire, Questionnaire):
        return questionnaire.id
    if isinstance(questionnaire, Mapping):
        return str(questionnaire.get("id", ""))
    return str(questionnaire)


def _respondent_doc(item: Any) -> dict[str, Any]:
    if isinstance(item, Respondent):
        return {"name": item.name, "department": item.department,
                "answers": {qid: a.model_dump() for qid, a in item.answers.items()}}
    if isinstance(item, Mapping):
        return {"name": DEFAULT_RESPONDENT, **item, "answers": dict(item.get("answers") or {})}
    raise TypeError(f"a respondent is a dict {{name, department, answers}} or a Respondent, "
                    f"not a {type(item).__name__}")


def make_assessment(questionnaire: Questionnaire | Mapping | str | Path = DEFAULT_QUESTIONNAIRE,
                    *, answers: Mapping[str, Any] | None = None,
                    respondents: Sequence[Mapping[str, Any] | Respondent] | None = None,
                    inputs: Mapping[str, str | Path] | None = None,
                    language: str = "en",
                    organisation: str | Mapping[str, str] = "Test organisation",
                    fill: int | None = None) -> Assessment:
    """An assessment in memory, validated exactly like an assessment file.

    - ``questionnaire``: an id (``"four-f"``), a path to a questionnaire file, or the
      questionnaire itself (a :class:`~cxassess.models.Questionnaire` or a dict);
    - ``answers``: one respondent's answers, question id → ``2``, ``"n/a"`` or
      ``{"level": 1, "importance": 5, "note": "…"}``, the shapes of the file;
    - ``respondents``: instead of ``answers``, several respondents as dicts
      ``{"name", "department", "answers"}``;
    - ``inputs``: the ``[inputs]`` table, e.g. ``{"nps": "surveys/nps.csv"}`` (relative
      paths resolve against the ``base_dir`` given when scoring);
    - ``fill``: answer every question a respondent left out at this level (a plugin's
      questionnaire must be given as itself, not by its id).

    Bad values raise :class:`cxassess.loading.InputError` naming the key path."""
    if answers is not None and respondents is not None:
        raise TypeError("give answers= (one respondent) or respondents=, not both")
    people = [_respondent_doc(r) for r in respondents] if respondents is not None else \
        [{"name": DEFAULT_RESPONDENT, "department": "", "answers": dict(answers or {})}]
    if fill is not None:
        if isinstance(questionnaire, Mapping):
            questionnaire = validate_as(Questionnaire, dict(questionnaire), "questionnaire")
        # an id or a path is read here only for its questions; the assessment keeps it
        full = questionnaire if isinstance(questionnaire, Questionnaire) else \
            _builtin_or_file(questionnaire)
        for person in people:
            for qid in full.question_ids:
                person["answers"].setdefault(qid, fill)
    org = {"name": organisation} if isinstance(organisation, str) else dict(organisation)
    doc = {
        "format": 1,
        "questionnaire": _questionnaire_ref(questionnaire),
        "language": language,
        "organisation": org,
        "inputs": {k: str(v) for k, v in (inputs or {}).items()},
        "respondents": people,
    }
    assessment = validate_as(Assessment, doc, "make_assessment()")
    if isinstance(questionnaire, Questionnaire):
        check_against(assessment, questionnaire, "make_assessment()")
    return assessment


# --------------------------------------------------------------------------- scoring


_UNSET: Any = object()


@dataclass
class Scoring:
    """Score assessments with one plugin manager (what :func:`plugin_scoring` yields)."""

    plugins: Plugins

    def questionnaire(self, ref: Questionnaire | Mapping | str | Path = DEFAULT_QUESTIONNAIRE,
                      base_dir: str | Path | None = None,
                      warnings: list[str] | None = None) -> Questionnaire:
        """Resolve a questionnaire: the object itself, a dict, a path to a ``.toml``
        (relative to ``base_dir``), or an id among the built-in questionnaires and those
        the registered plugins provide."""
        warnings = [] if warnings is None else warnings
        if isinstance(ref, Questionnaire):
            return ref
        if isinstance(ref, Mapping):
            return validate_as(Questionnaire, dict(ref), "questionnaire")
        if isinstance(ref, Path):
            path = ref if ref.is_absolute() or base_dir is None else Path(base_dir) / ref
            return load_questionnaire_file(path)
        return catalog.resolve(str(ref), Path(base_dir) if base_dir is not None else Path.cwd(),
                               self.plugins, warnings)

    def score(self, assessment: Assessment | None = None, *,
              questionnaire: Questionnaire | Mapping | str | Path = _UNSET,
              base_dir: str | Path | None = None, **assessment_fields: Any) -> Report:
        """Score an assessment and return the report.

        Either pass an :class:`~cxassess.models.Assessment` (e.g. from
        :func:`make_assessment`), or the keyword arguments of :func:`make_assessment`
        (``answers``, ``respondents``, ``inputs``, ``language``, ``organisation``,
        ``fill``) to build one. ``base_dir`` stands for the assessment file's folder:
        relative ``inputs`` paths resolve against it. Problems of plugins (load errors in
        non-strict mode, scorers that raise or return nonsense) are in
        ``report.warnings``, as the CLI would print them."""
        warnings = self.plugins.load_warnings()
        if assessment is None:
            ref = DEFAULT_QUESTIONNAIRE if questionnaire is _UNSET else questionnaire
            q = self.questionnaire(ref, base_dir, warnings)
            assessment = make_assessment(q, **assessment_fields)
        else:
            if assessment_fields:
                raise TypeError("give an assessment or the fields to build one, not both: "
                                f"{', '.join(sorted(assessment_fields))}")
            ref = assessment.questionnaire if questionnaire is _UNSET else questionnaire
            q = self.questionnaire(ref, base_dir, warnings)
            check_against(assessment, q, "assessment")
        return _score(q, assessment, self.plugins,
                      base_dir=Path(base_dir) if base_dir is not None else None,
                      warnings=warnings)


@contextmanager
def plugin_scoring(*plugins: Any, name: str | None = None, builtins: bool = False,
                   strict: bool = True, timeout: float | None = None) -> Iterator[Scoring]:
    """Register ``plugins`` (alone, or after the built-in scorers with
    ``builtins=True``) for the ``with`` block and yield a :class:`Scoring`::

        with plugin_scoring("plugins/voice.py", builtins=True) as scoring:
            report = scoring.score(questionnaire="four-f", answers={...},
                                   inputs={"nps": "nps.csv"}, base_dir=tmp_path)

    Arguments as :func:`plugin_manager`. Modules loaded from files are forgotten
    again when the block ends."""
    before = set(sys.modules)
    manager: Plugins | None = None
    try:
        manager = plugin_manager(*plugins, name=name, builtins=builtins, strict=strict,
                                 timeout=timeout)
        yield Scoring(manager)
    finally:
        for record in list(manager.records if manager is not None else []):
            if record.loaded:
                manager.unregister(record.name)
        for module in set(sys.modules) - before:
            if module.startswith(FILE_MODULE_PREFIX):
                del sys.modules[module]


def score_with(*plugins: Any, name: str | None = None, builtins: bool = False,
               strict: bool = True, timeout: float | None = None,
               assessment: Assessment | None = None,
               questionnaire: Questionnaire | Mapping | str | Path = _UNSET,
               base_dir: str | Path | None = None, **assessment_fields: Any) -> Report:
    """One call: register ``plugins``, score, return the report. The arguments are those
    of :func:`plugin_scoring` and :meth:`Scoring.score`."""
    with plugin_scoring(*plugins, name=name, builtins=builtins, strict=strict,
                        timeout=timeout) as scoring:
        return scoring.score(assessment, questionnaire=questionnaire, base_dir=base_dir,
                             **assessment_fields)


def plan(report: Report):
    """The roadmap the core plans from a report, with the plugins' initiatives placed
    (and moved, when one would break the roadmap rules)."""
    from .roadmap import plan_roadmap

    return plan_roadmap(report)

