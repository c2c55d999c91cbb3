from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestImprovementAction(TransactionCase):
    def test_staff_can_propose_an_action_for_a_complaint(self):
        staff = new_test_user(
            self.env, login="chp_l_staff", groups="chp_complaints.group_chp_staff"
        )
        complaint = self.env["chp.complaint"].with_user(staff).create({"subject": "Leak"})
        action = (
            self.env["chp.improvement.action"]
            .with_user(staff)
            .create({"name": "Check repairs", "complaint_ids": [(6, 0, complaint.ids)]})
        )
        self.assertEqual(action.complaint_ids, complaint)
        self.assertEqual(action.company_id, self.env.company)
