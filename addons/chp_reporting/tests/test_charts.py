import io
import re
from datetime import date

from openpyxl import load_workbook

from odoo.tests import tagged

from ..report.spso_workbook import build_workbook
from .common import P_FROM, P_TO, ChpReportingCase

REPORT = "chp_reporting.action_report_chp_report"


@tagged("post_install", "-at_install")
class TestCharts(ChpReportingCase):
    """Native Excel charts in the workbook (read back with openpyxl) and the
    PDF report with the same charts as server-drawn SVG."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.annual = cls.env["chp.report"]._build_report(
            cls.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
        )
        cls.quarterly = cls.env["chp.report"]._build_report(
            cls.company, "quarterly_internal", P_FROM, P_TO
        )

    def _book(self, report):
        meta = {"title": report.name, "date_from": report.date_from, "date_to": report.date_to}
        data = build_workbook(report.figures, meta, None, report.trend_rows)
        return load_workbook(io.BytesIO(data))

    @staticmethod
    def _refs(chart):
        return [series.val.numRef.f for series in chart.series]

    def test_workbook_charts_beside_indicators_5_to_8(self):
        book = self._book(self.quarterly)
        closed = book["5 Closed"]._charts
        self.assertEqual(len(closed), 1)
        self.assertEqual(closed[0].tagname, "barChart")
        # The three stages of the table (rows 5-7), column B: 4, 1, 1.
        self.assertEqual(self._refs(closed[0]), ["'5 Closed'!$B$5:$B$7"])
        self.assertEqual([book["5 Closed"][f"B{row}"].value for row in (5, 6, 7)], [4, 1, 1])
        outcomes = book["6 Outcomes"]._charts
        self.assertEqual(len(outcomes), 1)
        # One series per outcome: the count columns B, D, F, H.
        self.assertEqual(
            self._refs(outcomes[0]),
            [f"'6 Outcomes'!${col}$5:${col}$7" for col in "BDFH"],
        )
        times = book["7 Average times"]._charts
        self.assertEqual(self._refs(times[0]), ["'7 Average times'!$B$5:$B$7"])
        within = book["8 Within timescale"]._charts
        # The percentage column C.
        self.assertEqual(self._refs(within[0]), ["'8 Within timescale'!$C$5:$C$7"])
        for name in ("1 Learning", "4 Received", "9 Extensions", "Breakdown"):
            self.assertEqual(book[name]._charts, [], name)

    def test_workbook_trends_years_and_quarters_apart(self):
        book = self._book(self.annual)
        sheet = book["Trends"]
        self.assertEqual(sheet["A1"].value, "By reporting year")
        self.assertEqual([sheet["A3"].value, sheet["A4"].value], ["2025/26", "2026/27"])
        quarters_at = next(row for row in range(1, 40) if sheet[f"A{row}"].value == "By quarter")
        self.assertEqual(
            [sheet[f"A{quarters_at + 2 + i}"].value for i in range(4)],
            ["Q1 2026/27", "Q2 2026/27", "Q3 2026/27", "Q4 2026/27"],
        )
        # Received in Q2: 7 (c1 c2 c4 c5 c6 c7 c8).
        self.assertEqual(sheet[f"B{quarters_at + 3}"].value, 7)
        charts = sheet._charts
        self.assertEqual([chart.tagname for chart in charts], ["lineChart", "lineChart"])
        self.assertEqual(self._refs(charts[0]), ["Trends!$B$3:$B$4", "Trends!$C$3:$C$4"])
        first, last = quarters_at + 2, quarters_at + 5
        self.assertEqual(
            self._refs(charts[1]),
            [f"Trends!$B${first}:$B${last}", f"Trends!$C${first}:$C${last}"],
        )
        self.assertEqual([cell.value for cell in sheet[2]][:3], ["Period", "Received", "Closed"])

    def test_pdf_report_renders_with_svg_charts(self):
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html(REPORT, self.quarterly.ids)[0].decode()
        self.assertIn("Complaints performance report (internal) Q2 2026/27", html)
        svgs = re.findall(r"<svg[^>]*role=\"img\"", html)
        self.assertEqual(len(svgs), 5)  # indicators 5 to 8, and quarters
        self.assertNotIn("<script", html.split("<body", 1)[1].split("</main>")[0])
        # The text alternative states the figures of the table beside it.
        self.assertIn("Stage 1: 4; Stage 2 (direct): 1; Stage 2 (after escalation): 1.", html)
        self.assertIn("Stage 1: 6.3 days; Stage 2 (direct): 19 days", html)
        annual = Report._render_qweb_html(REPORT, self.annual.ids)[0].decode()
        self.assertIn("Complaints received and closed by reporting year", annual)
        self.assertIn("Complaints received and closed by quarter", annual)
        # The PDF itself is wkhtmltopdf's rendering of this HTML (Odoo's test
        # mode renders reports as HTML): wkhtmltopdf would fetch the
        # stylesheets from the test server, which waits for this test's
        # transaction, so the PDF bytes are not checked here.

    def test_committee_prints_the_report_it_reads(self):
        """The PDF follows the report's access: the committee reads and
        prints the reports (aggregates only)."""
        self.quarterly.with_user(self.senior).action_approve()
        Report = self.env["ir.actions.report"].with_user(self.committee)
        self.quarterly.with_user(self.committee).check_access("read")
        html = Report._render_qweb_html(REPORT, self.quarterly.ids)[0].decode()
        self.assertIn("<svg", html)
        for personal in self.PERSONAL:
            self.assertNotIn(personal, html)
