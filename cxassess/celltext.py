"""What text a workbook cell can hold: the one cleaning every string written to a workbook
goes through, kept in the core so that reading a workbook back (``collect``) can compare
names the way they were written."""

from __future__ import annotations

import re

MAX_CELL = 32767
"""Excel's limit of characters in one cell."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """A string XML 1.0 and Excel accept: control characters other than tab, newline and
    carriage return dropped; lone surrogates and the non-characters U+FFFE and U+FFFF
    shown as U+FFFD, the replacement character; cut at Excel's 32,767 characters per cell."""
    text = _NOT_XML.sub("\ufffd", _CONTROL.sub("", text))
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return text
