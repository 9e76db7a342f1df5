"""The terminal app's lock beside an assessment after ``kill -9``: the next app takes a
stale lock over, while a live second app still opens read-only naming the first one's
pid (tui/lock.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cxassess.tui import lock as locks
from cxassess.tui.lock import AssessmentLock, Holder, holder_path, lock_path

from test_tui import _isolated, dev_assessment, plugins, run_async, running  # noqa: F401

HOLD = """
import sys, time
from pathlib import Path
from cxassess.tui.lock import AssessmentLock
lock = AssessmentLock(Path(sys.argv[1]))
assert lock.acquire() is None
print("held", flush=True)
time.sleep(120)
"""


def holding(path: Path, *extra: str) -> subprocess.Popen:
    """Another process that has taken ``path``'s lock and keeps it."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), *extra],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def record(path: Path) -> dict:
    return json.loads(holder_path(path).read_text(encoding="utf-8"))


def test_after_kill_9_the_next_app_takes_the_lock_over(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("", encoding="utf-8")
    proc = holding(path)
    assert AssessmentLock(path).acquire().pid == proc.pid  # held while it runs
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lock_path(path).exists() and record(path)["pid"] == proc.pid  # left behind
    ours = AssessmentLock(path)
    assert ours.acquire() is None and ours.held
    assert record(path)["pid"] == os.getpid()  # the killed app's record is replaced
    ours.release()
    assert not lock_path(path).exists() and not holder_path(path).exists()


def test_a_live_second_app_is_refused_and_named(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("", encoding="utf-8")
    proc = holding(path)
    try:
        ours = AssessmentLock(path)
        holder = ours.acquire()
        assert holder is not None and not ours.held
        assert (holder.pid, holder.host) == (proc.pid, socket.gethostname())
    finally:
        proc.kill()
        proc.wait()
    assert AssessmentLock(path).acquire() is None


@run_async
async def test_the_app_opens_writable_over_a_killed_app_s_leftovers(tmp_path, plugins):  # noqa: F811
    path = dev_assessment(tmp_path)
    proc = holding(path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    async with running(path, plugins) as pilot:
        q = pilot.app.screen
        assert q.session.writable and q.session.problem is None
        assert not any(banner.display for banner in q.query("#banner"))
        assert record(path)["pid"] == os.getpid()
    assert not lock_path(path).exists() and not holder_path(path).exists()


# --------------------------------------------------------------------------- no OS locks


@pytest.fixture(params=["NotImplementedError", "ENOSYS"])
def no_os_locks(request, monkeypatch):
    """A file system without flock: filelock before 4 raises NotImplementedError, the
    system ENOSYS; the record beside the file is then the lock."""
    def refuse(self, *args, **kwargs):
        if request.param == "ENOSYS":
            raise OSError(38, "Function not implemented")
        raise NotImplementedError("FileSystem does not appear to support flock")

    monkeypatch.setattr(locks.FileLock, "acquire", refuse)


def write_record(path: Path, pid: int | None, host: str | None = None, age: float = 0) -> None:
    holder_path(path).write_text(json.dumps({"pid": pid, "host": host or socket.gethostname(),
                                             "since": "2026-01-01 09:00"}), encoding="utf-8")
    if age:
        past = time.time() - age
        os.utime(holder_path(path), (past, past))


def ended_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_without_os_locks_the_record_is_the_lock(tmp_path, no_os_locks):
    path = tmp_path / "a.toml"
    first, second = AssessmentLock(path), AssessmentLock(path)
    assert first.acquire() is None and first.held
    assert second.acquire() == Holder(os.getpid(), socket.gethostname(), record(path)["since"])
    first.release()
    assert not holder_path(path).exists()
    assert second.acquire() is None


def test_without_os_locks_a_dead_app_s_record_is_taken_over(tmp_path, no_os_locks):
    path = tmp_path / "a.toml"
    write_record(path, ended_pid())
    ours = AssessmentLock(path)
    assert ours.acquire() is None
    assert record(path)["pid"] == os.getpid()


def test_without_os_locks_a_reused_pid_that_is_not_cxassess_is_taken_over(tmp_path,
                                                                         no_os_locks):
    if not Path(f"/proc/{os.getpid()}/cmdline").exists():
        pytest.skip("this system cannot tell what a process runs")
    path = tmp_path / "a.toml"
    other = subprocess.Popen(["sleep", "60"])
    try:
        write_record(path, other.pid)
        assert AssessmentLock(path).acquire() is None
    finally:
        other.kill()
        other.wait()


def test_without_os_locks_a_running_cxassess_keeps_it(tmp_path, no_os_locks):
    path = tmp_path / "a.toml"
    app = subprocess.Popen([sys.executable, "-c", "import time; print(1, flush=True); "
                            "time.sleep(60)", "cxassess"], stdout=subprocess.PIPE)
    try:
        app.stdout.readline()  # running as itself
        write_record(path, app.pid)
        holder = AssessmentLock(path).acquire()
        assert holder is not None and holder.pid == app.pid
    finally:
        app.kill()
        app.wait()


def test_without_os_locks_another_host_s_record_is_never_taken_over(tmp_path, no_os_locks):
    path = tmp_path / "a.toml"
    write_record(path, ended_pid(), host="another-host.example", age=86_400)
    holder = AssessmentLock(path).acquire()
    assert holder is not None and holder.host == "another-host.example"


@pytest.mark.parametrize("age, taken", [(0, False), (locks.GRACE_SECONDS + 60, True)])
def test_without_os_locks_an_unreadable_record_waits_for_its_grace(tmp_path, no_os_locks,
                                                                   age, taken):
    path = tmp_path / "a.toml"
    holder_path(path).write_bytes(b"\x00{garbled")
    if age:
        past = time.time() - age
        os.utime(holder_path(path), (past, past))
    assert (AssessmentLock(path).acquire() is None) is taken


# --------------------------------------------------------------------------- odd locks


def open_session(path: Path, plugins):  # noqa: F811
    from cxassess.tui.session import Session

    return Session.open(path, plugins)


def assert_one_writer(first: Path, second: Path, plugins) -> None:  # noqa: F811
    """An app on ``first``, then one on ``second`` (the same file): only the first may
    write, and the second names this process as the holder."""
    apps = [open_session(first, plugins)]
    apps.append(open_session(second, plugins))
    try:
        assert apps[0].writable
        assert apps[1].problem == "locked" and apps[1].holder.pid == os.getpid()
    finally:
        for app in reversed(apps):
            app.close()


def test_two_apps_through_a_symbolic_link_are_still_one_writer(tmp_path, plugins):  # noqa: F811
    """The lock was beside the path given: an app on ``link.toml`` and one on the file it
    points to both wrote the same file."""
    path = dev_assessment(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(path.name)
    assert_one_writer(path, link, plugins)
    assert not lock_path(path).exists() and not holder_path(path).exists()
    assert not lock_path(link).exists()


def test_a_lock_file_that_cannot_be_locked_still_keeps_one_writer(tmp_path, plugins):  # noqa: F811
    """``.FILE.lock`` a folder: taking it failed, and every app opened the file writable
    without a lock. The record beside it is the lock then."""
    path = dev_assessment(tmp_path)
    lock_path(path).mkdir()
    assert_one_writer(path, path, plugins)
    assert not holder_path(path).exists()
    third = open_session(path, plugins)
    assert third.writable
    third.close()


@pytest.mark.parametrize("text", ['{"pid": 1e400}', '{"pid": -1e400}', '{"pid": NaN}',
                                  '{"pid": [1]}', '[1]', '"x"', '{"pid": "12"}', "\xff",
                                  '{"host": {"a": 1}, "since": null}'])
def test_whatever_a_lock_record_holds_it_is_read_or_ignored(tmp_path, text):
    """A record left by a crash, or written by something else: ``{"pid": 1e400}`` raised
    OverflowError out of the app."""
    path = tmp_path / "a.toml"
    holder_path(path).write_text(text, encoding="utf-8")
    holder = locks.read_holder(path)
    assert holder is None or isinstance(holder, Holder)


@pytest.mark.parametrize("odd", ["fifo", "device"])
def test_a_lock_record_that_is_no_file_is_not_read(tmp_path, odd):
    """A FIFO as ``.FILE.lock.json`` made the second app wait forever while it opened;
    a link to /dev/zero filled memory."""
    import threading

    path = tmp_path / "a.toml"
    if odd == "fifo":
        os.mkfifo(holder_path(path))
    else:
        holder_path(path).symlink_to("/dev/zero")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(locks.read_holder(path)),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert result == [None]
