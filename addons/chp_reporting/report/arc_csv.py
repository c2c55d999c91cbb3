"""The ARC complaints return as CSV: the period first, then one line per
row of the year's labels with the four columns of the regulator's table
(equalities stage 1 and 2, other issues stage 1 and 2), ready to paste."""

import io

from odoo.addons.chp_complaints.tools import csv_safe

from .figure_labels import long_date

# The table's columns: (group, stage, heading).
ARC_COLUMNS = [
    ("equalities", "stage1", "Equalities: stage 1"),
    ("equalities", "stage2", "Equalities: stage 2"),
    ("other", "stage1", "Other issues: stage 1"),
    ("other", "stage2", "Other issues: stage 2"),
    ("all", "stage1", "All: stage 1"),
    ("all", "stage2", "All: stage 2"),
]


def arc_value(figures, key, group, stage):
    """The figure of one cell: a count or total of ``rows``, or an
    indicator (None when it cannot be computed)."""
    source = figures["indicators"] if key.startswith("indicator_") else figures["rows"]
    return source[key][group][stage]


def arc_period(figures):
    """ "1 April 2025 to 31 March 2026", and "provisional" while the year
    has not ended."""
    text = f"{long_date(figures['date_from'])} to {long_date(figures['date_to'])}"
    if figures["provisional"]:
        text += (
            f" (provisional: the year has not ended; computed on "
            f"{long_date(figures['computed_on'])})"
        )
    return text


def arc_csv(figures, labels, year_name, company_name):
    """Bytes, UTF-8 with a BOM for spreadsheets."""
    output = io.StringIO()
    writer = csv_safe.writer(output)
    writer.writerow(["Annual Return on the Charter: complaints", company_name, year_name])
    writer.writerow(["Period", arc_period(figures)])
    writer.writerow([])
    writer.writerow(["Number", "Row", *[heading for _g, _s, heading in ARC_COLUMNS]])
    for key, number, label in labels:
        values = [arc_value(figures, key, group, stage) for group, stage, _h in ARC_COLUMNS]
        writer.writerow([number or "", label, *["" if v is None else v for v in values]])
    return output.getvalue().encode("utf-8-sig")
