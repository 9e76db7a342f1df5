"""Key press → next question drawn, in-process with Textual's Pilot, against a bare
Textual app doing the same (a key → a Static updated with the next text), at 80×24.

    python benchmarks/bench_tui.py [--rounds 6] [--keys 30]

For 1 and 50 respondents it prints the median and p95 of each, and their ratios, on two
clocks: processor time (the work a key press causes: the answer saved, the screen
updated and drawn) and wall time (what Pilot waits: its pause sleeps 20 ms at a time
until the process is idle, so wall times come in steps of about 20 ms and include the
save's fsyncs). The two apps take turns (a round of one, then a round of the other) so
a machine busy with other work weighs on both alike. Each press answers the question
with a level that differs from the saved one, so every press is a real, atomic save.
Goals (issue 13): ratio ≤ 2× median, ≤ 3× p95, flat in respondents.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from cxassess.plugins import load_plugins  # noqa: E402
from cxassess.tui.app import CxApp  # noqa: E402

SIZE = (80, 24)
GOAL_MEDIAN, GOAL_P95 = 2.0, 3.0


class Bare(App[None]):
    """The baseline: a digit key puts the next text into a Static."""

    BINDINGS = [(str(d), f"next({d})", "next") for d in range(5)]

    def __init__(self, texts: list[str]) -> None:
        super().__init__()
        self.texts = texts
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(self.texts[0], id="text")

    def action_next(self, level: int) -> None:
        self.index = (self.index + 1) % len(self.texts)
        self.query_one("#text", Static).update(f"{level} {self.texts[self.index]}")


async def _press_and_draw(pilot, key: str) -> tuple[float, float]:
    """The press's processor time and wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    return time.process_time() - cpu, time.perf_counter() - wall


async def time_cxassess(path: Path, plugins, keys: int) -> list[tuple[float, float]]:
    app = CxApp(path, plugins, language="da", remember_recent=False)
    out = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.go(0)
        await pilot.pause()
        for _ in range(keys):
            answer = screen.session.answer(screen.question.id)
            level = ((answer.level or 0) + 1) % 5 if answer is not None else 2
            out.append(await _press_and_draw(pilot, str(level)))
    return out


async def time_bare(texts: list[str], keys: int) -> list[tuple[float, float]]:
    app = Bare(texts)
    out = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for i in range(keys):
            out.append(await _press_and_draw(pilot, str(i % 5)))
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--keys", type=int, default=30, help="key presses per round (≤ 35)")
    args = parser.parse_args()
    plugins = load_plugins()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        print(f"digit key → next question drawn, Pilot at {SIZE[0]}×{SIZE[1]}, "
              f"{args.rounds} rounds × {args.keys} keys each")
        for respondents in (1, 50):
            path = write(Path(tmp) / f"bench-{respondents}.toml", respondents, seed=1)
            from cxassess.tui.session import Session

            session = Session.open(path, plugins)
            texts = [q.text.get("da") for q in session.questions]
            session.close()
            ours: list[tuple[float, float]] = []
            bare: list[tuple[float, float]] = []
            for i in range(args.rounds):
                if i % 2:
                    bare += asyncio.run(time_bare(texts, args.keys))
                    ours += asyncio.run(time_cxassess(path, plugins, args.keys))
                else:
                    ours += asyncio.run(time_cxassess(path, plugins, args.keys))
                    bare += asyncio.run(time_bare(texts, args.keys))
            for clock, column in (("processor", 0), ("wall", 1)):
                print(line(f"{respondents:3d} respondent(s), {clock:9}",
                           [t[column] for t in ours], [t[column] for t in bare]))


def line(label: str, ours: list[float], bare: list[float]) -> str:
    med = statistics.median(ours) / statistics.median(bare)
    tail = p95(ours) / p95(bare)
    return (f"{label}: cxassess median {statistics.median(ours) * 1000:6.1f} ms"
            f" p95 {p95(ours) * 1000:6.1f} ms | bare median "
            f"{statistics.median(bare) * 1000:6.1f} ms p95 {p95(bare) * 1000:6.1f} ms | "
            f"ratio median {med:.2f}× (goal ≤ {GOAL_MEDIAN:g}× "
            f"{'ok' if med <= GOAL_MEDIAN else 'MISSED'}), p95 {tail:.2f}× "
            f"(goal ≤ {GOAL_P95:g}× {'ok' if tail <= GOAL_P95 else 'MISSED'})")


if __name__ == "__main__":
    main()
