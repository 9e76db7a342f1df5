"""Objects frozen out of the cyclic garbage collector's way, each freeze with its owner.

``gc.freeze()`` moves every object the collector tracks into its permanent generation,
which its full passes no longer walk; ``gc.unfreeze()`` moves them all back. There is one
permanent generation, so a plain ``unfreeze`` would thaw every owner's objects. Two
owners freeze:

- the command, at start-up (:func:`for_life`, from :func:`cxassess.cli.main`): what
  importing built lives until the process ends;
- the terminal app's question screen, while it is up (:func:`hold` / :func:`release`):
  the file and the screen, which the collector's full passes walked for some 50 ms every
  hundred key presses.

A holder that lets go while another owner's freeze stands leaves its objects frozen
until the next :func:`hold`, which first thaws everything, collects what nobody holds any
more and so freezes only what lives (the start-up's objects among it). No textual
import: the command line uses it too.
"""

from __future__ import annotations

import gc

_for_life = False  # the start-up froze
_holders = 0
_stale = False  # a holder let go while another owner's freeze stood


def for_life() -> None:
    """Freeze what exists now until the process ends."""
    global _for_life
    gc.freeze()
    _for_life = True


def hold() -> None:
    """Freeze what exists now, until the matching :func:`release`."""
    global _holders, _stale
    if _stale:  # what a holder let go is collected first, not frozen again
        gc.unfreeze()
        gc.collect()
        _stale = False
    gc.freeze()
    _holders += 1


def release() -> None:
    """Give back one :func:`hold`: what it froze is thawed at once when nobody else
    froze, else at the next hold (a thaw now would thaw the others' objects too)."""
    global _holders, _stale
    _holders = max(0, _holders - 1)
    if _for_life or _holders:
        _stale = True
    else:
        gc.unfreeze()
