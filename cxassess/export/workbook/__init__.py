"""The executive workbook's parts: shared styles and words, and one module per sheet.
The entry point, with the list of sheets in order, is :mod:`cxassess.export.excel`."""
