"""The built-in dimension scorers of cxassess: data, tracking, silos and empowerment.

Each module is a plugin registered through the ``cxassess`` entry-point group in
cxassess's pyproject.toml, exactly as a third-party plugin is; they build on the core's
generic dimension scorer (``cxassess.generic``).
"""
