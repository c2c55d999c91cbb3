from odoo.tests import tagged

from .customer_common import ChpCustomerHttpCase


@tagged("post_install", "-at_install", "is_tour")
class TestPublicFormTour(ChpCustomerHttpCase):
    """The public form in a real browser, without login: keyboard-reachable
    fields, an error tied to its field, then a complaint and its reference."""

    def test_public_form_tour(self):
        self.start_tour("/complaints/new", "chp_public_complaint_form_tour", login=None)
        complaint = self.complaints("Tour: streetlight out for a month")
        self.assertEqual(complaint.channel, "web")
        self.assertEqual(complaint.customer_email, "tour.customer@example.org")
