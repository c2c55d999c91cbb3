from odoo.tests import HttpCase, new_test_user, tagged


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
