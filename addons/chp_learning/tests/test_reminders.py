from freezegun import freeze_time

from odoo.tests import tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestReminders(ChpLearningCase):
    """The daily scheduled action: the owner is reminded once when the target
    date passes; the authoriser is told once when the action is more than the
    allowed working days late (default 10)."""

    def todos(self, action, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", action._name),
                ("res_id", "=", action.id),
                ("user_id", "=", user.id),
                ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_todo").id),
            ]
        )

    def run_cron(self, day):
        with freeze_time(f"{day} 06:00:00"):
            self.Action._cron_target_reminders()

    def test_owner_reminded_once_when_target_passes(self):
        action = self.authorised(target_date="2025-06-30")
        self.run_cron("2025-06-30")
        self.assertFalse(self.todos(action, self.owner), "not before the target date has passed")
        self.run_cron("2025-07-01")
        self.assertEqual(len(self.todos(action, self.owner)), 1)
        self.assertTrue(action.target_reminder_sent)
        self.run_cron("2025-07-02")
        self.assertEqual(len(self.todos(action, self.owner)), 1, "reminded once only")

    def test_authoriser_told_once_after_ten_working_days_late(self):
        self.assertEqual(self.company.chp_learning_late_days, 10)
        action = self.authorised(target_date="2025-06-30")  # a Monday
        self.run_cron("2025-07-14")  # 10 working days late
        self.assertFalse(self.todos(action, self.senior))
        self.run_cron("2025-07-15")  # 11 working days late
        self.assertEqual(len(self.todos(action, self.senior)), 1)
        self.assertTrue(action.late_escalation_sent)
        self.run_cron("2025-07-16")
        self.assertEqual(len(self.todos(action, self.senior)), 1, "told once only")

    def test_public_holidays_do_not_count_as_late_days(self):
        calendar = self.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Glasgow Fair (local holiday)",
                "calendar_id": calendar.id,
                "date_from": "2025-07-14 00:00:00",
                "date_to": "2025-07-14 23:59:59",
            }
        )
        action = self.authorised(target_date="2025-06-30")
        self.run_cron("2025-07-15")  # 10 working days late with the holiday
        self.assertFalse(self.todos(action, self.senior))

    def test_setting_and_new_target_date_rearm_the_reminders(self):
        self.company.chp_learning_late_days = 2
        action = self.authorised(target_date="2025-06-30")
        self.run_cron("2025-07-03")  # 3 working days late
        self.assertTrue(action.target_reminder_sent and action.late_escalation_sent)
        action.with_user(self.senior).target_date = "2025-07-31"
        self.assertFalse(action.target_reminder_sent or action.late_escalation_sent)
        self.run_cron("2025-07-04")
        self.assertEqual(len(self.todos(action, self.owner)), 1)

    def test_completed_and_cancelled_actions_are_left_alone(self):
        done = self.completed()
        cancelled = self.authorised()
        cancelled.with_user(self.senior).action_cancel()
        self.run_cron("2025-08-29")
        self.assertFalse(self.todos(done, self.owner) | self.todos(cancelled, self.owner))
        self.assertFalse(done.target_reminder_sent or cancelled.target_reminder_sent)
