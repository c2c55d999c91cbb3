from odoo.tests import HttpCase, new_test_user, tagged

from .common import RoleUsersMixin


@tagged("post_install", "-at_install", "is_tour")
class TestComplaintTour(HttpCase):
    """The kanban in a real browser: create, close stage 1, see the card move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="chp_tour_staff",
            password="chp_tour_staff",
            groups="chp_complaints.group_chp_staff",
        )
        cls.env["chp.service"].create({"name": "Waste services"})
        cls.env["chp.root.cause"].create({"name": "Missed collection"})

    def test_journey_tour(self):
        self.start_tour(
            "/odoo/action-chp_complaints.chp_complaint_action",
            "chp_complaint_journey_tour",
            login="chp_tour_staff",
        )
        complaint = self.env["chp.complaint"].search(
            [("subject", "=", "Tour: bins missed three weeks running")]
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.stage1_outcome, "upheld")
        self.assertTrue(complaint.stage1_date_closed)


@tagged("post_install", "-at_install", "is_tour")
class TestRoleTours(RoleUsersMixin, HttpCase):
    """Each role that works a complaint, in a real browser, on a complaint
    prepared for it."""

    role_users = {
        "staff": ("chp_tour_staff", "staff"),
        "investigator": ("chp_tour_investigator", "investigator"),
        "senior": ("chp_tour_senior_manager", "senior_manager"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["chp.complaint"]
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.cause = cls.env["chp.root.cause"].create({"name": "Delay"})

    def complaint(self, **vals):
        return self.Complaint.create(
            dict(
                {
                    "subject": "Tour complaint",
                    "user_id": self.staff.id,
                    "service_id": self.service.id,
                    "root_cause_id": self.cause.id,
                },
                **vals,
            )
        )

    def tour(self, complaint, name, login):
        self.start_tour(
            f"/odoo/action-chp_complaints.chp_complaint_action/{complaint.id}", name, login=login
        )
        complaint.invalidate_recordset()

    def test_staff_escalates_and_cannot_close_stage2(self):
        complaint = self.complaint(stage1_outcome="not_upheld", stage1_action="Explained")
        complaint.action_start_stage1()
        self.tour(complaint, "chp_staff_tour", self.staff.login)
        self.assertEqual(complaint.state, "stage2")
        self.assertEqual(complaint.stage2_route, "escalated")
        self.assertFalse(complaint.signoff_user_id)

    def test_investigator_acknowledges_and_requests_signoff(self):
        complaint = self.complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        self.tour(complaint, "chp_investigator_tour", self.investigator.login)
        self.assertTrue(complaint.stage2_ack_date)
        self.assertEqual(complaint.stage2_outcome, "upheld")
        signoff = self.env.ref("chp_complaints.mail_activity_type_chp_signoff")
        self.assertIn(
            self.senior,
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == signoff).user_id,
        )

    def test_senior_manager_extends(self):
        complaint = self.complaint()
        complaint.action_start_stage1()
        self.tour(complaint, "chp_senior_extend_tour", self.senior.login)
        self.assertTrue(complaint.stage1_extended)
        self.assertEqual(complaint.stage1_extension_user_id, self.senior)

    def test_senior_manager_signs_off_and_reopens(self):
        complaint = self.complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.action_acknowledge()
        complaint.write({"stage2_outcome": "partially_upheld", "stage2_action": "Repaired"})
        self.tour(complaint, "chp_senior_signoff_tour", self.senior.login)
        self.assertEqual(complaint.state, "stage2")
        self.assertFalse(complaint.signoff_user_id)
        self.assertTrue(any("new evidence" in (m.body or "") for m in complaint.message_ids))
