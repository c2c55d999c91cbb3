from odoo import Command
from odoo.addons.chp_complaints.tests.access_common import ROLE_GROUPS, ChpAccessCase
from odoo.addons.chp_complaints.tools.transition import transition
from odoo.tests import tagged

# {target: {role: "rwcu"}}: letter = allowed, "-" = AccessError, "." = not checked.
# Roles: staff, investigator, senior_manager, chief_executive, committee,
# training_officer, spso_liaison, contract_manager, complaints_admin.
NOBODY = dict.fromkeys(ROLE_GROUPS, "----")
MATRIX = {
    # proposed by the staff user, not yet authorised
    "action_proposed_by_staff": {
        **NOBODY,
        "staff": "rwc-",
        "investigator": "--c-",
        "senior_manager": "rwc-",
        "chief_executive": "r---",
        "complaints_admin": "rwcu",
    },
    # proposed by the complaints administrator, authorised by the senior
    # manager, owned by the investigator
    "action_owned_by_investigator": {
        **NOBODY,
        "staff": "--c-",
        "investigator": "rwc-",
        "senior_manager": "rwc-",
        "chief_executive": "r---",
        "complaints_admin": "rwcu",
    },
    "action_company_b": NOBODY,
    # the investigator shared the learning of their action with the staff user
    "share": {
        **NOBODY,
        "staff": "r---",
        "investigator": "r-c-",
        "senior_manager": "r-c-",
        "chief_executive": "r---",
        "complaints_admin": "rwcu",
    },
    # published "you said, we did" lines: public, read-only for everyone
    "you_said_we_did": dict.fromkeys(ROLE_GROUPS, "r---"),
    "you_said_we_did_company_b": NOBODY,
    "stage": {**dict.fromkeys(ROLE_GROUPS, "r---"), "complaints_admin": "rwcu"},
    "team": {
        **dict.fromkeys(ROLE_GROUPS, "r---"),
        "senior_manager": "rwc-",
        "complaints_admin": "rwcu",
    },
}


@tagged("post_install", "-at_install")
class TestLearningAccessMatrix(ChpAccessCase):
    """The roles issue's access matrix, extended to the learning models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        u = cls.users
        Action = cls.env["chp.improvement.action"]
        cls.complaint = cls.env["chp.complaint"].create(
            {"subject": "Missed repair", "user_id": u["staff"].id}
        )
        cls.action_proposed = Action.with_user(u["staff"]).create(
            {"name": "Confirm appointments", "complaint_ids": [Command.set(cls.complaint.ids)]}
        )
        cls.action_owned = Action.with_user(u["complaints_admin"]).create(
            {
                "name": "Call ahead when late",
                "complaint_ids": [Command.set(cls.complaint.ids)],
                "owner_user_id": u["investigator"].id,
                "target_date": "2030-01-31",
            }
        )
        cls.action_owned.with_user(u["senior_manager"]).action_authorise()
        cls.action_company_b = Action.create({"name": "Elsewhere", "company_id": cls.company_b.id})
        cls.share = (
            cls.env["chp.learning.share"]
            .with_user(u["investigator"])
            .create(
                {
                    "action_id": cls.action_owned.id,
                    "user_ids": [Command.set(u["staff"].ids)],
                    "learning_points": "<p>Call ahead</p>",
                }
            )
        )
        published = (cls.action_owned | cls.action_company_b).sudo()
        with transition(published):
            published.write(
                {
                    "public_you_said": "Repairers did not turn up",
                    "public_we_did": "Repairers call ahead",
                    "is_published": True,
                    "published_on": "2030-02-01",
                }
            )
        cls.team = cls.env["chp.improvement.team"].create(
            {"name": "Repairs", "leader_id": u["staff"].id}
        )

    def _target(self, name):
        action_create = {"name": "Proposed in the access test"}
        ysw = self.env["chp.you.said.we.did"]
        targets = {
            "action_proposed_by_staff": (
                self.action_proposed,
                {"learning_points": "<p>Changed</p>"},
                action_create,
            ),
            "action_owned_by_investigator": (
                self.action_owned,
                {"learning_points": "<p>Changed</p>"},
                action_create,
            ),
            "action_company_b": (
                self.action_company_b,
                {"learning_points": "<p>Changed</p>"},
                dict(action_create, company_id=self.company_b.id),
            ),
            "share": (
                self.share,
                {"learning_points": "<p>Changed</p>"},
                {"action_id": self.action_owned.id},
            ),
            "you_said_we_did": (ysw.browse(self.action_owned.id), {"we_did": "x"}, {}),
            "you_said_we_did_company_b": (
                ysw.browse(self.action_company_b.id),
                {"we_did": "x"},
                {},
            ),
            "stage": (
                self.env.ref("chp_learning.chp_improvement_stage_done"),
                {"sequence": 99},
                {"name": "Waiting", "state": "done"},
            ),
            "team": (
                self.team,
                {"name": "Repairs and voids"},
                {"name": "Voids", "leader_id": self.users["staff"].id},
            ),
        }
        return targets[name]

    def test_matrix(self):
        self.assert_matrix(MATRIX)

    def test_matrix_covers_every_model_of_the_addon(self):
        """A new stored model of chp_learning must get a row in the matrix."""
        own = {
            name
            for name, model in self.env.registry.items()
            if model._original_module == "chp_learning"
            and not model._abstract
            and not model._transient
        }
        covered = {self._target(name)[0]._name for name in MATRIX}
        self.assertTrue(own)
        self.assertFalse(own - covered, "models of chp_learning without a matrix row")
