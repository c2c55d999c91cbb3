import io

from freezegun import freeze_time
from PyPDF2 import PdfReader

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ChpJourneyCase, render_real_pdf


@tagged("post_install", "-at_install")
class TestLetterPdf(ChpJourneyCase):
    """Each decision letter as the customer gets it: rendered to PDF by
    wkhtmltopdf and read back. The letterhead and both addresses, the date
    in words, the customer's own account (never the internal action), the
    signature per "Hide staff names from customers", and the signposting of
    its stage: stage 2 after stage 1, the SPSO after stage 2 or after a
    decision not to investigate."""

    SPSO = "Ask the SPSO within 12 months: 0800 377 7330."

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "street": "1 High Street",
                "city": "Dundee",
                "zip": "DD1 1AA",
                "email": "complaints@council.example",
                "chp_spso_signposting": cls.SPSO,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Morag Tenant",
                "email": "morag@example.org",
                "street": "4 Leith Walk",
                "city": "Edinburgh",
                "zip": "EH6 8RG",
            }
        )

    def make_customer_complaint(self, **vals):
        return self.make_complaint(
            partner_id=self.customer.id, customer_name="Morag Tenant", **vals
        )

    def pdf_text(self, report, complaint):
        """The letter's PDF, read back as text with the spaces normalised."""
        reader = PdfReader(io.BytesIO(render_real_pdf(self, report, complaint.ids)))
        return " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    def assert_letterhead_and_addresses(self, text):
        self.assertIn(self.company.name, text)
        self.assertIn("1 High Street", text)
        self.assertIn("complaints@council.example", text)
        self.assertIn("Morag Tenant", text)
        self.assertIn("4 Leith Walk", text)
        self.assertIn("EH6 8RG", text)

    def closed_at_stage1(self, **vals):
        complaint = self.make_customer_complaint(**vals)
        complaint.write(
            {
                "stage1_outcome": "upheld",
                "stage1_action": "Internal: crew supervisor J. Smith warned.",
                "stage1_customer_summary": "Your bins were missed; we collected them.",
            }
        )
        with freeze_time("2026-11-30 10:00:00"):
            complaint.action_close_stage1()
        return complaint

    def test_stage1_decision_pdf(self):
        complaint = self.closed_at_stage1()
        text = self.pdf_text("chp_complaints.report_stage1_decision", complaint)
        self.assert_letterhead_and_addresses(text)
        self.assertIn(complaint.name, text)
        self.assertIn("30 November 2026", text)
        self.assertIn("Upheld", text)
        self.assertIn("we collected them", text)
        self.assertNotIn("J. Smith", text)
        # Stage 2 next, by when; never the SPSO at stage 1.
        self.assertIn("stage 2", text)
        self.assertIn("30 January 2027", text)
        self.assertNotIn("SPSO", text)
        self.assertNotIn("0800 377 7330", text)
        # Signed by role only while staff names are hidden (the default)...
        self.assertTrue(self.company.chp_portal_hide_staff_names)
        self.assertIn("Complaints officer", text)
        self.assertNotIn(self.staff.name, text)
        # ... and by name and role otherwise.
        self.company.chp_portal_hide_staff_names = False
        text = self.pdf_text("chp_complaints.report_stage1_decision", complaint)
        self.assertIn(self.staff.name, text)
        self.assertIn("Complaints officer", text)

    def test_stage2_decision_pdf(self):
        complaint = self.make_customer_complaint(investigator_id=self.investigator.id)
        complaint.action_start_stage2_direct()
        complaint.write(
            {
                "stage2_outcome": "partially_upheld",
                "stage2_action": "Internal: ledger checked by J. Smith.",
                "stage2_customer_summary": "We checked your rent account and refunded £20.",
            }
        )
        complaint.action_acknowledge()
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
        text = self.pdf_text("chp_complaints.report_stage2_decision", complaint)
        self.assert_letterhead_and_addresses(text)
        self.assertIn("22 December 2026", text)
        self.assertIn("Partially upheld", text)
        self.assertIn("refunded £20", text)
        self.assertNotIn("J. Smith", text)
        self.assertIn("final response", text)
        self.assertIn("0800 377 7330", text)
        self.assertIn("Senior manager", text)
        self.assertNotIn(self.senior.name, text)
        self.company.chp_portal_hide_staff_names = False
        text = self.pdf_text("chp_complaints.report_stage2_decision", complaint)
        self.assertIn(self.senior.name, text)

    def test_decision_not_to_investigate(self):
        """The customer asks for stage 2 and a senior manager declines: the
        reason and the SPSO signposting reach the customer (PDF, email and
        tracking page); the complaint stays closed at stage 1, its figures
        unchanged; "Escalate" remains possible."""
        complaint = self.closed_at_stage1()
        figures = complaint.read(["state", "stage2_route", "stage1_date_closed"])
        # Only a senior manager decides, with a reason.
        with self.assertRaisesRegex(AccessError, "decline to investigate"):
            complaint.with_user(self.staff)._chp_decline_stage2("No")
        with self.assertRaises(AccessError):
            self.env["chp.complaint.decline.wizard"].with_user(self.staff).create(
                {"complaint_id": complaint.id, "reason": "No"}
            )
        with self.assertRaisesRegex(UserError, "Say why"):
            complaint.with_user(self.senior)._chp_decline_stage2("  ")
        reason = "Your request raises nothing the stage 1 response did not answer."
        wizard = Form(
            self.env["chp.complaint.decline.wizard"]
            .with_user(self.senior)
            .with_context(active_model="chp.complaint", active_id=complaint.id)
        )
        wizard.reason = reason
        with freeze_time("2026-12-03 10:00:00"):
            action = wizard.save().action_decline()
        self.assertEqual(complaint.stage2_declined_date.isoformat(), "2026-12-03")
        self.assertEqual(complaint.stage2_declined_user_id, self.senior)
        self.assertEqual(complaint.read(["state", "stage2_route", "stage1_date_closed"]), figures)
        with self.assertRaisesRegex(UserError, "already decided"):
            complaint.with_user(self.senior2)._chp_decline_stage2("Again")
        # The wizard opens the letter, addressed to the customer, with its PDF.
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.senior)
            .with_context(**action["context"])
        )
        self.assertEqual(composer.partner_ids[:], self.customer)
        composer.save().action_send_mail()
        letter = complaint.message_ids.filtered(lambda m: "investigation" in (m.subject or ""))
        self.assertEqual(len(letter), 1)
        self.assertIn(reason, letter.body)
        self.assertIn("0800 377 7330", letter.body)
        self.assertIn("Decision not to investigate", letter.attachment_ids.name)
        text = self.pdf_text("chp_complaints.report_stage2_declined", complaint)
        self.assert_letterhead_and_addresses(text)
        self.assertIn("3 December 2026", text)
        self.assertIn("not to investigate", text)
        self.assertIn(reason, text)
        self.assertIn("0800 377 7330", text)
        self.assertIn("Senior manager", text)
        self.assertNotIn(self.senior.name, text)
        # The tracking page signposts the SPSO now.
        decision = complaint.chp_portal_decision()
        self.assertIn("not investigate", decision["next"])
        self.assertIn("0800 377 7330", decision["signposting"])
        # We may still change our mind.
        complaint.with_user(self.staff).action_escalate()
        self.assertEqual(complaint.state, "stage2")
        self.assertFalse(complaint._chp_letter_applies("stage2_declined"))

    def test_child_friendly_decision_pdfs(self):
        """Issue 23: a child's decision letters in plain words, as the PDF
        engine prints them: who to talk to, and the SPSO's route for
        children after stage 2 only."""
        complaint = self.closed_at_stage1(
            child_involvement="child", child_contact_user_id=self.staff.id
        )
        text = self.pdf_text("chp_complaints.report_stage1_decision_child", complaint)
        self.assert_letterhead_and_addresses(text)
        self.assertIn("Hello Morag Tenant", text)
        self.assertIn("We agree with you. Things went wrong.", text)
        self.assertIn("ask us to look at it again", text)
        self.assertIn("30 January 2027", text)
        self.assertIn(f"You chose to talk to {self.staff.name}", text)
        self.assertNotIn("J. Smith", text)
        self.assertNotIn("SPSO", text)
        complaint = self.make_customer_complaint(
            investigator_id=self.investigator.id, child_involvement="child"
        )
        complaint.action_start_stage2_direct()
        complaint.write(
            {
                "stage2_outcome": "resolved",
                "stage2_action": "Swings repaired.",
                "stage2_customer_summary": "We mended the swings.",
            }
        )
        complaint.action_acknowledge()
        with freeze_time("2026-12-22 16:00:00"):
            complaint.with_user(self.senior).action_signoff_close()
        text = self.pdf_text("chp_complaints.report_stage2_decision_child", complaint)
        self.assert_letterhead_and_addresses(text)
        self.assertIn("22 December 2026", text)
        self.assertIn("We mended the swings.", text)
        self.assertIn("final response", text)
        self.assertIn("for free on 0800 377 7330", text)
        self.assertIn("children and young people", text)
        self.assertIn("adult you trust", text)
