"""The app's own settings (the chosen theme) and its list of recent files, kept in the
user's config folder (platformdirs: ``$XDG_CONFIG_HOME/cxassess`` or ``~/.config/cxassess``
on Linux, the usual places elsewhere). A missing, unreadable or corrupt file counts as
empty; failing to write one is never an error for the user. No textual import."""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir


def config_dir() -> Path:
    return Path(user_config_dir("cxassess", appauthor=False, roaming=True))


def read_json(name: str) -> dict:
    try:
        data = json.loads((config_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(name: str, data: dict) -> None:
    """Replace the file ``name`` in the config folder (problems are ignored)."""
    try:
        target = config_dir() / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def load_theme() -> str | None:
    theme = read_json("settings.json").get("theme")
    return theme if isinstance(theme, str) and theme else None


def save_theme(theme: str) -> None:
    write_json("settings.json", {**read_json("settings.json"), "theme": theme})
