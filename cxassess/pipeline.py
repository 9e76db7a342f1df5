"""The one direction of data flow: load → score → plan.

The CLI and the TUI both call these; neither scores or plans on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import catalog
from .anonymity import anonymise
from .loading import InputError, check_against, load_assessment_data
from .models import Assessment, Questionnaire
from .plugins import Plugins
from .report import Report, Roadmap
from .scoring import score


@dataclass
class Loaded:
    path: Path
    assessment: Assessment
    questionnaire: Questionnaire
    warnings: list[str]


@dataclass
class Result:
    loaded: Loaded
    report: Report
    roadmap: Roadmap


def load(path: Path, plugins: Plugins) -> Loaded:
    """Read an assessment file, find its questionnaire and check the answers against it."""
    path = Path(path)
    warnings = plugins.load_warnings()
    assessment, _ = load_assessment_data(path)
    questionnaire = catalog.resolve(assessment.questionnaire, path.parent, plugins, warnings,
                                    source=path)
    check_against(assessment, questionnaire, path)
    return Loaded(path, assessment, questionnaire, warnings)


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
        loaded = replace(loaded, assessment=assessment)
    from .roadmap import plan_roadmap

    report = score(loaded.questionnaire, assessment, plugins,
                   base_dir=loaded.path.parent, warnings=loaded.warnings)
    return Result(loaded, report, plan_roadmap(report))


def run(path: Path, plugins: Plugins, language: str | None = None,
        anonymous: bool = False) -> Result:
    """Load, score and plan one assessment file."""
    return evaluate(load(path, plugins), plugins, language, anonymous)


__all__ = ["InputError", "Loaded", "Result", "load", "evaluate", "run"]
