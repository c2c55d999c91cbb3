"""Record integrity over HTTP, as each role's browser session sends it.

Every reproduction of the record-integrity issue, sent as JSON-RPC to
``/web/dataset/call_kw`` by a real user logged in with their password: the
form's ``web_save`` with the status bar's payload, ``write``, ``create``,
``unlink``. Each must come back as a UserError-type error (a message, never a
traceback) and leave the database as it was."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .access_common import ROLE_GROUPS
from .http_common import JsonRpcMixin, RpcRefused

ROLES = ROLE_GROUPS
# What a refusal may be: never a server error.
REFUSALS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.ValidationError",
)
SNAPSHOT = [
    "name",
    "state",
    "stage_id",
    "date_received",
    "stage1_date_closed",
    "stage1_outcome",
    "stage1_working_days",
    "stage1_extended_deadline",
    "stage1_extension_user_id",
    "stage2_date_closed",
    "stage2_outcome",
    "signoff_user_id",
    "deadline",
    "date_closed",
    "spso_referred",
    "subject",
]


@tagged("post_install", "-at_install")
class TestHttpIntegrity(JsonRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            role: new_test_user(cls.env, login=f"chp_http_{role}", groups=group)
            for role, group in ROLES.items()
        }
        Stage = cls.env["chp.complaint.stage"]
        cls.stage_closed = Stage.search([("state", "=", "closed")], limit=1)
        cls.stage_new = Stage.search([("state", "=", "new")], limit=1)
        cls.contractor = cls.env["res.partner"].create(
            {
                "name": "Acme Builders",
                "is_company": True,
                "chp_is_contractor": True,
                "chp_contract_manager_id": cls.users["contract_manager"].id,
            }
        )
        staff = cls.users["staff"]
        received = fields.Datetime.now() - timedelta(hours=1)
        service = cls.env["chp.service"].create({"name": "Repairs"})
        cause = cls.env["chp.root.cause"].create({"name": "Delay"})
        Complaint = cls.env["chp.complaint"]

        def complaint(subject, **vals):
            return Complaint.create(
                dict(
                    {
                        "subject": subject,
                        "date_received": received,
                        "user_id": staff.id,
                        "contractor_id": cls.contractor.id,
                        "customer_name": "Morag Customer",
                        "service_id": service.id,
                        "root_cause_id": cause.id,
                    },
                    **vals,
                )
            )

        cls.stage1 = complaint("Repair not done")
        cls.stage1.action_start_stage1()
        cls.stage2 = complaint("Damp ignored", investigator_id=cls.users["investigator"].id)
        cls.stage2.action_start_stage2_direct()
        cls.stage2.action_acknowledge()
        cls.stage2.write({"stage2_outcome": "upheld", "stage2_action": "Repaired"})
        cls.closed = complaint("Rude reply", stage1_outcome="upheld", stage1_action="Apologised")
        cls.closed.action_close_stage1()
        cls.held = complaint("Lost letter", stage1_outcome="resolved", stage1_action="Resent")
        cls.held.action_close_stage1()
        cls.held._chp_refer_spso(fields.Date.today(), "SPSO-1", "The customer went to the SPSO.")

    # --- helpers -----------------------------------------------------------------
    def call(self, role, model, method, args, kwargs=None):
        return self.rpc_as(self.users[role], model, method, *args, **(kwargs or {}))

    def snapshot(self, complaint):
        self.env.invalidate_all()
        return complaint.read(SNAPSHOT)[0]

    def assertRefused(self, role, complaint, method, args, kwargs=None):
        """The call is refused with a message, and ``complaint`` (when given)
        is unchanged in the database."""
        before = self.snapshot(complaint) if complaint else None
        with self.assertRaises(RpcRefused) as caught:
            self.call(role, "chp.complaint", method, args, kwargs)
        self.assertIn(caught.exception.name, REFUSALS, f"{role} {method} {args}")
        if complaint:
            self.assertEqual(self.snapshot(complaint), before, f"{role} {method} changed it")
        return caught.exception

    def web_save(self, role, complaint, vals):
        return self.call(
            role,
            "chp.complaint",
            "web_save",
            [complaint.ids, vals],
            {"specification": {"state": {}, "stage_id": {"fields": {}}}},
        )

    # --- 1. the status bar and the form's save -----------------------------------
    def test_statusbar_closed_on_stage2_is_refused_for_staff(self):
        for role in ("staff", "investigator"):
            self.assertRefused(
                role,
                self.stage2,
                "web_save",
                [self.stage2.ids, {"stage_id": self.stage_closed.id, "state": "closed"}],
                {"specification": {"state": {}}},
            )
            self.assertRefused(
                role,
                self.stage2,
                "web_save",
                [self.stage2.ids, {"stage_id": self.stage_closed.id}],
                {"specification": {"state": {}}},
            )

    def test_statusbar_runs_the_transition_for_a_senior_manager(self):
        result = self.web_save("senior_manager", self.stage2, {"stage_id": self.stage_closed.id})
        self.assertEqual(result[0]["state"], "closed")
        self.stage2.invalidate_recordset()
        self.assertEqual(self.stage2.signoff_user_id, self.users["senior_manager"])
        self.assertEqual(self.stage2.stage2_date_closed, fields.Date.context_today(self.stage2))

    def test_computed_fields_refused_in_a_save(self):
        far = fields.Date.to_string(fields.Date.today() + timedelta(days=120))
        self.assertRefused(
            "staff",
            self.stage1,
            "web_save",
            [self.stage1.ids, {"deadline": far}],
            {"specification": {}},
        )
        self.assertRefused(
            "staff",
            self.closed,
            "web_save",
            [self.closed.ids, {"stage1_working_days": 12}],
            {"specification": {}},
        )

    def test_a_plain_save_of_descriptive_fields_works(self):
        self.web_save("staff", self.stage1, {"subject": "Repair still not done"})
        self.assertEqual(self.stage1.subject, "Repair still not done")

    def test_form_view_marks_locked_fields_readonly(self):
        views = self.call(
            "staff", "chp.complaint", "get_views", [[[False, "form"]]], {"options": {}}
        )
        arch = views["views"]["form"]["arch"]
        for fname in ("deadline", "stage1_working_days", "state", "signoff_user_id"):
            self.assertRegex(arch, rf'name="{fname}"[^>]*readonly="1"', fname)

    # --- 3. write as a shortcut around the steps --------------------------------------
    def test_state_writes_refused_for_every_role(self):
        today = fields.Date.to_string(fields.Date.today())
        for role in ROLES:
            self.assertRefused(
                role,
                self.stage1,
                "write",
                [self.stage1.ids, {"state": "closed", "stage1_date_closed": today}],
            )
            self.assertRefused(role, self.closed, "write", [self.closed.ids, {"state": "new"}])

    def test_investigator_cannot_close_stage2_by_write(self):
        self.assertRefused(
            "investigator",
            self.stage2,
            "write",
            [self.stage2.ids, {"state": "closed", "stage2_outcome": "upheld"}],
        )
        self.assertRefused(
            "investigator",
            self.stage2,
            "write",
            [self.stage2.ids, {"stage2_date_closed": fields.Date.to_string(fields.Date.today())}],
        )

    # --- 4. figures of a closed complaint --------------------------------------------
    def test_closed_complaint_fields_refused(self):
        attempts = [
            {"stage1_date_closed": "2026-01-05"},
            {"stage1_date_closed": "2030-01-05"},
            {"stage1_outcome": "not_upheld"},
            {"stage2_date_closed": "2026-01-05"},
            {"date_received": "2020-01-06 10:00:00"},
            {"name": "CMP/1999/00001"},
            {"subject": "Rewritten after closing"},
        ]
        for vals in attempts:
            for role in ("staff", "senior_manager", "complaints_admin"):
                self.assertRefused(role, self.closed, "write", [self.closed.ids, vals])

    def test_back_dated_step_by_rpc_refused_for_staff(self):
        self.stage1.write({"stage1_outcome": "upheld", "stage1_action": "Fixed"})
        self.assertRefused(
            "staff",
            self.stage1,
            "action_close_stage1",
            [self.stage1.ids],
            {"date_closed": fields.Date.to_string(fields.Date.today() - timedelta(days=30))},
        )

    # --- 5. forged creation --------------------------------------------------------------
    def test_forged_creates_refused(self):
        Complaint = self.env["chp.complaint"]
        count = Complaint.search_count([])
        future = (datetime.now() + timedelta(days=365 * 5)).strftime("%Y-%m-%d 10:00:00")
        forged = [
            {
                "subject": "Forged extension",
                "stage1_extended_deadline": "2030-01-01",
                "stage1_extension_user_id": self.users["senior_manager"].id,
            },
            {"subject": "Chosen reference", "name": "CMP/2026/99999"},
            {"subject": "From the future", "date_received": future},
            {"subject": "Born closed", "stage_id": self.stage_closed.id},
            {"subject": "Closed at birth", "stage1_date_closed": "2026-01-05"},
            {"subject": "Signed", "signoff_user_id": self.users["senior_manager"].id},
        ]
        for vals in forged:
            self.assertRefused("staff", None, "create", [vals])
        self.assertRefused(
            "staff",
            None,
            "create",
            [{"subject": "Default forged"}],
            {"context": {"default_stage1_date_closed": "2026-01-05"}},
        )
        self.assertEqual(Complaint.search_count([]), count)

    def test_create_from_the_form_works(self):
        result = self.call(
            "staff",
            "chp.complaint",
            "web_save",
            [[], {"subject": "New from the form", "customer_name": "Ann"}],
            {"specification": {"name": {}, "state": {}}},
        )
        self.assertEqual(result[0]["state"], "new")
        self.assertRegex(result[0]["name"], r"^CMP/\d{4}/\d+$")

    # --- 6. holds -------------------------------------------------------------------------
    def test_spso_hold_cannot_be_lifted_by_write(self):
        for role in ("staff", "senior_manager", "spso_liaison", "complaints_admin"):
            self.assertRefused(role, self.held, "write", [self.held.ids, {"spso_referred": False}])

    def test_held_complaint_cannot_be_deleted(self):
        # The complaints administrator may delete complaints: the hold says no.
        refusal = self.assertRefused("complaints_admin", self.held, "unlink", [self.held.ids])
        self.assertIn("on hold", refusal.message)
        # Staff may not delete complaints at all: the access rights say no first.
        refusal = self.assertRefused("staff", self.held, "unlink", [self.held.ids])
        self.assertEqual(refusal.name, "odoo.exceptions.AccessError")
        self.assertTrue(self.held.exists())

    def test_closed_complaint_cannot_be_deleted(self):
        self.assertRefused("complaints_admin", self.closed, "unlink", [self.closed.ids])

    def test_liaison_records_the_spso_decision_only(self):
        self.call(
            "spso_liaison",
            "chp.complaint",
            "write",
            [self.held.ids, {"spso_outcome": "not_upheld", "spso_reference": "SPSO-2"}],
        )
        self.assertEqual(self.held.spso_outcome, "not_upheld")
        self.assertRefused("spso_liaison", self.held, "write", [self.held.ids, {"subject": "X"}])
        self.assertRefused("staff", self.held, "write", [self.held.ids, {"spso_outcome": "upheld"}])

    def test_referral_wizard_for_liaison_only(self):
        wizard = self.call(
            "spso_liaison",
            "chp.complaint.spso.wizard",
            "create",
            [{"complaint_id": self.closed.id, "mode": "refer", "reason": "Customer went to SPSO"}],
        )
        self.call("spso_liaison", "chp.complaint.spso.wizard", "action_apply", [[wizard]])
        self.assertTrue(self.closed.spso_referred)
        self.assertTrue(self.closed.retention_held)
        with self.assertRaises(RpcRefused) as caught:
            self.call(
                "staff",
                "chp.complaint.spso.wizard",
                "create",
                [{"complaint_id": self.closed.id, "mode": "withdraw", "reason": "No"}],
            )
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")

    def test_duplicate_gives_a_fresh_complaint_about_the_same_matter(self):
        """The form's Duplicate (``copy`` over RPC) on a closed complaint and
        on one held for the SPSO: a new complaint in New, received now, with
        its own reference; the matter and the customer carried over, nothing
        of the journey."""
        for original in (self.closed, self.held):
            with self.subTest(original=original.subject):
                [new_id] = self.call("staff", "chp.complaint", "copy", [original.ids])
                new = self.env["chp.complaint"].browse(new_id)
                self.assertEqual(new.state, "new")
                self.assertNotEqual(new.name, original.name)
                self.assertRegex(new.name, r"^CMP/\d{4}/\d+$")
                self.assertEqual(
                    (new.subject, new.service_id, new.root_cause_id, new.contractor_id),
                    (
                        original.subject,
                        original.service_id,
                        original.root_cause_id,
                        original.contractor_id,
                    ),
                )
                self.assertEqual(new.customer_name, "Morag Customer")
                self.assertGreater(new.date_received, original.date_received)
                self.assertFalse(new.stage1_outcome or new.stage1_action or new.stage1_date_closed)
                self.assertFalse(new.spso_referred or new.spso_reference or new.retention_held)
        # a forged journey in the defaults is still refused
        self.assertRefused(
            "staff", self.closed, "copy", [self.closed.ids], {"default": {"state": "closed"}}
        )
