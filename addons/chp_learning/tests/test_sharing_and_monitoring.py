from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestSharingAndMonitoring(ChpLearningCase):
    def share(self, action, user, **vals):
        wizard = (
            self.env["chp.learning.share.wizard"]
            .with_user(user)
            .create(dict({"action_id": action.id}, **vals))
        )
        return wizard.action_share()

    def test_share_learning_posts_to_recipients_and_records_it(self):
        action = self.completed(learning_points="<p>Always confirm appointments</p>")
        self.share(
            action, self.owner, user_ids=[(6, 0, self.staff.ids)], team_ids=[(6, 0, self.team.ids)]
        )
        log = action.share_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.shared_by_id, self.owner)
        self.assertTrue(log.shared_on)
        self.assertEqual(log.user_ids, self.staff | self.other_staff)
        self.assertEqual(log.team_ids, self.team)
        self.assertIn("Always confirm appointments", log.learning_points)
        message = action.message_ids.filtered(lambda m: m.partner_ids)[:1]
        self.assertEqual(message.partner_ids, (self.staff | self.other_staff).partner_id)
        self.assertIn("Always confirm appointments", message.body)

    def test_share_needs_recipients_and_learning_points(self):
        action = self.completed()
        with self.assertRaisesRegex(UserError, "learning points"):
            self.share(action, self.owner, user_ids=[(6, 0, self.staff.ids)])
        action.with_user(self.owner).learning_points = "<p>Check the diary</p>"
        with self.assertRaisesRegex(UserError, "users or teams"):
            self.share(action, self.owner)
        self.assertFalse(action.share_ids)

    def test_share_wizard_offers_the_action_learning_points(self):
        action = self.completed(learning_points="<p>Call back within a day</p>")
        wizard = Form(
            self.env["chp.learning.share.wizard"]
            .with_user(self.owner)
            .with_context(default_action_id=action.id)
        )
        self.assertIn("Call back within a day", wizard.learning_points)

    def test_monitoring_resolved_closes(self):
        action = self.completed(monitoring_required=True)
        with self.assertRaisesRegex(UserError, "review date"):
            action.with_user(self.senior).action_confirm()
        action.with_user(self.senior).monitoring_review_date = "2099-01-31"
        action.with_user(self.senior).action_confirm()
        self.assertEqual(action.state, "monitoring")
        self.assertTrue(action.monitoring_start)
        action.with_user(self.senior).action_review_resolved()
        self.assertEqual((action.state, action.monitoring_result), ("closed", "resolved"))

    def test_monitoring_not_resolved_raises_a_new_action(self):
        action = self.completed(monitoring_required=True, monitoring_review_date="2099-01-31")
        action.with_user(self.senior).action_confirm()
        result = action.with_user(self.senior).action_review_not_resolved()
        self.assertEqual((action.state, action.monitoring_result), ("closed", "not_resolved"))
        new = action.with_user(self.senior).follow_up_action_ids
        self.assertEqual(len(new), 1)
        self.assertEqual(result["res_id"], new.id)
        self.assertEqual(new.state, "proposed")
        self.assertEqual(new.origin_action_id, action)
        self.assertEqual(new.complaint_ids, self.complaint)
        self.assertEqual((new.service_id, new.root_cause_id), (self.service, self.root_cause))
        self.assertFalse(new.target_date or new.authorised_by_id or new.completion_date)
