from datetime import date

from odoo.addons.chp_complaints.tests.common import RoleUsersMixin
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestReportTours(RoleUsersMixin, HttpCase):
    """The roles that govern complaints, in a real browser: the committee
    opens a report, the contract manager goes from their contractor to the
    reports, the SPSO liaison officer opens a report and exports a period."""

    role_users = {
        "committee": ("chp_rtour_committee", "committee"),
        "liaison": ("chp_rtour_spso_liaison", "spso_liaison"),
        "contract_manager": ("chp_rtour_contract_manager", "contract_manager"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].create(
            {
                "name": "Acme Builders",
                "is_company": True,
                "chp_is_contractor": True,
                "chp_contract_manager_id": cls.contract_manager.id,
            }
        )
        report = cls.env["chp.report"]._build_report(
            cls.env.company, "quarterly_internal", date(2026, 4, 1), date(2026, 6, 30)
        )
        report.name = "Tour quarterly report"
        report.action_approve()  # the committee reads approved reports
        public = cls.env["chp.report"]._build_report(
            cls.env.company, "quarterly_public", date(2026, 4, 1), date(2026, 6, 30)
        )
        public.name = "Tour public report"
        public.action_approve()
        public.action_publish()  # every role reads published public reports

    def test_committee_opens_a_report(self):
        self.start_tour(
            "/odoo/action-chp_reporting.chp_report_action",
            "chp_committee_report_tour",
            login=self.committee.login,
        )

    def test_contract_manager_from_contractor_to_report(self):
        self.start_tour(
            "/odoo/action-chp_complaints.chp_contractor_my_action",
            "chp_contract_manager_tour",
            login=self.contract_manager.login,
        )

    def test_liaison_opens_a_report_and_exports(self):
        self.start_tour(
            "/odoo/action-chp_reporting.chp_report_action",
            "chp_liaison_tour",
            login=self.liaison.login,
        )
        exports = self.env["chp.spso.export.wizard"].search([("create_uid", "=", self.liaison.id)])
        self.assertTrue(exports.workbook)
