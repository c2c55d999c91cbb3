import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.tests import TransactionCase, new_test_user, tagged

from ..report.spso_workbook import build_workbook

P_FROM = date(2026, 7, 1)
P_TO = date(2026, 9, 30)


@tagged("post_install", "-at_install")
class TestSatisfactionIndicator(TransactionCase):
    """Indicator 2 from survey answers, worked out by hand:

    complaint  stage  survey sent   answered     Q1 overall         Q2 ease
    A          1      Fri 10 Jul    Sun 12 Jul   Very satisfied     Dissatisfied
    B          1      Thu 20 Aug    Fri 21 Aug   Satisfied          Satisfied
    C          2      Thu 10 Sep    Fri  2 Oct   (after the period: not a response)
    D          1      Mon 29 Jun    Fri  3 Jul   Dissatisfied       (skipped)

    Period Q2 2026/27: sent 3 (A, B, C), responses 3 (A, B, D): 100.0%.
    Q1: 3 responses, 2 satisfied, 66.7%; Q2: 2 responses, 1 satisfied, 50.0%.
    Stage 1: sent 2, responses 3 (150.0%: D was sent before the period);
    stage 2: sent 1, responses 0, 0.0%.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"chp_survey_enabled": True, "email": "complaints@council.example"})
        cls.survey = cls.env.ref("chp_complaints.chp_satisfaction_survey")
        cls.q1, cls.q2 = cls.survey.question_ids.sorted("sequence")[:2]
        cls.senior = new_test_user(
            cls.env, login="chp_sat_senior", groups="chp_complaints.group_chp_senior_manager"
        )
        cls.senior2 = new_test_user(
            cls.env, login="chp_sat_senior2", groups="chp_complaints.group_chp_senior_manager"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Survey Customer", "email": "survey@example.org"}
        )
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.cause = cls.env["chp.root.cause"].create({"name": "Delay"})
        cls.a = cls._stage1("2026-07-08 10:00:00", "2026-07-10 10:00:00")
        cls.b = cls._stage1("2026-08-18 10:00:00", "2026-08-20 10:00:00")
        cls.d = cls._stage1("2026-06-25 10:00:00", "2026-06-29 10:00:00")
        cls.c = cls._stage2("2026-08-03 10:00:00", "2026-09-10 10:00:00")
        cls._answer(
            cls.a, "2026-07-12 11:00:00", {cls.q1: "Very satisfied", cls.q2: "Dissatisfied"}
        )
        cls._answer(cls.b, "2026-08-21 11:00:00", {cls.q1: "Satisfied", cls.q2: "Satisfied"})
        cls._answer(cls.d, "2026-07-03 11:00:00", {cls.q1: "Dissatisfied"})
        cls._answer(cls.c, "2026-10-02 11:00:00", {cls.q1: "Satisfied"})

    @classmethod
    def _complaint(cls, received):
        return cls.env["chp.complaint"].create(
            {
                "subject": "Survey fixture",
                "date_received": received,
                "partner_id": cls.customer.id,
                "customer_email": "survey@example.org",
                "user_id": cls.senior.id,
                "service_id": cls.service.id,
                "root_cause_id": cls.cause.id,
            }
        )

    @classmethod
    def _stage1(cls, received, closed):
        with freeze_time(received):
            complaint = cls._complaint(received)
        complaint.write({"stage1_outcome": "upheld", "stage1_action": "Done"})
        with freeze_time(closed):
            complaint.action_close_stage1()
            # The decision letter went the same day; the survey follows it.
            complaint._chp_letter_sent("stage1_decision")
        return complaint

    @classmethod
    def _stage2(cls, received, closed):
        with freeze_time(received):
            complaint = cls._complaint(received)
            complaint.investigator_id = cls.senior
            complaint.action_start_stage2_direct()
            complaint.action_acknowledge()
        complaint.write({"stage2_outcome": "upheld", "stage2_action": "Done"})
        with freeze_time(closed):
            complaint.with_user(cls.senior2).action_signoff_close()
            complaint._chp_letter_sent("stage2_decision")
        return complaint

    @classmethod
    def _answer(cls, complaint, when, answers):
        user_input = complaint.chp_survey_input_ids
        assert len(user_input) == 1, user_input
        for question, value in answers.items():
            choice = question.suggested_answer_ids.filtered(lambda a, v=value: a.value == v)
            user_input._save_lines(question, choice.id)
        with freeze_time(when):
            user_input._mark_done()

    def test_figures(self):
        self.assertEqual(str(self.a.chp_survey_input_ids.chp_sent_on), "2026-07-10")
        self.assertEqual(self.c.chp_survey_input_ids.chp_stage, "stage2")
        figures = self.env["chp.spso.indicator"].compute(P_FROM, P_TO, self.company)
        satisfaction = figures["satisfaction"]
        # Every answer of the quarter came from stage 1 surveys.
        questions = [
            {"question": self.q1.title, "responses": 3, "satisfied": 2, "satisfied_pct": 66.7},
            {"question": self.q2.title, "responses": 2, "satisfied": 1, "satisfied_pct": 50.0},
        ]
        self.assertEqual(
            satisfaction,
            {
                "sent": 3,
                "responses": 3,
                "response_rate": 100.0,
                "questions": questions,
                "stages": {
                    "stage1": {
                        "sent": 2,
                        "responses": 3,
                        "response_rate": 150.0,
                        "questions": questions,
                    },
                    "stage2": {
                        "sent": 1,
                        "responses": 0,
                        "response_rate": 0.0,
                        "questions": [],
                    },
                },
            },
        )
        # The next quarter: C's answer, nothing sent.
        later = self.env["chp.spso.indicator"].compute(
            date(2026, 10, 1), date(2026, 12, 31), self.company
        )["satisfaction"]
        self.assertEqual((later["sent"], later["responses"], later["response_rate"]), (0, 1, None))
        self.assertEqual(later["stages"]["stage2"]["questions"][0]["satisfied_pct"], 100.0)

    def test_workbook_sheet(self):
        figures = self.env["chp.spso.indicator"].compute(P_FROM, P_TO, self.company)
        meta = {
            "title": "Q2",
            "organisation": self.company.name,
            "date_from": P_FROM,
            "date_to": P_TO,
            "generated_on": date(2026, 10, 5),
            "generated_by": "test",
        }
        book = load_workbook(io.BytesIO(build_workbook(figures, meta, None, [])))
        sheet = book["2 Experience"]
        rows = [
            tuple(cell.value for cell in row[:5])
            for row in sheet.iter_rows(min_row=4)
            if any(c.value is not None for c in row)
        ]
        self.assertEqual(rows[0], ("Surveys", "Sent", "Responses", "Response rate %", None))
        self.assertEqual(rows[1], ("Total", 3, 3, 100, None))
        self.assertEqual(rows[2], ("Stage 1", 2, 3, 150, None))
        self.assertEqual(rows[3], ("Stage 2", 1, 0, 0, None))
        self.assertEqual(
            rows[4], ("Question", "Answered by", "Responses", "Satisfied", "Satisfied %")
        )
        self.assertEqual(rows[5], (self.q1.title, "Total", 3, 2, 66.7))
        self.assertEqual(rows[6], (self.q2.title, "Total", 2, 1, 50))
        self.assertEqual(rows[7], (self.q1.title, "Stage 1", 3, 2, 66.7))
