from odoo.addons.chp_complaints.tests.common import RoleUsersMixin
from odoo.addons.chp_complaints.tests.http_common import JsonRpcMixin
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

ACTION = "chp.improvement.action"


@tagged("post_install", "-at_install")
class TestHttpIntegrity(RoleUsersMixin, JsonRpcMixin, HttpCase):
    """Issue 11, item 7, over HTTP as the real users: what the web client
    (web_save) and an RPC caller (write, create, a button) send is refused
    with a message, and nothing is written."""

    role_users = {
        "owner": ("chp_h_owner", "staff"),
        "senior": ("chp_h_senior", "senior_manager"),
        "other_senior": ("chp_h_senior2", "senior_manager"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        complaint = cls.env["chp.complaint"].create({"subject": "Missed repair"})
        cls.Action = cls.env[ACTION]
        cls.action = cls.Action.with_user(cls.owner).create(
            {
                "name": "Text appointment reminders",
                "complaint_ids": [(6, 0, complaint.ids)],
                "owner_user_id": cls.owner.id,
                "target_date": "2030-06-30",
                "public_you_said": "Repairers did not come",
                "public_we_did": "We text the day before",
            }
        )
        cls.action.with_user(cls.senior).action_authorise()
        cls.stages = {
            state: cls.Action._stage_for_state(state).id
            for state in ("authorised", "in_progress", "done", "closed")
        }

    def state_of(self, action):
        self.env.invalidate_all()
        return action.read(
            ["state", "is_published", "published_on", "authorised_by_id", "confirmed_by_id"]
        )[0]

    def test_owner_cannot_publish_by_write(self):
        action = self.action
        action.with_user(self.owner).action_start()
        action.with_user(self.owner).evidence = "<p>Texts sent</p>"
        action.with_user(self.owner).action_done()
        before = self.state_of(action)
        self.authenticate("chp_h_owner", "chp_h_owner")
        self.assertRpcRefused(
            UserError, "Publish", ACTION, "write", [action.id], {"is_published": True}
        )
        self.assertRpcRefused(
            UserError,
            "Publish",
            ACTION,
            "web_save",
            [action.id],
            {"is_published": True, "published_on": "2030-01-01"},
            specification={"is_published": {}},
        )
        self.assertRpcRefused(
            AccessError, "(?i)senior manager", ACTION, "action_publish", [action.id]
        )
        self.assertEqual(self.state_of(action), before)
        self.assertFalse(self.env["chp.you.said.we.did"].search([("id", "=", action.id)]))

    def test_owner_cannot_change_a_published_summary(self):
        action = self.action
        action.with_user(self.owner).action_start()
        action.with_user(self.owner).evidence = "<p>Texts sent</p>"
        action.with_user(self.owner).action_done()
        action.with_user(self.senior).action_publish()
        self.authenticate("chp_h_owner", "chp_h_owner")
        self.assertRpcRefused(
            AccessError,
            "published",
            ACTION,
            "write",
            [action.id],
            {"public_we_did": "Nothing at all"},
        )
        self.env.invalidate_all()
        self.assertEqual(action.public_we_did, "We text the day before")

    def test_context_key_does_not_move_an_action(self):
        """The old bypass: ``chp_learning_transition`` in the context moved
        an authorised action to closed with no confirmation."""
        before = self.state_of(self.action)
        context = {"chp_learning_transition": True}
        for login in ("chp_h_owner", "chp_h_senior"):
            self.authenticate(login, login)
            self.assertRpcRefused(
                UserError,
                "directly",
                ACTION,
                "write",
                [self.action.id],
                {"stage_id": self.stages["closed"]},
                context=context,
            )
            self.assertRpcRefused(
                UserError,
                "directly",
                ACTION,
                "web_save",
                [self.action.id],
                {"stage_id": self.stages["closed"]},
                specification={"state": {}},
                context=context,
            )
            self.assertRpcRefused(
                UserError,
                "Confirm completion",
                ACTION,
                "write",
                [self.action.id],
                {"confirmed_by_id": self.senior.id, "state": "closed"},
                context=context,
            )
        self.assertEqual(self.state_of(self.action), before)
        self.assertEqual(before["state"], "authorised")

    def test_proposer_cannot_authorise_by_button_or_write(self):
        own = self.Action.with_user(self.senior).create(
            {
                "name": "Review the repairs contract",
                "source": "trend",
                "trend_description": "Repairs complaints doubled",
                "owner_user_id": self.owner.id,
                "target_date": "2030-09-30",
            }
        )
        before = self.state_of(own)
        self.authenticate("chp_h_senior", "chp_h_senior")
        self.assertRpcRefused(
            AccessError, "another senior manager", ACTION, "action_authorise", [own.id]
        )
        self.assertRpcRefused(
            AccessError,
            "another senior manager",
            ACTION,
            "write",
            [own.id],
            {"stage_id": self.stages["authorised"]},
        )
        self.assertRpcRefused(
            UserError,
            "Authorise",
            ACTION,
            "write",
            [own.id],
            {"authorised_by_id": self.other_senior.id, "authorised_on": "2030-01-01"},
        )
        self.assertEqual(self.state_of(own), before)
        self.authenticate("chp_h_senior2", "chp_h_senior2")
        self.rpc(ACTION, "action_authorise", [own.id])
        self.assertEqual(self.state_of(own)["state"], "authorised")

    def test_create_cannot_forge_a_step(self):
        self.authenticate("chp_h_owner", "chp_h_owner")
        count = self.Action.search_count([])
        for vals in (
            {"is_published": True, "published_on": "2030-01-01"},
            {"authorised_by_id": self.senior.id, "authorised_on": "2030-01-01"},
            {"stage_id": self.stages["done"]},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(
                    UserError,
                    "proposed|can't be changed",
                    ACTION,
                    "create",
                    [dict(vals, name="Forged")],
                )
        self.assertEqual(self.Action.search_count([]), count)

    def test_steps_still_work_over_http(self):
        """The same users, through the buttons: the mark is taken by the
        step itself, whatever path called it."""
        self.authenticate("chp_h_owner", "chp_h_owner")
        self.rpc(
            ACTION,
            "web_save",
            [self.action.id],
            {"stage_id": self.stages["in_progress"]},
            specification={"state": {}},
        )
        self.assertEqual(self.state_of(self.action)["state"], "in_progress")
