from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from ..tools.transition import transition
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
    # a protected characteristic of the Equality Act 2010: every role reads
    # them (to mark a complaint), the complaints administrator rewords them
    "protected_characteristic": {
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
    # the public form's rate-limit log (hashed addresses): administrators read it
    "form_submission": {
        **dict.fromkeys(ROLE_GROUPS, "----"),
        "complaints_admin": "r---",
    },
    # the complainant's contact (of complaint_of_staff): only the roles that
    # may open that complaint, or that read every complaint, see it
    "complainant": {
        **dict.fromkeys(ROLE_GROUPS, "r..."),
        "committee": "-...",
        "training_officer": "-...",
        "contract_manager": "-...",
    },
    # the complainant of complaint_of_other, which staff cannot open
    "complainant_of_other": {
        **dict.fromkeys(ROLE_GROUPS, "r..."),
        "staff": "-...",
        "investigator": "-...",
        "committee": "-...",
        "training_officer": "-...",
        "contract_manager": "-...",
    },
}

CUSTOMER_FIELDS = (
    "partner_id",
    "customer_name",
    "customer_email",
    "customer_phone",
    "customer_address",
    "on_behalf_of",
    "on_behalf_consent",
)
# What the contractor must put right: the contract manager reads it.
WORK_FIELDS = (
    "name",
    "subject",
    "service_id",
    "description",
    "date_received",
    "deadline",
    "stage1_outcome",
    "stage2_outcome",
    "date_closed",
    "contractor_id",
)
# {target: {role: (readable, hidden)}} for the roles that may open the record.
FIELD_MATRIX = {
    "complaint_of_staff": {
        "staff": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "investigator": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "senior_manager": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "chief_executive": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "spso_liaison": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "complaints_admin": (WORK_FIELDS + CUSTOMER_FIELDS, ()),
        "contract_manager": (WORK_FIELDS, CUSTOMER_FIELDS),
    },
}
# Roles that open complaints, and so load the complaint views.
COMPLAINT_READERS = (
    "staff",
    "investigator",
    "senior_manager",
    "chief_executive",
    "spso_liaison",
    "contract_manager",
    "complaints_admin",
)


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
        cls.complainant_of_other = Partner.create(
            {"name": "Angus Grassman", "email": "angus@example.org"}
        )
        cls.complaint_of_other = Complaint.create(
            {
                "subject": "Grass not cut",
                "user_id": u["senior_manager"].id,
                "contractor_id": cls.other_contractor.id,
                "partner_id": cls.complainant_of_other.id,
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
        cls.protected_characteristic = cls.env["chp.protected.characteristic"].create(
            {"name": "Access test characteristic"}
        )
        cls.retention_log = cls.env["chp.retention.log"].create({"held_count": 2})
        cls.retention_log_company_b = cls.env["chp.retention.log"].create(
            {"held_count": 1, "held_refs": "CMP/2026/00001", "company_id": cls.company_b.id}
        )
        cls.form_submission = cls.env["chp.complaint.form.submission"].create(
            {"address_hash": "0" * 64}
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
            "protected_characteristic": (
                self.protected_characteristic,
                {"name": "Access test characteristic (reworded)"},
                {"name": "Another access test characteristic"},
            ),
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
            "form_submission": (
                self.form_submission,
                {"address_hash": "1" * 64},
                {"address_hash": "2" * 64},
            ),
            "complainant": (self.complainant, {}, {}),
            "complainant_of_other": (self.complainant_of_other, {}, {}),
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
        """Group rules add up: as staff, a board member sees the complainants
        of the complaints they handle (and still not the others)."""
        user = self.users["committee"]
        user.groups_id = [Command.link(self.env.ref(ROLE_GROUPS["staff"]).id)]
        self.complaint_of_staff.user_id = user
        Partner = self.env["res.partner"].with_user(user)
        self.assertTrue(Partner.search([("id", "=", self.complainant.id)]))
        self.assertFalse(Partner.search([("id", "=", self.complainant_of_other.id)]))

    def test_portal_complainant_hidden_like_any_complainant(self):
        """Only colleagues' contacts are exempt: a customer with a portal
        account is still a complainant the board may not see."""
        portal = new_test_user(self.env, login="chp_acc_portal", groups="base.group_portal")
        self.complaint_of_other.partner_id = portal.partner_id
        for role in ("committee", "training_officer", "contract_manager", "staff"):
            with self.subTest(role=role):
                Partner = self.env["res.partner"].with_user(self.users[role])
                self.assertFalse(Partner.search([("id", "=", portal.partner_id.id)]))
        self.assertTrue(
            self.env["res.partner"]
            .with_user(self.users["committee"])
            .search([("id", "=", self.users["staff"].partner_id.id)])
        )

    # --- minimum necessary per role (issue 12, points 3 and 5) -----------------
    def test_field_matrix(self):
        self.assert_field_matrix(FIELD_MATRIX)

    def test_contract_manager_sees_the_work_not_the_customer(self):
        manager = self.users["contract_manager"]
        complaint = self.complaint_of_staff.with_user(manager)
        values = complaint.read(["subject", "service_id", "description", "stage1_outcome"])[0]
        self.assertEqual(values["subject"], "Repair not done")
        with self.assertRaises(AccessError):
            complaint.read(["customer_email"])
        with self.assertRaises(AccessError):
            complaint.search_read([("id", "=", complaint.id)], ["customer_name"])
        # nor through the contact, its followers or its notifications
        self.assertFalse(
            self.env["res.partner"].with_user(manager).search([("id", "=", self.complainant.id)])
        )
        self.complaint_of_staff.message_subscribe(partner_ids=self.complainant.ids)
        followers = (
            self.env["mail.followers"]
            .with_user(manager)
            .search(
                [("res_model", "=", "chp.complaint"), ("res_id", "=", self.complaint_of_staff.id)]
            )
        )
        self.assertNotIn(self.complainant, followers.partner_id)

    def test_complaint_views_load_for_every_role_that_opens_complaints(self):
        """Odoo removes from the views the fields a user may not read: each
        view still loads, and the web client's reads (``web_read``,
        ``web_search_read`` with the view's fields) succeed."""
        for role in COMPLAINT_READERS:
            user = self.users[role]
            Complaint = self.env["chp.complaint"].with_user(user)
            with self.subTest(role=role):
                views = Complaint.get_views(
                    [(False, "list"), (False, "kanban"), (False, "form"), (False, "search")]
                )
                for view_type, view in views["views"].items():
                    names = set(views["models"]["chp.complaint"]["fields"])
                    if role == "contract_manager":
                        self.assertFalse(
                            set(CUSTOMER_FIELDS) & names, f"{view_type} shows customer fields"
                        )
                        self.assertNotIn("customer_name", view["arch"], view_type)
                fields_spec = {
                    name: {}
                    for name, info in views["models"]["chp.complaint"]["fields"].items()
                    if info["type"] not in ("one2many", "many2many", "many2one", "binary")
                }
                visible = Complaint.search([])
                self.assertTrue(visible)
                visible.web_read(fields_spec)
                Complaint.web_search_read([], fields_spec)

    def test_aggregate_roles_read_no_followers_nor_notifications_of_complaints(self):
        complaint = self.complaint_of_staff
        complaint.message_subscribe(partner_ids=self.complainant.ids)
        complaint.with_context(tracking_disable=False).message_post(
            body="Update",
            partner_ids=self.complainant.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        domain = [("res_model", "=", "chp.complaint"), ("res_id", "=", complaint.id)]
        notified = [
            ("mail_message_id.model", "=", "chp.complaint"),
            ("mail_message_id.res_id", "=", complaint.id),
        ]
        self.assertTrue(self.env["mail.notification"].search(notified))
        for role in ("committee", "chief_executive", "training_officer"):
            user = self.users[role]
            with self.subTest(role=role):
                self.assertFalse(self.env["mail.followers"].with_user(user).search(domain))
                self.assertFalse(self.env["mail.notification"].with_user(user).search(notified))
        for role in ("staff", "senior_manager", "spso_liaison"):
            with self.subTest(role=role):
                followers = self.env["mail.followers"].with_user(self.users[role]).search(domain)
                self.assertIn(self.complainant, followers.partner_id)

    def test_staff_and_training_officer_see_only_their_complainants(self):
        for role, expected in (
            ("staff", self.complainant),
            ("investigator", self.complainant),
            ("training_officer", self.env["res.partner"]),
            ("senior_manager", self.complainant | self.complainant_of_other),
        ):
            with self.subTest(role=role):
                Partner = self.env["res.partner"].with_user(self.users[role])
                found = Partner.search([("chp_is_complainant", "=", True)])
                self.assertEqual(found & (self.complainant | self.complainant_of_other), expected)
        # following a complaint opens it, and so its complainant
        staff = self.users["staff"]
        self.complaint_of_other.message_subscribe(partner_ids=staff.partner_id.ids)
        self.assertTrue(
            self.env["res.partner"]
            .with_user(staff)
            .search([("id", "=", self.complainant_of_other.id)])
        )

    def test_spso_liaison_writes_only_spso_fields(self):
        liaison = self.users["spso_liaison"]
        with transition(self.complaint_of_other):
            self.complaint_of_other.spso_referred = True
        complaint = self.complaint_of_other.with_user(liaison)
        complaint.write({"spso_reference": "202512345"})
        self.assertEqual(self.complaint_of_other.spso_reference, "202512345")
        with self.assertRaises(AccessError):
            complaint.write({"subject": "Changed by the liaison officer"})
        with self.assertRaises(AccessError):
            complaint.write({"spso_reference": "1", "stage2_outcome": "upheld"})

    def test_liaison_form_shows_only_spso_fields_editable(self):
        liaison = self.users["spso_liaison"]
        complaint = self.complaint_of_other
        with transition(complaint):
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
