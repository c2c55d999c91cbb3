from odoo.addons.chp_complaints.tests.common import role_user
from odoo.addons.chp_complaints.tests.http_common import JsonRpcMixin
from odoo.tests import HttpCase, tagged

from .common import P_FROM, P_TO


@tagged("post_install", "-at_install")
class TestReportWritePath(JsonRpcMixin, HttpCase):
    """A senior manager (who may write reports) saving a report over
    JSON-RPC, as the form or a script would: state, approval and frozen
    figures move only through Generate, Approve, Publish and Reset."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.senior = role_user(cls.env, "rep_wp_senior", "senior_manager")
        Report = cls.env["chp.report"]
        cls.draft = Report._build_report(cls.env.company, "quarterly_public", P_FROM, P_TO)

    def test_a_save_cannot_publish_or_change_figures(self):
        self.authenticate(self.senior.login, self.senior.login)
        figures = self.draft.figures
        for vals in (
            {"state": "published"},
            {"published_on": "2026-10-02"},
            {"approved_by_id": self.senior.id},
            {"figures": {"received": {"total": 1}}},
            {"date_to": "2026-12-31"},  # the period is fixed once generated
        ):
            with self.subTest(vals=vals):
                answer = self.call_kw(
                    "chp.report",
                    "web_save",
                    [self.draft.ids, vals],
                    {"specification": {"state": {}}},
                )
                self.assert_rpc_refused(answer, ("odoo.exceptions.UserError",))
        created = self.call_kw(
            "chp.report",
            "create",
            [
                {
                    "name": "Forged",
                    "report_type": "annual",
                    "date_from": "2025-04-01",
                    "date_to": "2026-03-31",
                    "state": "published",
                }
            ],
        )
        self.assert_rpc_refused(created, ("odoo.exceptions.UserError",))
        self.draft.invalidate_recordset()
        self.assertEqual((self.draft.state, self.draft.figures), ("draft", figures))

    def test_the_steps_and_the_review_still_work(self):
        self.authenticate(self.senior.login, self.senior.login)
        review = "<p>Fewer repairs complaints.</p>"
        self.rpc(
            "chp.report",
            "web_save",
            self.draft.ids,
            {"management_review": review, "name": "Q2 public"},
            specification={},
        )
        self.rpc("chp.report", "action_approve", self.draft.ids)
        self.rpc("chp.report", "action_publish", self.draft.ids)
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "published")
        self.assertEqual(self.draft.name, "Q2 public")
        self.assertIn("Fewer repairs", self.draft.management_review)
        answer = self.call_kw(
            "chp.report", "write", [self.draft.ids, {"management_review": "<p>Changed</p>"}]
        )
        self.assert_rpc_refused(answer, ("odoo.exceptions.UserError",))
