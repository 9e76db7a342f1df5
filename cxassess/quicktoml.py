"""A quick reader for the usual layout of an assessment file, beside the full TOML parser.

The pure-Python TOML parser was about a quarter of loading, scoring and planning a small
assessment. Assessment files are mostly one shape — ``key = value`` lines, ``[table]``,
``[[respondents]]`` and ``[respondents.answers]`` headers, comments — and values that are
strings, integers, booleans and one-line inline tables of those. :func:`loads` reads
exactly that, one regular expression per line, and gives up (returns ``None``) on
anything else: other value types, dotted keys, escapes beyond the common ones, a key or
table defined twice, text that is not TOML. The caller then parses the text with the full
parser, so every result is the full parser's and every error is the full parser's error.
"""

from __future__ import annotations

import re
from typing import Any

_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'  # string characters but for escapes
_STRING = rf'"{_PLAIN}(?:\\["\\bfnrt]{_PLAIN})*"'  # one-line basic string
_KEY = rf"[A-Za-z0-9_-]+|{_STRING}"
_SCALAR = rf"{_STRING}|-?(?:0|[1-9][0-9]{{0,15}})|true|false"
_WS = r"[ \t]*"
_LINE = re.compile(rf"""{_WS}(?:
      (?P<key>{_KEY}){_WS}={_WS}(?:(?P<value>{_SCALAR})|\{{(?P<inline>[^{{}}\[\]"]*(?:{_STRING}[^{{}}\[\]"]*)*)\}})
    | \[\[{_WS}(?P<array>[A-Za-z0-9_-]+){_WS}\]\]
    | \[{_WS}(?P<table>[A-Za-z0-9_-]+)(?:{_WS}\.{_WS}(?P<sub>[A-Za-z0-9_-]+)|){_WS}\]
    | ){_WS}(?:\#[^\x00-\x08\x0a-\x1f\x7f]*|)""", re.VERBOSE)
_PAIR = re.compile(rf"{_WS}(?P<key>{_KEY}){_WS}={_WS}(?P<value>{_SCALAR}){_WS}(?P<end>,|$)")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _text(quoted: str) -> str:
    text = quoted[1:-1]
    return _ESCAPE.sub(lambda m: _ESCAPED[m[1]], text) if "\\" in text else text


def _scalar(token: str) -> Any:
    first = token[0]
    if first == '"':
        return _text(token)
    if first == "t" or first == "f":
        return first == "t"
    return int(token)


def _inline(body: str) -> dict | None:
    """The inline table ``{ body }``, or ``None`` when it is not a plain one."""
    table: dict[str, Any] = {}
    if not body.strip(" \t"):
        return table
    pos = 0
    while True:
        pair = _PAIR.match(body, pos)
        if pair is None:
            return None
        key = pair["key"]
        if key[0] == '"':
            key = _text(key)
        if key in table:
            return None
        table[key] = _scalar(pair["value"])
        if not pair["end"]:  # the end of the table (no trailing comma in TOML 1.0)
            return table
        pos = pair.end()


def loads(text: str) -> dict | None:
    """``text`` read as TOML when it is in the usual assessment layout (then the result
    is what ``tomllib.loads`` gives), else ``None``: parse it with the full parser."""
    root: dict[str, Any] = {}
    arrays: set[str] = set()  # the arrays of tables made here, by [[name]]
    current = root
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, value, inline, array, table, sub = match.groups()
        if key is not None:
            if key[0] == '"':
                key = key[1:-1] if "\\" not in key else _text(key)
            if key in current:
                return None
            if value is None:
                value = _inline(inline)
                if value is None:
                    return None
            elif value[0] == '"':
                value = value[1:-1] if "\\" not in value else _text(value)
            else:
                value = _scalar(value)
            current[key] = value
        elif array is not None:
            if array not in arrays:
                if array in root:
                    return None
                arrays.add(array)
                root[array] = []
            current = {}
            root[array].append(current)
        elif table is not None:
            if sub is None:
                if table in root:
                    return None
                current = root[table] = {}
            else:  # a table in the last table of an array: [respondents.answers]
                if table not in arrays or sub in root[table][-1]:
                    return None
                current = root[table][-1][sub] = {}
    return root
