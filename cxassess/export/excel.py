"""The executive workbook: ``cxassess export FILE -o OUT.xlsx``.

With the sheet modules in :mod:`cxassess.export.workbook`, the only code that imports
openpyxl. It renders the Report and the Roadmap the core computed and computes nothing of
its own: every score, gap, priority and phase comes from ``cxassess.pipeline.Result``; the
workbook only picks the words, the layout and the colours.

Seven sheets, named in the report's language:

=========  ========  ====================================================================
en         da        holds
=========  ========  ====================================================================
Summary    Overblik  who and when, the current stage in a sentence, stage scores (bar
                     chart), dimensions (radar chart), the top five priorities, why the
                     roadmap starts with Understand and never with Seduce
Roadmap    Køreplan  the phases in order, each initiative a two-row card (stage, dimension,
                     priority, empty Owner / Due / Status with a Status drop-down, then
                     why), phase columns at the right shaded where it runs: a timeline;
                     a hidden Id column; with ``previous``, the work carried over and
                     "Done since the last assessment" (:mod:`.workbook.carry`)
Scores     Scorer    every stage and dimension: score, coverage, answered/total, scorer,
                     findings
Departments Afdelinger  stage and dimension scores per department (heat map), respondents
                     per department, the questions the departments disagree on most
Gaps       Forskel   importance versus current level, largest gaps first, with a chart
Responses  Svar      every answer of every respondent
Method     Metode    questionnaire, plugins, mastery bar, the four stages, sources
=========  ========  ====================================================================

To add a sheet: write a module in :mod:`cxassess.export.workbook` with ``NAME`` (the sheet's
name by language) and ``write(wb, result, t)`` (build on ``workbook.styles``: ``Sheet``,
``put``, the palette; words in ``workbook.labels`` or the module itself), and list it in
``SHEET_MODULES`` below, in workbook order.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from .. import __version__
from ..errors import show_path
from ..loading import InputError, atomic_write_bytes
from .workbook import carry, departments, gaps, method, responses, roadmap, scores, summary
from .workbook.carry import CREATOR, CarryOver, PreviousWork, read_previous
from .workbook.labels import T
from .workbook.styles import STAGE_COLOURS, clean_text
from .workbook.writer import ExportWorkbook

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Result

__all__ = ["SHEETS", "STAGE_COLOURS", "CarryOver", "PreviousWork", "build_workbook", "read_previous",
           "replace_workbook", "write_workbook", "workbook_bytes"]

SHEET_MODULES = (summary, roadmap, scores, departments, gaps, responses, method)
"""The sheets, in workbook order; the first fills the workbook's initial sheet."""

SHEETS = {lang: {m.__name__.rsplit(".", 1)[1]: m.NAME[lang] for m in SHEET_MODULES}
          for lang in ("en", "da")}
"""Sheet names by language, in workbook order."""


def build_workbook(result: Result, previous: PreviousWork | None = None) -> ExportWorkbook:
    """The executive workbook of one scored and planned assessment, in its language;
    with ``previous`` (:func:`read_previous`), the executive's Owner, Due and Status of
    an earlier workbook carried over by initiative id. Streamed sheets (Responses) get
    their rows only when it is saved."""
    report = result.report
    lang = report.language if report.language in T else "en"
    t = T[lang]
    wb = ExportWorkbook()
    for sheet in SHEET_MODULES:
        sheet.write(wb, result, t)
    if previous is not None:
        wb.carried = carry.apply(wb, result, previous, t)
    wb.active = 0
    set_properties(wb, lang, f"{t['title']}: {report.organisation}",
                   f"{report.questionnaire.get('title', '')} "
                   f"({report.questionnaire.get('id', '')} "
                   f"{report.questionnaire.get('version', '')})")
    return wb


def own_properties(wb: Workbook, lang: str, title: str) -> None:
    """The document properties every .xlsx cxassess writes carries (workbooks and fill-in
    forms): its title, cleaned and cut to Excel's 250 characters, its language, and
    cxassess as its creator (``export --previous`` checks it)."""
    props = wb.properties
    props.title = clean_text(title)[:250]
    props.creator = f"{CREATOR} {__version__}"
    props.lastModifiedBy = f"{CREATOR} {__version__}"
    props.language = "da-DK" if lang == "da" else "en-GB"


def set_properties(wb: Workbook, lang: str, title: str, description: str = "") -> None:
    """The document properties of an assessment's workbooks: :func:`own_properties`,
    and the subject, description and keywords."""
    own_properties(wb, lang, title)
    props = wb.properties
    props.subject = T[lang]["subject"]
    props.description = clean_text(description)
    props.keywords = "customer experience, CX, maturity, four Fs, roadmap" if lang == "en" \
        else "kundeoplevelse, CX, modenhed, de fire F'er, køreplan"


def workbook_bytes(result: Result) -> bytes:
    """The .xlsx file's bytes."""
    buffer = io.BytesIO()
    build_workbook(result).save(buffer)
    return buffer.getvalue()


def write_workbook(result: Result, path: Path, previous: PreviousWork | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Write the workbook to ``path`` atomically: a failed export leaves an earlier file
    at ``path`` untouched. A missing folder or an unwritable path is an ``InputError``.
    ``previous``: the work to carry over (see :func:`build_workbook`); ``progress`` is
    called with (rows written, rows in all) while streamed rows are written. Returns what
    the carry-over did (:class:`~.workbook.carry.CarryOver`), None without ``previous``."""
    wb = build_workbook(result, previous)
    wb.progress = progress
    save_workbook(wb, path)
    return wb.carried


def replace_workbook(result: Result, path: Path,
                     progress: Callable[[int, int], None] | None = None) -> CarryOver | None:
    """Export to ``path``, replacing a workbook there, as the terminal app does once the
    user agreed to replace it and ``cxassess export`` does without ``--previous``: the
    Owner, Due and Status typed into a cxassess workbook being replaced are carried over
    by initiative id. Any other file there is replaced, with nothing to carry over (the
    CarryOver returned says so). None when there was no file to replace."""
    path = Path(path)
    if not path.is_file():
        return write_workbook(result, path, progress=progress)
    try:
        previous = read_previous(path)
    except InputError:
        write_workbook(result, path, progress=progress)
        return CarryOver(show_path(path.name), unreadable=True)
    previous.source = show_path(path.name)  # the file just written: its name is enough
    return write_workbook(result, path, previous, progress=progress)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save ``wb`` to ``path`` atomically (see :func:`write_workbook`)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
