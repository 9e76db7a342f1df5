"""``python -m cxassess`` and the ``cxassess`` command (pyproject's console script).

The command starts with Python's cyclic garbage collector off: importing pydantic, the
models and the plugins builds a few hundred thousand objects that all live to the end,
and the collector's passes over them, finding nothing, were about a tenth of a cold
``score --json`` (measured, paired). :func:`cxassess.cli.main` switches it back on, with
what start-up built frozen out of its way, for the commands that run long or build much
(see ``cli.COLLECTED``); the others end soon, and their heavy parts ran with the
collector paused before already (``pipeline.collector_paused``).
"""

import gc


def main() -> int:
    gc.disable()
    from .cli import main as command

    return command()


if __name__ == "__main__":
    raise SystemExit(main())
