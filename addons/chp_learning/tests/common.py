from odoo.addons.chp_complaints.tests.common import make_role_users
from odoo.tests import TransactionCase

USERS = {
    "staff": ("chp_l_staff", "staff"),
    "other_staff": ("chp_l_other", "staff"),
    "owner": ("chp_l_owner", "staff"),
    "senior": ("chp_l_senior", "senior_manager"),
    "other_senior": ("chp_l_senior2", "senior_manager"),
    "committee": ("chp_l_committee", "committee"),
    "chief": ("chp_l_chief", "chief_executive"),
}


class ChpLearningCase(TransactionCase):
    """Class-level fixtures of the learning tests: one user per role, a
    service, a root cause, a team and a complaint; no demo data, no tracking
    noise. Actions are created and moved through their transitions as the
    real users would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        make_role_users(cls, USERS, tz="Europe/London")
        cls.team = cls.env["chp.improvement.team"].create(
            {"name": "Repairs team", "leader_id": cls.other_staff.id}
        )
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.root_cause = cls.env["chp.root.cause"].create({"name": "Poor communication"})
        cls.complaint = cls.env["chp.complaint"].create(
            {
                "subject": "Repair appointment missed",
                "service_id": cls.service.id,
                "root_cause_id": cls.root_cause.id,
                "user_id": cls.staff.id,
                "customer_name": "Jane Tenant",
            }
        )
        cls.Action = cls.env["chp.improvement.action"]

    def propose(self, user=None, **vals):
        values = {
            "name": "Confirm repair appointments by text",
            "complaint_ids": [(6, 0, self.complaint.ids)],
            "service_id": self.service.id,
            "root_cause_id": self.root_cause.id,
        }
        values.update(vals)
        return self.Action.with_user(user or self.staff).create(values)

    def authorised(self, target_date="2025-06-30", **vals):
        vals.setdefault("owner_user_id", self.owner.id)
        action = self.propose(target_date=target_date, **vals)
        action.with_user(self.senior).action_authorise()
        return action

    def completed(self, completion_date=None, **vals):
        action = self.authorised(**vals)
        as_owner = action.with_user(self.owner)
        as_owner.action_start()
        as_owner.write({"evidence": "<p>Texts sent since May</p>"})
        if completion_date:
            as_owner.completion_date = completion_date
        as_owner.action_done()
        return action
