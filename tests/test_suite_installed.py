"""Integration tests across the three addons, run by pytest-odoo on the test
database that `make test` prepared."""

from odoo.tests import TransactionCase, tagged


# Outside odoo.addons.* Odoo's test metaclass gives a class no tags: name them.
@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_complaint_links_to_improvement_action(self):
        complaint = self.env["chp.complaint"].create({"subject": "Heating not fixed"})
        action = self.env["chp.improvement.action"].create(
            {"name": "Review heating contract", "complaint_ids": [(4, complaint.id)]}
        )
        self.assertIn(complaint, action.complaint_ids)
