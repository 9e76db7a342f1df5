"""Generate large assessments for the benchmarks: the same seed gives the same file.

In a script::

    from generate import generate, write
    text = generate(500, seed=1)           # the assessment as TOML text
    path = write(tmp_dir / "big.toml", 500, seed=1)

From the command line::

    python benchmarks/generate.py 500 --seed 1 -o big.toml

Every respondent answers every question of the built-in four-F questionnaire, in a
department of a fixed list: mostly levels, some "n/a", importance where the question asks
for it and a note now and then (with Danish letters and quotes, as real notes have).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRE = ROOT / "questionnaires" / "four-f.toml"

DEPARTMENTS = ("Kundeservice", "Marketing", "IT", "Direktion", "Salg", "Drift")
NOTES = (
    "Kunderne ringer om afregningen – ingen forstår den første årsopgørelse.",
    'Vi måler CSAT efter opkald, men ingen ser på tallene ("det er marketings").',
    "Flytning kræver både kundeservice og måleraflæsning; kunderne sendes frem og tilbage.",
    "Systemerne taler ikke sammen, så vi taster alt to gange.",
)


def _questions() -> list[tuple[str, bool]]:
    with open(QUESTIONNAIRE, "rb") as fh:
        doc = tomllib.load(fh)
    return [(q["id"], bool(q.get("asks_importance", False))) for q in doc["questions"]]


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _answer(rng: random.Random, asks_importance: bool) -> str:
    if rng.random() < 0.05:
        return '"n/a"'
    level = rng.choices(range(5), weights=(2, 4, 3, 2, 1))[0]
    parts = [f"level = {level}"]
    if asks_importance and rng.random() < 0.8:
        parts.append(f"importance = {rng.randint(1, 5)}")
    if rng.random() < 0.03:
        parts.append(f"note = {_string(rng.choice(NOTES))}")
    return str(level) if len(parts) == 1 else "{ " + ", ".join(parts) + " }"


def generate(respondents: int, seed: int = 1) -> str:
    """An assessment of the four-F questionnaire with ``respondents`` respondents, as TOML."""
    rng = random.Random(seed)
    questions = _questions()
    lines = [
        "format = 1",
        'questionnaire = "four-f"',
        'language = "da"',
        "",
        "[organisation]",
        f'name = "Generated {respondents} A/S"',
        'sector = "Energi"',
        'date = "2026-11-30"',
    ]
    for i in range(respondents):
        lines += ["", "[[respondents]]", f'name = "Respondent {i + 1}"',
                  f"department = {_string(DEPARTMENTS[i % len(DEPARTMENTS)])}",
                  "[respondents.answers]"]
        lines += [f"{_string(qid)} = {_answer(rng, asks)}" for qid, asks in questions]
    return "\n".join(lines) + "\n"


def write(path: Path, respondents: int, seed: int = 1) -> Path:
    """Write :func:`generate`'s assessment to ``path`` and return the path."""
    path = Path(path)
    path.write_text(generate(respondents, seed), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("respondents", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args()
    if args.output:
        write(args.output, args.respondents, args.seed)
    else:
        sys.stdout.write(generate(args.respondents, args.seed))


if __name__ == "__main__":
    main()
