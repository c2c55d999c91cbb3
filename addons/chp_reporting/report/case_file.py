"""The case file of one complaint as a single xlsx file, for an SPSO review:
one sheet per part (record, stage history, messages, attachments)."""

import io

import xlsxwriter

from .spso_workbook import _Writer


def build_case_file(sheets):
    """``sheets``: list of (sheet name, headings, rows), each row a list of
    values or (value, kind) pairs as in ``spso_workbook._Writer.table``."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    writer = _Writer(book)
    for name, headings, rows in sheets:
        sheet = book.add_worksheet(name)
        sheet.set_column(0, len(headings) - 1, 28)
        sheet.freeze_panes(1, 0)
        writer.table(sheet, 0, headings, rows)
    book.close()
    return output.getvalue()
