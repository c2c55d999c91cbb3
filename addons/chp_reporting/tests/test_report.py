from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import P_FROM, P_TO, ChpReportingCase


@tagged("post_install", "-at_install")
class TestReport(ChpReportingCase):
    """Report records: scheduled building (idempotent, atomic, notifying),
    the approval workflow and who reads what."""

    def _reports(self, **domain):
        return self.env["chp.report"].search([(key, "=", value) for key, value in domain.items()])

    def test_period_must_not_end_before_it_starts(self):
        with self.assertRaises(ValidationError):
            self.env["chp.report"].create(
                {
                    "name": "Backwards",
                    "report_type": "quarterly_internal",
                    "date_from": date(2026, 4, 1),
                    "date_to": date(2026, 3, 1),
                }
            )

    def test_quarterly_cron_builds_once_and_notifies(self):
        Report = self.env["chp.report"]
        with freeze_time("2026-10-01 06:00:00"):
            Report._cron_quarterly_reports()
            internal = self._reports(report_type="quarterly_internal")
            self.assertEqual(len(internal), 1)
            self.assertEqual((internal.date_from, internal.date_to), (P_FROM, P_TO))
            self.assertEqual(internal.state, "draft")
            self.assertEqual(internal.figures["received"]["total"], 7)
            self.assertEqual(internal.figures["closed"]["total"], 6)
            # Trend: the four previous quarters, then this one.
            self.assertEqual(
                [row["period"] for row in internal.trend_rows],
                ["Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27", "Q2 2026/27"],
            )
            self.assertEqual(internal.trend_rows[3]["received"], 3)
            self.assertTrue(internal.workbook_id.datas)
            self.assertEqual(internal.workbook_id.res_id, internal.id)
            self.assertTrue(internal.csv_id)
            self.assertIn("Complaints by root cause", internal.body_html)
            notified = internal.message_ids.filtered(
                lambda m: self.senior.partner_id in m.partner_ids
            )
            self.assertTrue(notified, "senior managers are told the report is ready")
            self.assertNotIn(self.staff.partner_id, notified.partner_ids)
            self.assertTrue(self._reports(report_type="quarterly_public"))
            # Second run (same day, or later in the quarter): nothing new.
            Report._cron_quarterly_reports()
        with freeze_time("2026-11-15 06:00:00"):
            Report._cron_quarterly_reports()
        self.assertEqual(len(self._reports(report_type="quarterly_internal")), 1)
        self.assertEqual(len(self._reports(report_type="quarterly_public")), 1)
        self.assertEqual(len(internal.message_ids.filtered(lambda m: m.partner_ids)), 1)

    def test_demo_reports_approved_and_published(self):
        """What the demo data loads: the last complete quarter's internal
        report approved, the last complete year's annual report published."""
        with freeze_time("2027-02-10 09:00:00"):
            reports = self.env["chp.report"]._build_demo_reports(approver=self.senior)
        internal = reports.filtered(lambda r: r.report_type == "quarterly_internal")
        annual = reports.filtered(lambda r: r.report_type == "annual")
        self.assertEqual(
            (internal.date_from, internal.date_to, internal.state),
            (date(2026, 10, 1), date(2026, 12, 31), "approved"),
        )
        self.assertEqual(
            (annual.date_from, annual.date_to, annual.state),
            (date(2025, 4, 1), date(2026, 3, 31), "published"),
        )
        self.assertEqual(internal.approved_by_id, self.senior)
        self.assertTrue(internal.workbook_id and annual.figures)
        self.assertEqual(annual.public_url, f"/complaints/annual-report/{self.company.id}/2025")

    def test_complaints_administrator_sets_reporting_and_learning_settings(self):
        """The procedure settings form carries the settings of the higher
        addons too, saved without Odoo administration rights."""
        admin = new_test_user(
            self.env, login="rep_chp_admin", groups="chp_complaints.group_chp_admin"
        )
        settings = (
            self.env["chp.procedure.settings"]
            .with_user(admin)
            .create({"chp_denominator_type": "homes", "chp_learning_late_days": 15})
        )
        self.assertEqual(
            (settings.chp_denominator_value, settings.chp_annual_report_month), (2000, "5")
        )
        settings.write({"chp_denominator_value": 2500, "chp_annual_report_day": 15})
        settings.action_save()
        company = self.company
        self.assertEqual(
            (
                company.chp_denominator_type,
                company.chp_denominator_value,
                company.chp_annual_report_day,
                company.chp_learning_late_days,
            ),
            ("homes", 2500, 15, 15),
        )
        with self.assertRaises(ValidationError):
            settings.chp_annual_report_day = 31

    def test_unique_per_company_type_and_period(self):
        vals = {
            "name": "Q2",
            "report_type": "quarterly_public",
            "date_from": P_FROM,
            "date_to": P_TO,
        }
        self.env["chp.report"].create(vals)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["chp.report"].create(vals)
            self.env.flush_all()

    def test_failed_build_leaves_nothing(self):
        Report = self.env["chp.report"]
        attachments = self.env["ir.attachment"].search_count([("res_model", "=", "chp.report")])
        original = type(Report)._attachment_vals

        def fail_on_csv(report, name, data, mimetype=None):
            # The workbook is attached first; the CSV then fails.
            if name.endswith(".csv"):
                raise RuntimeError("disk full")
            return original(report, name, data, mimetype)

        with (
            patch.object(type(Report), "_attachment_vals", autospec=True, side_effect=fail_on_csv),
            freeze_time("2026-10-01"),
            self.assertRaises(RuntimeError),
        ):
            Report._cron_quarterly_reports()
        self.assertFalse(self._reports(report_type="quarterly_internal"))
        self.assertEqual(
            self.env["ir.attachment"].search_count([("res_model", "=", "chp.report")]),
            attachments,
        )

    def test_annual_cron_waits_for_configured_day(self):
        Report = self.env["chp.report"]
        with freeze_time("2027-04-30"):
            Report._cron_annual_reports()
        self.assertFalse(self._reports(report_type="annual"))
        with freeze_time("2027-05-01"):
            Report._cron_annual_reports()
            Report._cron_annual_reports()
        annual = self._reports(report_type="annual")
        self.assertEqual(len(annual), 1)
        self.assertEqual((annual.date_from, annual.date_to), (date(2026, 4, 1), date(2027, 3, 31)))
        # c1-c9 and c11 received in 2026/27 (c10 on 1 June too): 11 in all.
        self.assertEqual(annual.figures["received"]["total"], 11)
        self.assertEqual(
            [row["period"] for row in annual.trend_rows],
            ["2025/26", "Q1 2026/27", "Q2 2026/27", "Q3 2026/27", "Q4 2026/27", "2026/27"],
        )
        self.company.write({"chp_annual_report_month": "6", "chp_annual_report_day": 15})
        with freeze_time("2028-06-14"):
            Report._cron_annual_reports()
        self.assertEqual(len(self._reports(report_type="annual")), 1)

    def test_workflow_and_regenerate(self):
        Report = self.env["chp.report"]
        report = Report._build_report(self.company, "quarterly_public", P_FROM, P_TO)
        self.assertNotIn("Complaints by root cause", report.body_html)
        self._complaint(date(2026, 9, 1), self.rents)
        report.with_user(self.senior).action_regenerate()
        self.assertEqual(report.figures["received"]["total"], 8)
        for user in (self.staff, self.committee, self.liaison, self.chief):
            with self.assertRaises(AccessError):
                report.with_user(user).action_approve()
        with self.assertRaises(UserError):
            report.with_user(self.senior).action_publish()
        report.with_user(self.senior).action_approve()
        self.assertEqual(report.approved_by_id, self.senior)
        with self.assertRaises(UserError):
            report.with_user(self.senior).action_regenerate()
        report.with_user(self.senior).action_publish()
        self.assertEqual(report.state, "published")
        internal = Report._build_report(self.company, "quarterly_internal", P_FROM, P_TO)
        internal.with_user(self.senior).action_approve()
        with self.assertRaises(UserError):
            internal.with_user(self.senior).action_publish()

    def test_management_review_raises_improvement_action(self):
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_internal", P_FROM, P_TO
        )
        report.with_user(self.senior).management_review = "<p>Repairs: too many late.</p>"
        action = report.with_user(self.senior).action_raise_improvement_action()
        improvement = (
            self.env["chp.improvement.action"]
            .with_user(self.senior)
            .with_context(**action["context"])
            .create({"name": "Repairs scheduling review", "service_id": self.repairs.id})
        )
        self.assertEqual(improvement.chp_report_id, report)
        self.assertEqual(improvement.trend_date_from, P_FROM)
        self.assertEqual(report.improvement_action_ids, improvement)

    def test_who_reads_which_report(self):
        Report = self.env["chp.report"]
        draft = Report._build_report(self.company, "quarterly_internal", P_FROM, P_TO)
        approved = Report._build_report(
            self.company, "quarterly_internal", date(2026, 4, 1), date(2026, 6, 30)
        )
        approved.action_approve()
        public = Report._build_report(self.company, "quarterly_public", P_FROM, P_TO)
        public.action_approve()
        public.action_publish()
        public_draft = Report._build_report(
            self.company, "quarterly_public", date(2026, 4, 1), date(2026, 6, 30)
        )
        everything = draft | approved | public | public_draft
        for user, expected in (
            (self.senior, everything),
            (self.chief, everything),
            (self.liaison, everything),
            (self.committee, approved | public),
            (self.staff, public),
            (self.training_officer, public),
        ):
            seen = Report.with_user(user).search([("id", "in", everything.ids)])
            self.assertEqual(seen, expected, user.login)
        with self.assertRaises(AccessError):
            approved.with_user(self.committee).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            draft.with_user(self.committee).read(["figures"])
        # Files follow the report: the committee opens the approved workbook.
        self.assertTrue(approved.workbook_id.with_user(self.committee).datas)
