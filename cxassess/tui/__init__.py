"""The Textual terminal app (the only package that imports textual).

Screens call the core (:mod:`cxassess.pipeline`, :mod:`cxassess.loading`,
:mod:`cxassess.catalog`) and hold no scoring or roadmap logic of their own.
"""
