"""Renderers of a scored Report and its Roadmap (terminal text, JSON, the Excel workbook),
and the fill-in forms out and back.

Only the workbook writers (``excel`` with ``workbook/``, and ``forms``) import openpyxl,
and only when they are imported themselves; ``formreader`` reads returned forms without it."""
