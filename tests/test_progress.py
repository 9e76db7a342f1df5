"""Long exports show a progress bar on stderr when it is a terminal, and nothing extra
when it is not (scripts, pipes)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from cxassess.progress import ENV_DELAY, Progress

from helpers import BUILTIN_ONLY, ROOT, run_subprocess

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write as generate  # noqa: E402


def _wait_for(condition, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)


def test_a_terminal_gets_a_bar_with_the_phase():
    master, slave = os.openpty()
    try:
        with os.fdopen(slave, "w", encoding="utf-8") as tty:
            with Progress(stream=tty, delay=0) as progress:
                progress.phase("writing board.xlsx")
                _wait_for(lambda: progress._bar is not None)
                progress.update(250, 1000)
                time.sleep(0.3)  # let the bar draw at least once
        os.set_blocking(master, False)
        shown = os.read(master, 1 << 16).decode("utf-8", "replace")
    finally:
        os.close(master)
    assert "writing board.xlsx" in shown
    assert "25%" in shown


def test_no_terminal_no_bar_and_no_rich():
    code = ("import io, sys; from cxassess.progress import Progress\n"
            "out = io.StringIO()\n"
            "with Progress(stream=out, delay=0) as p:\n"
            "    p.phase('writing', 3); p.update(1, 3); p.advance()\n"
            "assert out.getvalue() == '', out.getvalue()\n"
            "assert 'rich' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_export_to_a_pipe_prints_only_what_it_wrote(tmp_path):
    """With the bar due at once (``CXASSESS_PROGRESS_DELAY=0``), an export whose stderr is
    a pipe still prints nothing but its one line."""
    source = generate(tmp_path / "survey.toml", 20, seed=2)
    out = tmp_path / "board.xlsx"
    done = run_subprocess("export", source, "-o", out, env={**BUILTIN_ONLY, ENV_DELAY: "0"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"wrote {out}"]
    assert out.stat().st_size > 0


def test_export_to_a_terminal_shows_the_bar(tmp_path):
    """The same export with stderr on a terminal shows the bar and its phase (the
    counterpart of the pipe test: the bar is really due in both)."""
    # big enough that the export outlasts the bar's start (its thread imports rich)
    source = generate(tmp_path / "survey.toml", 60, seed=2)
    out = tmp_path / "board.xlsx"
    master, slave = os.openpty()
    chunks: list[bytes] = []

    def drain():  # the terminal is read while the export runs, so it never fills up
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the export closed its end
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "cxassess", "export", str(source), "-o",
                               str(out)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=slave, timeout=120,
                              env={**os.environ, **BUILTIN_ONLY, ENV_DELAY: "0"})
    finally:
        os.close(slave)
        reader.join(10)
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0, shown
    assert "survey.toml: scoring" in shown or "writing" in shown, shown
    assert f"wrote {out}" in shown
