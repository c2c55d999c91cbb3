from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestCompanyConsistency(ChpLearningCase):
    """An improvement action links only to its own company's service, root
    cause, complaints, team and earlier action (records shared between
    companies, with no company, are fine); a sub-service sits under a
    service of its company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Other landlord"})
        Other = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.other.id]))
        cls.other_service = Other["chp.service"].create(
            {"name": "Their repairs", "company_id": cls.other.id}
        )
        cls.other_cause = Other["chp.root.cause"].create(
            {"name": "Their cause", "company_id": cls.other.id}
        )
        cls.other_team = Other["chp.improvement.team"].create(
            {"name": "Their team", "leader_id": cls.other_staff.id, "company_id": cls.other.id}
        )
        cls.other_complaint = (
            Other["chp.complaint"]
            .sudo()
            .create({"subject": "Elsewhere", "company_id": cls.other.id, "customer_name": "X"})
        )

    def test_links_to_another_company_are_refused(self):
        for values in (
            {"service_id": self.other_service.id},
            {"root_cause_id": self.other_cause.id},
            {"team_id": self.other_team.id},
            {"complaint_ids": [(6, 0, self.other_complaint.ids)]},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.Action.create({"name": "Mixed companies", **values})
        action = self.Action.create({"name": "Own company"})
        with self.assertRaises(UserError):
            action.write({"service_id": self.other_service.id})
        self.assertFalse(action.service_id)

    def test_shared_cause_is_fine(self):
        shared = self.env["chp.root.cause"].create({"name": "Shared", "company_id": False})
        action = self.Action.create({"name": "Shared cause", "root_cause_id": shared.id})
        self.assertEqual(action.root_cause_id, shared)

    def test_sub_service_under_another_company_is_refused(self):
        with self.assertRaises(UserError):
            self.env["chp.service"].create(
                {"name": "Gas safety", "parent_id": self.other_service.id}
            )
