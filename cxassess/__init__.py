"""cxassess: a plugin-based customer-experience maturity assessment engine.

Import what a plugin needs from here: ``hookimpl`` to mark hook functions.
"""

from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__"]
