from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ChpLearningCase


@tagged("post_install", "-at_install")
class TestAccess(ChpLearningCase):
    """Record rules, checked as the real users."""

    def visible(self, user, actions):
        return self.Action.with_user(user).search([("id", "in", actions.ids)])

    def test_staff_read_their_own_owned_and_followed_actions(self):
        mine = self.propose(user=self.staff)
        theirs = self.propose(user=self.other_staff)
        owned = self.authorised()  # proposed by staff, owned by owner
        followed = self.propose(user=self.other_staff, name="Followed")
        followed.message_subscribe(partner_ids=self.owner.partner_id.ids)
        everything = mine | theirs | owned | followed
        self.assertEqual(self.visible(self.staff, everything), mine | owned)
        self.assertEqual(self.visible(self.owner, everything), owned | followed)
        self.assertEqual(self.visible(self.senior, everything), everything)
        self.assertEqual(self.visible(self.chief, everything), everything)
        with self.assertRaises(AccessError):
            theirs.with_user(self.staff).read(["name"])

    def test_owners_update_their_actions_others_do_not(self):
        action = self.authorised()
        action.with_user(self.owner).learning_points = "<p>Owner's notes</p>"
        follower = self.other_staff
        action.sudo().message_subscribe(partner_ids=follower.partner_id.ids)
        with self.assertRaises(AccessError):
            action.with_user(follower).learning_points = "<p>Not mine</p>"
        with self.assertRaises(AccessError):
            action.with_user(self.staff).name = "Proposer can't rewrite it once authorised"
        with self.assertRaises(AccessError):
            action.with_user(self.chief).name = "The chief executive only reads"
        team_action = self.authorised(owner_user_id=False, team_id=self.team.id)
        team_action.with_user(self.other_staff).action_start()
        self.assertEqual(team_action.state, "in_progress")

    def test_workflow_buttons_only_for_who_may_use_them(self):
        """Start and Mark done show only to who may move the action on: the
        chief executive reads everything but changes nothing."""
        action = self.authorised()
        action.sudo().message_subscribe(partner_ids=self.other_staff.partner_id.ids)
        expected = {
            self.owner: (True, True),
            self.senior: (True, True),
            self.chief: (False, False),
            self.other_staff: (False, False),
            self.staff: (False, False),
        }
        for user, (can_write, can_update) in expected.items():
            as_user = action.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(
                    (as_user.user_can_write, as_user.user_can_update), (can_write, can_update)
                )
        team_action = self.authorised(owner_user_id=False, team_id=self.team.id)
        self.assertTrue(team_action.with_user(self.other_staff).user_can_update)
        with self.assertRaises(AccessError):
            action.with_user(self.chief).action_start()
        form_arch = self.Action.with_user(self.chief).get_view(view_type="form")["arch"]
        self.assertIn("not user_can_update", form_arch)

    def test_proposer_edits_while_proposed(self):
        action = self.propose()
        action.with_user(self.staff).name = "Better wording"
        with self.assertRaises(AccessError):
            action.with_user(self.staff).unlink()

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other landlord"})
        foreign = self.Action.create({"name": "Elsewhere", "company_id": other.id})
        self.assertFalse(self.visible(self.senior, foreign))
        self.senior.write({"company_ids": [(4, other.id)]})
        as_senior = self.Action.with_user(self.senior)
        only_main = as_senior.with_context(allowed_company_ids=[self.company.id])
        self.assertFalse(only_main.search([("id", "=", foreign.id)]), "not an active company")
        both = as_senior.with_context(allowed_company_ids=[self.company.id, other.id])
        self.assertEqual(both.search([("id", "=", foreign.id)]), foreign)

    def test_committee_has_no_access_to_actions_or_shares(self):
        for model in ("chp.improvement.action", "chp.learning.share"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.committee).search([])

    def test_raise_from_a_complaint_prefills_it(self):
        result = self.complaint.with_user(self.staff).action_raise_improvement_action()
        form = Form(
            self.env[result["res_model"]].with_user(self.staff).with_context(**result["context"])
        )
        form.name = "Text appointment reminders"
        action = form.save()
        self.assertEqual(action.complaint_ids, self.complaint)
        self.assertEqual((action.service_id, action.root_cause_id), (self.service, self.root_cause))
        self.assertEqual(action.source, "complaint")
        self.assertEqual(self.complaint.improvement_action_ids, action)
        self.assertEqual(self.complaint.improvement_action_count, 1)
        Complaint = self.env["chp.complaint"].with_user(self.senior)
        other = Complaint.create({"subject": "No action needed"})
        with_actions = Complaint.search(
            [("id", "in", (self.complaint | other).ids), ("improvement_action_ids", "!=", False)]
        )
        self.assertEqual(with_actions, self.complaint)
