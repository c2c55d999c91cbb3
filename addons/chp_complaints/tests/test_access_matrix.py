from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .access_common import ROLE_GROUPS, ChpAccessCase

# {target: {role: "rwcu"}}: letter = allowed, "-" = AccessError, "." = not checked.
# Roles: staff, investigator, senior_manager, chief_executive, committee,
# training_officer, spso_liaison, contract_manager, complaints_admin.
MATRIX = {
    # handled by staff, investigated by investigator, about the contract
    # manager's contractor, complainant recorded as a contact
    "complaint_of_staff": {
        "staff": "rwc-",
        "investigator": "rwc-",
        "senior_manager": "rwc-",
        "chief_executive": "r---",
        "committee": "----",
        "training_officer": "----",
        "spso_liaison": "r---",
        "contract_manager": "r---",
        "complaints_admin": "rwcu",
    },
    # handled by the senior manager, about nobody's contractor
    "complaint_of_other": {
        "staff": "--c-",
        "investigator": "--c-",
        "senior_manager": "rwc-",
        "chief_executive": "r---",
        "committee": "----",
        "training_officer": "----",
        "spso_liaison": "r---",
        "contract_manager": "----",
        "complaints_admin": "rwcu",
    },
    # handled by the chief executive personally
    "complaint_of_chief_executive": {
        "staff": "--c-",
        "investigator": "--c-",
        "senior_manager": "rwc-",
        "chief_executive": "rw--",
        "committee": "----",
        "training_officer": "----",
        "spso_liaison": "r---",
        "contract_manager": "----",
        "complaints_admin": "rwcu",
    },
    # another company's complaint naming our users everywhere: nobody
    "complaint_company_b": dict.fromkeys(ROLE_GROUPS, "----"),
    "stage": {
        **dict.fromkeys(ROLE_GROUPS, "r---"),
        "complaints_admin": "rwcu",
    },
    "service": {
        **dict.fromkeys(ROLE_GROUPS, "r---"),
        "complaints_admin": "rwcu",
    },
    "service_company_b": dict.fromkeys(ROLE_GROUPS, "----"),
    "root_cause": {
        **dict.fromkeys(ROLE_GROUPS, "r---"),
        "complaints_admin": "rwcu",
    },
    # the training record of the staff user
    "training_of_staff": {
        **dict.fromkeys(ROLE_GROUPS, "----"),
        "staff": "r---",
        "training_officer": "rwcu",
    },
    "training_company_b": dict.fromkeys(ROLE_GROUPS, "----"),
    # what a retention run did: for the complaints administrator only
    "retention_log": {
        **dict.fromkeys(ROLE_GROUPS, "----"),
        "complaints_admin": "r---",
    },
    # another company's retention run (complaint references): nobody
    "retention_log_company_b": dict.fromkeys(ROLE_GROUPS, "----"),
    # a history import (the file's personal data): its administrator only;
    # queued by the wizard (create), then written by the scheduled action
    "history_import": {
        **dict.fromkeys(ROLE_GROUPS, "----"),
        "complaints_admin": "r-c-",
    },
    # the validated rows of that import: written by the scheduled action only
    "history_import_chunk": {
        **dict.fromkeys(ROLE_GROUPS, "----"),
        "complaints_admin": "r---",
    },
    # the complainant's contact: personal data the board must not see
    "complainant": {
        **dict.fromkeys(ROLE_GROUPS, "r..."),
        "committee": "-...",
    },
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(ChpAccessCase):
    """Every role against every model of chp_complaints, as real users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        u = cls.users
        Partner = cls.env["res.partner"]
        cls.contractor = Partner.create(
            {
                "name": "Fixit Repairs Ltd",
                "is_company": True,
                "chp_is_contractor": True,
                "chp_contract_manager_id": u["contract_manager"].id,
            }
        )
        cls.other_contractor = Partner.create(
            {"name": "Greenspace Grounds Ltd", "is_company": True, "chp_is_contractor": True}
        )
        cls.complainant = Partner.create({"name": "Morag Complainer", "email": "m@example.org"})
        Complaint = cls.env["chp.complaint"]
        cls.complaint_of_staff = Complaint.create(
            {
                "subject": "Repair not done",
                "user_id": u["staff"].id,
                "investigator_id": u["investigator"].id,
                "contractor_id": cls.contractor.id,
                "partner_id": cls.complainant.id,
                "customer_name": "Morag Complainer",
            }
        )
        cls.complaint_of_other = Complaint.create(
            {
                "subject": "Grass not cut",
                "user_id": u["senior_manager"].id,
                "contractor_id": cls.other_contractor.id,
            }
        )
        cls.complaint_of_chief_executive = Complaint.create(
            {"subject": "Board member rude", "user_id": u["chief_executive"].id}
        )
        cls.complaint_company_b = Complaint.create(
            {
                "subject": "Elsewhere",
                "company_id": cls.company_b.id,
                "user_id": u["staff"].id,
                "investigator_id": u["investigator"].id,
                "contractor_id": cls.contractor.id,
            }
        )
        cls.service = cls.env["chp.service"].create({"name": "Repairs"})
        cls.service_company_b = cls.env["chp.service"].create(
            {"name": "Repairs B", "company_id": cls.company_b.id}
        )
        cls.root_cause = cls.env["chp.root.cause"].create({"name": "Communication"})
        cls.retention_log = cls.env["chp.retention.log"].create({"held_count": 2})
        cls.retention_log_company_b = cls.env["chp.retention.log"].create(
            {"held_count": 1, "held_refs": "CMP/2026/00001", "company_id": cls.company_b.id}
        )
        Training = cls.env["chp.training.record"]
        cls.training_of_staff = Training.search([("user_id", "=", u["staff"].id)])
        cls.training_company_b = Training.create(
            {"user_id": u["staff"].id, "company_id": cls.company_b.id}
        )
        cls.history_import = (
            cls.env["chp.complaint.import"]
            .with_user(u["complaints_admin"])
            .create({"name": "history.csv", "row_count": 1})
        )
        cls.history_import_chunk = cls.env["chp.complaint.import.chunk"].create(
            {"import_id": cls.history_import.id, "sequence": 0, "rows": [{"name": "OLD/1"}]}
        )

    def _target(self, name):
        complaint_create = {"subject": "Created in the access test"}
        targets = {
            "complaint_of_staff": (
                self.complaint_of_staff,
                {"subject": "Changed"},
                complaint_create,
            ),
            "complaint_of_other": (
                self.complaint_of_other,
                {"subject": "Changed"},
                complaint_create,
            ),
            "complaint_of_chief_executive": (
                self.complaint_of_chief_executive,
                {"subject": "Changed"},
                complaint_create,
            ),
            "complaint_company_b": (
                self.complaint_company_b,
                {"subject": "Changed"},
                dict(complaint_create, company_id=self.company_b.id),
            ),
            "stage": (
                self.env["chp.complaint.stage"].search([("state", "=", "stage1")], limit=1),
                {"sequence": 99},
                {"name": "Waiting", "state": "stage1"},
            ),
            "service": (self.service, {"name": "Repairs and maintenance"}, {"name": "Lettings"}),
            "service_company_b": (
                self.service_company_b,
                {"name": "Changed"},
                {"name": "Lettings B", "company_id": self.company_b.id},
            ),
            "root_cause": (self.root_cause, {"name": "Poor communication"}, {"name": "Delay"}),
            "training_of_staff": (
                self.training_of_staff,
                {"notes": "Attended the SPSO e-learning"},
                {"user_id": self.users["staff"].id, "training_type": "refresher"},
            ),
            "training_company_b": (
                self.training_company_b,
                {"notes": "Changed"},
                {"user_id": self.users["staff"].id, "company_id": self.company_b.id},
            ),
            "retention_log": (self.retention_log, {"held_count": 3}, {"held_count": 1}),
            "retention_log_company_b": (
                self.retention_log_company_b,
                {"held_count": 3},
                {"held_count": 1, "company_id": self.company_b.id},
            ),
            "history_import": (self.history_import, {"name": "renamed.csv"}, {"name": "b.csv"}),
            "history_import_chunk": (
                self.history_import_chunk,
                {"done": True},
                {"import_id": self.history_import.id, "sequence": 1, "rows": [{"name": "OLD/2"}]},
            ),
            "complainant": (self.complainant, {}, {}),
        }
        return targets[name]

    def test_matrix(self):
        self.assert_matrix(MATRIX)

    def test_matrix_covers_every_model_of_the_addon(self):
        """A new model of chp_complaints must get a row in the matrix."""
        own = set(
            self.env["ir.model"]
            .browse(
                self.env["ir.model.data"]
                .search([("module", "=", "chp_complaints"), ("model", "=", "ir.model")])
                .mapped("res_id")
            )
            .filtered(
                lambda m: (
                    m.model.startswith("chp.")
                    and not m.transient
                    and not self.env[m.model]._abstract
                )
            )
            .mapped("model")
        )
        covered = {self._target(name)[0]._name for name in MATRIX}
        self.assertFalse(own - covered, "models of chp_complaints without a matrix row")

    def test_staff_see_only_their_own(self):
        staff = self.users["staff"]
        followed = self.complaint_of_other
        visible = self.env["chp.complaint"].with_user(staff).search([])
        self.assertEqual(visible, self.complaint_of_staff)
        followed.message_subscribe(partner_ids=staff.partner_id.ids)
        visible = self.env["chp.complaint"].with_user(staff).search([])
        self.assertEqual(visible, self.complaint_of_staff | followed, "followers work it too")
        followed.with_user(staff).write({"remedial_action": "Apologised"})

    def test_investigator_sees_assigned_investigations(self):
        investigator = self.users["investigator"]
        visible = self.env["chp.complaint"].with_user(investigator).search([])
        self.assertEqual(visible, self.complaint_of_staff)

    def test_contract_manager_sees_only_their_contractors(self):
        manager = self.users["contract_manager"]
        visible = self.env["chp.complaint"].with_user(manager).search([])
        self.assertEqual(visible, self.complaint_of_staff)
        self.other_contractor.chp_contract_manager_id = manager
        visible = self.env["chp.complaint"].with_user(manager).search([])
        self.assertEqual(visible, self.complaint_of_staff | self.complaint_of_other)

    def test_committee_has_no_complaint_records_nor_personal_data(self):
        committee = self.users["committee"]
        Complaint = self.env["chp.complaint"].with_user(committee)
        with self.assertRaises(AccessError):
            Complaint.search([])
        with self.assertRaises(AccessError):
            Complaint.read_group([], ["state"], ["state"])
        with self.assertRaises(AccessError):
            self.complaint_of_staff.with_user(committee).customer_name  # noqa: B018
        Partner = self.env["res.partner"].with_user(committee)
        self.assertFalse(Partner.search([("id", "=", self.complainant.id)]))
        self.assertNotIn(self.complainant.id, [pid for pid, _name in Partner.name_search("Morag")])
        # the board still sees colleagues and contractors
        self.assertTrue(Partner.search([("id", "=", self.users["staff"].partner_id.id)]))
        self.assertTrue(Partner.search([("id", "=", self.contractor.id)]))

    def test_board_member_who_is_also_staff_keeps_contacts(self):
        user = self.users["committee"]
        user.groups_id = [Command.link(self.env.ref(ROLE_GROUPS["staff"]).id)]
        self.assertTrue(
            self.env["res.partner"].with_user(user).search([("id", "=", self.complainant.id)])
        )

    def test_spso_liaison_writes_only_spso_fields(self):
        liaison = self.users["spso_liaison"]
        complaint = self.complaint_of_other.with_user(liaison)
        complaint.write({"spso_referred": True, "spso_reference": "202512345"})
        self.assertEqual(self.complaint_of_other.spso_reference, "202512345")
        with self.assertRaises(AccessError):
            complaint.write({"subject": "Changed by the liaison officer"})
        with self.assertRaises(AccessError):
            complaint.write({"spso_reference": "1", "stage2_outcome": "upheld"})

    def test_liaison_form_shows_only_spso_fields_editable(self):
        liaison = self.users["spso_liaison"]
        complaint = self.complaint_of_other
        complaint.spso_referred = True
        self.assertTrue(complaint.with_user(liaison).chp_spso_only_user)
        self.assertFalse(complaint.with_user(self.users["senior_manager"]).chp_spso_only_user)
        with Form(complaint.with_user(liaison)) as form:
            with self.assertRaises(AssertionError):
                form.subject = "Changed by the liaison officer"
            with self.assertRaises(AssertionError):
                form.remedial_action = "Not theirs"
            form.spso_reference = "202599999"
        self.assertEqual(complaint.spso_reference, "202599999")
        # handling it through another role makes the rest editable again
        liaison.groups_id = [Command.link(self.env.ref(ROLE_GROUPS["staff"]).id)]
        complaint.user_id = liaison
        self.assertFalse(complaint.with_user(liaison).chp_spso_only_user)
        with Form(complaint.with_user(liaison)) as form:
            form.remedial_action = "Apologised"
        self.assertEqual(complaint.remedial_action, "Apologised")

    def test_liaison_who_handles_a_complaint_works_it(self):
        user = self.users["spso_liaison"]
        user.groups_id = [Command.link(self.env.ref(ROLE_GROUPS["staff"]).id)]
        self.complaint_of_staff.user_id = user
        self.complaint_of_staff.with_user(user).write({"remedial_action": "Repair booked"})
        with self.assertRaises(AccessError):
            self.complaint_of_other.with_user(user).write({"remedial_action": "Not mine"})

    def test_chief_executive_takes_a_complaint_personally(self):
        chief = self.users["chief_executive"]
        complaint = self.complaint_of_other.with_user(chief)
        with self.assertRaises(AccessError):
            complaint.write({"remedial_action": "Policy changed"})
        complaint.action_chp_take_personally()
        self.assertEqual(self.complaint_of_other.user_id, chief)
        complaint.write({"remedial_action": "Policy changed"})
        with self.assertRaises(AccessError):
            self.complaint_of_other.with_user(self.users["staff"]).action_chp_take_personally()

    def test_user_of_both_companies_sees_each_in_its_own_context(self):
        senior = self.users["senior_manager"]
        senior.company_ids = [Command.link(self.company_b.id)]
        Complaint = self.env["chp.complaint"].with_user(senior)
        in_a = Complaint.with_context(allowed_company_ids=[self.company.id]).search([])
        self.assertNotIn(self.complaint_company_b, in_a)
        in_b = Complaint.with_context(allowed_company_ids=[self.company_b.id]).search([])
        self.assertEqual(in_b, self.complaint_company_b)
