from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestMinimumStandard(ChpLearningCase):
    """Part 4's minimum standard: authorised by a senior manager, an owner,
    a target date, followed up, completion confirmed by the authoriser."""

    def test_staff_propose_and_only_senior_managers_authorise(self):
        action = self.propose(owner_user_id=self.owner.id, target_date="2025-06-30")
        self.assertEqual(action.state, "proposed")
        self.assertRegex(action.reference, r"^IMP/\d{4}/\d{4}$")
        with self.assertRaises(AccessError):
            action.with_user(self.staff).action_authorise()
        action.with_user(self.senior).action_authorise()
        self.assertEqual(action.state, "authorised")
        self.assertEqual(action.authorised_by_id, self.senior)
        self.assertTrue(action.authorised_on)

    def test_target_date_and_owner_required_to_authorise(self):
        no_date = self.propose(owner_user_id=self.owner.id)
        with self.assertRaisesRegex(UserError, "a target date"):
            no_date.with_user(self.senior).action_authorise()
        no_owner = self.propose(target_date="2025-06-30")
        with self.assertRaisesRegex(UserError, "an owner"):
            no_owner.with_user(self.senior).action_authorise()
        no_source = self.propose(
            owner_user_id=self.owner.id, target_date="2025-06-30", complaint_ids=False
        )
        with self.assertRaisesRegex(UserError, "complaint"):
            no_source.with_user(self.senior).action_authorise()
        self.assertEqual((no_date | no_owner | no_source).mapped("state"), ["proposed"] * 3)

    def test_a_team_can_own_the_action_and_its_lead_gets_the_activity(self):
        action = self.propose(team_id=self.team.id, target_date="2025-06-30")
        action.with_user(self.senior).action_authorise()
        self.assertEqual(action.responsible_user_id, self.other_staff)
        activity = action.sudo().activity_ids
        self.assertEqual(activity.user_id, self.other_staff)
        self.assertEqual(str(activity.date_deadline), "2025-06-30")
        self.assertIn(self.other_staff.partner_id, action.message_partner_ids)

    def test_no_start_before_authorisation(self):
        action = self.propose(owner_user_id=self.owner.id, target_date="2025-06-30")
        with self.assertRaisesRegex(UserError, "authorises"):
            action.with_user(self.senior).action_start()
        self.assertEqual(action.state, "proposed")

    def test_kanban_drag_goes_through_the_transitions(self):
        action = self.propose(owner_user_id=self.owner.id)
        authorised = self.env.ref("chp_learning.chp_improvement_stage_authorised")
        with self.assertRaisesRegex(UserError, "a target date"):
            action.with_user(self.senior).stage_id = authorised
        in_progress = self.env.ref("chp_learning.chp_improvement_stage_in_progress")
        with self.assertRaisesRegex(UserError, "directly"):
            action.with_user(self.senior).stage_id = in_progress
        action.target_date = "2025-06-30"
        action.with_user(self.senior).stage_id = authorised
        self.assertEqual(action.authorised_by_id, self.senior)
        done = self.env.ref("chp_learning.chp_improvement_stage_done")
        with self.assertRaisesRegex(UserError, "directly"):
            action.with_user(self.senior).stage_id = done
        with self.assertRaisesRegex(UserError, "proposed"):
            self.Action.with_user(self.senior).create({"name": "x", "stage_id": done.id})

    def test_journey_to_closed_with_completion_confirmed_by_the_authoriser(self):
        action = self.authorised()
        self.assertEqual(action.sudo().activity_ids.user_id, self.owner)
        with self.assertRaises(AccessError):
            action.with_user(self.other_staff).action_start()
        action.with_user(self.owner).action_start()
        with self.assertRaisesRegex(UserError, "evidence"):
            action.with_user(self.owner).action_done()
        action.with_user(self.owner).evidence = "<p>New procedure issued</p>"
        action.with_user(self.owner).action_done()
        self.assertEqual(action.state, "done")
        self.assertTrue(action.completion_date)
        self.assertEqual(
            action.sudo().activity_ids.user_id, self.senior, "authoriser asked to confirm"
        )
        with self.assertRaises(AccessError):
            action.with_user(self.owner).action_confirm()
        with self.assertRaisesRegex(AccessError, "authorised"):
            action.with_user(self.other_senior).action_confirm()
        action.with_user(self.senior).action_confirm()
        self.assertEqual(action.state, "closed")
        self.assertEqual(action.confirmed_by_id, self.senior)
        self.assertFalse(action.sudo().activity_ids)

    def test_owner_and_target_date_are_locked_once_authorised(self):
        action = self.authorised()
        with self.assertRaises(AccessError):
            action.with_user(self.owner).target_date = "2025-12-31"
        action.with_user(self.senior).target_date = "2025-12-31"
        self.assertEqual(str(action.sudo().activity_ids.date_deadline), "2025-12-31")

    def test_only_senior_managers_cancel(self):
        action = self.authorised()
        with self.assertRaises(AccessError):
            action.with_user(self.owner).action_cancel()
        action.with_user(self.senior).action_cancel()
        self.assertEqual(action.state, "cancelled")
        self.assertFalse(action.sudo().activity_ids)
        with self.assertRaisesRegex(UserError, "already"):
            action.with_user(self.senior).action_cancel()

    def test_renamed_stage_changes_nothing(self):
        self.env.ref("chp_learning.chp_improvement_stage_authorised").name = "Approved"
        action = self.authorised()
        self.assertEqual(action.state, "authorised")
        self.assertEqual(action.stage_id.name, "Approved")
