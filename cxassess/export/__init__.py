"""Renderers of a scored Report and its Roadmap: terminal text, JSON, the Excel workbook.

Only ``excel`` imports openpyxl, and only when it is imported itself."""
