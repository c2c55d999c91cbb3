from odoo.tests import tagged

from .common import ChpComplaintsCase


@tagged("post_install", "-at_install")
class TestComplaintBasics(ChpComplaintsCase):
    def test_reference_from_sequence_is_unique(self):
        Complaint = self.env["chp.complaint"].with_user(self.staff)
        first, second = Complaint.create(
            [{"subject": "Repair not done"}, {"subject": "Rude reply"}]
        )
        self.assertRegex(first.name, r"^CMP/\d{4}/\d{5}$")
        self.assertNotEqual(first.name, second.name)

    def test_state_follows_stage(self):
        complaint = self.env["chp.complaint"].create({"subject": "Bins missed"})
        self.assertEqual(complaint.state, "new")
        self.stage_closed.name = "Finished"
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Apologised"})
        complaint.stage_id = self.stage_closed
        self.assertEqual(complaint.state, "closed")
