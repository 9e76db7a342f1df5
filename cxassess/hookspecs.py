"""The hooks a cxassess plugin can implement.

A plugin is a module (or any object) with functions named like the specs below and
decorated with :data:`cxassess.hookimpl`. It is found through the ``cxassess``
entry-point group of an installed package, or as a ``*.py`` file in ``--plugins-dir``.
The built-in scorers are plugins of exactly this kind.

Every hook is called once per plugin, on its own: a plugin that raises (``SystemExit``
too), runs past the time limit (``--plugin-timeout``, 10 s by default) or returns
something invalid is reported by name (a warning) and every other plugin still runs.
What a plugin prints goes to stderr, prefixed with its name. See
:mod:`cxassess.isolation`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .report import Report
    from .scoring import ScorerContext

PROJECT = "cxassess"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def cxassess_register_scorers(register: Callable[..., None]) -> None:
    """Register the scorers this plugin provides.

    Called before the first scoring. What the plugins register is kept while the same
    plugins are loaded: the hook runs again once a plugin is added or removed, or when
    the last registration met a problem (a hook that failed, a bad or duplicate id).

    Call ``register(id, function, *, label=None, description="")`` once per scorer:

    - ``id``: the dimension id it scores (``"data"``, ``"voice"`` …), lower-case letters,
      digits, ``-`` and ``_``. Two plugins registering the same id is an error naming
      both; the first one registered is kept.
    - ``function(context) -> ScoreResult | dict``: gets a read-only
      :class:`cxassess.scoring.ScorerContext` (the questionnaire, the assessment and the
      answers aggregated per question and per respondent) and returns the result:
      ``score`` (0..100, or ``None`` when nothing could be scored), ``coverage`` (0..1),
      ``answered``, ``total`` and ``findings`` (plain-language sentences). A dict is
      validated into :class:`cxassess.report.ScoreResult`.
    - ``label``: a display name, a string or ``{"en": ..., "da": ...}``; defaults to the
      questionnaire's label of that dimension, or the id.

    Returns nothing.
    """


@hookspec
def cxassess_questionnaires() -> list[Any] | None:
    """Provide questionnaires.

    Return a list whose items are paths to questionnaire TOML files, or dicts in the
    questionnaire format, or :class:`cxassess.models.Questionnaire` objects. Each is
    validated; an id that is already taken (a built-in or another plugin's) is reported
    and skipped. The questionnaires become available by id to assessments, to
    ``cxassess questionnaires`` and to the TUI.
    """


@hookspec
def cxassess_roadmap_initiatives(context: "ScorerContext", report: "Report") -> list[Any] | None:
    """Contribute initiatives to the roadmap.

    Called once the scores are known. Return a list of initiatives as dicts (or
    :class:`cxassess.report.PluginInitiative` objects) with ``id``, ``title``, ``stage``
    (``understand``/``fix``/``refine``/``seduce``), ``dimension``, ``priority`` (a
    number, higher is more urgent), ``rationale``, optionally ``phase`` (the phase the
    plugin asks for) and ``questions`` (question ids it addresses). The planner places
    them, but enforces the method: an initiative that would break the roadmap rules
    (e.g. a Seduce initiative asking for phase 1) is moved to the earliest allowed phase
    and its rationale says so. ``source`` is set to the plugin's name by the core.
    """
