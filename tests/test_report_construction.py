"""The report and the roadmap are built without validating their models again
(``model_construct``: every value comes from input validated when it was read), and
``score --json`` is written without pydantic's serializer. What they hold is exactly
what validation would have made of it — the same values, of the same types (a float
stays a float: 60.0 is written "60.0", 60 would be "60") — and the JSON is what
``model_dump`` gives."""

from __future__ import annotations

import dataclasses
import importlib.util
import json

import pytest
from pydantic import BaseModel

from cxassess import pipeline
from cxassess.export.jsondoc import score_document

from helpers import FIXTURES, ROOT

EXAMPLES = ["nordlys-energi.toml", "nordlys-energi-2027.toml", "harbour-mobility.toml",
            "fjordbank-self-service.toml"]


def typed(value):
    """A value with the type of every part of it, to compare exactly."""
    if isinstance(value, BaseModel):
        return type(value).__name__, {n: typed(getattr(value, n)) for n in type(value).model_fields}
    if dataclasses.is_dataclass(value):
        return type(value).__name__, {f.name: typed(getattr(value, f.name))
                                      for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [typed(v) for v in value]
    if isinstance(value, dict):
        return "dict", {k: typed(v) for k, v in value.items()}
    return type(value).__name__, value


def models(value):
    """Every pydantic model in ``value``, nested ones included."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from models(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from models(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from models(v)


def generated(tmp_path, respondents: int):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write(tmp_path / f"generated-{respondents}.toml", respondents, seed=3)


@pytest.mark.parametrize("source", [*EXAMPLES, "dev", 40])
@pytest.mark.parametrize("language", [None, "da", "en"])
def test_every_report_model_holds_what_validation_would_make_of_it(
        source, language, tmp_path, builtin_plugins):
    path = (FIXTURES / "dev-assessment.toml" if source == "dev" else
            generated(tmp_path, source) if isinstance(source, int) else ROOT / "examples" / source)
    result = pipeline.run(path, builtin_plugins, language)
    built = list(models(result.report)) + list(models(result.roadmap))
    assert {type(m).__name__ for m in built} >= {"Report", "StageScore", "DimensionScore",
                                                 "Roadmap", "Phase", "Initiative"}
    for model in built:
        validated = type(model).model_validate(model.model_dump())
        assert typed(model) == typed(validated), type(model).__name__


@pytest.mark.parametrize("source", EXAMPLES)
def test_the_json_is_what_model_dump_gives(source, builtin_plugins):
    result = pipeline.run(ROOT / "examples" / source, builtin_plugins)
    report, roadmap = result.report, result.roadmap
    doc = score_document(report, roadmap)
    dumped = {"stages": [s.model_dump(include={"id", "score", "answered", "total"})
                         for s in report.stages],
              "dimensions": [d.model_dump(exclude={"label"}) for d in report.dimensions],
              "gaps": [g.model_dump() for g in report.gaps],
              "departments": [d.model_dump() for d in report.departments],
              "disagreements": [d.model_dump() for d in report.disagreements],
              "checks": [c.model_dump() for c in report.checks],
              "phases": [p.model_dump() for p in roadmap.phases],
              "plugins": [p.model_dump() for p in report.plugins]}
    mine = {k: doc["roadmap"]["phases"] if k == "phases" else doc[k] for k in dumped}
    assert json.dumps(mine, ensure_ascii=False) == json.dumps(dumped, ensure_ascii=False)
    assert doc["roadmap"]["phases"] and doc["roadmap"]["phases"][0]["initiatives"]
