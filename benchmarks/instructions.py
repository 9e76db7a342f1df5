"""Instructions per in-process run, counted by valgrind: a figure the machine's speed
and load do not move, to judge a change to the rate row of bench_score.py.

    python benchmarks/instructions.py [--runs N] [--against DIR] [FILE]

A run is what bench_score.py's rate row times: ``pipeline.run`` (load + score + plan)
of FILE, by default a generated one-respondent assessment (``generate.write(path, 1,
seed=1)``), with the installed plugins. A fresh interpreter does the set-up and a few
untimed runs, then N runs, under ``valgrind --tool=cachegrind``; the same without the N
runs is subtracted, and the difference divided by N.

``--against DIR`` counts the same for the code in DIR (a checkout of another commit,
e.g. ``git worktree add /tmp/before COMMIT``; its ``cxassess`` is imported first) and
prints the ratio. Needs valgrind (``apt-get install valgrind``); takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
from pathlib import Path

from generate import write
from timing import COMMAND_ENV, PYTHON

CHILD = """
import sys
from cxassess import pipeline
from cxassess.plugins import load_plugins
plugins = load_plugins()
path, runs = sys.argv[1], int(sys.argv[2])
for _ in range(5):
    pipeline.run(path, plugins)
for _ in range(runs):
    pipeline.run(path, plugins)
"""


def environment(code: Path | None) -> dict[str, str]:
    """The benchmarks' environment, with ``code`` first on the module path when given."""
    env = {**COMMAND_ENV, "PYTHONHASHSEED": "0"}  # the same dict layouts in every run
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    return env


def count(path: Path, runs: int, code: Path | None) -> int:
    """The instructions a fresh interpreter executes to set up and do ``runs`` runs
    (started in the file's folder, so that no ``cxassess`` folder there is imported)."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", PYTHON, "-c", CHILD, str(path),
                           str(runs)], env=environment(code), cwd=path.parent, capture_output=True, text=True,
                          check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def per_run(path: Path, runs: int, code: Path | None = None) -> float:
    subprocess.run([PYTHON, "-c", CHILD, str(path), "0"], env=environment(code),
                   cwd=path.parent, check=True)  # writes the bytecode, which is not counted
    return (count(path, runs, code) - count(path, 0, code)) / runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--against", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.assessment.resolve() if args.assessment else write(Path(tmp) / "rate-one.toml", 1, seed=1)
        now = per_run(path, args.runs)
        line = f"load + score + plan, {path.name}: {now / 1e6:.2f} M instructions per run"
        if args.against is not None:
            before = per_run(path, args.runs, args.against.resolve())
            line += f"; {args.against}: {before / 1e6:.2f} M; ratio {now / before:.3f}"
        print(line)


if __name__ == "__main__":
    main()
