from unittest.mock import patch

from odoo.tests import tagged

from ..controllers import complaint_form
from .customer_common import ChpCustomerHttpCase

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install")
class TestPublicForm(ChpCustomerHttpCase):
    """/complaints/new as an anonymous visitor: what is created, what is
    refused and why, the honeypot and the per-address rate limit."""

    def test_form_is_public_and_accessible(self):
        response = self.url_open("/complaints/new")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for fname in ("subject", "description", "service_id", "name", "email", "attachments"):
            self.assertIn(f'for="chp_{fname}"', html)
            self.assertIn(f'id="chp_{fname}"', html)
        self.assertIn("I want to complain anonymously", html)
        self.assertIn('name="csrf_token"', html)
        self.assertIn('name="website"', html)

    def test_form_says_what_happens_next_and_the_privacy_notice(self):
        """Issue 21, item 6: the timescales are the settings'; the privacy
        notice is shown and linked; the name is not called optional."""
        self.company.write(
            {
                "chp_stage1_days": 6,
                "chp_stage2_days": 25,
                "chp_privacy_notice": "We keep your details safe.",
                "chp_privacy_notice_url": "https://council.example/privacy",
            }
        )
        html = self.url_open("/complaints/new").text
        what_next = html.split("What happens next", 1)[1].split("</section>", 1)[0]
        self.assertIn("6 working days", what_next)
        self.assertIn("25 working days", what_next)
        self.assertIn("We keep your details safe.", html)
        self.assertIn('href="https://council.example/privacy"', html)
        name_label = html.split('for="chp_name"', 1)[1].split("</label>", 1)[0]
        self.assertNotIn("optional", name_label)
        self.assertIn("Needed unless you complain anonymously", html)

    def test_valid_submission(self):
        response = self.submit(
            files=[("attachments", ("photo.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 200, response.text[:1000])
        complaint = self.complaints()
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.channel, "web")
        self.assertEqual(complaint.service_id, self.service)
        self.assertEqual(complaint.company_id, self.company)
        self.assertFalse(complaint.user_id)
        self.assertEqual(complaint.customer_name, "Jean Public")
        self.assertEqual(complaint.customer_email, "jean.public@example.org")
        self.assertEqual(complaint.contact_preference, "email")
        self.assertEqual(complaint.partner_id.email, "jean.public@example.org")
        self.assertIn("Hope Street", complaint.description)
        self.assertIn(complaint.name, response.text)
        self.assertIn(f"/my/complaints/{complaint.id}?access_token=", response.text)
        # The address as text to keep, with a copy button (issue 21, item 6).
        self.assertIn(f'value="{complaint.chp_tracking_url()}"', response.text)
        self.assertIn("o_chp_copy", response.text)
        self.assertTrue(complaint.access_token)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "chp.complaint"), ("res_id", "=", complaint.id)])
        )
        self.assertEqual(attachment.mapped("name"), ["photo.png"])
        # The confirmation went to the customer, with the tracking link.
        confirmation = complaint.message_ids.filtered(
            lambda m: complaint.partner_id in m.partner_ids
        )
        self.assertEqual(len(confirmation), 1)
        self.assertIn(complaint.name, confirmation.subject)
        self.assertIn(complaint.access_token, confirmation.body)

    def test_anonymous_submission(self):
        response = self.submit(anonymous="1", name="", email="", contact_preference="")
        self.assertEqual(response.status_code, 200)
        complaint = self.complaints()
        self.assertTrue(complaint.is_anonymous)
        self.assertFalse(complaint.partner_id or complaint.customer_email)
        self.assertFalse(complaint.message_ids.filtered(lambda m: m.partner_ids))
        self.assertIn(complaint.name, response.text)

    def test_on_behalf_of_someone_else(self):
        """Issue 21, item 6: a person may complain for someone else, naming
        them and saying they agreed; we reply to the person who wrote (the
        customer fields are theirs)."""
        html = self.url_open("/complaints/new").text
        self.assertIn('for="chp_on_behalf"', html)
        self.assertIn('for="chp_behalf_name"', html)
        self.assertIn('for="chp_behalf_consent"', html)
        response = self.submit(on_behalf="1", behalf_name="Agnes Public", behalf_consent="1")
        self.assertEqual(response.status_code, 200, response.text[:1000])
        complaint = self.complaints()
        self.assertEqual(complaint.customer_name, "Jean Public")
        self.assertEqual(complaint.on_behalf_of, "Agnes Public")
        self.assertTrue(complaint.on_behalf_consent)
        # Personal data: removed with the rest when the complaint is anonymised.
        complaint._chp_anonymise()
        self.assertFalse(complaint.on_behalf_of)
        self.assertFalse(complaint.on_behalf_consent)

    def test_on_behalf_needs_a_name_consent_and_the_senders_contact(self):
        cases = [
            ({"on_behalf": "1", "behalf_consent": "1"}, "behalf_name", "Give the name"),
            ({"on_behalf": "1", "behalf_name": "Agnes"}, "behalf_consent", "agreed"),
            (
                {"on_behalf": "1", "behalf_name": "Agnes", "behalf_consent": "1", "anonymous": "1"},
                "anonymous",
                "give your own name",
            ),
            ({"behalf_name": "Agnes"}, "on_behalf", "leave their name empty"),
        ]
        for values, fname, message in cases:
            with self.subTest(field=fname):
                response = self.submit(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn(f'id="chp_{fname}_error"', response.text)
                self.assertIn(f'href="#chp_{fname}"', response.text)
                self.assertIn(message, response.text)
        self.assertFalse(self.complaints())

    def test_invalid_submissions(self):
        cases = [
            ({"subject": ""}, "subject", "what your complaint is about"),
            ({"description": ""}, "description", "Describe what went wrong"),
            ({"name": ""}, "name", "Give your name"),
            ({"email": "", "contact_preference": ""}, "email", "at least one way to reach you"),
            ({"email": "not-an-email"}, "email", "email address like"),
            ({"service_id": "999999"}, "service_id", "Choose a service"),
            ({"contact_preference": "phone"}, "contact_preference", "contact details"),
            ({"subject": "x" * 201}, "subject", "at most 200 characters"),
        ]
        for values, fname, message in cases:
            with self.subTest(field=fname, values=values):
                response = self.submit(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn(f'id="chp_{fname}_error"', response.text)
                self.assertIn(
                    f'aria-describedby="chp_{fname}_error"',
                    response.text.replace(
                        f'aria-describedby="chp_{fname}_hint chp_{fname}_error"',
                        f'aria-describedby="chp_{fname}_error"',
                    ),
                )
                self.assertIn(message, response.text)
                self.assertIn('aria-invalid="true"', response.text)
        self.assertFalse(self.env["chp.complaint"].sudo().search([("channel", "=", "web")]))

    def test_attachment_limits(self):
        cases = [
            [("attachments", ("run.exe", b"MZ\x90\x00", "application/octet-stream"))],
            [("attachments", ("photo.pdf", PNG, "application/pdf"))],
            [("attachments", (f"p{i}.png", PNG, "image/png")) for i in range(6)],
        ]
        for files in cases:
            with self.subTest(files=[f[1][0] for f in files]):
                response = self.submit(files=files)
                self.assertEqual(response.status_code, 400)
                self.assertIn('id="chp_attachments_error"', response.text)
        with patch.object(complaint_form, "MAX_FILE_SIZE", 20):
            response = self.submit(files=[("attachments", ("photo.png", PNG, "image/png"))])
            self.assertEqual(response.status_code, 400)
            self.assertIn("larger than", response.text)
        self.assertFalse(self.complaints())

    def test_csrf_required(self):
        response = self.submit(csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.complaints())

    def test_honeypot(self):
        response = self.submit(website="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you", response.text)
        self.assertFalse(self.complaints())

    def test_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("chp_complaints.form_rate_limit", "2")
        for _i in range(2):
            self.assertEqual(self.submit().status_code, 200)
        response = self.submit()
        self.assertEqual(response.status_code, 429)
        self.assertIn("try again later", response.text)
        self.assertEqual(len(self.complaints()), 2)
        # The count is kept in the database, by hashed address only.
        rows = self.env["chp.complaint.form.submission"].sudo().search([])
        self.assertEqual(len(rows), 2)
        self.assertNotIn("127.0.0.1", rows.mapped("address_hash"))
