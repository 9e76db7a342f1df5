"""The app's own settings (the chosen theme) and its list of recent files, kept in the
user's config folder (platformdirs: ``$XDG_CONFIG_HOME/cxassess`` or ``~/.config/cxassess``
on Linux, the usual places elsewhere). A missing, unreadable or corrupt file counts as
empty; failing to write one is never an error for the user. No textual import."""

from __future__ import annotations

import json
from pathlib import Path

from platformdirs import user_config_dir

from ..errors import InputError
from ..files import atomic_write_bytes, read_bytes


def config_dir() -> Path:
    return Path(user_config_dir("cxassess", appauthor=False, roaming=True))


MAX_BYTES = 1024 * 1024
"""A settings file larger than this is no settings file of ours: it counts as empty."""


def read_json(name: str) -> dict:
    """The file ``name`` of the config folder; a regular file only (a FIFO left there made
    the app wait before its first screen, ``/dev/zero`` filled memory)."""
    try:
        data = json.loads(read_bytes(config_dir() / name, limit=MAX_BYTES))
    except (InputError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(name: str, data: dict) -> None:
    """Replace the file ``name`` in the config folder, atomically (problems are ignored)."""
    try:
        target = config_dir() / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(data, indent=2).encode("utf-8"))
    except (OSError, InputError):
        pass


def load_theme() -> str | None:
    theme = read_json("settings.json").get("theme")
    return theme if isinstance(theme, str) and theme else None


def save_theme(theme: str) -> None:
    write_json("settings.json", {**read_json("settings.json"), "theme": theme})
