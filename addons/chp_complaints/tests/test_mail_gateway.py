from odoo.tests import tagged

from .common import ChpComplaintsCase

NEW_EMAIL = """Return-Path: <{sender}>
From: {name} <{sender}>
To: complaints@council.example
Subject: {subject}
Message-ID: <{msgid}@mail.example>
Date: Wed, 25 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset="utf-8"

The pothole outside number 4 has not been repaired.

--BOUNDARY
Content-Type: text/plain; name="photo-notes.txt"
Content-Disposition: attachment; filename="photo-notes.txt"

Notes about the pothole.
--BOUNDARY--
"""

REPLY_EMAIL = """Return-Path: <{sender}>
From: {name} <{sender}>
To: complaints@council.example
Subject: Re: {subject}
Message-ID: <reply-{msgid}@mail.example>
In-Reply-To: <{parent}>
References: <{parent}>
Date: Thu, 26 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset="utf-8"

It is getting worse.
"""


@tagged("post_install", "-at_install")
class TestMailGateway(ChpComplaintsCase):
    """Email intake through the complaints alias, as Odoo's mail gateway
    receives it: a new complaint, a reply threaded into it, a known and an
    unknown sender; the customer as suggested recipient."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "complaints@council.example"
        domain = cls.env["mail.alias.domain"].create({"name": "council.example"})
        cls.company.alias_domain_id = domain
        cls.company.chp_alias_name = "complaints"

    def process(self, template, **values):
        values.setdefault("name", "Pat Resident")
        values.setdefault("sender", "pat.resident@example.org")
        values.setdefault("subject", "Pothole on Main Street")
        values.setdefault("msgid", "first")
        raw = template.format(**values)
        return self.env["mail.thread"].message_process(None, raw)

    def test_alias_from_settings(self):
        alias = self.company.chp_alias_id
        self.assertEqual(alias.alias_name, "complaints")
        self.assertEqual(alias.alias_model_id.model, "chp.complaint")
        self.assertEqual(alias.alias_full_name, "complaints@council.example")
        self.env["chp.procedure.settings"].create({"chp_alias_name": "feedback"})
        self.assertEqual(self.company.chp_alias_id.alias_name, "feedback")

    def test_new_complaint_unknown_sender(self):
        complaint = self.env["chp.complaint"].browse(self.process(NEW_EMAIL))
        self.assertEqual(complaint.subject, "Pothole on Main Street")
        self.assertRegex(complaint.name, r"^CMP/\d{4}/\d+$")
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.state, "new")
        self.assertIn("has not been repaired", complaint.description)
        self.assertEqual(complaint.customer_email, "pat.resident@example.org")
        self.assertEqual(complaint.customer_name, "Pat Resident")
        self.assertEqual(complaint.partner_id.email, "pat.resident@example.org")
        self.assertEqual(complaint.company_id, self.company)
        self.assertFalse(complaint.user_id)
        self.assertIn("photo-notes.txt", complaint.message_ids.attachment_ids.mapped("name"))
        # The email itself is a message the customer sees; they got a confirmation.
        self.assertTrue(
            complaint.message_ids.filtered(
                lambda m: m.message_type == "email" and "has not been repaired" in m.body
            )
            <= complaint.chp_customer_messages()
        )
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: complaint.partner_id in m.partner_ids)
        )

    def test_known_sender_gets_a_new_contact(self):
        """A sender address is a claim (issue 20): the complaint gets its
        own contact, and staff are offered the existing one to link."""
        partner = self.env["res.partner"].create(
            {"name": "Pat Resident", "email": "pat.resident@example.org"}
        )
        complaint = self.env["chp.complaint"].browse(self.process(NEW_EMAIL))
        self.assertNotEqual(complaint.partner_id, partner)
        self.assertEqual(complaint.partner_id.email, "pat.resident@example.org")
        self.assertIn(partner, complaint.chp_possible_contact_ids)

    def test_reply_threads(self):
        complaint = self.env["chp.complaint"].browse(self.process(NEW_EMAIL))
        parent = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        count = self.env["chp.complaint"].search_count([])
        thread_id = self.process(REPLY_EMAIL, parent=parent.message_id.strip("<>"))
        self.assertEqual(thread_id, complaint.id)
        self.assertEqual(self.env["chp.complaint"].search_count([]), count)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "getting worse" in (m.body or "")))

    def test_suggested_recipient(self):
        complaint = self.env["chp.complaint"].create(
            {"subject": "Noise", "customer_email": "n@example.org", "user_id": False}
        )
        suggested = complaint._message_get_suggested_recipients()
        self.assertEqual([r["email"] for r in suggested], ["n@example.org"])
        partner = self.env["res.partner"].create({"name": "N", "email": "n@example.org"})
        complaint.partner_id = partner
        suggested = complaint._message_get_suggested_recipients()
        self.assertEqual([r.get("partner_id") for r in suggested], [partner.id])
        anonymous = self.env["chp.complaint"].create(
            {"subject": "Anonymous", "is_anonymous": True, "user_id": False}
        )
        self.assertEqual(anonymous._message_get_suggested_recipients(), [])
