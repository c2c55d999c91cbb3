from datetime import date

from odoo.addons.chp_complaints.tests.http_common import JsonRpcMixin
from odoo.addons.chp_complaints.tools.transition import creating
from odoo.tests import HttpCase, new_test_user, tagged

REPORT = "chp.report"
# Every role has the Reporting menu (it has no group of its own).
ROLES = {
    "staff": "group_chp_staff",
    "investigator": "group_chp_investigator",
    "senior_manager": "group_chp_senior_manager",
    "complaints_admin": "group_chp_admin",
    "chief_executive": "group_chp_chief_executive",
    "committee": "group_chp_committee",
    "training_officer": "group_chp_training_officer",
    "spso_liaison": "group_chp_spso_liaison",
    "contract_manager": "group_chp_contract_manager",
}
# Who may read improvement actions, and so sees the list of those a
# management review raised.
SEES_ACTIONS = {"staff", "investigator", "senior_manager", "complaints_admin", "chief_executive"}


@tagged("post_install", "-at_install")
class TestHttpReportAccess(JsonRpcMixin, HttpCase):
    """Issue 11, item 8: every role with the Reporting menu opens every
    report it can see, over HTTP as the web client does (get_views, then
    web_read of the form's fields), with no Access Error; the list of
    improvement actions shows only to who may read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.logins = {}
        for role, group in ROLES.items():
            login = f"chp_rep_{role}"
            new_test_user(cls.env, login=login, groups=f"chp_complaints.{group}")
            cls.logins[role] = login
        Report = cls.env[REPORT]
        company = cls.env.company
        cls.internal = Report._build_report(
            company, "quarterly_internal", date(2026, 4, 1), date(2026, 6, 30)
        )
        cls.internal.action_approve()
        cls.public = Report._build_report(
            company, "quarterly_public", date(2026, 4, 1), date(2026, 6, 30)
        )
        cls.public.action_approve()
        cls.public.action_publish()
        cls.draft = Report._build_report(
            company, "quarterly_internal", date(2026, 7, 1), date(2026, 9, 30)
        )
        with creating(cls.env, "chp.improvement.action"):
            cls.action = cls.env["chp.improvement.action"].create(
                {
                    "name": "Review repairs scheduling",
                    "source": "trend",
                    "trend_description": "Repairs complaints late",
                    "chp_report_id": cls.internal.id,
                }
            )

    def test_every_role_opens_every_report_it_sees(self):
        reports = self.internal | self.public | self.draft
        for role, login in self.logins.items():
            with self.subTest(role=role):
                self.authenticate(login, login)
                seen = self.rpc(REPORT, "search_read", [("id", "in", reports.ids)], fields=["id"])
                self.assertIn(self.public.id, [row["id"] for row in seen])
                for row in seen:
                    fields, record = self.form_read(REPORT, row["id"])
                    self.assertEqual(record["id"], row["id"])
                    self.assertTrue(record["name"])
                    if role in SEES_ACTIONS:
                        self.assertIn("improvement_action_ids", fields)
                    else:
                        self.assertNotIn("improvement_action_ids", fields)
                        self.assertNotIn("improvement_action_ids", record)

    def test_the_list_shows_the_actions_to_who_may_read_them(self):
        for role in ("chief_executive", "senior_manager"):
            with self.subTest(role=role):
                login = self.logins[role]
                self.authenticate(login, login)
                _fields, record = self.form_read(REPORT, self.internal.id)
                self.assertEqual(
                    [line["id"] for line in record["improvement_action_ids"]], self.action.ids
                )
                self.assertEqual(
                    record["improvement_action_ids"][0]["reference"], self.action.reference
                )
