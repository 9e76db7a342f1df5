"""``cxassess template ID``: a valid, commented blank assessment to fill in by hand."""

from __future__ import annotations

import json
import textwrap

from .errors import escape
from .models import STAGE_LABELS, STAGES, Questionnaire

ORGANISATION = "Organisation"
"""The organisation name a template holds until someone types the client's: ``collect``
takes a file of that name as an answer file of whichever assessment it is collected into."""

HEAD = {
    "en": """\
# cxassess assessment: {title} ({id} {version})
#
# Fill in one [[respondents]] block per person (copy the block for more). Answer each
# question under [respondents.answers] by removing the leading '#' and giving:
#   a level 0..4 (the anchors are listed above each question),
#   "n/a" when the question does not apply (left out of the score, never counted as 0),
#   or a table: {{ level = 2, importance = 5, note = "..." }}
#     importance 1..5 = how much this matters to the customers (asked where marked).
# Check the file with:  cxassess validate FILE      Score it with:  cxassess score FILE
""",
    "da": """\
# cxassess-vurdering: {title} ({id} {version})
#
# Udfyld én [[respondents]]-blok pr. person (kopiér blokken for flere). Besvar hvert
# spørgsmål under [respondents.answers] ved at fjerne '#' forrest og angive:
#   et niveau 0..4 (niveauerne står over hvert spørgsmål),
#   "n/a" når spørgsmålet ikke er relevant (tæller ikke med, heller ikke som 0),
#   eller en tabel: {{ level = 2, importance = 5, note = "..." }}
#     importance 1..5 = hvor vigtigt det er for kunderne (spørges, hvor det er markeret).
# Tjek filen med:  cxassess validate FIL      Scor den med:  cxassess score FIL
""",
}

ASKS = {"en": "also asks importance 1..5", "da": "spørger også om vigtighed 1..5"}
NAME_HINT = {"en": "the client's name", "da": "kundens navn"}
DATE_HINT = {"en": "e.g.", "da": "fx"}


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plain(text: str) -> str:
    """Text a TOML comment can hold: no control character (TOML refuses them there, so
    one in a questionnaire's text made the template unreadable), each shown escaped."""
    return escape(text, keep="\t")


def _comment(text: str, indent: str = "#   ", hang: int = 0) -> list[str]:
    return [_plain(line) for line in textwrap.wrap(text, 86, initial_indent=indent,
                                                   subsequent_indent=indent + " " * hang)]


def render_template(q: Questionnaire, language: str = "da", ref: str | None = None) -> str:
    """The template for ``q``; ``ref`` is how the assessment names its questionnaire
    (a path to the .toml, relative to the assessment), by default its id."""
    lang = "da" if language == "da" else "en"
    out = [HEAD[lang].format(title=_plain(q.title.get(lang)), id=q.id, version=_plain(q.version))]
    out.append("format = 1")
    out.append(f"questionnaire = {_q(ref or q.id)}")
    out.append(f"language = {_q(lang)}")
    out.append("")
    out.append("[organisation]")
    out.append(f'name = {_q(ORGANISATION)}          # {NAME_HINT[lang]}')
    out.append('sector = ""')
    out.append('assessor = ""')
    out.append(f'date = ""                       # {DATE_HINT[lang]} "2026-11-23"')
    out.append("")
    out.append("[[respondents]]")
    out.append('name = "Respondent 1"')
    out.append('department = ""')
    out.append("[respondents.answers]")
    for stage in STAGES:
        out.append("")
        out.append(f"# ===== {STAGE_LABELS[stage][lang]} " + "=" * 60)
        for question in q.questions_in_stage(stage):
            out.append("#")
            out.extend(_comment(question.text.get(lang), "# "))
            for level, anchor in enumerate(question.levels):
                out.extend(_comment(f"{level}: {anchor.get(lang)}", "#   ", hang=3))
            if question.asks_importance:
                out.append(f"#   ({ASKS[lang]})")
                out.append(f"# {_q(question.id)} = {{ level = 0, importance = 3 }}")
            else:
                out.append(f"# {_q(question.id)} = 0")
    return "\n".join(out) + "\n"
