"""The small list of recently opened assessments, kept in the user's config folder
(``$XDG_CONFIG_HOME/cxassess/recent.json``, ``~/.config/...`` by default, ``%APPDATA%``
on Windows). A missing, unreadable or corrupt list is treated as empty; failing to write
it is never an error for the user."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

MAX_RECENT = 8


def config_dir(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    if env.get("XDG_CONFIG_HOME"):
        base = Path(env["XDG_CONFIG_HOME"])
    elif sys.platform == "win32" and env.get("APPDATA"):
        base = Path(env["APPDATA"])
    else:
        base = Path.home() / ".config"
    return base / "cxassess"


def recent_file(env: dict[str, str] | None = None) -> Path:
    return config_dir(env) / "recent.json"


def load_recent(env: dict[str, str] | None = None) -> list[Path]:
    """Recently used assessment files that still exist, newest first."""
    try:
        data = json.loads(recent_file(env).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = data.get("recent") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return []
    out: list[Path] = []
    for item in items:
        if isinstance(item, str) and item and Path(item).is_file() and Path(item) not in out:
            out.append(Path(item))
    return out[:MAX_RECENT]


def remember(path: Path, env: dict[str, str] | None = None) -> None:
    """Put ``path`` first in the list; problems writing it are ignored."""
    try:
        path = Path(path).resolve()
        items = [p for p in load_recent(env) if p != path]
        items.insert(0, path)
        target = recent_file(env)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({"recent": [str(p) for p in items[:MAX_RECENT]]}, indent=2),
                       encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass
