#!/usr/bin/env python3
"""Writes the Complaints dashboard of Odoo's Dashboards app
(addons/chp_reporting/data/files/complaints_dashboard.json), an Odoo
spreadsheet whose charts and pivot tables read ``chp.complaint.analysis``
(aggregates only). Edit this script, not the JSON, then run it:

    python3 scripts/build_dashboard.py
"""

import json
import pathlib

OUT = (
    pathlib.Path(__file__).resolve().parent.parent
    / "addons/chp_reporting/data/files/complaints_dashboard.json"
)
MODEL = "chp.complaint.analysis"
PERIOD = "c7e4b1a2-0001-4c1e-9a11-000000000001"
SERVICE = "c7e4b1a2-0002-4c1e-9a11-000000000002"
# The period applies to the event's date (received / closed); the open
# figures are today's, whatever the period.
MATCH = {
    PERIOD: {"chain": "date", "type": "date", "offset": 0},
    SERVICE: {"chain": "service_id", "type": "many2one"},
}
MATCH_SERVICE_ONLY = {PERIOD: {}, SERVICE: {"chain": "service_id", "type": "many2one"}}

RELATIONAL_ROWS = ("service_id", "root_cause_id", "contractor_id")
NOT_RECORDED = "Not recorded"
# Percentages (0-100 in the model) with their sign.
PERCENT_FORMAT = '0.0"%"'

RECEIVED = [["kind", "=", "received"]]
CLOSED = [["kind", "=", "closed"]]
OPEN = [["kind", "=", "open"]]


def chart(fig_id, x, y, title, kind, domain, group_by, measure, stacked=False):
    return {
        "id": fig_id,
        "x": x,
        "y": y,
        "width": 490,
        "height": 320,
        "tag": "chart",
        "data": {
            "title": {"text": title, "bold": True, "color": "#434343"},
            "background": "#FFFFFF",
            "legendPosition": "top",
            "metaData": {
                "groupBy": group_by,
                "measure": measure,
                "order": None,
                "resModel": MODEL,
                "mode": kind,
            },
            "searchParams": {
                "comparison": None,
                "context": {"group_by": []},
                "domain": domain,
                "groupBy": group_by,
                "orderBy": [],
            },
            "type": f"odoo_{kind}",
            "verticalAxisPosition": "left",
            "stacked": stacked,
            "fieldMatching": MATCH,
        },
    }


def pivot(pivot_id, name, domain, row, measures, matching=MATCH):
    return {
        "type": "ODOO",
        "fieldMatching": matching,
        "context": {},
        "domain": domain,
        "id": pivot_id,
        "measures": [{"id": m, "fieldName": m} for m in measures],
        "model": MODEL,
        "name": name,
        "sortedColumn": {"groupId": [[], []], "measure": measures[0], "order": "desc"},
        "formulaId": pivot_id,
        "columns": [],
        "rows": [{"fieldName": row}],
    }


def table(cells, styles, col, top, pivot_id, title, headings, row, measures, size=10):
    """A heading, column titles and the ``size`` first rows of a pivot."""
    letters = "ABCDEFG"[col : col + 1 + len(measures)]
    cells[f"{letters[0]}{top}"] = {"content": title}
    styles[f"{letters[0]}{top}"] = 1
    for letter, heading in zip(letters, headings, strict=True):
        cells[f"{letter}{top + 1}"] = {"content": f'=_t("{heading}")'}
        styles[f"{letter}{top + 1}"] = 2
    for index in range(1, size + 1):
        line = top + 1 + index
        header = f'PIVOT.HEADER({pivot_id},"#{row}",{index})'
        if row in RELATIONAL_ROWS:
            # An empty service, root cause or contractor: Odoo's pivot says
            # "None"; the committee reads "Not recorded".
            header = f'IF({header}="None","{NOT_RECORDED}",{header})'
        cells[f"{letters[0]}{line}"] = {"content": f"={header}"}
        for letter, measure in zip(letters[1:], measures, strict=True):
            cells[f"{letter}{line}"] = {
                "content": f'=PIVOT.VALUE({pivot_id},"{measure}","#{row}",{index})'
            }


def build():
    cells, styles = {}, {}
    cells["A1"] = {"content": "Complaints"}
    styles["A1"] = 3
    cells["A2"] = {
        "content": "Aggregates only. Received and closed: in the period chosen above "
        "(default: the last 365 days); open and overdue: today."
    }
    figures = [
        chart(
            "chp-fig-received",
            0,
            60,
            "Complaints received per month, by stage of entry",
            "bar",
            RECEIVED,
            ["date:month", "stage"],
            "__count",
            stacked=True,
        ),
        chart(
            "chp-fig-outcomes",
            510,
            60,
            "Outcomes of complaints closed, by stage",
            "bar",
            CLOSED,
            ["stage", "outcome"],
            "__count",
            stacked=True,
        ),
        chart(
            "chp-fig-within",
            0,
            400,
            "% closed within timescale, per month and stage",
            "bar",
            CLOSED,
            ["date:month", "stage"],
            "within_timescale_pct",
        ),
        chart(
            "chp-fig-days",
            510,
            400,
            "Average working days to a full response, per month and stage",
            "bar",
            CLOSED,
            ["date:month", "stage"],
            "working_days",
        ),
    ]
    pivots = {
        "1": pivot(
            "1",
            "Open and overdue today by service",
            OPEN,
            "service_id",
            ["__count", "overdue"],
            MATCH_SERVICE_ONLY,
        ),
        "2": pivot("2", "Top root causes", RECEIVED, "root_cause_id", ["__count"]),
        "3": pivot(
            "3",
            "Contractors with most complaints",
            [*RECEIVED, ["contractor_id", "!=", False]],
            "contractor_id",
            ["__count"],
        ),
        "4": pivot("4", "Received by stage", RECEIVED, "stage", ["__count"]),
        "5": pivot("5", "Closed by stage", CLOSED, "stage", ["__count", "within_timescale_pct"]),
    }
    table(
        cells,
        styles,
        0,
        33,
        "1",
        "Open and overdue today, by service",
        ["Service", "Open", "Overdue"],
        "service_id",
        ["__count", "overdue"],
    )
    table(
        cells,
        styles,
        4,
        33,
        "2",
        "Top root causes (complaints received)",
        ["Root cause", "Received"],
        "root_cause_id",
        ["__count"],
    )
    table(
        cells,
        styles,
        0,
        47,
        "3",
        "Contractors with most complaints (received)",
        ["Contractor", "Received"],
        "contractor_id",
        ["__count"],
    )
    table(
        cells,
        styles,
        4,
        47,
        "4",
        "Received by stage of entry",
        ["Stage", "Received"],
        "stage",
        ["__count"],
        size=2,
    )
    table(
        cells,
        styles,
        4,
        52,
        "5",
        "Closed by stage",
        ["Stage", "Closed", "% within timescale"],
        "stage",
        ["__count", "within_timescale_pct"],
        size=3,
    )
    sheet = {
        "id": "sheet1",
        "name": "Dashboard",
        "colNumber": 7,
        "rowNumber": 62,
        "rows": {},
        "cols": {
            "0": {"size": 260},
            "1": {"size": 110},
            "2": {"size": 110},
            "3": {"size": 30},
            "4": {"size": 260},
            "5": {"size": 110},
            "6": {"size": 110},
        },
        "merges": [],
        "cells": cells,
        "styles": styles,
        "formats": {"G54:G56": 1},
        "borders": {},
        "conditionalFormats": [],
        "dataValidationRules": [],
        "figures": figures,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
    }
    return {
        "version": 21,
        "sheets": [sheet],
        "styles": {
            "1": {"textColor": "#01666b", "fontSize": 14, "bold": True},
            "2": {"textColor": "#434343", "bold": True, "fontSize": 11},
            "3": {"textColor": "#01666b", "fontSize": 18, "bold": True},
        },
        "formats": {"1": PERCENT_FORMAT},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (UK)",
                "code": "en_GB",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "dd/mm/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 1,
            }
        },
        "pivots": pivots,
        "pivotNextId": 6,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [
            {
                "id": PERIOD,
                "type": "date",
                "label": "Period",
                "defaultValue": "last_year",
                "rangeType": "relative",
            },
            {
                "id": SERVICE,
                "type": "relation",
                "label": "Service",
                "modelName": "chp.service",
                "defaultValue": [],
                "defaultValueDisplayNames": [],
            },
        ],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {},
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1) + "\n")
    print(f"wrote {OUT}")
