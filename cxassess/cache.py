"""The on-disk cache of parsed questionnaire files.

The built-in questionnaire is 115 KB of TOML, and the pure-Python TOML parser takes
longer over it than a ``score`` takes over everything else it reads. So the parsed
document of a questionnaire that validated is kept, as plain JSON, and the next process
reads that instead of parsing the file again. Only the parse is skipped: the document is
validated as if it had just been parsed, so a command with the cache does the same as a
command without it, errors included.

One entry per questionnaire file: ``questionnaires/<hash of the file's path>.json`` in
the cache folder, a header line and then the document. The header holds the SHA-256 of
the file's bytes — compared with the bytes just read, so a changed file is never served
stale, whatever its size and time stamp say —, the versions of cxassess, of Python and of the TOML
parser, and the SHA-256 of the document, so a damaged entry is
never used. An entry that does not match, cannot be read or does not decode is ignored
as if there were none, and written anew; writes are atomic
(:func:`cxassess.files.atomic_write_bytes`), and one that fails is skipped silently.

The cache folder is ``$CXASSESS_CACHE_DIR`` when it is set (set and empty: no cache),
else the user's cache folder (platformdirs: ``$XDG_CACHE_HOME/cxassess`` or
``~/.cache/cxassess`` on Linux).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .compat import tomllib
from .errors import InputError
from .files import atomic_write_bytes, read_bytes

ENV_CACHE_DIR = "CXASSESS_CACHE_DIR"
FORMAT = 1


def folder() -> Path | None:
    """Where the cache is kept, or None when it is switched off."""
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "linux":
        # the XDG rule, as platformdirs applies it, without importing platformdirs (that
        # costs a quarter of what the cache saves)
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return Path(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "cxassess")
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cxassess", appauthor=False))


def _entry(path: Path) -> Path | None:
    base = folder()
    if base is None:
        return None
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return base / "questionnaires" / f"{name}.json"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _header(payload: bytes, body: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "cxassess": __version__, "python": sys.version,
            "parser": f"{tomllib.__name__} {getattr(tomllib, '__version__', '')}",
            "source": _sha256(payload), "document": _sha256(body)}


def load(path: Path, payload: bytes) -> dict[str, Any] | None:
    """The parsed document kept for the questionnaire file ``path`` whose bytes are
    ``payload``, or None when there is none that matches."""
    try:
        entry = _entry(path)
        if entry is None:
            return None
        head, _, body = read_bytes(entry).partition(b"\n")
        if json.loads(head) != _header(payload, body):
            return None
        document = json.loads(body)
    except (InputError, OSError, ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def store(path: Path, payload: bytes, document: dict[str, Any]) -> None:
    """Keep ``document``, parsed from ``payload``, the bytes of the questionnaire file
    ``path``. A document JSON cannot hold exactly (a date) is not kept."""
    try:
        entry = _entry(path)
        if entry is None:
            return
        body = json.dumps(document, ensure_ascii=False, allow_nan=False).encode()
        head = json.dumps(_header(payload, body)).encode()
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, head + b"\n" + body)
    except (InputError, OSError, ValueError, TypeError, RecursionError):
        pass
