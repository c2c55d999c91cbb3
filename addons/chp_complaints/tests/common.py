from odoo.tests import TransactionCase, new_test_user


class ChpComplaintsCase(TransactionCase):
    """Class-level fixtures shared by the complaint tests: one user per role
    and the seeded stages, without demo data and without tracking noise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.staff = new_test_user(
            cls.env, login="chp_staff", groups="chp_complaints.group_chp_staff"
        )
        cls.senior = new_test_user(
            cls.env, login="chp_senior", groups="chp_complaints.group_chp_senior_manager"
        )
        Stage = cls.env["chp.complaint.stage"]
        cls.stage_new = Stage.search([("state", "=", "new")], limit=1)
        cls.stage_closed = Stage.search([("state", "=", "closed")], limit=1)
