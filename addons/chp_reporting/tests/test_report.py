from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReport(TransactionCase):
    def test_period_must_not_end_before_it_starts(self):
        Report = self.env["chp.report"]
        report = Report.create(
            {
                "name": "Q1 2026/27",
                "report_type": "quarterly_internal",
                "date_from": date(2026, 4, 1),
                "date_to": date(2026, 6, 30),
            }
        )
        self.assertEqual(report.state, "draft")
        with self.assertRaises(ValidationError):
            report.date_to = date(2026, 3, 1)
