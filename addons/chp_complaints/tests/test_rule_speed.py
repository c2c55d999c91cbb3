from odoo.tests import tagged

from .common import ChpComplaintsCase


@tagged("post_install", "-at_install")
class TestStaffRuleSpeed(ChpComplaintsCase):
    """The staff record rule (handle, created or follow) keeps its meaning
    when its follower part is written as ``id = ANY(ARRAY(...))``, the form
    PostgreSQL can combine with the other two through their indexes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["chp.complaint"]
        cls.handled = Complaint.create({"subject": "Handled", "user_id": cls.staff.id})
        cls.followed = Complaint.create({"subject": "Followed", "user_id": cls.senior.id})
        cls.followed.message_subscribe(partner_ids=cls.staff.partner_id.ids)
        cls.other = Complaint.create({"subject": "Other", "user_id": cls.senior.id})
        cls.mine = cls.handled | cls.followed | cls.other

    def test_staff_see_what_they_handle_or_follow(self):
        Complaint = self.env["chp.complaint"].with_user(self.staff)
        seen = Complaint.search([("id", "in", self.mine.ids)])
        self.assertEqual(seen, self.handled | self.followed)
        groups = Complaint.read_group([("id", "in", self.mine.ids)], ["stage_id"], ["stage_id"])
        self.assertEqual(sum(g["stage_id_count"] for g in groups), 2)

    def test_follower_search_both_ways(self):
        Complaint = self.env["chp.complaint"]
        partner = self.staff.partner_id
        followed = self.mine.filtered(lambda c: partner in c.message_partner_ids)
        self.assertIn(self.followed, followed)
        self.assertNotIn(self.other, followed)
        scope = [("id", "in", self.mine.ids)]
        self.assertEqual(
            Complaint.search([*scope, ("message_partner_ids", "in", partner.ids)]), followed
        )
        self.assertEqual(
            Complaint.search([*scope, ("message_partner_ids", "not in", partner.ids)]),
            self.mine - followed,
        )

    def test_rule_sql_is_indexable(self):
        """The rule's SQL has the followed ids as an array, and create_uid
        has its index."""
        query = self.env["chp.complaint"].with_user(self.staff)._search([])
        self.assertIn("ANY(ARRAY(", query.select().code)
        self.env.cr.execute(
            "SELECT 1 FROM pg_indexes WHERE indexname = 'chp_complaint_create_uid_index'"
        )
        self.assertTrue(self.env.cr.fetchone())
