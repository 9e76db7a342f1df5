"""Reading and writing questionnaire and assessment files.

Every problem with a file becomes one :class:`InputError` whose message names the file
and either the TOML line/column (syntax) or the key path (validation), so the CLI and the
TUI can show it as it is.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import tomli
import tomli_w
from pydantic import BaseModel, ValidationError

from .models import Assessment, Questionnaire

M = TypeVar("M", bound=BaseModel)

PACKAGE_QUESTIONNAIRES = Path(__file__).resolve().parent / "questionnaires"
SOURCE_QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"


class InputError(Exception):
    """A user-facing problem with an input file: the message says what and where."""


def _format_loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = str(part)
            if not key.replace("_", "").isalnum() or not key[:1].isalpha():
                key = f'"{key}"'
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
    """Turn a pydantic error into ``key.path: message`` lines."""
    lines = []
    for err in error.errors(include_url=False):
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
                msg = f"{msg} (got {shown!r})"
        path = _format_loc(_clean_loc(err["loc"], data))
        lines.append(f"{path}: {msg}" if path else msg)
    # de-duplicate while keeping order (unions may repeat a message)
    return "; ".join(dict.fromkeys(lines))


def read_toml(path: Path) -> dict:
    """Parse a TOML file; syntax errors name the file, line and column."""
    try:
        with open(path, "rb") as fh:
            return tomli.load(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except tomli.TOMLDecodeError as exc:
        # tomli >= 2.1 has lineno/colno/msg; older ones keep them in the message.
        lineno, colno = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        msg = getattr(exc, "msg", str(exc))
        where = f"line {lineno}, column {colno}" if lineno else ""
        raise InputError(f"{path}: {where + ': ' if where else ''}invalid TOML: {msg}") from None


def validate_as(model: type[M], data: Any, source: str | Path) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {format_validation_error(exc, data)}") from None


def load_questionnaire_file(path: Path) -> Questionnaire:
    return validate_as(Questionnaire, read_toml(path), path)


def builtin_questionnaire_dir() -> Path:
    """Where the built-in questionnaires are: inside the installed package (wheel) or the
    source tree (editable install)."""
    if PACKAGE_QUESTIONNAIRES.is_dir():
        return PACKAGE_QUESTIONNAIRES
    return SOURCE_QUESTIONNAIRES


def builtin_questionnaire_files() -> list[Path]:
    return sorted(builtin_questionnaire_dir().glob("*.toml"))


def load_assessment_data(path: Path) -> tuple[Assessment, dict]:
    """Load an assessment file without checking it against its questionnaire."""
    data = read_toml(path)
    return validate_as(Assessment, data, path), data


def check_against(assessment: Assessment, questionnaire: Questionnaire, source: str | Path) -> None:
    """Check every answer refers to a question of the questionnaire."""
    known = set(questionnaire.question_ids)
    problems = []
    for i, respondent in enumerate(assessment.respondents):
        for qid in respondent.answers:
            if qid not in known:
                path = _format_loc(["respondents", i, "answers", qid])
                problems.append(
                    f"{path}: unknown question id {qid!r} "
                    f"(not in questionnaire {questionnaire.id!r})"
                )
    if problems:
        raise InputError(f"{source}: " + "; ".join(problems))


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        # a JSON string is a valid TOML basic string, once DEL is escaped as well
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return tomli_w.dumps({"v": value})[4:].strip()


def dumps_assessment(assessment: Assessment, question_order: Iterable[str] = ()) -> str:
    """The assessment as TOML in the documented layout: one ``[[respondents]]`` block each,
    one line per answer (inline tables), answers in ``question_order`` where given."""
    doc = assessment.to_file()
    rank = {qid: i for i, qid in enumerate(question_order)}
    lines = [f"{key} = {_toml_value(doc[key])}"
             for key in ("format", "questionnaire", "language", "anonymous") if key in doc]
    for table in ("organisation", "inputs"):
        if doc.get(table):
            lines += ["", f"[{table}]"]
            lines += [f"{_toml_value(k)} = {_toml_value(v)}" if not k.isidentifier()
                      else f"{k} = {_toml_value(v)}" for k, v in doc[table].items()]
    for respondent in doc["respondents"]:
        lines += ["", "[[respondents]]", f"name = {_toml_value(respondent['name'])}",
                  f"department = {_toml_value(respondent['department'])}",
                  "[respondents.answers]"]
        answers = sorted(respondent["answers"].items(),
                         key=lambda item: rank.get(item[0], len(rank)))
        lines += [f"{_toml_value(qid)} = {_toml_value(v)}" for qid, v in answers]
    return "\n".join(lines) + "\n"


def save_assessment(assessment: Assessment, path: Path, question_order: Iterable[str] = ()) -> None:
    """Write the assessment in the file format, atomically."""
    atomic_write_bytes(path, dumps_assessment(assessment, question_order).encode("utf-8"))


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so the file is either the old one or the new one,
    never half-written: temporary file in the same folder, fsync, rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write ({exc.strerror})") from None
        raise
    _fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
