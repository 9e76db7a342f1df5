"""The TOML parser: the standard library's ``tomllib`` on Python 3.11+, ``tomli`` (the same
parser, installed only for older Pythons) before."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
