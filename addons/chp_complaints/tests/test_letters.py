from ast import literal_eval
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChpJourneyCase, role_user


@tagged("post_install", "-at_install")
class TestLetters(ChpJourneyCase):
    """Letters sent from the composer pre-filled by the buttons: each
    template renders, records the date the procedure asks for, and every
    final response carries the SPSO signposting. Anonymous complaints send
    nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "complaints@council.example"
        cls.customer = cls.env["res.partner"].create(
            {"name": "Morag Tenant", "email": "morag@example.org"}
        )

    def make_customer_complaint(self, **vals):
        return self.make_complaint(
            partner_id=self.customer.id,
            customer_name="Morag Tenant",
            customer_email="morag@example.org",
            **vals,
        )

    def letter_html(self, complaint):
        """The stage 2 decision letter as the PDF engine gets it."""
        report = self.env["ir.actions.report"]
        return report._render_qweb_html("chp_complaints.report_stage2_decision", complaint.ids)[
            0
        ].decode()

    def send(self, complaint, action_name, user=None):
        complaint = complaint.with_user(user or self.senior2)
        action = getattr(complaint, action_name)()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        self.assertIn(self.customer, composer.partner_ids)
        before = complaint.message_ids
        composer.save().action_send_mail()
        # The letter; a decision's satisfaction survey follows it.
        sent = (complaint.message_ids - before).filtered(lambda m: self.customer in m.partner_ids)
        return sent.sorted("id")[:1]

    def test_stage2_acknowledgement_records_the_date(self):
        complaint = self.make_customer_complaint()
        complaint.action_start_stage2_direct()
        with freeze_time("2026-11-27 10:00:00"):
            message = self.send(complaint, "action_chp_send_stage2_ack")
        self.assertEqual(complaint.stage2_ack_date, date(2026, 11, 27))
        self.assertIn(complaint.name, message.subject)
        self.assertIn("24/12/2026", message.body.replace("12/24/2026", "24/12/2026"))

    def test_extension_notice_records_customer_told(self):
        complaint = self.make_customer_complaint()
        complaint.with_user(self.senior)._apply_extension(
            date(2026, 12, 10), "A site visit is needed", self.senior
        )
        self.assertFalse(complaint.stage1_extension_customer_told)
        with freeze_time("2026-11-27 10:00:00"):
            message = self.send(complaint, "action_chp_send_extension")
        self.assertEqual(complaint.stage1_extension_customer_told, date(2026, 11, 27))
        self.assertIn("A site visit is needed", message.body)

    @freeze_time("2026-11-30 10:00:00")
    def test_stage1_decision_tells_how_to_ask_for_stage2_not_the_spso(self):
        """Issue 21, item 1: the SPSO comes after stage 2; a stage 1
        decision says how to ask for an investigation, and by when (two
        months from the response), with the stage 2 timescales."""
        self.company.chp_spso_signposting = "Ask the SPSO within 12 months: 0800 377 7330."
        complaint = self.make_customer_complaint()
        complaint.write(
            {"stage1_outcome": "upheld", "stage1_action": "Called the crew; Morag is difficult"}
        )
        complaint.action_close_stage1()
        # Issue 21, item 2: the letter needs the customer's own account...
        with self.assertRaisesRegex(UserError, "what we tell the customer"):
            complaint.with_user(self.senior2).action_chp_send_stage1_decision()
        # ... written after closing, and it never pastes the internal action.
        complaint.with_user(self.staff).write(
            {"stage1_customer_summary": "Your bins were missed; we collected them."}
        )
        message = self.send(complaint, "action_chp_send_stage1_decision")
        self.assertIn("we collected them", message.body)
        self.assertNotIn("Morag is difficult", message.body)
        self.assertIn("Upheld", message.body)
        self.assertIn("stage 2", message.body)
        self.assertIn("by 30 January 2027", message.body)
        self.assertIn("within 20 working days", message.body)
        self.assertNotIn("Ombudsman", message.body)
        self.assertNotIn("SPSO", message.body)
        self.assertNotIn("0800 377 7330", message.body)
        # The tracking page says the same.
        decision = complaint.chp_portal_decision()
        self.assertEqual(decision["next"], complaint.chp_next_step_text("stage1"))
        self.assertFalse(decision["signposting"])

    def test_stage2_decision_letter_pdf_and_configured_spso_text(self):
        self.company.chp_spso_signposting = "Ask the SPSO within 12 months: 0800 377 7330."
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.write(
            {
                "stage2_outcome": "not_upheld",
                "stage2_action": "Internal: rent ledger checked by J. Smith.",
                "stage2_customer_summary": "We checked your rent account: it was right.",
            }
        )
        with freeze_time("2026-11-27 10:00:00"):
            complaint.action_acknowledge()
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
            message = self.send(complaint, "action_chp_send_stage2_decision")
        self.assertIn("0800 377 7330", message.body)
        self.assertIn("final response", message.body)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("Decision letter", message.attachment_ids.name)
        html = self.letter_html(complaint)
        self.assertIn(complaint.name, html)
        self.assertIn("Not upheld", html)
        self.assertIn("0800 377 7330", html)
        self.assertIn("it was right", html)
        self.assertNotIn("J. Smith", html)
        self.assertIn("22 December 2026", html)
        # Staff names hidden (the default): signed by role only; else by
        # role and name.
        self.assertTrue(self.company.chp_portal_hide_staff_names)
        self.assertNotIn(self.senior.name, html)
        self.assertIn("Senior manager", html)
        self.company.chp_portal_hide_staff_names = False
        html = self.letter_html(complaint)
        self.assertIn(self.senior.name, html)
        self.assertIn("Senior manager", html)

    def test_without_a_pdf_engine_the_decision_goes_as_an_email(self):
        """Issue 21, item 5: no wkhtmltopdf, no error: the sender is told,
        and the email holds the whole decision, without the PDF."""
        self.company.chp_spso_signposting = "Ask the SPSO within 12 months: 0800 377 7330."
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.write(
            {
                "stage2_outcome": "upheld",
                "stage2_action": "Roofer sent.",
                "stage2_customer_summary": "We fixed the roof.",
            }
        )
        complaint.action_acknowledge()
        complaint.with_user(self.senior).action_signoff_close()
        Letter = type(self.env["chp.complaint"])
        with patch.object(Letter, "_chp_can_print_pdf", return_value=False):
            notice = complaint.with_user(self.senior2).action_chp_send_stage2_decision()
        self.assertEqual(notice["tag"], "display_notification")
        self.assertIn("wkhtmltopdf", notice["params"]["message"])
        action = notice["params"]["next"]
        self.assertNotIn("default_template_id", action["context"])
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.senior2)
            .with_context(**action["context"])
        )
        self.assertEqual(composer.partner_ids[:], self.customer)
        composer.save().action_send_mail()
        letter = complaint.message_ids.filtered(lambda m: "final decision" in (m.subject or ""))
        self.assertEqual(len(letter), 1)
        self.assertFalse(letter.attachment_ids)
        self.assertIn("0800 377 7330", letter.body)
        self.assertNotIn("attached", letter.body)
        self.assertIn(self.customer, letter.partner_ids)

    def test_decision_letter_has_the_customers_address(self):
        self.customer.write({"street": "4 Leith Walk", "city": "Edinburgh", "zip": "EH6 8RG"})
        complaint = self.make_customer_complaint()
        html = self.letter_html(complaint)
        self.assertIn("4 Leith Walk", html)
        self.assertIn("EH6 8RG", html)
        # The letterhead is in the page (Debian's wkhtmltopdf prints no
        # header): the organisation's name and contact above the letter.
        letterhead = html.split("o_chp_letterhead", 1)[1].split("Our reference", 1)[0]
        self.assertIn(complaint.sudo().company_id.name, letterhead)
        self.assertIn("complaints@council.example", letterhead)

    def test_letter_goes_to_the_customer_not_the_followers(self):
        """Issue 21, item 4: the complaint's internal followers (handler,
        investigator) get no copy of a letter; whom the sender adds does."""
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id)
        complaint.message_subscribe(partner_ids=(self.staff | self.investigator).partner_id.ids)
        complaint.action_start_stage2_direct()
        colleague = self.env["res.partner"].create({"name": "Advocate", "email": "a@example.org"})
        action = complaint.with_user(self.senior2).action_chp_send_stage2_ack()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        self.assertEqual(composer.partner_ids[:], self.customer)
        composer.partner_ids.add(colleague)
        composer.save().action_send_mail()
        letter = complaint.message_ids.filtered(lambda m: "investigating" in (m.subject or ""))
        self.assertEqual(letter.notification_ids.res_partner_id, self.customer | colleague)
        # An ordinary message still reaches the followers.
        note = complaint.with_user(self.senior2).message_post(
            body="Update", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.investigator.partner_id, note.notification_ids.res_partner_id)

    def test_complaints_administrator_edits_the_letters(self):
        """Issue 21, item 9: a "Letters" menu of the complaints
        configuration lists the complaint's templates only, for the
        complaints administrator to preview, and to edit with Odoo's
        template editor right."""
        admin = role_user(self.env, "chp_letters_admin", "admin")
        action = self.env.ref("chp_complaints.chp_letter_template_action")
        menu = self.env.ref("chp_complaints.chp_letter_template_menu")
        self.assertEqual(menu.action, action)
        self.assertIn(menu, self.env["ir.ui.menu"].with_user(admin).search([("id", "=", menu.id)]))
        letters = self.env["mail.template"].with_user(admin).search(literal_eval(action.domain))
        self.assertEqual(set(letters.mapped("model")), {"chp.complaint"})
        self.assertIn(self.env.ref("chp_complaints.chp_mail_template_stage1_decision"), letters)
        # Previewed on a complaint, as the template form's Preview does.
        stage1 = letters.filtered(lambda t: "stage 1 decision" in t.name)
        complaint = self.make_customer_complaint()
        preview = (
            self.env["mail.template.preview"]
            .with_user(admin)
            .create(
                {"mail_template_id": stage1.id, "resource_ref": f"chp.complaint,{complaint.id}"}
            )
        )
        self.assertIn(complaint.name, preview.subject)
        # The letters hold placeholders: Odoo lets its "Mail Template Editor"
        # group change them (system administrators, or whom they add).
        admin.groups_id |= self.env.ref("mail.group_mail_template_editor")
        stage1.with_user(admin).write({"subject": "Our stage 1 decision: {{ object.name }}"})
        self.assertEqual(stage1.subject, "Our stage 1 decision: {{ object.name }}")

    def test_nothing_written_to_an_anonymised_customer(self):
        complaint = self.make_customer_complaint()
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Done"})
        complaint.action_close_stage1()
        complaint.sudo()._chp_anonymise()
        with self.assertRaisesRegex(UserError, "were removed"):
            complaint.with_user(self.staff).write({"stage1_customer_summary": "Dear Morag"})
        self.assertFalse(complaint.stage1_customer_summary)

    def test_letter_out_of_step_refused(self):
        complaint = self.make_customer_complaint()
        with self.assertRaisesRegex(UserError, "does not apply"):
            complaint.action_chp_send_stage2_ack()

    def test_anonymous_sends_nothing(self):
        complaint = self.make_complaint(is_anonymous=True)
        complaint.action_start_stage2_direct()
        self.assertFalse(complaint.chp_can_write_to_customer)
        with self.assertRaisesRegex(UserError, "anonymous"):
            complaint.action_chp_send_stage2_ack()
        complaint._chp_send_received_confirmation()
        self.assertFalse(complaint.message_ids.filtered("partner_ids"))
