"""The ``score --json`` document and ``questionnaires show --json``: plain data, stable keys."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..models import STAGE_LABELS, STAGES, Questionnaire
from ..report import Report, Roadmap

if TYPE_CHECKING:  # only the compare command needs it: score --json does not import it
    from ..compare import Comparison


def plain(model: BaseModel, include: set[str] | None = None) -> dict[str, Any]:
    """What ``model.model_dump(include=include)`` gives for the report's models (their
    fields in order; models, lists and dicts within as plain data), without building
    pydantic's serializer of every report model (see :class:`cxassess.report.Model`)."""
    return {name: _plain(getattr(model, name)) for name in type(model).model_fields
            if include is None or name in include}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return plain(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def score_document(report: Report, roadmap: Roadmap) -> dict[str, Any]:
    """The contract of ``cxassess score --json`` (see the README)."""
    return {
        "organisation": report.organisation,
        "sector": report.sector,
        "language": report.language,
        "questionnaire": {"id": report.questionnaire["id"],
                          "version": report.questionnaire["version"]},
        "respondents": len(report.respondents),
        "mastery_bar": report.mastery_bar,
        "current_stage": report.current_stage,
        "stages": [plain(s, include={"id", "score", "answered", "total"}) for s in report.stages],
        "dimensions": [plain(d, include={"id", "score", "coverage", "answered", "total",
                                         "scorer", "findings"}) for d in report.dimensions],
        "gaps": [plain(g) for g in report.gaps],
        "departments": [plain(d) for d in report.departments],
        "disagreements": [plain(d) for d in report.disagreements],
        "checks": [plain(c) for c in report.checks],
        "roadmap": {"per_phase": report.per_phase,
                    "phases": [plain(p) for p in roadmap.phases]},
        "plugins": [plain(p) for p in report.plugins],
        "warnings": list(report.warnings),
    }


def comparison_document(c: Comparison) -> dict[str, Any]:
    """The contract of ``cxassess compare --json`` (see the README)."""
    return {
        "assessments": [p.model_dump(include={"file", "date", "current_stage", "stages",
                                              "dimensions"}) for p in c.assessments],
        "deltas": {"stages": dict(c.stage_deltas), "dimensions": dict(c.dimension_deltas)},
        "questions": {key: [m.id for m in getattr(c, key)]
                      for key in ("improved", "worse", "added", "removed")},
        "initiatives": {status: [i.id for i in c.with_status(status)]
                        for status in ("done", "open", "new")},
    }


def questionnaire_document(q: Questionnaire) -> dict[str, Any]:
    """The whole validated questionnaire, as ``questionnaires show ID --json`` prints it."""
    return {
        "id": q.id,
        "version": q.version,
        "title": q.title.model_dump(),
        "description": q.description.model_dump() if q.description else None,
        "languages": list(q.languages),
        "stages": [{"id": s, "label": dict(STAGE_LABELS[s]),
                    "questions": [x.id for x in q.questions_in_stage(s)]} for s in STAGES],
        "dimensions": [{"id": d, **dim.model_dump()} for d, dim in q.dimensions.items()],
        "sources": {k: v.model_dump() for k, v in q.sources.items()},
        "questions": [x.model_dump() for x in q.questions],
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(doc: Any) -> str:
    """``doc`` as indented JSON text. A lone surrogate (a plugin's text may hold one) has no
    UTF-8 and would fail the print: it is shown as U+FFFD, as the workbook shows it."""
    return _SURROGATE.sub("\ufffd", json.dumps(doc, ensure_ascii=False, indent=2))
