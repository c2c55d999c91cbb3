from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChpLearningCase

PERSONAL_MODELS = {"res.users", "res.partner", "chp.complaint", "hr.employee"}


@tagged("post_install", "-at_install")
class TestFiguresAndSummaries(ChpLearningCase):
    def publish(self, action, you_said="Repairs were missed", we_did="We text a reminder"):
        action.with_user(self.senior).write({"public_you_said": you_said, "public_we_did": we_did})
        action.with_user(self.senior).action_publish()

    def test_publish_needs_both_texts_and_a_done_action(self):
        action = self.authorised()
        action.with_user(self.senior).write({"public_you_said": "a", "public_we_did": "b"})
        with self.assertRaisesRegex(UserError, "done"):
            action.with_user(self.senior).action_publish()
        done = self.completed()
        done.with_user(self.senior).public_you_said = "Repairs were missed"
        with self.assertRaisesRegex(UserError, "We did"):
            done.with_user(self.senior).action_publish()
        with self.assertRaises(AccessError):
            done.with_user(self.owner).action_publish()

    def test_public_summary_has_no_personal_data_fields(self):
        view = self.env["chp.you.said.we.did"]
        for name, field in view._fields.items():
            self.assertNotIn(field.comodel_name, PERSONAL_MODELS, name)
        self.assertFalse({"create_uid", "write_uid"} & set(view._fields))
        with freeze_time("2025-05-10 12:00:00"):
            action = self.completed()
            self.publish(action)
        summaries = self.Action.get_published_summaries("2025-04-01", "2025-06-30")
        self.assertEqual(
            summaries,
            [
                {
                    "published_on": date(2025, 5, 10),
                    "service_id": self.service.id,
                    "service": "Repairs",
                    "root_cause": "Poor communication",
                    "you_said": "Repairs were missed",
                    "we_did": "We text a reminder",
                }
            ],
        )
        text = repr(summaries)
        for personal in (self.owner.name, self.senior.name, "Jane Tenant", self.complaint.name):
            self.assertNotIn(personal, text)

    def test_only_published_lines_of_the_period_and_company(self):
        with freeze_time("2025-05-10 12:00:00"):
            in_period, withdrawn, unpublished = self.completed(), self.completed(), self.completed()
            self.publish(in_period, we_did="in period")
            self.publish(withdrawn, we_did="withdrawn")
            withdrawn.with_user(self.senior).action_unpublish()
        with freeze_time("2025-07-10 12:00:00"):
            self.publish(unpublished, we_did="next quarter")
        lines = self.Action.get_published_summaries("2025-04-01", "2025-06-30")
        self.assertEqual([line["we_did"] for line in lines], ["in period"])
        other = self.env["res.company"].create({"name": "Other landlord"})
        self.assertEqual(self.Action.get_published_summaries("2025-01-01", "2025-12-31", other), [])

    def test_committee_reads_published_summaries_and_figures_not_actions(self):
        with freeze_time("2025-05-10 12:00:00"):
            action = self.completed()
            self.publish(action)
        committee_env = self.env(user=self.committee)
        lines = committee_env["chp.you.said.we.did"].search([])
        self.assertEqual(lines.mapped("we_did"), ["We text a reminder"])
        with self.assertRaises(AccessError):
            committee_env["chp.improvement.action"].search([])
        figures = committee_env["chp.improvement.action"].get_learning_figures(
            "2025-04-01", "2025-06-30"
        )
        self.assertEqual(figures["completed"], 1)

    def test_figures_for_a_period(self):
        other_service = self.env["chp.service"].create({"name": "Housing"})
        with freeze_time("2025-03-20 12:00:00"):
            before = self.authorised(target_date="2025-04-30")  # raised before the period
        with freeze_time("2025-04-10 12:00:00"):
            on_time = self.completed(target_date="2025-05-30", completion_date="2025-05-20")
            late = self.completed(target_date="2025-04-30", completion_date="2025-05-15")
            overdue = self.authorised(target_date="2025-06-15", service_id=other_service.id)
            proposed = self.propose()
            cancelled = self.authorised(target_date="2025-04-15")
            cancelled.with_user(self.senior).action_cancel()
        with freeze_time("2025-07-20 12:00:00"):
            after = self.propose()
            before.with_user(self.owner).action_start()
            before.with_user(self.owner).evidence = "<p>done late</p>"
            before.with_user(self.owner).action_done()
        self.assertTrue(before and on_time and late and overdue and proposed and after)
        with freeze_time("2025-08-01 12:00:00"):
            q1 = self.Action.get_learning_figures("2025-04-01", "2025-06-30")
            self.assertEqual(
                q1,
                {
                    "raised": 5,
                    "authorised": 4,
                    "completed": 2,
                    "completed_on_time": 1,
                    "completed_late": 1,
                    # 'before' (target 30 April, done in July) and 'overdue'
                    "overdue": 2,
                },
            )
            repairs = self.Action.get_learning_figures(
                "2025-04-01", "2025-06-30", service_ids=self.service.ids
            )
            self.assertEqual(repairs["overdue"], 1)
            by_service = self.Action.get_learning_figures_by(
                "service_id", "2025-04-01", "2025-06-30"
            )
            self.assertEqual(by_service[other_service.id]["overdue"], 1)
            self.assertEqual(by_service[self.service.id]["completed_late"], 1)
            by_cause = self.Action.get_learning_figures_by(
                "root_cause_id", "2025-04-01", "2025-06-30"
            )
            self.assertEqual(by_cause[self.root_cause.id]["raised"], 5)
            q3 = self.Action.get_learning_figures("2025-07-01", "2025-09-30")
            self.assertEqual((q3["raised"], q3["completed_late"]), (1, 1))
            listed = self.Action.with_user(self.committee).get_overdue_actions("2025-06-30")
            self.assertEqual(
                [row["reference"] for row in listed], [before.reference, overdue.reference]
            )
            self.assertEqual(
                listed[1],
                {
                    "reference": overdue.reference,
                    "name": overdue.name,
                    "service": "Housing",
                    "target_date": date(2025, 6, 15),
                    "responsible": self.owner.name,
                },
            )
            repairs_listed = self.Action.get_overdue_actions(
                "2025-06-30", service_ids=self.service.ids
            )
            self.assertEqual([row["reference"] for row in repairs_listed], [before.reference])
