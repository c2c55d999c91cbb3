from odoo.tests import tagged

from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestCustomerHistory(ChpJourneyCase):
    """The customer's other complaints, the 90-day "possibly related" flag
    and links between related complaints."""

    def test_history_and_possibly_related(self):
        customer = self.env["res.partner"].create({"name": "Iain", "email": "iain@example.org"})
        first = self.make_complaint(
            received="2026-06-01 10:00:00",
            partner_id=customer.id,
            customer_email="iain@example.org",
        )
        second = self.make_complaint(
            received="2026-08-15 10:00:00", customer_email="IAIN@example.org"
        )
        third = self.make_complaint(received="2026-11-25 10:00:00", customer_phone="0131 000 0000")
        fourth = self.make_complaint(received="2026-11-26 10:00:00", customer_phone="0131 000 0000")
        self.assertFalse(first.chp_possibly_related)
        self.assertTrue(second.chp_possibly_related)  # 75 days after the first
        self.assertFalse(third.chp_possibly_related)
        self.assertTrue(fourth.chp_possibly_related)
        self.assertEqual(first.chp_customer_complaint_count, 1)
        self.assertEqual(second.chp_customer_complaint_count, 1)
        action = first.action_chp_customer_complaints()
        self.assertEqual(self.env["chp.complaint"].search(action["domain"]), second)
        anonymous = self.make_complaint(is_anonymous=True, customer_phone="0131 000 0000")
        self.assertFalse(anonymous.chp_possibly_related)
        self.assertEqual(anonymous.chp_customer_complaint_count, 0)

    def test_history_by_email_is_exact_and_indexed(self):
        """The same email whatever its case; an underscore is a character, not
        a wildcard (john_smith is not johnXsmith). The history's search
        reaches complaints through the indexes on lower(customer_email) and
        customer_phone, not by scanning the register."""
        first = self.make_complaint(customer_email="John_Smith@example.org")
        same = self.make_complaint(customer_email="john_smith@EXAMPLE.org")
        other = self.make_complaint(customer_email="johnXsmith@example.org")
        self.assertEqual(first.chp_customer_complaint_count, 1)
        self.assertEqual(other.chp_customer_complaint_count, 0)
        self.assertTrue(same.chp_possibly_related)
        self.assertFalse(other.chp_possibly_related)
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'chp_complaint' "
            "AND indexname IN %s",
            [("chp_complaint_customer_email_lower_index", "chp_complaint_customer_phone_index")],
        )
        self.assertEqual(len(self.env.cr.fetchall()), 2)
        domain = first._chp_same_customer_domain(indexed=True)
        query = self.env["chp.complaint"]._search(domain)
        self.assertIn("lower(customer_email)", query.select().code)
        # the smart button lists what the count counts
        action = first.action_chp_customer_complaints()
        self.assertEqual(self.env["chp.complaint"].search(action["domain"]), same)

    def test_link_related_with_a_plain_save(self):
        first = self.make_complaint()
        second = self.make_complaint()
        second.with_user(self.staff).write({"related_complaint_ids": [(4, first.id)]})
        self.assertEqual(second.related_complaint_ids, first)
        self.assertIn("related_complaint_ids", second._chp_descriptive_fields)
