from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestSatisfactionSurvey(ChpJourneyCase):
    """The satisfaction survey goes out when a stage closes, once per
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

    def close_stage1(self, **vals):
        complaint = self.make_complaint(
            partner_id=self.customer.id, customer_email="morag@example.org", **vals
        )
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Done"})
        with freeze_time("2026-11-27 10:00:00"):
            complaint.action_close_stage1()
        return complaint

    def test_seeded_survey(self):
        self.assertEqual(len(self.survey.question_ids), 5)
        for question in self.survey.question_ids:
            self.assertEqual(question.question_type, "simple_choice")
            self.assertEqual(
                question.suggested_answer_ids.filtered("chp_satisfied").mapped("value"),
                ["Very satisfied", "Satisfied"],
            )

    def test_sent_when_stage_closes_once(self):
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
