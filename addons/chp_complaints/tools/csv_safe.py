"""CSV files that a spreadsheet opens as data, never as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some spreadsheets skip before reading a formula) is run by
Excel, LibreOffice and Google Sheets when the CSV is opened: a complaint's
reference, service or root cause named ``=HYPERLINK(...)`` or
``=cmd|' /C calc'!A0`` would become a live link or command (CSV injection,
OWASP). Every CSV the suite writes goes through :func:`writer`, which
prefixes such text cells with ``'`` so they read as text. Numbers are left
alone: a negative figure is a number, not a formula.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` as it may be written to a CSV cell: text that a spreadsheet
    would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """A ``csv.writer`` whose rows are neutralised cell by cell."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **kwargs):
    """The only CSV writer of the suite: ``csv.writer(stream, **kwargs)``
    with every text cell neutralised."""
    return _SafeWriter(stream, **kwargs)
