"""Small wording helpers shared by the core's texts: a fixed phrase in the reader's language,
numbers as each language writes them."""

from __future__ import annotations

import functools
from collections.abc import Mapping


def phrase(texts: Mapping[str, Mapping[str, str]], language: str, key: str,
           **values: object) -> str:
    """``texts[language][key]`` filled in with ``values``; ``texts`` holds "en" and "da",
    and any language but Danish reads English."""
    return texts["da" if language == "da" else "en"][key].format(**values)


def number(value: float, language: str, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals; Danish writes a decimal comma, and a value
    below 0 has the minus sign (``−2.5``), not a hyphen."""
    out = f"{value:.{digits}f}".replace("-", "−")
    return out.replace(".", ",") if language == "da" else out


def signed_number(value: float, language: str, digits: int = 1) -> str:
    """A change as :func:`number` writes it, always with its sign: ``+2.5``, ``−2.5``,
    and ``±0.0`` for one that is 0 at these ``digits``."""
    if round(value, digits) == 0:
        return "±" + number(abs(value), language, digits)
    return ("+" if value > 0 else "−") + number(abs(value), language, digits)


@functools.lru_cache(maxsize=1024)  # the same few levels, again and again
def short_number(value: float, language: str) -> str:
    """A whole number without decimals, else one decimal (``2``, ``2.5`` / ``2,5``)."""
    value = round(value, 1)
    return str(int(value)) if float(value).is_integer() else number(value, language)


def percent(share: float, language: str) -> str:
    """A share of 0..1 as a whole percentage: ``35%`` in English, ``35 %`` in Danish
    (with a space, as Danish writes it)."""
    value = round(share * 100)
    return f"{value} %" if language == "da" else f"{value}%"


def questions(count: int, language: str) -> str:
    """A count of questions: ``1 question``, ``37 questions`` / ``37 spørgsmål``."""
    if language == "da":
        return f"{count} spørgsmål"
    return "1 question" if count == 1 else f"{count} questions"
