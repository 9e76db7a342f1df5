"""One app per assessment file: an operating-system lock beside the file.

The lock is :class:`filelock.FileLock` on ``.NAME.lock`` (``flock`` on POSIX, released by
the system when the process ends, even on ``kill -9``, so a crash never leaves the file
locked). Who holds it is written to ``.NAME.lock.json`` (pid, host, since) for a second
instance to read and name. After a crash both files stay beside the assessment; the next
app to open it takes the lock, writes its own record over the old one, and removes both
when it quits.

Where the file system has no operating-system locks (``flock`` fails with "not
supported"), or ``.NAME.lock`` cannot be used (a folder, a file we may not open), the
record itself is the lock: it is created only if it does not exist
(``O_EXCL``). A record is **stale** — left by a killed app, and taken over — when it names
this host and a pid that no longer runs, or that now runs a program that is not cxassess
(the pid was reused; told from ``/proc/PID/cmdline`` where the system has it), or when it
cannot be read and is more than :data:`GRACE_SECONDS` old. A record of another host is
never taken over: that app may be running; delete ``.NAME.lock.json`` by hand when it is
not.

Two hard links are one file under two names, each with its own ``.NAME.lock``: so the app
also takes an operating-system lock (``flock``) on the assessment file itself, opened
read-only, and a second app that finds it held opens read-only too, told that the file is
open under another name (:attr:`Holder.linked`). A save replaces the file (a new one
renamed over it), so the two names are two files from then on, each guarded by its own
``.NAME.lock``. Where ``flock`` is missing or fails, only the name is locked. No textual
import."""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

try:
    import fcntl
except ImportError:  # Windows: a file open in one program cannot be replaced by another
    fcntl = None  # type: ignore[assignment]

from ..errors import InputError
from ..files import read_bytes

RECORD_LIMIT = 64 * 1024
"""A lock record is about 60 bytes; a larger file is no record of ours."""

GRACE_SECONDS = 10.0
"""An unreadable record younger than this may be one being written: not stale yet."""


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def holder_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock.json")


@dataclass
class Holder:
    pid: int | None
    host: str
    since: str
    linked: bool = False  # the file is held under another name (a hard link to it)


def _record() -> bytes:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "since": time.strftime("%Y-%m-%d %H:%M")}).encode()


def read_holder(path: Path) -> Holder | None:
    """The record of who holds ``path``'s lock; None when it cannot be read (or is no
    small regular file: a FIFO put there would make the app wait, /dev/zero fill memory)."""
    try:
        info = json.loads(read_bytes(holder_path(path), limit=RECORD_LIMIT))
        return Holder(int(info.get("pid") or 0) or None, str(info.get("host", "")),
                      str(info.get("since", "")))
    except (InputError, ValueError, TypeError, AttributeError, OverflowError):
        return None


def runs_cxassess(pid: int) -> bool:
    """Whether process ``pid`` runs on this host, as cxassess where that can be told."""
    if os.name == "nt":
        return True  # os.kill(pid, 0) would interrupt it there: assume it runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it runs
    except (OSError, OverflowError, ValueError):
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: it runs, and may be cxassess
    return b"cxassess" in command


def is_stale(path: Path) -> bool:
    """Whether the record beside ``path`` was left by an app that no longer runs (the
    module says when)."""
    holder = read_holder(path)
    if holder is None or holder.pid is None:
        try:
            age = time.time() - holder_path(path).stat().st_mtime
        except OSError:
            return True  # gone meanwhile
        return age > GRACE_SECONDS
    if holder.host != socket.gethostname():
        return False
    return holder.pid != os.getpid() and not runs_cxassess(holder.pid)


class AssessmentLock:
    """``acquire()`` returns None when the lock is ours, else who holds it."""

    def __init__(self, path: Path) -> None:
        # beside the file itself: an app that opened it through a symbolic link is the
        # same app-per-file as one that opened it directly
        self.path = Path(os.path.realpath(path))
        self._lock = FileLock(str(lock_path(self.path)), timeout=0)
        self._record_is_lock = False
        self._file_fd: int | None = None  # the flock on the file itself (its hard links)

    @property
    def held(self) -> bool:
        return self._record_is_lock or self._lock.is_locked

    def acquire(self) -> Holder | None:
        holder = self._acquire_name()
        if holder is None and not self._lock_file():
            self.release()
            return Holder(None, "", "", linked=True)
        return holder

    def _acquire_name(self) -> Holder | None:
        try:
            self._lock.acquire()
        except Timeout:
            return self.holder()
        except (NotImplementedError, OSError):
            # no OS locks here (filelock before 4 raises NotImplementedError), or the lock
            # file cannot be used (a folder, a file we may not open): the record is the
            # lock (in a folder we cannot write none is taken; the file is read-only then)
            return self._acquire_record()
        try:
            holder_path(self.path).write_bytes(_record())  # over a crashed app's record
        except OSError:
            pass
        return None

    def _lock_file(self) -> bool:
        """Lock the file itself; False when another app has it (under another name)."""
        if fcntl is None:
            return True
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOCTTY", 0))
        except OSError:
            return True  # not there yet, or not ours to open: the name's lock it is
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:  # a file system without flock: the name's lock it is
            os.close(fd)
            return True
        self._file_fd = fd
        return True

    def _unlock_file(self) -> None:
        fd, self._file_fd = getattr(self, "_file_fd", None), None
        if fd is not None:
            os.close(fd)  # closing it lets go of the flock

    def __del__(self) -> None:
        self._unlock_file()

    def _acquire_record(self) -> Holder | None:
        """The record as the lock: created only where none is, or over a stale one."""
        record = holder_path(self.path)
        for _attempt in range(2):
            try:
                fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                if not is_stale(self.path):
                    return self.holder()
                try:
                    record.unlink()  # left by an app that no longer runs: take over
                except FileNotFoundError:
                    pass
                except OSError:
                    return None
                continue
            except OSError:
                return None  # a folder we cannot write: read-only anyway
            try:
                os.write(fd, _record())
            finally:
                os.close(fd)
            self._record_is_lock = True
            return None
        return self.holder()

    def holder(self) -> Holder:
        return read_holder(self.path) or Holder(None, "", "")

    def release(self) -> None:
        """Let go, and tidy the two small files away."""
        self._unlock_file()
        if self._record_is_lock:
            self._record_is_lock = False
            record = read_holder(self.path)
            if record is None or record.pid == os.getpid():  # ours, not a successor's
                _remove(holder_path(self.path))
            return
        if not self._lock.is_locked:
            return
        for leftover in (holder_path(self.path), lock_path(self.path)):
            _remove(leftover)
        self._lock.release(force=True)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
