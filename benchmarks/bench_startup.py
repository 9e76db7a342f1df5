"""How quickly the terminal app gets a consultant to the first question.

Each measurement runs in a fresh Python process (cold imports, as when ``cxassess`` is
started) and is repeated; the median and the worst run are printed.

- ``import``: importing ``cxassess.tui.app`` (textual and the core; openpyxl is not
  imported until an export);
- ``plugins``: loading the installed plugins (the built-in scorers);
- ``to question``: from creating the app (``App.run_test`` at 80×24) until the question
  screen of an existing assessment is mounted and shows its question;
- ``total``: process start of the measurement to the question (all of the above).

Usage::

    python benchmarks/bench_startup.py [--runs N] [ASSESSMENT.toml]

Without a file it uses ``examples/nordlys-energi.toml`` (the 37-question four-F
questionnaire) when present, otherwise the development fixture.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
import cxassess.tui.app as tui_app
from cxassess.tui.screens.question import QuestionScreen
t1 = time.perf_counter()
from cxassess.plugins import load_plugins
plugins = load_plugins()
t2 = time.perf_counter()

async def main():
    app = tui_app.CxApp(sys.argv[1], plugins, remember_recent=False)
    start = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, QuestionScreen) and screen.is_mounted:
                text = screen.query_one("#question-text").render().plain
                if text:
                    break
            await pilot.pause(0.001)
        return time.perf_counter() - start

to_question = asyncio.run(main())
print(json.dumps({"import": t1 - t0, "plugins": t2 - t1, "to question": to_question,
                  "total": (t2 - t0) + to_question}))
"""


def measure(assessment: Path, runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            # the folder's other TOML files too: a questionnaire named by a relative path
            for toml in assessment.parent.glob("*.toml"):
                shutil.copy(toml, Path(tmp) / toml.name)
            copy = Path(tmp) / assessment.name
            proc = subprocess.run([sys.executable, "-c", PROBE, str(copy)], cwd=tmp,
                                  capture_output=True, text=True, timeout=120)
            if proc.returncode != 0:
                raise SystemExit(proc.stderr)
            for key, value in json.loads(proc.stdout.strip().splitlines()[-1]).items():
                results.setdefault(key, []).append(value)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    assessment = args.assessment
    if assessment is None:
        example = ROOT / "examples" / "nordlys-energi.toml"
        fixture = ROOT / "tests" / "fixtures" / "dev-assessment.toml"
        assessment = example if example.is_file() else fixture
    results = measure(assessment.resolve(), args.runs)
    print(f"{assessment.name}, {args.runs} cold runs, Python {sys.version.split()[0]}")
    print(f"{'':14} {'median':>9} {'worst':>9}")
    for key, values in results.items():
        print(f"{key:14} {statistics.median(values) * 1000:7.0f} ms {max(values) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
