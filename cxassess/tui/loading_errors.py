"""Turning exceptions into one line a consultant can read."""

from __future__ import annotations

from ..loading import InputError


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, ModuleNotFoundError):
        return f"a part of cxassess is missing ({exc.name or exc})"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
