"""One app per assessment file: an operating-system lock beside the file.

The lock is :class:`filelock.FileLock` on ``.NAME.lock`` (``flock`` on POSIX, released by
the system when the process ends, even on ``kill -9``, so a crash never leaves the file
locked). Who holds it is written to ``.NAME.lock.json`` (pid, host, since) for a second
instance to read and name. No textual import."""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def holder_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock.json")


@dataclass
class Holder:
    pid: int | None
    host: str
    since: str


class AssessmentLock:
    """``acquire()`` returns None when the lock is ours, else who holds it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(lock_path(self.path)), timeout=0)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> Holder | None:
        try:
            self._lock.acquire()
        except Timeout:
            return self.holder()
        except OSError:
            return None  # a folder we cannot write: read-only anyway, nothing to lock
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": time.strftime("%Y-%m-%d %H:%M")}
        try:
            holder_path(self.path).write_text(json.dumps(info), encoding="utf-8")
        except OSError:
            pass
        return None

    def holder(self) -> Holder:
        try:
            info = json.loads(holder_path(self.path).read_text(encoding="utf-8"))
            return Holder(int(info.get("pid") or 0) or None, str(info.get("host", "")),
                          str(info.get("since", "")))
        except (OSError, ValueError, TypeError, AttributeError):
            return Holder(None, "", "")

    def release(self) -> None:
        """Let go, and tidy the two small files away."""
        if not self._lock.is_locked:
            return
        for leftover in (holder_path(self.path), lock_path(self.path)):
            try:
                leftover.unlink()
            except OSError:
                pass
        self._lock.release(force=True)
