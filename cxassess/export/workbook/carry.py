"""Carrying the executive's roadmap work over to a new workbook
(``cxassess export NEW -o OUT.xlsx --previous OLD.xlsx``).

The Roadmap sheet has a hidden column headed ``Id`` holding each initiative's id
(``<stage>-<dimension>``, the same from one assessment to the next). :func:`read_previous`
reads the Owner, Due and Status the executive typed into an earlier workbook, by id, and
what each initiative was planned for (a second hidden column, ``Questions``: its questions
and the level each was to reach; a third, ``Includes``, the initiatives taken into the
card, which share its work); :func:`apply` decides done, open and new as ``cxassess
compare`` does (:func:`cxassess.compare.progress`), writes the work of every initiative
still open onto the card that continues it in the new workbook's Roadmap sheet (several
merged into one card: the first's on the card, the others' in a comment), lists the
earlier initiatives now done under "Done since the last assessment", with Status "Done"
and their owners (a status typed other than Done kept in a comment), and the open ones no
card continues under "Still open from the last assessment, not on this roadmap", with
their work and id. A new initiative starts blank, also one under the id of earlier work now done
(it is other questions, or a higher target). A status is carried over by its meaning
(:func:`status_meaning`: either language, the older Danish "Færdig", any case and
spacing) as the new workbook's word for it; one cxassess does not know is carried over as
typed, with a comment on its cell, and reported. A file that is not a workbook cxassess
wrote is an :class:`InputError`.
"""

from __future__ import annotations

import datetime as _dt
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...celltext import clean_text
from ...compare import progress
from ...errors import InputError, show, shorten, show_path
from ...files import read_bytes
from ...models import STAGE_LABELS
from ...xlsxfile import open_xlsx
from . import roadmap
from .labels import OLDER_STATUSES, STATUSES, T
from .pages import Pages
from .styles import BOX, INPUT, MUTED, TOP, WRAP, Sheet, font_style, put, stage_cell

if TYPE_CHECKING:  # pragma: no cover
    from ...pipeline import Result

CREATOR = "cxassess"
"""A workbook cxassess wrote has a creator property starting with this."""

WORDS = {"en": {"done_title": "Done since the last assessment",
                "done_note": "Initiatives of the previous roadmap that are now done: every "
                             "question they were planned for has reached the level it was "
                             "to reach (3 of 4; 4 where the roadmap raised the target).",
                "unknown_status": "Carried over as typed in the previous workbook ({cell}): "
                                  "not one of the statuses listed ({listed}).",
                "done_was": "Typed as “{status}” in the previous workbook ({cell}); this "
                            "assessment shows the work done.",
                "stranded_title": "Still open from the last assessment, not on this roadmap",
                "stranded_note": "Initiatives of the previous roadmap that are not done and "
                                 "that no initiative of this roadmap continues: a question "
                                 "they were planned for is no longer answered, or it now "
                                 "meets this roadmap's target without reaching the level it "
                                 "was planned to reach. Decide whether to finish or drop them.",
                "also": "Also continues {id} of the previous workbook: {work}",
                "not_done": "Marked Done in the previous workbook, but this assessment "
                            "still shows a question it was planned for below the level it "
                            "was to reach.",
                "told_carried": "Carried over from {source}: the Owner, Due or Status of "
                                "{cards} initiative(s) of this roadmap.",
                "told_listed": "Listed below the roadmap: {done} initiative(s) done since "
                               "the last assessment, {stranded} still open and not on this "
                               "roadmap.",
                "told_unknown": "{cell}: the status “{status}” of {id} is not one cxassess "
                                "knows: carried over as typed, with a comment.",
                "told_not_done": "{id} is marked Done, but a question it was planned for is "
                                 "still below the level it was to reach (a comment says so).",
                "told_unreadable": "Nothing was carried over: {source} is not a workbook "
                                   "exported by cxassess.",
                "told_other": "The earlier workbook is of {then}, this assessment of {now}: "
                              "its work is carried over by initiative id all the same.",
                "told_copy": "{cell}: a second card with id {id}; only the first card's "
                             "Owner, Due and Status are carried over."},
         "da": {"done_title": "Gennemført siden sidste vurdering",
                "done_note": "Initiativer fra den forrige køreplan, der nu er gennemført: "
                             "Alle de spørgsmål, de var planlagt for, har nået det niveau, "
                             "de skulle nå (3 af 4; 4 hvor køreplanen hævede målet).",
                "unknown_status": "Overført, som det var skrevet i den forrige projektmappe "
                                  "({cell}): ikke en af de statusser, der er på listen "
                                  "({listed}).",
                "done_was": "Skrevet som “{status}” i den forrige projektmappe ({cell}); "
                            "denne vurdering viser arbejdet gennemført.",
                "stranded_title": "Stadig åbne fra sidste vurdering, ikke på denne køreplan",
                "stranded_note": "Initiativer fra den forrige køreplan, der ikke er "
                                 "gennemført, og som intet initiativ på denne køreplan "
                                 "fører videre: Et spørgsmål, de var planlagt for, er ikke "
                                 "længere besvaret, eller det når nu denne køreplans mål "
                                 "uden at nå det niveau, det skulle nå. Beslut, om I gør dem "
                                 "færdige eller dropper dem.",
                "also": "Fører også {id} fra den forrige projektmappe videre: {work}",
                "not_done": "Markeret som gennemført i den forrige projektmappe, men denne "
                            "vurdering viser stadig et spørgsmål, det var planlagt for, under "
                            "det niveau, det skulle nå.",
                "told_carried": "Overført fra {source}: Ansvarlig, Frist eller Status for "
                                "{cards} initiativ(er) på denne køreplan.",
                "told_listed": "Listet under køreplanen: {done} initiativ(er) gennemført "
                               "siden sidste vurdering, {stranded} stadig åbne og ikke på "
                               "denne køreplan.",
                "told_unknown": "{cell}: cxassess kender ikke status “{status}” for {id}; "
                                "den er overført, som den var skrevet, med en kommentar.",
                "told_not_done": "{id} er markeret som gennemført, men et spørgsmål, det var "
                                 "planlagt for, er stadig under det niveau, det skulle nå "
                                 "(en kommentar siger det).",
                "told_unreadable": "Intet blev overført, for {source} er ikke en "
                                   "projektmappe eksporteret af cxassess.",
                "told_other": "Den forrige projektmappe er for {then}, denne vurdering "
                              "for {now}: Arbejdet er alligevel overført efter initiativ-id.",
                "told_copy": "{cell}: endnu et kort med id {id}; kun det første korts "
                             "Ansvarlig, Frist og Status er overført."}}

HEADER_ROWS = 40
"""The Roadmap sheet's header row is among its first rows (row 3 as written; an executive
may have inserted rows above it)."""


@dataclass(frozen=True)
class Work:
    """What the executive typed for one initiative, with its title and stage as shown."""

    id: str
    plan: dict[str, float] = field(default_factory=dict)
    """What it was planned for: question id → the level to reach (see
    :func:`cxassess.compare.planned`)."""
    title: str = ""
    stage: str = ""
    dimension: str = ""
    owner: Any = None
    due: Any = None
    status: Any = None
    status_cell: str = ""
    """Where the status was typed (``Roadmap!H12``), for a status cxassess does not know."""
    carried_in: str = ""
    """For an initiative taken into another's card (its Includes cell), that card's id:
    the work typed on the card is its work too."""

    @property
    def typed(self) -> bool:
        """Whether the executive typed any work for it."""
        return not all(_blank(v) for v in (self.owner, self.due, self.status))

    @property
    def meaning(self) -> str | None:
        """The status's meaning (a key of :data:`~.labels.STATUSES`), ``None`` when blank
        or not a status cxassess knows."""
        return status_meaning(self.status)



@dataclass
class PreviousWork:
    """The work of an earlier workbook, by initiative id, in its row order."""

    source: str
    items: dict[str, Work] = field(default_factory=dict)
    organisation: str = ""
    """The organisation the earlier workbook is of (from its title), "" when unknown."""
    copies: list[tuple[str, str]] = field(default_factory=list)
    """Each card read past, as (its Id cell, the id): a second card with an id already
    read (a card the executive copied), whose work is not carried over."""


@dataclass
class CarryOver:
    """What a carry-over did, for the user to hear (:meth:`told`): the cards of the new
    roadmap that got earlier work, the earlier initiatives listed as done and those listed
    as still open on no card, the statuses carried over as typed because cxassess does not
    know them, and the cards marked Done that the assessment does not show done; or, with
    ``unreadable``, that the file replaced was not a workbook cxassess wrote."""

    source: str
    cards: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    stranded: list[str] = field(default_factory=list)
    unknown: list[Work] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)
    organisations: tuple[str, str] | None = None
    """The earlier workbook's organisation and this assessment's, when they differ."""
    unreadable: bool = False
    copies: list[tuple[str, str]] = field(default_factory=list)
    """The earlier workbook's cards read past (see :attr:`PreviousWork.copies`)."""

    @property
    def attention(self) -> bool:
        """Whether something could not be carried over as it was, or waits for a decision:
        nothing read, a copied card read past, a status kept as typed, Done the assessment
        does not show, or open work on no card."""
        return bool(self.unreadable or self.copies or self.unknown or self.not_done
                    or self.stranded or self.organisations)

    @property
    def notes(self) -> list[str]:
        """The command line's warning lines: an earlier workbook of another organisation,
        each card read past, and each status carried over as typed."""
        other = [f"{self.source}: the earlier workbook is of {show(self.organisations[0])}, "
                 f"this assessment of {show(self.organisations[1])}; its Owner, Due and "
                 "Status are carried over by initiative id all the same"] \
            if self.organisations else []
        copies = [f"{self.source}: {cell}: a second card with id {show(id_)}; only the first "
                  "card's Owner, Due and Status are carried over" for cell, id_ in self.copies]
        return other + copies + [
            f"{self.source}: {w.status_cell}: the status {show(w.status)} of {w.id} is not one "
            "cxassess knows; it is carried over as typed, with a comment on its cell"
            for w in self.unknown]

    def told(self, language: str, warned: bool = True) -> list[str]:
        """What was carried over and what could not be, a line each, in ``language``;
        with what :attr:`notes` warns of only when ``warned`` (the command line prints
        those as its warnings)."""
        w = WORDS["da" if language == "da" else "en"]
        if self.unreadable:
            return [w["told_unreadable"].format(source=self.source)]
        kept, copies = (self.unknown, self.copies) if warned else ([], [])
        other = [w["told_other"].format(then=self.organisations[0], now=self.organisations[1])] \
            if self.organisations and warned else []
        listed = [w["told_listed"].format(done=len(self.done), stranded=len(self.stranded))] \
            if self.done or self.stranded else []
        return [*other, w["told_carried"].format(source=self.source, cards=len(self.cards)),
                *(w["told_copy"].format(cell=cell, id=id_) for cell, id_ in copies),
                *listed,
                *(w["told_unknown"].format(cell=u.status_cell, status=shorten(str(u.status), 40),
                                           id=u.id) for u in kept),
                *(w["told_not_done"].format(id=i) for i in self.not_done)]


def _fold(text: str) -> str:
    """A status as compared: case and spacing as an executive types them do not count."""
    return " ".join(text.split()).casefold()


MEANINGS = {_fold(label): key for labels in STATUSES.values() for key, label in labels.items()}
MEANINGS.update((_fold(label), key) for label, key in OLDER_STATUSES.items())


def status_meaning(value: Any) -> str | None:
    """What a typed status means — ``not_started``, ``in_progress``, ``done`` or
    ``on_hold`` — in either language or an earlier spelling, whatever its case and
    surrounding or repeated spaces; ``None`` for anything else."""
    return MEANINGS.get(_fold(value)) if isinstance(value, str) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _labels(key: str) -> set[str]:
    return {_fold(T[lang][key]) for lang in T}


def _layout(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """The header row of a Roadmap sheet and its columns (id, initiative, stage,
    dimension, owner, due, status), found by their headers in either language."""
    wanted = {"initiative": _labels("initiative"), "stage": _labels("stage"),
              "dimension": _labels("dimension"), "owner": _labels("owner"),
              "due": _labels("due"), "status": _labels("status"),
              "id": {_fold(roadmap.ID_HEADER)}}
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_ROWS), start=1):
        columns: dict[str, int] = {}
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            for key, names in wanted.items():
                if _fold(cell.value) in names and key not in columns:
                    columns[key] = cell.column
        if len(columns) == len(wanted):
            for key, header in (("questions", roadmap.QUESTIONS_HEADER),
                                ("includes", roadmap.INCLUDES_HEADER)):
                found = next((c.column for c in row if isinstance(c.value, str)
                              and _fold(c.value) == _fold(header)), None)
                if found is not None:  # workbooks of before it had none
                    columns[key] = found
            return number, columns
    return None


def _roadmap_sheet(wb: Workbook) -> Worksheet | None:
    for name in roadmap.NAME.values():
        if name in wb.sheetnames:
            return wb[name]
    return None


def _found_roadmap(wb: Workbook) -> tuple[Worksheet, tuple[int, dict[str, int]]] | None:
    """The Roadmap sheet of an earlier workbook and its layout: by its name, else the
    first sheet laid out as one (the executive may have renamed it)."""
    named = _roadmap_sheet(wb)
    for ws in ([named] if named is not None else []) + [w for w in wb.worksheets
                                                          if w is not named]:
        layout = _layout(ws)
        if layout is not None:
            return ws, layout
    return None


def read_previous(path: str | Path) -> PreviousWork:
    """The Owner, Due and Status of every initiative in an earlier cxassess workbook."""
    name = show_path(path)
    archive = open_xlsx(read_bytes(path), name)  # bounded: parts, unpacked size, no DTD
    try:
        with warnings.catch_warnings():  # openpyxl's about odd parts: not the user's concern
            warnings.simplefilter("ignore")
            return _read_previous(archive, name)
    except InputError:
        raise
    except Exception as exc:  # whatever a damaged file makes openpyxl raise: one line
        raise InputError(f"{name}: not a readable Excel workbook ({type(exc).__name__}: "
                         f"{shorten(str(exc), 120)}); nothing was written") from None


def _read_previous(archive: zipfile.ZipFile, name: str) -> PreviousWork:
    # read-only: only the Roadmap sheet is read, row by row, never the (large) Responses
    wb = load_workbook(archive.fp, read_only=True, data_only=True)
    found = _found_roadmap(wb)
    if not str(wb.properties.creator or "").startswith(CREATOR) or found is None:
        raise InputError(f"{name}: not an executive workbook exported by cxassess (no "
                         "Roadmap sheet with initiative ids); nothing was written")
    ws, (header, col) = found
    # the title is "<workbook title>: <organisation>" (see excel.build_workbook)
    previous = PreviousWork(name, organisation=str(wb.properties.title or "").partition(": ")[2])
    status_column = get_column_letter(col["status"])
    for number, row in enumerate(ws.iter_rows(min_row=header + 1), start=header + 1):
        cells = {key: row[c - 1].value if c - 1 < len(row) else None for key, c in col.items()}
        initiative = cells["id"]
        if not isinstance(initiative, str) or not initiative.strip():
            continue
        initiative = initiative.strip()
        if initiative in previous.items:  # a card the executive copied
            previous.copies.append((f"{ws.title}!{get_column_letter(col['id'])}{number}",
                                    initiative))
            continue
        entered = dict(owner=cells["owner"], due=cells["due"], status=cells["status"],
                       status_cell=f"{ws.title}!{status_column}{number}")
        previous.items[initiative] = Work(
            id=initiative,
            plan=roadmap.read_plan(cells.get("questions")),
            title=str(cells["initiative"] or ""),
            stage=str(cells["stage"] or ""), dimension=str(cells["dimension"] or ""),
            **entered)
        for taken in roadmap.read_included(cells.get("includes")):  # carried in this card
            previous.items.setdefault(taken["id"].strip(), Work(
                id=taken["id"].strip(), plan=roadmap.read_plan(taken["plan"]),
                title=taken["title"], stage=taken["stage"], dimension=taken["dimension"],
                carried_in=initiative, **entered))
    return previous


def _value(value: Any) -> Any:
    """A typed value as it goes back into a cell (a date stays a date)."""
    if isinstance(value, _dt.datetime) and value.time() == _dt.time():
        return value.date()
    return value


def apply(wb: Workbook, result: Result, previous: PreviousWork, t: dict) -> CarryOver:
    """Write the carried-over work into ``wb``'s Roadmap sheet (see the module docstring);
    returns what was carried over and what could not be."""
    carried = CarryOver(previous.source, copies=previous.copies)
    ws = _roadmap_sheet(wb)
    layout = _layout(ws) if ws is not None else None
    if layout is None:  # pragma: no cover - the sheet module always writes the header
        return carried
    header, col = layout
    lang = result.report.language if result.report.language in STATUSES else "en"
    aliases = result.loaded.questionnaire.aliases
    moved = progress({w.id: w.plan for w in previous.items.values()}, result.report,
                     result.roadmap, aliases)
    organisation = clean_text(result.report.organisation)
    if previous.organisation and not organisation.startswith(previous.organisation):
        carried.organisations = (previous.organisation, organisation)
    for row in range(header + 1, ws.max_row + 1):
        initiative = str(ws.cell(row, col["id"]).value or "")
        # the open earlier work this card continues (what was typed on one earlier card
        # once: work taken into a card shares its typing); new work starts blank
        cards: dict[str, Work] = {}
        for k in moved.continued.get(initiative, ()):
            if previous.items[k].typed:
                cards.setdefault(previous.items[k].carried_in or k, previous.items[k])
        typed = list(cards.values())
        if not typed:
            continue
        carried.cards.append(initiative)
        work = typed[0]
        for key in ("owner", "due"):
            if not _blank(getattr(work, key)):
                put(ws, row, col[key], _value(getattr(work, key)))
        if not _blank(work.status):
            carried.unknown += _status(ws, row, col["status"], work, lang)
            if work.meaning == "done":  # marked done, but the assessment says otherwise
                ws.cell(row, col["status"]).comment = Comment(
                    WORDS[lang]["not_done"], CREATOR, width=260, height=110)
                carried.not_done.append(initiative)
        if typed[1:]:  # several earlier initiatives merged into this one: none is lost
            also = "\n".join(WORDS[lang]["also"].format(id=w.id, work=_shown(w, lang))
                             for w in typed[1:])
            ws.cell(row, col["owner"]).comment = Comment(also, CREATOR, width=300, height=120)
    carried.done = [k for k, v in moved.status.items() if v == "done"]
    carried.stranded = list(moved.stranded)
    for key, ids in (("done", carried.done), ("stranded", carried.stranded)):
        if ids:
            carried.unknown += _section(ws, lang, result.report.organisation, (header, col),
                                        [previous.items[k] for k in ids], t, key)
    # one status cell, told of once (a card and the work taken into it share it)
    once: dict[str, Work] = {}
    for w in carried.unknown:
        once.setdefault(w.status_cell, w)
    carried.unknown = list(once.values())
    return carried


def _shown(work: Work, lang: str) -> str:
    """An earlier initiative's typed work in one line, for a comment."""
    status = STATUSES[lang][work.meaning] if work.meaning else work.status
    due = _value(work.due)
    due = due.isoformat() if isinstance(due, _dt.date) else due
    return " · ".join(str(v) for v in (work.owner, due, status) if not _blank(v))


def _status(ws: Worksheet, row: int, col: int, work: Work, lang: str,
            **style: Any) -> list[Work]:
    """The status carried over into the Status cell: by meaning, in the new workbook's
    words (one of its drop-down's values); one cxassess does not know as typed, with a
    comment that says so, and its work returned (for the user to hear of)."""
    if work.meaning is not None:
        put(ws, row, col, STATUSES[lang][work.meaning], **style)
        return []
    put(ws, row, col, _value(work.status), **style)
    note = WORDS[lang]["unknown_status"].format(cell=work.status_cell,
                                                listed=", ".join(STATUSES[lang].values()))
    ws.cell(row, col).comment = Comment(note, CREATOR, width=260, height=110)
    return [work]


def _section(ws: Worksheet, lang: str, organisation: str,
             layout: tuple[int, dict[str, int]], works: list[Work], t: dict,
             key: str) -> list[Work]:
    """A list below the roadmap (whose ``layout`` is its header row and columns) of
    earlier initiatives with their typed work: ``done`` (Status Done; no id, so they are
    not listed again next time) or ``stranded`` (still open, on no card of this roadmap:
    their status as typed, and their id and plan kept in the hidden columns, so a later
    workbook can follow them again). Printed on one page where it fits on one."""
    w = WORDS[lang]
    header, col = layout
    widths = [ws.column_dimensions[get_column_letter(c)].width or 9
              for c in range(1, col["id"] + 1)]
    sheet = Sheet(ws, widths, lang, organisation)  # the same widths and set-up again
    ws.column_dimensions[get_column_letter(col["id"])].hidden = True
    last = col["id"] - 1
    pages = Pages(sheet, title_rows=header)  # on from the roadmap's pages
    first = ws.max_row + 2
    row = sheet.heading(first, w[f"{key}_title"], 1, last)
    sheet.merge(row, 1, last, w[f"{key}_note"], font=font_style(9.5, False, MUTED, italic=True),
                align=WRAP)
    sheet.fit(row, [(1, last, w[f"{key}_note"], 9.5)])
    row += 1
    sheet.header(row, [(col["initiative"], col["initiative"], t["initiative"]),
                       (col["stage"], col["stage"], t["stage"]),
                       (col["dimension"], col["dimension"], t["dimension"]),
                       (col["owner"], col["owner"], t["owner"]),
                       (col["due"], col["due"], t["due"]),
                       (col["status"], col["status"], t["status"])])
    unknown: list[Work] = []
    for work in works:
        row += 1
        put(ws, row, col["initiative"], work.title, font=font_style(10.5), align=WRAP,
            border=BOX)
        stage = next((k for k, names in STAGE_LABELS.items() if work.stage in names.values()),
                     None)
        if stage is not None:
            stage_cell(sheet, row, col["stage"], stage)
        else:
            put(ws, row, col["stage"], work.stage, font=font_style(10), align=TOP, border=BOX)
        put(ws, row, col["dimension"], work.dimension, font=font_style(10), align=WRAP,
            border=BOX)
        put(ws, row, col["owner"], _value(work.owner), font=font_style(10), align=WRAP,
            border=BOX, fill=INPUT)
        put(ws, row, col["due"], _value(work.due), font=font_style(10), align=TOP, border=BOX,
            fill=INPUT, fmt="yyyy-mm-dd" if lang == "en" else "dd-mm-yyyy")
        if key == "done":
            put(ws, row, col["status"], STATUSES[lang]["done"],
                font=font_style(10, True, "3C8D5A"), align=TOP, border=BOX, fill=INPUT)
            if not _blank(work.status) and work.meaning != "done":  # what was typed stays
                ws.cell(row, col["status"]).comment = Comment(
                    WORDS[lang]["done_was"].format(status=shorten(str(work.status).strip(), 200),
                                                   cell=work.status_cell),
                    CREATOR, width=260, height=110)
        else:
            style = dict(font=font_style(10), align=TOP, border=BOX, fill=INPUT)
            if _blank(work.status):
                put(ws, row, col["status"], None, **style)
            else:
                unknown += _status(ws, row, col["status"], work, lang, **style)
            put(ws, row, col["id"], work.id)
            if "questions" in col:
                put(ws, row, col["questions"], roadmap.plan_text(work.plan))
            for dv in ws.data_validations.dataValidation:  # the Status drop-down here too
                dv.sqref.add(ws.cell(row, col["status"]).coordinate)
        sheet.fit(row, [(col["initiative"], col["initiative"], work.title, 10.5),
                        (col["dimension"], col["dimension"], work.dimension, 10)])
    pages.table(first, row, head=3)  # its heading, note and header
    return unknown
