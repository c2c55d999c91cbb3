"""Nobody can speak as, or see as, someone they are not (issue 20), tried
over HTTP as the outsider, two portal customers of one company and the
roles would: a typed or sent address attaches to nothing, a customer sees
their own complaints only, an anonymised complaint's link ends, a message is
authored by who was logged in, the tracking page shows what it promises."""

import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import role_user
from .customer_common import ChpCustomerHttpCase
from .http_common import JsonRpcMixin
from .test_mail_gateway import NEW_EMAIL, REPLY_EMAIL


@tagged("post_install", "-at_install")
class TestIdentity(JsonRpcMixin, ChpCustomerHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A senior manager who also manages contacts (as in the demo).
        cls.senior = role_user(cls.env, "chp_id_senior", "senior_manager")
        cls.senior.groups_id |= cls.env.ref("base.group_partner_manager")
        cls.cause = cls.env["chp.root.cause"].create({"name": "Delay"})
        cls.chief = role_user(cls.env, "chp_id_chief", "chief_executive")
        cls.Complaint = cls.env["chp.complaint"].with_context(tracking_disable=True)

    def last_complaint(self):
        return self.env["chp.complaint"].search([], order="id desc", limit=1)

    def tracking_page(self, complaint):
        return self.url_open(complaint.get_portal_url())

    def reply(self, complaint, message, token=None):
        token = token or complaint.access_token
        url = f"/my/complaints/{complaint.id}?access_token={token}"
        page = self.url_open(url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        return self.url_open(
            f"/my/complaints/{complaint.id}/reply",
            data={
                "csrf_token": csrf.group(1) if csrf else self.csrf(),
                "access_token": token,
                "message": message,
            },
        )

    # --- 1. a typed address is a claim ------------------------------------------
    def test_public_form_with_a_customers_address_gets_a_new_contact(self):
        alice = self.portal_user.partner_id
        response = self.submit(name="Not Alice", email="alice@example.org", subject="Forged")
        self.assertEqual(response.status_code, 200, response.text[:300])
        complaint = self.last_complaint()
        self.assertEqual(complaint.subject, "Forged")
        self.assertNotEqual(complaint.partner_id, alice)
        self.assertEqual(complaint.partner_id.email, "alice@example.org")
        self.assertEqual(complaint.partner_id.name, "Not Alice")
        self.assertFalse(complaint.partner_id.user_ids)
        # Not in Alice's portal, not mailed to her.
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self.assertNotIn(complaint.name, self.url_open("/my/complaints").text)
        self.assertEqual(self.url_open(f"/my/complaints/{complaint.id}").status_code, 404)
        mails = self.env["mail.mail"].search(
            [("model", "=", "chp.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertNotIn(alice, mails.recipient_ids)
        # The visitor's reply is the new contact's, not Alice's.
        self.authenticate(None, None)
        self.assertEqual(self.reply(complaint, "I withdraw.").status_code, 200)
        reply = complaint.message_ids.filtered(lambda m: "I withdraw." in (m.body or ""))
        self.assertEqual(reply.author_id, complaint.partner_id)
        # Staff are told it may be Alice, and link it deliberately.
        complaint.user_id = self.staff
        staff_view = complaint.with_user(self.staff)
        self.assertIn(alice, staff_view.chp_possible_contact_ids)
        staff_view.with_context(tracking_disable=False).write({"partner_id": alice.id})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit time
        tracked = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "partner_id"
        )
        self.assertEqual(tracked.new_value_integer, alice.id)

    def test_public_form_with_the_chief_executives_address(self):
        self.submit(name="Chief", email=self.chief.email)
        complaint = self.last_complaint()
        self.assertNotEqual(complaint.partner_id, self.chief.partner_id)
        self.assertFalse(complaint.partner_id.user_ids)
        self.reply(complaint, "Signed, the chief executive")
        reply = complaint.message_ids.filtered(lambda m: "Signed, the chief" in (m.body or ""))
        self.assertEqual(reply.author_id, complaint.partner_id)
        self.assertNotEqual(reply.author_id, self.chief.partner_id)

    def test_logged_in_customer_complains_as_themselves(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self.submit(email="someone.else@example.org")
        self.assertEqual(self.last_complaint().partner_id, self.portal_user.partner_id)

    # --- the mail gateway --------------------------------------------------------------
    def gateway(self, template, **values):
        domain = self.env["mail.alias.domain"].search(
            [("name", "=", "council.example")]
        ) or self.env["mail.alias.domain"].create({"name": "council.example"})
        self.company.alias_domain_id = domain
        self.company.chp_alias_name = "complaints"
        values.setdefault("name", "Alice?")
        values.setdefault("subject", "Spoofed")
        values.setdefault("msgid", "spoof")
        return self.env["mail.thread"].message_process(None, template.format(**values))

    def test_gateway_email_from_a_victims_address(self):
        alice = self.portal_user.partner_id
        complaint = self.env["chp.complaint"].browse(
            self.gateway(NEW_EMAIL, sender="alice@example.org")
        )
        self.assertNotEqual(complaint.partner_id, alice)
        self.assertEqual(complaint.partner_id.email, "alice@example.org")
        first = complaint.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(first.author_id, complaint.partner_id)
        self.assertFalse(alice.chp_is_complainant)
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "chp.complaint"), ("author_id", "=", alice.id)]
            )
        )
        # A reply from the same address threads, as the complaint's customer.
        self.gateway(REPLY_EMAIL, sender="alice@example.org", parent="spoof@mail.example")
        reply = complaint.message_ids.filtered(lambda m: "getting worse" in (m.body or ""))
        self.assertEqual(reply.author_id, complaint.partner_id)
        # From Bob's address (not a follower): threads, authored by nobody.
        self.gateway(
            REPLY_EMAIL, sender="bob@example.org", parent="spoof@mail.example", msgid="bob"
        )
        bob = complaint.message_ids.filtered(
            lambda m: "getting worse" in (m.body or "") and "bob" in (m.email_from or "")
        )
        self.assertTrue(bob)
        self.assertFalse(bob.author_id)

    # --- 2. own complaints only ----------------------------------------------------------
    def test_customers_of_one_company_do_not_see_each_other(self):
        factor = self.env["res.partner"].create({"name": "Factor Ltd", "is_company": True})
        (self.portal_user.partner_id | self.other_portal_user.partner_id).parent_id = factor
        bobs = self.Complaint.create(
            {"subject": "Bob's noise", "partner_id": self.other_portal_user.partner_id.id}
        )
        alices = self.Complaint.create(
            {"subject": "Alice's repair", "partner_id": self.portal_user.partner_id.id}
        )
        self.authenticate(self.portal_user.login, self.portal_user.login)
        listing = self.url_open("/my/complaints").text
        self.assertIn(alices.name, listing)
        self.assertNotIn(bobs.name, listing)
        self.assertEqual(self.url_open(f"/my/complaints/{bobs.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/complaints/{alices.id}").status_code, 200)
        answer = self.url_open(
            "/my/counters",
            data='{"jsonrpc": "2.0", "params": {"counters": ["chp_complaint_count"]}}',
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertEqual(answer["result"]["chp_complaint_count"], 1)

    # --- 3. the link ends with the data ----------------------------------------------------
    def test_anonymised_complaint_link_ends(self):
        complaint = self.Complaint.create(
            {
                "subject": "Rent",
                "partner_id": self.portal_user.partner_id.id,
                "customer_email": "alice@example.org",
            }
        )
        token = complaint._portal_ensure_token()
        self.assertEqual(self.tracking_page(complaint).status_code, 200)
        complaint._chp_anonymise_one("request")
        self.assertFalse(complaint.access_token)
        self.assertEqual(
            self.url_open(f"/my/complaints/{complaint.id}?access_token={token}").status_code, 404
        )
        count = len(complaint.message_ids)
        self.assertEqual(self.reply(complaint, "My new address is...", token).status_code, 404)
        complaint.invalidate_recordset()
        self.assertEqual(len(complaint.message_ids), count)
        with self.assertRaises(UserError):
            complaint._chp_post_customer_reply("<p>late</p>", [])
        with self.assertRaises(UserError):
            complaint._portal_ensure_token()

    def test_closed_complaint_page_says_what_next(self):
        self.company.chp_spso_signposting = "Write to the SPSO, Bridgeside House."
        complaint = self.Complaint.create(
            {
                "subject": "Repairs",
                "partner_id": self.portal_user.partner_id.id,
                "service_id": self.service.id,
                "root_cause_id": self.cause.id,
                "stage1_outcome": "not_upheld",
                "stage1_action": "Explained",
            }
        )
        complaint._portal_ensure_token()
        complaint.action_start_stage1()
        complaint.action_close_stage1()
        html = self.tracking_page(complaint).text
        self.assertIn("Our decision", html)
        self.assertIn("Not upheld", html)
        self.assertIn("investigate your complaint (stage 2 of our complaints procedure)", html)
        self.assertNotIn("Bridgeside House", html)
        complaint.action_escalate()
        complaint.write({"stage2_outcome": "upheld", "stage2_action": "Repaired"})
        complaint.action_acknowledge()
        complaint.with_user(self.senior).action_signoff_close()
        html = self.tracking_page(complaint).text
        self.assertIn("This is our final response", html)
        self.assertIn("Upheld", html)
        self.assertIn("Bridgeside House", html)

    # --- 4. privacy flags are derived ------------------------------------------------------
    def test_complainant_flags_cannot_be_typed(self):
        partner = self.portal_user.partner_id
        self.Complaint.create({"subject": "Mine", "partner_id": partner.id})
        self.assertTrue(partner.chp_was_complainant)
        self.authenticate(self.senior.login, self.senior.login)
        for flag in ("chp_was_complainant", "chp_is_complainant"):
            self.assertRpcRefused(
                AccessError,
                "worked out from the complaints",
                "res.partner",
                "write",
                [partner.id],
                {flag: False},
            )
        self.assertRpcRefused(
            AccessError,
            "worked out from the complaints",
            "res.partner",
            "create",
            [{"name": "Flagless", "chp_was_complainant": False}],
        )
        partner.invalidate_recordset()
        self.assertTrue(partner.chp_was_complainant)
        self.assertTrue(partner.chp_is_complainant)

    # --- 5. contacts behind complaints are kept --------------------------------------------
    def test_contact_of_a_held_complaint_cannot_be_deleted(self):
        contact = self.env["res.partner"].create({"name": "Held Customer"})
        complaint = self.Complaint.create(
            {"subject": "Held", "partner_id": contact.id, "customer_name": "Held Customer"}
        )
        complaint.with_user(self.senior)._chp_place_hold("Legal claim expected")
        self.assertTrue(complaint.retention_held)
        self.authenticate(self.senior.login, self.senior.login)
        self.assertRpcRefused(UserError, "cannot be deleted", "res.partner", "unlink", [contact.id])
        self.assertTrue(contact.exists())
        self.assertEqual(complaint.partner_id, contact)

    # --- 6. who wrote it is who was logged in ------------------------------------------------
    def test_staff_cannot_post_as_the_customer(self):
        customer = self.portal_user.partner_id
        complaint = self.Complaint.create(
            {"subject": "Mine", "partner_id": customer.id, "user_id": self.staff.id}
        )
        complaint._portal_ensure_token()
        count = len(complaint.message_ids)
        self.authenticate(self.staff.login, self.staff.login)
        self.assertRpcRefused(
            AccessError,
            "in your own name",
            "chp.complaint",
            "message_post",
            [complaint.id],
            body="I withdraw my complaint",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=customer.id,
        )
        self.assertRpcRefused(
            AccessError,
            "in your own name",
            "mail.message",
            "create",
            [
                {
                    "model": "chp.complaint",
                    "res_id": complaint.id,
                    "body": "I withdraw",
                    "message_type": "comment",
                    "author_id": customer.id,
                }
            ],
        )
        # email_from the customer's address: still the user's own message.
        self.rpc(
            "chp.complaint",
            "message_post",
            [complaint.id],
            body="We called you",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_from="alice@example.org",
        )
        message = complaint.message_ids.filtered(lambda m: "We called you" in (m.body or ""))
        message_id = message.id
        self.assertEqual(message.author_id, self.staff.partner_id)
        self.assertRpcRefused(
            AccessError,
            "cannot be changed",
            "mail.message",
            "write",
            [message_id],
            {"author_id": customer.id},
        )
        complaint.invalidate_recordset()
        self.assertEqual(len(complaint.message_ids), count + 1)
        self.assertNotIn("I withdraw", self.tracking_page(complaint).text)
        # The portal's token route to the chatter is closed.
        self.authenticate(None, None)
        answer = self.json_route(
            "/mail/message/post",
            {
                "thread_model": "chp.complaint",
                "thread_id": complaint.id,
                "post_data": {"body": "via token", "message_type": "comment"},
                "token": complaint.access_token,
            },
        )
        self.assertIn("error", answer)
        self.assertFalse(complaint.message_ids.filtered(lambda m: "via token" in (m.body or "")))

    # --- 7. the tracking page shows what it promises -----------------------------------------
    def test_message_to_the_contractor_not_on_the_tracking_page(self):
        contractor = self.env["res.partner"].create(
            {"name": "Doors Ltd", "chp_is_contractor": True, "email": "doors@example.org"}
        )
        complaint = self.Complaint.create(
            {
                "subject": "Door",
                "partner_id": self.portal_user.partner_id.id,
                "contractor_id": contractor.id,
            }
        )
        complaint.message_post(
            body="Contractor only: fix the door",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=contractor.ids,
        )
        complaint.message_post(
            body="To you: we sent the contractor",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.portal_user.partner_id.ids,
        )
        complaint._portal_ensure_token()
        html = self.tracking_page(complaint).text
        self.assertIn("To you: we sent the contractor", html)
        self.assertNotIn("Contractor only", html)

    # --- 8. control characters ---------------------------------------------------------------
    def test_nul_byte_in_public_fields(self):
        response = self.submit(subject="Bins\x00 missed", name="Jean\x00 Public")
        self.assertEqual(response.status_code, 200, response.text[:300])
        complaint = self.last_complaint()
        self.assertEqual(complaint.subject, "Bins missed")
        self.assertEqual(complaint.customer_name, "Jean Public")
        response = self.submit(subject="\x00\x01", csrf=True)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Tell us in a few words", response.text)
        response = self.reply(complaint, "Hello\x00 there")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "Hello there" in (m.body or "")))
