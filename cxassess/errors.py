"""Messages about a user's files: one readable line each, nothing that can steer a terminal.

Every problem with an input file is one :class:`InputError`. Its message is a single
line: characters that are not printable (control characters, terminal escape sequences,
line separators, bidirectional overrides) are shown as Python escapes (``\\x1b``), and
the line is capped. Values, keys and paths quoted in a message go through :func:`show`,
:func:`show_key` and :func:`show_path`, which shorten them first, so a 1 MB value in a
file gives a short message.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

MAX_VALUE_CHARS = 60
"""A value or key quoted in a message is cut to about this many characters."""

MAX_PATH_CHARS = 160
"""A file path in a message is cut in the middle to about this many characters."""

MAX_MESSAGE_CHARS = 1000
"""No message line is longer than this."""

MAX_PROBLEMS = 5
"""At most this many problems of one file are listed; the rest are counted."""


def escape(text: str, keep: str = "") -> str:
    """``text`` with every non-printable character (but those in ``keep``) written as a
    Python escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else repr(ch)[1:-1] for ch in text)


def shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """The start of ``text`` when it is longer than ``limit``, with its length said."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def show(value: Any) -> str:
    """A value from a file, quoted for a message: shortened, escaped."""
    if isinstance(value, str):
        return repr(shorten(value))
    if isinstance(value, (datetime.date, datetime.time)):  # as written in TOML
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        # repr() of an int of more than 4,300 digits raises; nobody reads it anyway
        return f"a {'negative ' if value < 0 else ''}number of about {_digits(value):,} digits"
    return escape(shorten(repr(value)))


def _digits(value: int) -> int:
    return int(abs(value).bit_length() * 0.30103) + 1


def show_key(key: str) -> str:
    """A key as written in a key path: bare when it is a plain word, else quoted."""
    if key.replace("_", "").isalnum() and key[:1].isalpha() and key.isascii():
        return shorten(key)
    return '"' + escape(shorten(key)).replace('"', '\\"') + '"'


def show_path(path: str | os.PathLike | bytes) -> str:
    """A path for a message: escaped, and cut in the middle when very long."""
    text = os.fsdecode(path) if isinstance(path, (bytes, PurePath)) else str(path)
    text = escape(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if len(text) <= MAX_PATH_CHARS:
        return text
    half = MAX_PATH_CHARS // 2
    return f"{text[:half]}…{text[-half:]}"


def join_problems(problems: Sequence[str]) -> str:
    """Several problems of one file on one line, the first few of them."""
    unique = list(dict.fromkeys(problems))
    shown = "; ".join(unique[:MAX_PROBLEMS])
    if len(unique) > MAX_PROBLEMS:
        shown += f"; and {len(unique) - MAX_PROBLEMS} more problem(s)"
    return shown


def printable(text: str) -> str:
    """Text for a terminal: its lines and tabs kept, every other non-printable character escaped
    (a report quoting an organisation name cannot retitle the window)."""
    return escape(text, keep="\n\t")


def one_line(message: str) -> str:
    """``message`` as one safe line: escaped and capped."""
    line = escape(message)
    if len(line) > MAX_MESSAGE_CHARS:
        line = line[:MAX_MESSAGE_CHARS] + "…"
    return line


class InputError(Exception):
    """A user-facing problem with an input file: the message says what and where, on one
    line that is safe to print to a terminal."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(str(message)))
