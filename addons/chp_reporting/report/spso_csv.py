"""CSV files from the indicator dict and the case rows: the plain-text
alternative formats of the workbook."""

import io

from odoo.addons.chp_complaints.tools import csv_safe

from .spso_workbook import CASE_COLUMNS, OUTCOME_LABELS, STAGE_LABELS


def build_case_csv(case_rows):
    """The case-level rows as CSV (bytes, UTF-8 with BOM for spreadsheets)."""
    output = io.StringIO()
    writer = csv_safe.writer(output)
    writer.writerow([heading for _key, heading, _kind in CASE_COLUMNS])
    for row in case_rows:
        values = []
        for key, _heading, kind in CASE_COLUMNS:
            value = row[key]
            if value is None:
                value = ""
            elif kind == "bool":
                value = "yes" if value else "no"
            elif kind == "date":
                value = value.isoformat()
            values.append(value)
        writer.writerow(values)
    return output.getvalue().encode("utf-8-sig")


def build_figures_csv(figures):
    """The indicator figures as a flat CSV (indicator, stage, measure, value):
    the plain-text alternative format of a published report."""
    output = io.StringIO()
    writer = csv_safe.writer(output)
    writer.writerow(["Indicator", "Stage", "Measure", "Value"])

    def put(indicator, stage, measure, value):
        writer.writerow([indicator, stage, measure, "" if value is None else value])

    for key in ("total", "stage1", "stage2_direct"):
        put("4 Received", STAGE_LABELS.get(key, "All"), "Received", figures["received"][key])
    put("4 Received", "All", "Received per 1,000", figures["received_per_1000"])
    for stage, label in STAGE_LABELS.items():
        put("5 Closed", label, "Closed", figures["closed"][stage])
        put("5 Closed", label, "% of all closed", figures["closed_pct"][stage])
        for outcome, out_label in OUTCOME_LABELS.items():
            put("6 Outcomes", label, out_label, figures["outcomes"][stage][outcome])
            put("6 Outcomes", label, f"{out_label} %", figures["outcomes_pct"][stage][outcome])
        put("7 Average times", label, "Working days", figures["average_working_days"][stage])
        put("8 Within timescale", label, "Closed", figures["within_timescale"][stage])
        put("8 Within timescale", label, "%", figures["within_timescale_pct"][stage])
        put("9 Extensions", label, "Closed", figures["extensions"][stage])
        put("9 Extensions", label, "%", figures["extensions_pct"][stage])
    put("5 Closed", "All", "Closed", figures["closed"]["total"])
    training = figures.get("training") or {}
    put("3 Training", "All", "Staff", training.get("staff"))
    put("3 Training", "All", "Trained", training.get("trained"))
    put("3 Training", "All", "% trained", training.get("pct"))
    for key, value in (figures.get("learning") or {}).items():
        put("1 Learning", "All", key, value)
    return output.getvalue().encode("utf-8-sig")
