from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(ChpJourneyCase):
    """The satisfaction survey follows the decision (issue 21, item 3): it
    goes with the decision letter, or the company's number of days after
    the stage closed when no letter was sent, never before; once per
    complaint and stage, to a customer with an email, unless turned off;
    anonymisation keeps the answers and removes the respondent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "complaints@council.example"
        cls.survey = cls.env.ref("chp_complaints.chp_satisfaction_survey")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Morag Tenant", "email": "morag@example.org"}
        )

    def close_stage1(self, letter=True, **vals):
        """Stage 1 closed on 27 November, and (``letter``) its decision
        letter sent, as the composer does."""
        complaint = self.make_complaint(
            partner_id=self.customer.id, customer_email="morag@example.org", **vals
        )
        complaint.write(
            {"stage1_outcome": "upheld", "stage1_action": "Done", "stage1_customer_summary": "Done"}
        )
        with freeze_time("2026-11-27 10:00:00"):
            complaint.action_close_stage1()
            if letter:
                self.assertFalse(complaint.sudo().chp_survey_input_ids, "not before the letter")
                complaint._chp_letter_sent("stage1_decision")
        return complaint

    def test_not_before_the_decision_then_days_after_closing(self):
        self.company.chp_survey_delay_days = 10
        complaint = self.close_stage1(letter=False).sudo()
        Complaint = self.env["chp.complaint"]
        with freeze_time("2026-12-04 09:00:00"):
            Complaint._cron_chp_send_due_surveys()
        self.assertFalse(complaint.chp_survey_input_ids)
        with freeze_time("2026-12-07 09:00:00"):
            Complaint._cron_chp_send_due_surveys()
        self.assertEqual(complaint.chp_survey_input_ids.chp_stage, "stage1")
        self.assertEqual(str(complaint.chp_survey_input_ids.chp_sent_on), "2026-12-07")
        # Imported history (closed long ago) is never surveyed.
        with freeze_time("2025-01-06 10:00:00"):
            old = self.make_complaint(
                received="2025-01-06 10:00:00",
                partner_id=self.customer.id,
                customer_email="m@example.org",
            )
            old.write({"stage1_outcome": "upheld", "stage1_action": "Done"})
        with freeze_time("2025-01-10 10:00:00"):
            old.action_close_stage1()
        with freeze_time("2026-12-08 09:00:00"):
            Complaint._cron_chp_send_due_surveys()
        self.assertFalse(old.sudo().chp_survey_input_ids)
        # 0: only after a decision letter.
        self.company.chp_survey_delay_days = 0
        late = self.close_stage1(letter=False).sudo()
        with freeze_time("2026-12-08 09:00:00"):
            Complaint._cron_chp_send_due_surveys()
        self.assertFalse(late.chp_survey_input_ids)

    def test_no_survey_for_a_decision_not_given(self):
        """A message posted with the letter's context on an open stage (as an
        RPC caller could) is not a decision: no survey goes."""
        complaint = self.make_complaint(
            partner_id=self.customer.id, customer_email="morag@example.org"
        )
        complaint.with_user(self.staff).with_context(chp_letter="stage1_decision").message_post(
            body="Not a decision", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(complaint.sudo().chp_survey_input_ids)

    def test_decision_letter_from_the_composer_sends_the_survey(self):
        complaint = self.close_stage1(letter=False)
        action = complaint.with_user(self.senior2).action_chp_send_stage1_decision()
        composer = Form(self.env["mail.compose.message"].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(complaint.sudo().chp_survey_input_ids.chp_stage, "stage1")

    def test_seeded_survey(self):
        self.assertEqual(len(self.survey.question_ids), 5)
        for question in self.survey.question_ids:
            self.assertEqual(question.question_type, "simple_choice")
            self.assertEqual(
                question.suggested_answer_ids.filtered("chp_satisfied").mapped("value"),
                ["Very satisfied", "Satisfied"],
            )

    def test_sent_with_the_decision_once(self):
        complaint = self.close_stage1().sudo()
        answer = complaint.chp_survey_input_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.chp_stage, "stage1")
        self.assertEqual(str(answer.chp_sent_on), "2026-11-27")
        self.assertEqual(answer.partner_id, self.customer)
        message = complaint.message_ids.filtered(lambda m: "how did we do" in (m.subject or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(answer.access_token, message.body)
        complaint._chp_send_survey("stage1")
        self.assertEqual(len(complaint.chp_survey_input_ids), 1)

    def test_setting_off_and_anonymous(self):
        self.company.chp_survey_enabled = False
        self.assertFalse(self.close_stage1().sudo().chp_survey_input_ids)
        self.company.chp_survey_enabled = True
        anonymous = self.make_complaint(is_anonymous=True)
        anonymous.write({"stage1_outcome": "upheld", "stage1_action": "Done"})
        anonymous.action_close_stage1()
        self.assertFalse(anonymous.sudo().chp_survey_input_ids)

    def test_anonymisation_keeps_answers(self):
        complaint = self.close_stage1().sudo()
        answer = complaint.chp_survey_input_ids
        question = self.survey.question_ids[0]
        answer._save_lines(question, question.suggested_answer_ids[0].id)
        answer._mark_done()
        complaint._chp_anonymise()
        self.assertFalse(answer.partner_id)
        self.assertFalse(answer.email)
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.chp_complaint_id, complaint)
        self.assertEqual(answer.user_input_line_ids.suggested_answer_id.value, "Very satisfied")

    def test_nothing_sent_without_a_sender(self):
        self.company.email = False
        self.assertFalse(self.close_stage1().sudo().chp_survey_input_ids)
