"""Long exports show a progress bar on stderr when it is a terminal, and nothing extra
when it is not (scripts, pipes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from cxassess.progress import Progress

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
    source = generate(tmp_path / "survey.toml", 60, seed=2)
    out = tmp_path / "board.xlsx"
    done = run_subprocess("export", source, "-o", out, env=BUILTIN_ONLY)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"wrote {out}"]
    assert out.stat().st_size > 0
