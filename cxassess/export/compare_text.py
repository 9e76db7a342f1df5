"""``cxassess compare OLD NEW…``: what moved, as readable terminal text."""

from __future__ import annotations

import textwrap

from ..compare import Comparison, InitiativeStatus, QuestionMove
from ..models import STAGE_LABELS
from ..wording import number as plain_number, signed_number
from .text import WIDTH

LABELS = {
    "en": {
        "assessments": "assessments", "current": "Current stage", "stages": "Stages",
        "dimensions": "Dimensions", "change": "change", "improved": "Questions that improved",
        "worse": "Questions that fell", "added": "Questions answered only in the latest assessment",
        "removed": "Questions answered only in the baseline",
        "baseline": "The baseline roadmap ({date})", "done": "Done",
        "open": "Still open", "new": "New in the latest roadmap", "none": "none",
        "level": "level",
    },
    "da": {
        "assessments": "vurderinger", "current": "Nuværende trin", "stages": "Trin",
        "dimensions": "Dimensioner", "change": "ændring",
        "improved": "Spørgsmål, der er blevet bedre", "worse": "Spørgsmål, der er faldet",
        "added": "Spørgsmål, der kun er besvaret i den seneste vurdering",
        "removed": "Spørgsmål, der kun er besvaret i udgangspunktet",
        "baseline": "Køreplanen fra udgangspunktet ({date})", "done": "Gennemført",
        "open": "Stadig åbne", "new": "Nye i den seneste køreplan", "none": "ingen",
        "level": "niveau",
    },
}

MARKS = {"done": "✓", "open": "○", "new": "+"}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [indent]


def number(value: float | None, lang: str, digits: int = 0, sign: bool = False) -> str:
    """A score, level or (``sign``) change as :mod:`cxassess.wording` writes it, '–' for
    none."""
    if value is None:
        return "–"
    return (signed_number if sign else plain_number)(value, lang, digits)


def _table(title: str, rows: list[tuple[str, list[float | None], float | None]],
           dates: list[str], t: dict, lang: str) -> list[str]:
    label_w = max([len(title) - 2, *(len(label) for label, _, _ in rows)]) + 2
    col = max(10, *(len(d) + 1 for d in dates))
    lines = [f"{title:<{label_w}}" + "".join(f"{d:>{col}}" for d in dates)
             + f"{t['change']:>{col}}"]
    for label, scores, delta in rows:
        lines.append(f"  {label:<{label_w - 2}}"
                     + "".join(f"{number(s, lang):>{col}}" for s in scores)
                     + f"{number(delta, lang, 1, sign=True):>{col}}")
    return lines


def _question(move: QuestionMove, lang: str) -> list[str]:
    change = f"{number(move.before, lang, 1):>3} → {number(move.after, lang, 1):<3}  "
    lines = _wrap(f"{move.text} ({move.id})", " " * (4 + len(change)))
    lines[0] = "    " + change + lines[0].lstrip()
    return lines


def _initiative(item: InitiativeStatus, c: Comparison, lang: str) -> list[str]:
    dimension = c.dimension_labels.get(item.dimension, item.dimension)
    head = f"[{STAGE_LABELS[item.stage][lang]} · {dimension}] {item.title}"
    lines = _wrap(head, "      ")
    lines[0] = f"    {MARKS[item.status]} " + lines[0].lstrip()
    return lines


def render_comparison(c: Comparison, language: str | None = None) -> str:
    lang = language if language in LABELS else c.language
    t = LABELS[lang]
    first, last = c.baseline, c.latest
    dates = [p.date for p in c.assessments]
    names = list(dict.fromkeys(p.organisation for p in c.assessments))
    lines = [f"{' / '.join(names)}: {' → '.join(dates)} ({len(dates)} {t['assessments']})", ""]
    lines.append(f"{t['current']}: {STAGE_LABELS[first.current_stage][lang]} → "
                 f"{STAGE_LABELS[last.current_stage][lang]}")
    lines.append("")
    lines += _table(t["stages"], [(c.stage_labels[k], [p.stages.get(k) for p in c.assessments],
                                   c.stage_deltas[k]) for k in c.stage_labels], dates, t, lang)
    lines.append("")
    lines += _table(t["dimensions"], [(c.dimension_labels[k][:30],
                                       [p.dimensions.get(k) for p in c.assessments],
                                       c.dimension_deltas[k]) for k in c.dimension_labels],
                    dates, t, lang)
    for key, moves in (("improved", c.improved), ("worse", c.worse), ("added", c.added),
                       ("removed", c.removed)):
        if not moves and key in ("added", "removed"):
            continue
        lines += ["", f"{t[key]} ({len(moves)}, {t['level']} 0–4)"]
        if not moves:
            lines.append(f"    ({t['none']})")
        for move in moves:
            lines += _question(move, lang)
    lines += ["", t["baseline"].format(date=first.date)]
    for status in ("done", "open", "new"):
        items = c.with_status(status)
        lines.append(f"  {t[status]} ({len(items)})")
        for item in items:
            lines += _initiative(item, c, lang)
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["render_comparison", "number"]
