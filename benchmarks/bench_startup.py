"""How quickly the terminal app gets a consultant to the first question, against a bare
Textual app showing a Static, timed in the same loop (see timing.py).

    python benchmarks/bench_startup.py [--pairs N] [--wall] [ASSESSMENT.toml]

Each run is a fresh Python process (cold imports, as when ``cxassess`` is started) that
stops the clock when its first screen is drawn at 80×24 (``App.run_test``):

- figure: import ``cxassess.tui.app``, load the plugins, open an existing assessment and
  draw its question screen with the question's text;
- baseline: import ``textual.app`` and ``Static``, and draw an app showing one Static;
- floor: the baseline, with the core (``pipeline.load``, plugins loaded) reading the
  assessment first and the Static showing its first question: what any terminal front
  end of cxassess would pay, so the second ratio is the app's own share.

A round runs the three back to back (in the reverse order every other round); a row
shows the medians and the ratio, median (min–max) of the rounds. The figure's phases
(imports, plugins, app start to the question) are printed too. Times are processor time
from process start (what the start-up costs, whatever else the machine is doing);
``--wall`` times the wall clock from launching the process (what a user waits, on a
quiet machine).

Python's bytecode caches are used (written by the untimed first round, if need be), as
after ``pip install``: without them every run would compile the sources anew.

Without a file it uses ``examples/nordlys-energi.toml`` (the 37-question four-F
questionnaire).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import COMMAND_ENV, EXAMPLE, PYTHON, Paired, rounds, row

# Both probes print {"cpu": processor time since process start, "wall": time.time() when
# drawn, phases...}; the parent takes the wall time from just before it launched them.
_DRAWN = r"""
def done(**phases):
    print(json.dumps({"cpu": time.process_time(), "wall": time.time(), **phases}))
"""

FIGURE = r"""
import asyncio, json, sys, time
""" + _DRAWN + r"""
t0 = time.process_time()
import cxassess.tui.app as tui_app
from cxassess.tui.screens.question import QuestionScreen
t1 = time.process_time()
from cxassess.plugins import load_plugins
plugins = load_plugins()
t2 = time.process_time()

async def main():
    app = tui_app.CxApp(sys.argv[1], plugins, remember_recent=False)
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, QuestionScreen) and screen.is_mounted:
                if screen.query_one("#question").question.plain:
                    done(imports=t1 - t0, plugins=t2 - t1, app=time.process_time() - t2)
                    return
            await pilot.pause(0.001)

asyncio.run(main())
"""

BASELINE = r"""
import asyncio, json, sys, time
""" + _DRAWN + r"""
from textual.app import App
from textual.widgets import Static

text = "Hvor godt kender I jeres kunder?"
if len(sys.argv) > 1:  # the floor: the core reads the assessment first
    from cxassess import pipeline
    from cxassess.plugins import load_plugins
    loaded = pipeline.load(sys.argv[1], load_plugins())
    text = loaded.questionnaire.questions[0].text.get(loaded.assessment.language)

class Bare(App):
    def compose(self):
        yield Static(text, id="text")

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            static = app.screen.query("#text")
            if static and static.first().is_mounted and static.first().render().plain:
                done()
                return
            await pilot.pause(0.001)

asyncio.run(main())
"""


class Probe:
    """Runs one probe script in a fresh process; keeps the figure's phases."""

    def __init__(self, script: str, argv: list[str], cwd: Path, env: dict[str, str],
                 cpu: bool) -> None:
        self.script, self.argv, self.cwd, self.env, self.cpu = script, argv, cwd, env, cpu
        self.phases: dict[str, list[float]] = {}

    def __call__(self) -> float:
        start = time.time()
        proc = subprocess.run([PYTHON, "-c", self.script, *self.argv], cwd=self.cwd,
                              env=self.env, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        for key, value in out.items():
            if key not in ("cpu", "wall"):
                self.phases.setdefault(key, []).append(value)
        return out["cpu"] if self.cpu else out["wall"] - start


def measure(assessment: Path, pairs: int, cpu: bool
            ) -> tuple[Paired, Paired, dict[str, list[float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # the folder's other TOML files too: a questionnaire named by a relative path
        for toml in assessment.parent.glob("*.toml"):
            shutil.copy(toml, folder / toml.name)
        env = {**COMMAND_ENV, "XDG_CONFIG_HOME": str(folder / "config")}
        copy = [str(folder / assessment.name)]
        figure = Probe(FIGURE, copy, folder, env, cpu)
        bare, floor = Probe(BASELINE, [], folder, env, cpu), Probe(BASELINE, copy, folder, env, cpu)
        # the untimed first round writes the bytecode caches
        times = rounds([figure, bare, floor], pairs)
        phases = {key: values[1:] for key, values in figure.phases.items()}
        return Paired(times[0], times[1]), Paired(times[0], times[2]), phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--pairs", type=int, default=10, help="rounds (default 10)")
    parser.add_argument("--wall", action="store_true",
                        help="time the wall clock, not processor time")
    args = parser.parse_args()
    cpu = not args.wall
    bare, floor, phases = measure(args.assessment.resolve(), args.pairs, cpu)
    print(f"{args.assessment.name}, Python {sys.version.split()[0]}, "
          f"{'processor' if cpu else 'wall-clock'} time; figure, baseline (medians) and "
          "ratio median (min–max) of paired runs")
    print(row("terminal app, start to the first question", bare, "bare Textual app"))
    print(row("the same", floor, "bare app + the core reading the file"))
    print("  the figure's phases (processor time, medians): " + ", ".join(
        f"{key} {statistics.median(values) * 1000:.0f} ms" for key, values in phases.items()))


if __name__ == "__main__":
    main()
