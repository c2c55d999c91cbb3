from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChpJourneyCase


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

    def send(self, complaint, action_name, user=None):
        complaint = complaint.with_user(user or self.senior2)
        action = getattr(complaint, action_name)()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        self.assertIn(self.customer, composer.partner_ids)
        composer.save().action_send_mail()
        return complaint.message_ids.filtered(lambda m: self.customer in m.partner_ids)[:1]

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
    def test_stage1_decision_carries_spso_text(self):
        complaint = self.make_customer_complaint()
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Bins collected"})
        complaint.action_close_stage1()
        message = self.send(complaint, "action_chp_send_stage1_decision")
        self.assertIn("Upheld", message.body)
        self.assertIn("Scottish Public Services Ombudsman", message.body)
        self.assertIn("12 months", message.body)
        self.assertIn("stage 2", message.body)

    def test_stage2_decision_letter_pdf_and_configured_spso_text(self):
        self.company.chp_spso_signposting = "Ask the SPSO within 12 months: 0800 377 7330."
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.write({"stage2_outcome": "not_upheld", "stage2_action": "We checked the rent."})
        with freeze_time("2026-11-27 10:00:00"):
            complaint.action_acknowledge()
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
            message = self.send(complaint, "action_chp_send_stage2_decision")
        self.assertIn("0800 377 7330", message.body)
        self.assertIn("final response", message.body)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("Decision letter", message.attachment_ids.name)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("chp_complaints.report_stage2_decision", complaint.ids)[0]
            .decode()
        )
        self.assertIn(complaint.name, html)
        self.assertIn("Not upheld", html)
        self.assertIn("0800 377 7330", html)

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
