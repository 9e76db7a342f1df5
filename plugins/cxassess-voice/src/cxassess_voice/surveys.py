"""Reading NPS and CSAT survey exports and computing the figures. No cxassess imports.

A survey export is a CSV file with a header line and one response per line. The answer
is in the column ``score`` (another name can be given); other columns (respondent id,
date, touchpoint …) are ignored, except a ``date`` column in ISO format (``2024-03-18``),
whose first and last dates are reported. Commas, semicolons (Danish Excel) and tabs are
all recognised as separators; UTF-8 (with or without BOM) and Windows-1252 both read.

- **NPS**: "How likely are you to recommend us to a friend or family member?", a whole
  number 0..10. Promoters answer 9–10, passives 7–8, detractors 0–6;
  NPS = % promoters − % detractors, from −100 to 100.
- **CSAT**: "How satisfied are you with the service you received today?", a whole
  number 1..5 (1 very dissatisfied … 5 very satisfied). Satisfied means 4 or 5;
  CSAT = the share of satisfied answers, 0..100 %.

A blank answer cell is a customer who skipped the question: it is left out and counted.
Anything else that is not a whole number on the scale is an error naming the file and
the line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_COLUMN = "score"
DATE_COLUMN = "date"

NPS_SCALE = (0, 10)
NPS_PROMOTER = 9  # 9–10
NPS_DETRACTOR = 6  # 0–6
CSAT_SCALE = (1, 5)
CSAT_SATISFIED = 4  # 4–5


_WHOLE = re.compile(r"[+-]?\d+(?:[.,]0+)?")
_DECIMAL = re.compile(r"[+-]?\d*[.,]\d+")


class SurveyError(ValueError):
    """A survey file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Survey:
    """The answers read from one survey export."""

    path: Path
    column: str
    scores: tuple[int, ...]
    blank: int = 0
    first_date: str | None = None
    last_date: str | None = None

    @property
    def responses(self) -> int:
        return len(self.scores)


@dataclass(frozen=True)
class NPS:
    responses: int
    promoters: int
    passives: int
    detractors: int

    def share(self, count: int) -> float:
        return 100 * count / self.responses

    @property
    def value(self) -> float:
        """% promoters − % detractors, −100..100."""
        return self.share(self.promoters) - self.share(self.detractors)

    @property
    def score(self) -> float:
        """The NPS mapped linearly onto 0..100: −100 → 0, 0 → 50, 100 → 100."""
        return (self.value + 100) / 2


@dataclass(frozen=True)
class CSAT:
    responses: int
    satisfied: int

    @property
    def value(self) -> float:
        """The share of satisfied answers (4–5 of 5), 0..100 %."""
        return 100 * self.satisfied / self.responses

    @property
    def score(self) -> float:
        """CSAT is already 0..100: the score is the percentage itself."""
        return self.value


def nps(scores: tuple[int, ...] | list[int]) -> NPS:
    promoters = sum(1 for s in scores if s >= NPS_PROMOTER)
    detractors = sum(1 for s in scores if s <= NPS_DETRACTOR)
    return NPS(len(scores), promoters, len(scores) - promoters - detractors, detractors)


def csat(scores: tuple[int, ...] | list[int]) -> CSAT:
    return CSAT(len(scores), sum(1 for s in scores if s >= CSAT_SATISFIED))


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SurveyError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise SurveyError(f"{path}: is a folder, not a CSV file") from None
    except OSError as exc:
        raise SurveyError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _text(raw)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _iso_date(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def read_survey(path: Path, scale: tuple[int, int], *, survey: str,
                column: str = DEFAULT_COLUMN, raw: bytes | None = None) -> Survey:
    """Read the answers of ``column`` from a CSV export, checking each is a whole number
    within ``scale``. ``survey`` ("NPS", "CSAT") is used in the messages. ``raw``: the
    file's bytes when the caller has read them already (the plugin reads them with
    cxassess's bounded reader); else the file at ``path`` is read."""
    path = Path(path)
    text = _decode(path) if raw is None else _text(raw)
    low, high = scale
    if not text.strip():
        raise SurveyError(f"{path}: the file is empty; expected a header line with a "
                          f"{column!r} column and one {survey} response per line")
    first_line = next(line for line in text.splitlines() if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    header: list[str] | None = None
    index = date_index = -1
    scores: list[int] = []
    dates: list[str] = []
    blank = 0
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if column.lower() not in header:
                shown = ", ".join(cell.strip() for cell in row)
                raise SurveyError(
                    f"{path}, line {line}: no column {column!r} (the columns are: {shown}); "
                    f"name the {survey} answer column {column!r}, or say which column holds "
                    f"it with {survey.lower()}_column = \"…\" in the assessment's [inputs]")
            index = header.index(column.lower())
            date_index = header.index(DATE_COLUMN) if DATE_COLUMN in header else -1
            continue
        if index >= len(row):
            raise SurveyError(f"{path}, line {line}: the line has {len(row)} value(s) but no "
                              f"{column!r} value (column {index + 1} of {len(header)})")
        cell = row[index].strip()
        if not cell:
            blank += 1
            continue
        if _WHOLE.fullmatch(cell):
            value = int(re.split(r"[.,]", cell)[0])
        elif _DECIMAL.fullmatch(cell):
            raise SurveyError(f"{path}, line {line}: {cell} in column {column!r} is not a "
                              f"whole number; {survey} answers are whole numbers {low}–{high}")
        else:
            raise SurveyError(f"{path}, line {line}: {cell!r} in column {column!r} is not a "
                              f"number; {survey} answers are whole numbers {low}–{high}")
        if not low <= value <= high:
            raise SurveyError(f"{path}, line {line}: {cell} in column {column!r} is outside "
                              f"the {survey} scale {low}–{high}")
        scores.append(value)
        if 0 <= date_index < len(row) and (d := _iso_date(row[date_index])):
            dates.append(d)
    if not scores:
        what = "only blank answers" if blank else "only a header line"
        raise SurveyError(f"{path}: no {survey} responses ({what}); expected one response "
                          f"per line under the header")
    return Survey(path, column, tuple(scores), blank,
                  min(dates) if dates else None, max(dates) if dates else None)
