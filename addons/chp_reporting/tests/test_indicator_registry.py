"""The indicator registry (``report/indicators.py``): an indicator declared
once, by extending ``chp.spso.indicator._chp_indicators()`` as another addon
would, is counted by the engine and shown by the workbook, the CSV, the
report's HTML, its charts and its trend rows, with no other change; a report
frozen before the declaration says "not recorded then" for it everywhere."""

import base64
import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook

from odoo.tests import tagged

from ..report.indicators import (
    NOT_RECORDED,
    Chart,
    Indicator,
    TrendColumn,
    counted,
    trend_columns,
)
from ..report.spso_csv import build_figures_csv
from ..report.spso_workbook import build_workbook
from .common import P_FROM, P_TO, ChpReportingCase

EMAIL = Indicator(
    key="received_by_email",
    sheet="10 By email",
    title="Indicator 10: Complaints received by email",
    wording="The number of complaints received by email, by stage of entry.",
    base="received",
    condition="c.channel = 'email'",
    count_label="Received by email",
    pct_label="% of received",
    csv_count="Received by email",
    caption="Complaints received by email, by stage of entry",
    html_count_label="Received by email",
    html_pct_label="% of received",
    heading="Received by email",
    chart=Chart(
        name="email",
        value="received_by_email",
        svg_title="Complaints received by email",
        svg_series="By email",
        caption="Chart: complaints received by email (the table above holds the figures).",
        xlsx_title="Complaints received by email",
        xlsx_series="By email",
        xlsx_axis="Complaints",
    ),
    trend=(
        TrendColumn(
            "received_by_email",
            "Received by email",
            lambda figures: figures["received_by_email"]["total"],
        ),
    ),
)
META = {"title": "Registry test", "organisation": "Test organisation"}


def sheet_rows(data, name):
    return [list(row) for row in load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True)]


def csv_rows(data, indicator):
    return [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if row[0] == indicator]


@tagged("post_install", "-at_install")
class TestIndicatorRegistry(ChpReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Received in the quarter by email: c1 (stage 1) and c4 (directly at
        # stage 2); c3 was received before the quarter.
        emailed = cls.c[1] | cls.c[4] | cls.c[3]
        cls.env.cr.execute(
            "UPDATE chp_complaint SET channel = 'email' WHERE id IN %s", [tuple(emailed.ids)]
        )
        emailed.invalidate_recordset(["channel"])

    def _declare_email(self):
        """What an addon's ``_chp_indicators`` override does: super(), then
        its declaration."""
        Model = type(self.env["chp.spso.indicator"])
        declared = Model._chp_indicators
        self.patch(Model, "_chp_indicators", lambda self: [*declared(self), EMAIL])

    def test_declared_indicator_everywhere(self):
        Indicator = self.env["chp.spso.indicator"]
        before = Indicator.compute(P_FROM, P_TO, self.company)
        self._declare_email()
        indicators = Indicator._chp_indicators()
        self.assertEqual(indicators[-1], EMAIL)
        figures = Indicator.compute(P_FROM, P_TO, self.company)
        # The engine: counted in its scan, by stage of entry, % of received.
        self.assertEqual(
            figures["received_by_email"], {"total": 2, "stage1": 1, "stage2_direct": 1}
        )
        self.assertEqual(
            figures["received_by_email_pct"], {"total": 28.6, "stage1": 20.0, "stage2_direct": 50.0}
        )
        # ... and nothing else changed.
        self.assertEqual(
            {k: v for k, v in figures.items() if not k.startswith("received_by_email")}, before
        )
        # The workbook: a sheet of its own after indicator 9, with its table.
        data = Indicator.build_workbook(P_FROM, P_TO, self.company)
        book = load_workbook(io.BytesIO(data))
        names = book.sheetnames
        self.assertEqual(names[names.index("9 Extensions") + 1], "10 By email")
        rows = sheet_rows(data, "10 By email")
        self.assertEqual(rows[0][0], "Indicator 10: Complaints received by email")
        self.assertEqual(rows[3][:3], ["Stage", "Received by email", "% of received"])
        self.assertEqual(
            [row[:3] for row in rows[4:7]],
            [["All", 2, 28.6], ["Stage 1", 1, 20.0], ["Stage 2 (direct)", 1, 50.0]],
        )
        # The CSV.
        self.assertEqual(
            csv_rows(build_figures_csv(figures, indicators), "10 By email"),
            [
                ["10 By email", "All", "Received by email", "2"],
                ["10 By email", "All", "%", "28.6"],
                ["10 By email", "Stage 1", "Received by email", "1"],
                ["10 By email", "Stage 1", "%", "20.0"],
                ["10 By email", "Stage 2 (direct)", "Received by email", "1"],
                ["10 By email", "Stage 2 (direct)", "%", "50.0"],
            ],
        )
        # A report generated now: its frozen figures, files, HTML, chart and
        # trend rows all have it.
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_internal", P_FROM, P_TO
        )
        self.assertEqual(report.figures["received_by_email"]["total"], 2)
        self.assertEqual(report.trend_rows[-1]["received_by_email"], 2)
        attached = base64.b64decode(report.csv_id.datas)
        self.assertIn(
            ["10 By email", "All", "Received by email", "2"], csv_rows(attached, "10 By email")
        )
        self.assertEqual(
            sheet_rows(base64.b64decode(report.workbook_id.datas), "10 By email")[4][:3],
            ["All", 2, 28.6],
        )
        html = str(report.body_html)
        self.assertIn('<section aria-labelledby="chp-received_by_email">', html)
        self.assertIn("Complaints received by email, by stage of entry", html)
        self.assertIn('id="chp-chart-email-title"', html)
        self.assertIn("<td>28.6%</td>", html)
        self.assertIn('<th scope="col">Received by email</th>', html)
        self.assertNotIn(NOT_RECORDED, html)

    def test_frozen_report_lacks_the_key(self):
        # Frozen before the declaration existed...
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_internal", P_FROM, P_TO
        )
        self.assertNotIn("received_by_email", report.figures)
        before = str(report.body_html)
        self.assertNotIn(NOT_RECORDED, before)
        # ... read after it: "not recorded then", never 0 or an error.
        self._declare_email()
        indicators = self.env["chp.spso.indicator"]._chp_indicators()
        report.invalidate_recordset(["body_html"])
        html = str(report.body_html)
        self.assertIn('<section aria-labelledby="chp-received_by_email">', html)
        self.assertIn(f"<td>{NOT_RECORDED}</td>", html)
        self.assertNotIn('id="chp-chart-email-title"', html)
        # The trend table's new column too (rows frozen without it).
        self.assertIn('<th scope="col">Received by email</th>', html)
        # The files built from the frozen figures (the public page's downloads).
        data = build_workbook(report.figures, META, None, report.trend_rows, indicators)
        rows = sheet_rows(data, "10 By email")
        self.assertEqual(
            [row[:3] for row in rows[4:7]],
            [
                [label, NOT_RECORDED, NOT_RECORDED]
                for label in ("All", "Stage 1", "Stage 2 (direct)")
            ],
        )
        trends = sheet_rows(data, "Trends")
        column = next(row for row in trends if "Received by email" in row).index(
            "Received by email"
        )
        self.assertIn(NOT_RECORDED, [row[column] for row in trends])
        lines = csv_rows(build_figures_csv(report.figures, indicators), "10 By email")
        self.assertEqual(len(lines), 6)
        self.assertEqual({line[3] for line in lines}, {NOT_RECORDED})
        # Every other figure of the frozen report reads as before.
        self.assertEqual(
            build_figures_csv(report.figures).decode().count("\n") + 6,
            build_figures_csv(report.figures, indicators).decode().count("\n"),
        )

    def test_registry_is_consistent(self):
        """One declaration per key, sheet and trend column; each counted
        indicator's analysis field is a field of the dashboard's view, and
        every measure the dashboard reads is one of its fields."""
        indicators = self.env["chp.spso.indicator"]._chp_indicators()
        for attribute in ("key", "sheet"):
            values = [getattr(ind, attribute) for ind in indicators]
            self.assertEqual(len(values), len(set(values)), attribute)
        keys = [column.key for column in trend_columns(indicators)]
        self.assertEqual(len(keys), len(set(keys)))
        Analysis = self.env["chp.complaint.analysis"]
        for indicator in counted(indicators):
            if indicator.analysis_field:
                self.assertIn(indicator.analysis_field, Analysis._fields)
        dashboard = Path(__file__).parents[1] / "data" / "files" / "complaints_dashboard.json"
        text = dashboard.read_text()
        measures = {
            measure["fieldName"]
            for pivot in json.loads(text).get("pivots", {}).values()
            if pivot.get("model") == "chp.complaint.analysis"
            for measure in pivot.get("measures", [])
        }
        self.assertIn("within_timescale_pct", measures)
        for name in measures - {"__count"}:
            self.assertIn(name, Analysis._fields)
