import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.addons.chp_complaints.tools.transition import transition
from odoo.tests import tagged

from ..report.spso_csv import build_figures_csv
from ..report.spso_workbook import build_workbook
from .common import P_FROM, P_TO, ChpReportingCase


@tagged("post_install", "-at_install")
class TestOpenAtStartAndAsOfToday(ChpReportingCase):
    """Carried forward (``open_at_start``), "open at the end" of a period
    not yet over, and the denominator of "per 1,000", worked out by hand
    from the journeys of ChpReportingCase."""

    def _compute(self, date_from, date_to):
        return self.env["chp.spso.indicator"].compute(date_from, date_to, self.company)

    def test_open_at_start_of_q2(self):
        # Eve of Q2 = 30 Jun. Stage 1: c9 (received 26 Jun, closed 8 Jul);
        # c3 closed stage 1 on 26 Jun and c10 on 5 Jun. Direct: c4 arrives
        # on 1 Jul. Escalated: c3 starts stage 2 only on 2 Jul.
        figures = self._compute(P_FROM, P_TO)
        self.assertEqual(
            figures["open_at_start"], {"stage1": 1, "stage2_direct": 0, "stage2_escalated": 0}
        )
        # Carried forward into Q2 = open at the end of Q1.
        q1 = self._compute(date(2026, 4, 1), date(2026, 6, 30))
        self.assertEqual(figures["open_at_start"], q1["open_at_end"])

    def test_open_at_start_of_q3(self):
        # Eve of Q3 = 30 Sep. Stage 1: c5 (open) and c6 (closed 2 Oct).
        # Direct: c8. Escalated: c7 (stage 2 since 13 Jul, still open).
        # c11 arrives on 1 Oct: received in Q3, not carried forward.
        with freeze_time("2027-01-15"):
            figures = self._compute(date(2026, 10, 1), date(2026, 12, 31))
        self.assertEqual(
            figures["open_at_start"], {"stage1": 2, "stage2_direct": 1, "stage2_escalated": 1}
        )
        self.assertEqual(figures["received"]["total"], 1)
        # Closed period: open at its last day, not labelled "today".
        self.assertFalse(figures["open_as_of_today"])
        self.assertEqual(figures["open_as_of"], "2026-12-31")

    def test_period_not_over_counts_open_and_overdue_today(self):
        # Today 15 Sep, Q2 ends 30 Sep. Open at stage 1 on 15 Sep: c5 only
        # (received 14 Sep; c6 arrives 25 Sep). Its deadline 21 Sep has not
        # passed: not overdue (on 30 Sep it would be). Escalated: c7,
        # extended to 25 Sep: not overdue yet. Direct: c8 arrives 22 Sep.
        with freeze_time("2026-09-15 12:00:00"):
            figures = self._compute(P_FROM, P_TO)
        self.assertTrue(figures["open_as_of_today"])
        self.assertEqual(figures["open_as_of"], "2026-09-15")
        self.assertEqual(
            figures["open_at_end"], {"stage1": 1, "stage2_direct": 0, "stage2_escalated": 1}
        )
        self.assertEqual(
            figures["overdue_at_end"], {"stage1": 0, "stage2_direct": 0, "stage2_escalated": 0}
        )
        # Labelled so in the workbook and the report.
        meta = {"title": "Q2", "date_from": P_FROM, "date_to": P_TO}
        book = load_workbook(io.BytesIO(build_workbook(figures, meta)))
        sheet = book["Open at period end"]
        self.assertEqual(
            sheet["A1"].value, "Open and overdue today (15/09/2026, the period is not over)"
        )
        self.assertEqual(
            [cell.value for cell in sheet[4][:4]],
            [
                "Stage",
                "Open at the start",
                "Open today (15/09/2026, the period is not over)",
                "Overdue",
            ],
        )
        self.assertEqual([cell.value for cell in sheet[5][:4]], ["Stage 1", 1, 1, 0])
        report = self.env["chp.report"].create(
            {
                "name": "Q2 so far",
                "report_type": "quarterly_internal",
                "date_from": P_FROM,
                "date_to": P_TO,
            }
        )
        with transition(report):  # figures as _generate freezes them
            report.figures = figures
        self.assertIn("Open today (15/09/2026, the period is not over)", report.body_html)

    def test_period_over_keeps_last_day(self):
        figures = self._compute(P_FROM, P_TO)
        self.assertFalse(figures["open_as_of_today"])
        self.assertEqual(figures["open_as_of"], "2026-09-30")
        meta = {"title": "Q2", "date_from": P_FROM, "date_to": P_TO}
        sheet = load_workbook(io.BytesIO(build_workbook(figures, meta)))["Open at period end"]
        self.assertEqual(
            sheet["A1"].value, "Open and overdue at the end of the period (30/09/2026)"
        )
        self.assertEqual(
            [cell.value for cell in sheet[7][:4]], ["Stage 2 (after escalation)", 0, 1, 1]
        )

    def test_received_per_1000_shows_denominator_and_source(self):
        self.company.chp_denominator_source = "Charter return 2025/26"
        figures = self._compute(P_FROM, P_TO)
        # 7 received x 1,000 / 2,000 tenancies = 3.5.
        self.assertEqual(figures["received_per_1000"], 3.5)
        self.assertEqual(
            figures["denominator"],
            {
                "type": "tenancies",
                "label": "Tenancies",
                "value": 2000,
                "source": "Charter return 2025/26",
            },
        )
        label = "Received per 1,000 tenancies (2,000; source: Charter return 2025/26)"
        meta = {"title": "Q2", "date_from": P_FROM, "date_to": P_TO}
        sheet = load_workbook(io.BytesIO(build_workbook(figures, meta)))["4 Received"]
        self.assertEqual((sheet["A8"].value, sheet["B8"].value), (label, 3.5))
        csv_text = build_figures_csv(figures).decode("utf-8-sig")
        self.assertIn("4 Received,All,Denominator,2000", csv_text)
        self.assertIn("4 Received,All,Source of the denominator,Charter return 2025/26", csv_text)
        self.company.chp_denominator_value = 0
        figures = self._compute(P_FROM, P_TO)
        self.assertIsNone(figures["denominator"])
        sheet = load_workbook(io.BytesIO(build_workbook(figures, meta)))["4 Received"]
        self.assertEqual(
            sheet["A8"].value,
            "Received per 1,000: not set (no number of tenancies, homes or people "
            "for the reporting year)",
        )
