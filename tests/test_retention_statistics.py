"""The statistics survive the retention policy: every indicator of a past
period is the same before and after anonymising all its complaints, and the
published reports never carry the personal data that anonymisation removes."""

import base64
import json
from datetime import date

from freezegun import freeze_time

from odoo.addons.chp_complaints.tests.retention_common import ChpRetentionCase
from odoo.addons.chp_complaints.tools.transition import creating
from odoo.tests import tagged

YEAR_FROM, YEAR_TO = date(2022, 4, 1), date(2023, 3, 31)
QUARTERS = [
    (date(2022, 4, 1), date(2022, 6, 30)),
    (date(2022, 7, 1), date(2022, 9, 30)),
    (date(2022, 10, 1), date(2022, 12, 31)),
    (date(2023, 1, 1), date(2023, 3, 31)),
]
# What the complaints of the fixtures hold about the customer.
PERSONAL_DATA = ("Morag", "morag@example.org", "0131 000 0000", "High Street")


@tagged("post_install", "-at_install")
class TestRetentionStatistics(ChpRetentionCase):
    def setUp(self):
        super().setUp()
        self.complaints = (
            self.add_chatter(
                self.closed_stage1(received="2022-05-09 10:00:00", closed="2022-05-13")
            )
            | self.closed_stage1(received="2022-06-06 10:00:00", closed="2022-06-20")
            | self.closed_direct(received="2022-07-04 10:00:00", closed="2022-07-29")
            | self.closed_escalated(
                received="2022-09-05 10:00:00", escalated="2022-09-08", closed="2022-10-28"
            )
            | self.refer_to_spso(
                self.closed_direct(received="2022-11-07 10:00:00", closed="2022-11-30"),
                "2022-12-12",
                "not_upheld",
                "2023-02-01",
            )
        )
        # Received in the year, still open at its end: counts as received.
        self.open_one = self._new("2023-03-27 10:00:00")
        # History: an action published that year, entered as the import would.
        with creating(self.env, "chp.improvement.action"):
            self.env["chp.improvement.action"].create(
                {
                    "name": "Text customers before each repair visit",
                    "complaint_ids": [(6, 0, self.complaints[:2].ids)],
                    "service_id": self.service.id,
                    "root_cause_id": self.root_cause.id,
                    "date_raised": "2022-06-21",
                    "public_you_said": "Repair visits were missed.",
                    "public_we_did": "We now confirm every visit by text the day before.",
                    "is_published": True,
                    "published_on": "2022-08-01",
                }
            )

    def _all_figures(self):
        Indicator = self.env["chp.spso.indicator"]
        periods = [(YEAR_FROM, YEAR_TO), *QUARTERS]
        return {
            "periods": [Indicator.compute(start, end, self.company) for start, end in periods],
            "service": Indicator.compute(
                YEAR_FROM, YEAR_TO, self.company, service_ids=[self.service.id]
            ),
            "contractor": Indicator.compute(
                YEAR_FROM, YEAR_TO, self.company, contractor_ids=[self.contractor.id]
            ),
        }

    def _anonymise_all(self):
        with freeze_time("2031-01-01"):
            log = self.env["chp.retention.log"]._cron_apply_retention()
        self.assertEqual(log.anonymised_count, len(self.complaints))
        self.assertTrue(all(self.complaints.mapped("anonymised")))

    def _published_texts(self, report):
        """Everything the public sees of a report: its page, its files and
        its "you said, we did" lines."""
        values = dict(
            report._render_values(),
            xlsx_url="/xlsx",
            csv_url="/csv",
            published_on="2023-06-30",
        )
        page = self.env["ir.qweb"]._render("chp_reporting.chp_report_public_page", values)
        csv_data = base64.b64decode(report.csv_id.datas).decode()
        summaries = self.env["chp.improvement.action"].get_published_summaries(
            YEAR_FROM, YEAR_TO, self.company
        )
        return [
            str(page),
            str(report.body_html),
            csv_data,
            json.dumps(report.summaries),
            json.dumps(summaries, default=str),
        ]

    def test_indicators_identical_after_anonymising_the_period(self):
        before = self._all_figures()
        self.assertEqual(before["periods"][0]["received"]["total"], 6)
        self.assertEqual(before["periods"][0]["closed"]["total"], 6)
        self._anonymise_all()
        self.assertFalse(self.open_one.anonymised)
        self.assertEqual(self._all_figures(), before)

    def test_published_reports_hold_no_personal_data(self):
        report = self.env["chp.report"]._build_report(self.company, "annual", YEAR_FROM, YEAR_TO)
        frozen = report.figures
        texts = self._published_texts(report)
        self.assertIn("We now confirm every visit by text", texts[-1])
        for text in texts:
            for personal in PERSONAL_DATA:
                self.assertNotIn(personal, text)
        self._anonymise_all()
        report.action_regenerate()
        self.assertEqual(report.figures, frozen)
        for text in self._published_texts(report):
            for personal in PERSONAL_DATA:
                self.assertNotIn(personal, text)
