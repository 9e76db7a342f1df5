"""Reading and writing questionnaire and assessment files.

Every problem with a file becomes one :class:`InputError` whose message is one line naming
the file and either the TOML line/column (syntax) or the key path (validation), so the CLI
and the TUI can show it as it is. Whatever goes wrong while reading — a missing file, a
path through a file, a symbolic link loop, a device or FIFO, a file over the size limit,
bytes that are not UTF-8, nesting too deep for the parser — ends here as an
``InputError``, never as a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import cache, quicktoml
from .compat import tomllib
from .errors import InputError, join_problems, show, show_key, show_path
from .files import atomic_write_bytes, read_bytes
from .models import SAME_ANSWERS, Answer, Assessment, Questionnaire, Respondent

M = TypeVar("M", bound=BaseModel)

_TOML_PLACE = re.compile(
    r" \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$")

PACKAGE_QUESTIONNAIRES = Path(__file__).resolve().parent / "questionnaires"
SOURCE_QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"

__all__ = ["InputError", "atomic_write_bytes", "read_toml", "validate_as",
           "format_validation_error", "load_questionnaire_file", "load_assessment_data",
           "check_against", "dumps_assessment", "save_assessment"]


def _format_loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = show_key(str(part))
            out += f".{key}" if out else key
    return out


def _clean_loc(loc: tuple, data: Any) -> list:
    """Drop pydantic's internal union/validator tags from a location, keeping real keys."""
    cleaned: list = []
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            cleaned.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            cleaned.append(part)
            node = node[part]
        elif isinstance(node, Mapping) and isinstance(part, str) and not cleaned[-1:] == [part]:
            # a missing key: still worth naming, if it is a real field name
            if part.isidentifier() and not part[:1].isupper() and "[" not in part:
                cleaned.append(part)
                node = None
        # anything else is a pydantic tag (e.g. 'function-before[...]') and is skipped
    return cleaned


def format_validation_error(error: ValidationError, data: Any) -> str:
    """Turn a pydantic error into ``key.path: message`` problems on one line."""
    lines = []
    for err in error.errors(include_url=False, include_input=True):
        msg = err["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "missing":
            msg = "required key is missing"
        if err["type"] not in ("missing", "extra_forbidden", "value_error") and "input" in err:
            shown = err["input"]
            if not isinstance(shown, (dict, list)):
                msg = f"{msg} (got {show(shown)})"
        path = _format_loc(_clean_loc(err["loc"], data))
        lines.append(f"{path}: {msg}" if path else msg)
    return join_problems(lines)


def _wide_encoding(payload: bytes) -> str | None:
    """UTF-32 or UTF-16 told by the byte-order mark, or by a NUL byte beside each of the
    first four characters (UTF-16 or UTF-32 without one: TOML text holds no NUL)."""
    if payload.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if payload.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = payload[:8]
    if len(head) == 8 and b"\x00" * 4 in (head[::2], head[1::2]):
        return "UTF-16 or UTF-32"
    return None


def parse_toml(payload: bytes, name: str) -> dict:
    """Parse TOML bytes (UTF-8, a leading byte-order mark is skipped); every problem is an
    ``InputError`` starting with ``name``."""
    wide = _wide_encoding(payload)
    if wide:
        raise InputError(f"{name}: the file is {wide} text; save it as UTF-8")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = payload.count(b"\n", 0, exc.start) + 1
        column = exc.start - (payload.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"{name}: line {line}, column {column}: not UTF-8 text "
                         f"(byte 0x{payload[exc.start]:02x})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    document = quicktoml.loads(text)  # the usual assessment layout, quickly
    if document is not None:
        return document
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # the parser ends its message with the place: "Invalid value (at line 2, column 5)"
        msg = str(exc)
        place = _TOML_PLACE.search(msg)
        if not place:
            raise InputError(f"{name}: invalid TOML: {msg}") from None
        if place["line"]:
            line, column = int(place["line"]), int(place["column"])
        else:  # at the end of the document
            line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
        raise InputError(f"{name}: line {line}, column {column}: invalid TOML: "
                         f"{msg[:place.start()]}{_lone_cr(text, line, column)}") from None
    except RecursionError:
        raise InputError(f"{name}: invalid TOML: nested too deeply (arrays, tables or "
                         "dotted keys of hundreds of levels)") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"{name}: invalid TOML: {exc}") from None


def _lone_cr(text: str, line: int, column: int) -> str:
    """A hint when the parser stopped at a carriage return that ends no line (the line
    breaks of old Mac files), which TOML does not take for a line break."""
    start = sum(len(one) + 1 for one in text.split("\n", line - 1)[:line - 1])
    at = start + column - 1
    if text[at:at + 1] == "\r" and text[at + 1:at + 2] != "\n":
        return ("; a carriage return (CR) there ends no line: TOML reads only LF or CR LF "
                "as a line break (old Mac files end lines in CR alone); save the file with "
                "ordinary line breaks")
    return ""


def read_toml(path: Path, *, label: str | None = None) -> dict:
    """Parse a TOML file (a regular file within the size limit); errors name the file
    (or ``label``), and the line and column where there is one."""
    name = label or show_path(path)
    return parse_toml(read_bytes(path, label=name), name)


def validate_as(model: type[M], data: Any, source: str | Path,
                context: dict[str, Any] | None = None) -> M:
    name = source if isinstance(source, str) else show_path(source)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise InputError(f"{name}: {format_validation_error(exc, data)}") from None
    except RecursionError:
        raise InputError(f"{name}: nested too deeply") from None
    except MemoryError:
        raise InputError(f"{name}: too large to check") from None


def load_questionnaire_file(path: Path, *, label: str | None = None) -> Questionnaire:
    """Load and validate a questionnaire file; ``label`` names it in errors (default: the
    path).

    Every command and every ``pipeline.run`` needs the questionnaire, so a process keeps
    the ones it validated, keyed by the file's name and bytes: the file is read each time
    (a changed file is never served stale, whatever its size and time stamp say), parsed
    and validated only when it is new. Questionnaires are immutable, so sharing is safe.
    Across processes, :mod:`cxassess.cache` keeps a questionnaire that validated, keyed
    by the file's bytes too."""
    name = label or show_path(path)
    return _validated_questionnaire(Path(path), name, _Payload(read_bytes(path, label=name)))


class _Payload:
    """A file's bytes as a cache key: hashed by their length, compared in full. Hashing
    the 115 KB built-in questionnaire cost more than comparing it with the kept copy."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __hash__(self) -> int:
        return len(self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Payload) and other.data == self.data


@lru_cache(maxsize=16)
def _validated_questionnaire(path: Path, name: str, key: _Payload) -> Questionnaire:
    payload = key.data
    questionnaire = cache.load(path, payload)
    if questionnaire is None:
        data = parse_toml(payload, name)
        if "questionnaire" in data and "questions" not in data:  # `show client.toml`
            raise InputError(f"{name}: this is an assessment, not a questionnaire (it has "
                             "a 'questionnaire' key and no 'questions')")
        questionnaire = validate_as(Questionnaire, data, name)
        cache.store(path, payload, questionnaire)
    return questionnaire


def builtin_questionnaire_dir() -> Path:
    """Where the built-in questionnaires are: inside the installed package (wheel) or the
    source tree (editable install)."""
    if PACKAGE_QUESTIONNAIRES.is_dir():
        return PACKAGE_QUESTIONNAIRES
    return SOURCE_QUESTIONNAIRES


@lru_cache(maxsize=1)
def builtin_questionnaire_files() -> tuple[Path, ...]:
    """The built-in questionnaire files, listed once per process: they ship with the
    package and do not come and go while it runs (listing the folder was a hundredth of
    every ``pipeline.run``). Their bytes are still read on every use
    (:func:`load_questionnaire_file`)."""
    return tuple(sorted(builtin_questionnaire_dir().glob("*.toml")))


ASSESSMENT_ONLY = ("questionnaire", "organisation", "respondents", "format", "inputs")
QUESTIONNAIRE_ONLY = ("questions", "id", "version", "title", "dimensions", "sources")


def _questionnaire_key(data: dict) -> str | None:
    """The key that makes ``data`` a questionnaire rather than an assessment, if any: a
    key only questionnaires have, in a file without a ``questionnaire`` key."""
    if "questionnaire" in data:
        return None
    return next((key for key in QUESTIONNAIRE_ONLY if key in data), None)


def file_kind(data: dict, name: str) -> str:
    """``"assessment"`` or ``"questionnaire"``: a file with a ``questionnaire`` key is an
    assessment (it names its questionnaire); else one with a key only questionnaires have
    (``questions``, ``id``, …) is a questionnaire. A file with neither is an error."""
    if _questionnaire_key(data):
        return "questionnaire"
    if any(key in data for key in ASSESSMENT_ONLY):
        return "assessment"
    raise InputError(f"{name}: neither an assessment (it has no 'questionnaire' key) "
                     "nor a questionnaire (it has no 'questions' key)")


def load_assessment_data(path: Path) -> tuple[Assessment, dict]:
    """Load an assessment file without checking it against its questionnaire."""
    data = read_toml(path)
    key = _questionnaire_key(data)
    if key:
        raise InputError(f"{show_path(path)}: this is a questionnaire, not an assessment (it has "
                         f"'{key}' and no 'questionnaire' key); an assessment names its "
                         "questionnaire, e.g. questionnaire = \"four-f\"")
    if len(_SEEN_ANSWERS) > MAX_SEEN_ANSWERS:  # (notes make answers of their own: bounded)
        _SEEN_ANSWERS.clear()
    return validate_as(Assessment, data, path, {SAME_ANSWERS: _SEEN_ANSWERS}), data


MAX_SEEN_ANSWERS = 10_000
_SEEN_ANSWERS: dict[object, Answer] = {}
"""The answers validated in this process, by their file value (see
:meth:`cxassess.models.Answer._one_object_per_value`): answers are immutable, and the same
few values come back in every file (and every time a file is read again), so each is
validated once."""


def apply_aliases(assessment: Assessment, questionnaire: Questionnaire,
                  source: str | Path) -> Assessment:
    """The assessment with answers given under an old question id (a key of the
    questionnaire's ``aliases``) moved to the current id. A respondent who answered
    both the old and the current id is an error."""
    if not questionnaire.aliases or not any(
            qid in questionnaire.aliases for r in assessment.respondents for qid in r.answers):
        return assessment
    respondents = []
    for i, respondent in enumerate(assessment.respondents):
        answers, given_as = {}, {}
        for qid, answer in respondent.answers.items():
            current = questionnaire.aliases.get(qid, qid)
            other = current if current != qid and current in respondent.answers \
                else given_as.get(current)
            if other is not None:
                path = _format_loc(["respondents", i, "answers", qid])
                name = source if isinstance(source, str) else show_path(source)
                how = "under its old and its current id" if current in (qid, other) \
                    else f"{show(current)} under two old ids"
                raise InputError(f"{name}: {path}: answers both {show(qid)} and "
                                 f"{show(other)}, the same question {how}")
            answers[current], given_as[current] = answer, qid
        respondents.append(respondent.model_copy(update={"answers": answers}))
    return assessment.model_copy(update={"respondents": respondents})


def check_against(assessment: Assessment, questionnaire: Questionnaire, source: str | Path) -> None:
    """Check every answer refers to a question of the questionnaire."""
    known = set(questionnaire.question_ids)
    problems = []
    for i, respondent in enumerate(assessment.respondents):
        for qid in respondent.answers:
            if qid not in known:
                path = _format_loc(["respondents", i, "answers", qid])
                problems.append(
                    f"{path}: unknown question id {show(qid)} "
                    f"(not in questionnaire {questionnaire.id!r})"
                )
    if problems:
        name = source if isinstance(source, str) else show_path(source)
        raise InputError(f"{name}: {join_problems(problems)}")


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        # a JSON string is a valid TOML basic string, once DEL is escaped as well
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if type(value) is int:  # levels and importance: the common case, written directly
        return str(value)
    import tomli_w  # only for the rare other values; reading commands never need it

    return tomli_w.dumps({"v": value})[4:].strip()


def dumps_answer(question_id: str, answer: Answer) -> str:
    """One answer's line of :func:`dumps_respondent`."""
    return f"{_toml_value(question_id)} = {_toml_value(answer.to_file())}"


def dumps_respondent(respondent: Respondent, rank: dict[str, int], *,
                     line: Callable[[str, Answer], str] = dumps_answer) -> str:
    """One respondent's ``[[respondents]]`` block of :func:`dumps_assessment` (after the
    blank line that separates it), answers in the order ``rank`` gives, each written by
    ``line`` (the TUI passes a cached :func:`dumps_answer`)."""
    answers = sorted(respondent.answers.items(), key=lambda item: rank.get(item[0], len(rank)))
    return "\n".join(["", "[[respondents]]", f"name = {_toml_value(respondent.name)}",
                      f"department = {_toml_value(respondent.department)}",
                      "[respondents.answers]", *(line(qid, a) for qid, a in answers)])


def dumps_assessment(assessment: Assessment, question_order: Iterable[str] = (), *,
                     block: Callable[[Respondent, dict[str, int]], str] = dumps_respondent
                     ) -> str:
    """The assessment as TOML in the documented layout: one ``[[respondents]]`` block each,
    one line per answer (inline tables), answers in ``question_order`` where given.
    ``block`` writes one respondent's block (the TUI passes a cached one, so a save does
    not re-serialise the respondents that did not change)."""
    doc = assessment.to_file(respondents=False)
    rank = {qid: i for i, qid in enumerate(question_order)}
    lines = [f"{key} = {_toml_value(doc[key])}"
             for key in ("format", "questionnaire", "language", "anonymous", "previous")
             if key in doc]
    for table in ("organisation", "inputs", "roadmap"):
        if doc.get(table):
            lines += ["", f"[{table}]"]
            lines += [f"{_toml_value(k)} = {_toml_value(v)}" if not (k.isascii() and k.isidentifier())
                      else f"{k} = {_toml_value(v)}" for k, v in doc[table].items()]
    lines += [block(r, rank) for r in assessment.respondents]
    return "\n".join(lines) + "\n"


def save_assessment(assessment: Assessment, path: Path, question_order: Iterable[str] = ()) -> None:
    """Write the assessment in the file format, atomically (never over a read-only file)."""
    atomic_write_bytes(path, dumps_assessment(assessment, question_order).encode("utf-8"))
