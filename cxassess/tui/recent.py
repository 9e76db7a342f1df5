"""The small list of recently opened assessments (``recent.json`` in the user's config
folder, see :mod:`.settings`)."""

from __future__ import annotations

import os
from pathlib import Path

from .settings import read_json, write_json

MAX_RECENT = 8


def load_recent() -> list[Path]:
    """Recently used assessment files that still exist, newest first."""
    items = read_json("recent.json").get("recent")
    if not isinstance(items, list):
        return []
    out: list[Path] = []
    for item in items:
        if isinstance(item, str) and item and os.path.isfile(item) and Path(item) not in out:
            out.append(Path(item))
    return out[:MAX_RECENT]


def remember(path: Path) -> None:
    """Put ``path`` first in the list."""
    try:
        path = Path(path).resolve()
    except OSError:
        return
    items = [p for p in load_recent() if p != path]
    write_json("recent.json", {"recent": [str(p) for p in [path, *items][:MAX_RECENT]]})
