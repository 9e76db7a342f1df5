"""The on-disk cache of validated questionnaire files.

Every command needs the questionnaire, and the built-in one is 115 KB of TOML: parsing it
with the pure-Python TOML parser and building pydantic's validator of the questionnaire
models to check it took longer than a ``score`` takes over everything else it reads. So
a questionnaire that validated is kept, pickled, and the next process loads that instead
of parsing and validating the file again: the same models, with the same values.

One entry per questionnaire file: ``questionnaires/<hash of the file's path>.pickle`` in
the cache folder, a header line (JSON) and then the pickle. The header holds the SHA-256
of the file's bytes — compared with the bytes just read, so a changed file is never
served stale, whatever its size and time stamp say —, the SHA-256 of the models' source
(:mod:`cxassess.models`, so a changed model never meets an older pickle), the versions
of cxassess, Python, pydantic and pydantic-core, and the SHA-256 of the pickle, so a
damaged entry is never used. Only a questionnaire that validated is ever kept, so an
invalid file is checked, and reported, every time.

The pickle is loaded by an unpickler that knows the questionnaire's model classes and
nothing else: an entry naming any other class or function is refused, never run. An
entry that does not match, cannot be read or does not load is ignored as if there were
none, and written anew; writes are atomic (:func:`cxassess.files.atomic_write_bytes`),
and one that fails is skipped silently.

Entries of questionnaires that moved, were deleted or are no longer used would stay for
ever, so writing an entry (a miss: never a command that found its entry) also prunes the
folder: an entry not read or written for :data:`MAX_AGE_DAYS` goes, and of the rest only
the :data:`MAX_ENTRIES` used last stay. "Used" is the later of the file's access and
modification times (a read sets the access time, at least once a day on the usual
``relatime`` mounts; on a ``noatime`` mount an entry in daily use is written anew once a
month). Removing an entry costs at most a questionnaire parsed and validated again; only
entry files (``<32 hex digits>.pickle`` or ``.json``) of this user are ever removed.

The cache folder is ``$CXASSESS_CACHE_DIR`` when it is set (set and empty: no cache),
else the user's cache folder (platformdirs: ``$XDG_CACHE_HOME/cxassess`` or
``~/.cache/cxassess`` on Linux).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core

from . import __version__, models
from .errors import InputError
from .files import atomic_write_bytes, read_bytes
from .models import Questionnaire

try:  # the C unpickler alone: importing the pickle module costs more than loading an entry
    from _pickle import Unpickler, UnpicklingError
except ImportError:  # pragma: no cover (an interpreter without it)
    from pickle import Unpickler, UnpicklingError

ENV_CACHE_DIR = "CXASSESS_CACHE_DIR"
FORMAT = 2
MAX_AGE_DAYS = 30
"""An entry not used for this many days is removed when another entry is written."""
MAX_ENTRIES = 64
"""At most this many entries stay (about 120 KB each for the built-in questionnaire)."""
_ENTRY_NAME = r"[0-9a-f]{32}\.(?:pickle|json)"


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
    return base / "questionnaires" / f"{name}.pickle"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _header(payload: bytes, body: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "cxassess": __version__, "python": sys.version,
            "pydantic": f"{pydantic.VERSION} {pydantic_core.__version__}",
            "models": _sha256(read_bytes(models.__file__)),
            "source": _sha256(payload), "document": _sha256(body)}


class _ModelsOnly(Unpickler):
    """Loads the questionnaire's models and refuses every other class or function."""

    def find_class(self, module: str, name: str) -> Any:
        found = getattr(models, name, None) if module == models.__name__ else None
        if isinstance(found, type) and issubclass(found, models.Strict):
            return found
        raise UnpicklingError(f"{module}.{name} is not a questionnaire model")


def load(path: Path, payload: bytes) -> Questionnaire | None:
    """The questionnaire kept for the file ``path`` whose bytes are ``payload``, or None
    when there is none that matches."""
    try:
        entry = _entry(path)
        if entry is None:
            return None
        head, _, body = read_bytes(entry).partition(b"\n")
        if json.loads(head) != _header(payload, body):
            return None
        questionnaire = _ModelsOnly(io.BytesIO(body)).load()
    except Exception:  # whatever a damaged entry makes the reader or unpickler raise
        return None
    return questionnaire if type(questionnaire) is Questionnaire else None


def store(path: Path, payload: bytes, questionnaire: Questionnaire) -> None:
    """Keep ``questionnaire``, validated from ``payload``, the bytes of the questionnaire
    file ``path``."""
    import pickle  # only here: a command that finds its entry does without it

    try:
        entry = _entry(path)
        if entry is None:
            return
        body = pickle.dumps(questionnaire, protocol=pickle.HIGHEST_PROTOCOL)
        head = json.dumps(_header(payload, body)).encode()
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, head + b"\n" + body)
        entry.with_suffix(".json").unlink(missing_ok=True)  # the entry's older format
    except (InputError, OSError, ValueError, TypeError, RecursionError, pickle.PicklingError):
        return
    prune(entry.parent)


def prune(entries: Path) -> None:
    """Remove the entries in the folder ``entries`` not used for :data:`MAX_AGE_DAYS`, and
    the least recently used beyond :data:`MAX_ENTRIES` (see the module's docstring).
    Anything else in the folder, and whatever cannot be looked at or removed, is left."""
    oldest = time.time() - MAX_AGE_DAYS * 86400
    uid = getattr(os, "geteuid", lambda: None)()
    used: list[tuple[float, str]] = []
    try:
        with os.scandir(entries) as found:
            items = [item for item in found if re.fullmatch(_ENTRY_NAME, item.name)]
    except OSError:
        return
    for item in items:
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:  # gone meanwhile
            continue
        if stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid):
            used.append((max(info.st_atime, info.st_mtime), item.path))
    used.sort(reverse=True)
    for rank, (when, path) in enumerate(used):
        if when < oldest or rank >= MAX_ENTRIES:
            try:
                os.unlink(path)
            except OSError:
                pass
