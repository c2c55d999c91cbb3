"""CSV files from the indicator dict and the case rows: the plain-text
alternative formats of the workbook."""

import io

from odoo.addons.chp_complaints.tools import csv_safe

from .indicators import CORE_INDICATORS, OUTCOME_LABELS, STAGE_LABELS, counted, text
from .spso_workbook import case_columns


def build_case_csv(case_rows, indicators=None):
    """The case-level rows as CSV (bytes, UTF-8 with BOM for spreadsheets)."""
    columns = case_columns(CORE_INDICATORS if indicators is None else indicators)
    output = io.StringIO()
    writer = csv_safe.writer(output)
    writer.writerow([heading for _key, heading, _kind in columns])
    for row in case_rows:
        values = []
        for key, _heading, kind in columns:
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


def _counted_lines(put, indicator, figures, stage, label):
    put(
        indicator.sheet,
        label,
        text(indicator.csv_count or indicator.count_label),
        indicator.count(figures, stage),
    )
    put(indicator.sheet, label, text(indicator.csv_pct), indicator.share(figures, stage))


def build_figures_csv(figures, indicators=None):
    """The indicator figures as a flat CSV (indicator, stage, measure, value):
    the plain-text alternative format of a published report. ``indicators``:
    the registry, by default this addon's declarations."""
    indicators = CORE_INDICATORS if indicators is None else indicators
    kinds = {ind.kind for ind in indicators}
    output = io.StringIO()
    writer = csv_safe.writer(output)
    writer.writerow(["Indicator", "Stage", "Measure", "Value"])

    def put(indicator, stage, measure, value):
        writer.writerow([indicator, stage, measure, "" if value is None else value])

    if "received" in kinds:
        for key in ("total", "stage1", "stage2_direct"):
            put("4 Received", STAGE_LABELS.get(key, "All"), "Received", figures["received"][key])
        put("4 Received", "All", "Received per 1,000", figures["received_per_1000"])
        basis = figures.get("denominator") or {}
        put("4 Received", "All", "Per 1,000 of", basis.get("label"))
        put("4 Received", "All", "Denominator", basis.get("value"))
        put("4 Received", "All", "Source of the denominator", basis.get("source"))
    # Counted by stage of entry, then by stage closed.
    for indicator in counted(indicators):
        if indicator.base == "received":
            for stage, label in indicator.stage_labels.items():
                _counted_lines(put, indicator, figures, stage, label)
    for stage, label in STAGE_LABELS.items():
        for indicator in indicators:
            if indicator.kind == "closed":
                put(indicator.sheet, label, "Closed", figures["closed"][stage])
                put(indicator.sheet, label, "% of all closed", figures["closed_pct"][stage])
            elif indicator.kind == "outcomes":
                for outcome, out_label in OUTCOME_LABELS.items():
                    put(indicator.sheet, label, out_label, figures["outcomes"][stage][outcome])
                    put(
                        indicator.sheet,
                        label,
                        f"{out_label} %",
                        figures["outcomes_pct"][stage][outcome],
                    )
            elif indicator.kind == "average":
                put(indicator.sheet, label, "Working days", figures["average_working_days"][stage])
            elif indicator.kind == "count" and indicator.base == "closed":
                _counted_lines(put, indicator, figures, stage, label)
    if "closed" in kinds:
        put("5 Closed", "All", "Closed", figures["closed"]["total"])
    if "training" in kinds:
        training = figures.get("training") or {}
        put("3 Training", "All", "Staff", training.get("staff"))
        put("3 Training", "All", "Trained", training.get("trained"))
        put("3 Training", "All", "% trained", training.get("pct"))
    if "learning" in kinds:
        for key, value in (figures.get("learning") or {}).items():
            put("1 Learning", "All", key, value)
    satisfaction = figures.get("satisfaction") if "experience" in kinds else None
    if satisfaction:
        blocks = [("All", satisfaction)] + [
            (label, satisfaction["stages"][stage])
            for stage, label in (("stage1", "Stage 1"), ("stage2", "Stage 2"))
        ]
        for label, block in blocks:
            put("2 Experience", label, "Surveys sent", block["sent"])
            put("2 Experience", label, "Responses", block["responses"])
            put("2 Experience", label, "Response rate %", block["response_rate"])
            for question in block["questions"]:
                put(
                    "2 Experience",
                    label,
                    f"{question['question']}: satisfied",
                    question["satisfied"],
                )
                put(
                    "2 Experience",
                    label,
                    f"{question['question']}: satisfied %",
                    question["satisfied_pct"],
                )
    return output.getvalue().encode("utf-8-sig")
