"""The complaint's field contract, read from the fields' own declarations
(``chp_edit=``, ``chp_personal=``; see ``models/chp_field_policy.py``):
every stored field says what a plain save may do with it, every stored text
says what anonymisation does with it, and the server refuses, over JSON-RPC
as a real user, exactly what the policy says. A field added by any module
fails here until someone gives it a policy on purpose."""

from odoo.models import MAGIC_COLUMNS
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..models.chp_complaint import MAIL_FIELDS
from ..models.chp_field_policy import EDIT_POLICIES, PERSONAL_POLICIES
from ..tools.transition import transition
from .access_common import ROLE_GROUPS
from .http_common import JsonRpcMixin

TEXT_TYPES = ("char", "text", "html")


def stored_fields(model):
    """The stored fields a write could name (Odoo's bookkeeping apart)."""
    return {
        name: field
        for name, field in model._fields.items()
        if field.store and name not in MAGIC_COLUMNS and name != "display_name"
    }


@tagged("post_install", "-at_install")
class TestFieldContract(TransactionCase):
    def test_every_stored_field_declares_its_policy(self):
        Complaint = self.env["chp.complaint"]
        missing = sorted(
            name
            for name, field in stored_fields(Complaint).items()
            if name not in MAIL_FIELDS
            and (not field.compute or field.related)
            and not getattr(field, "chp_edit", None)
        )
        self.assertFalse(
            missing,
            "Stored fields of chp.complaint without chp_edit= (say on the field what a "
            f"plain save may do with it): {missing}",
        )
        for name, (kind, argument) in Complaint._chp_policies().items():
            self.assertIn(kind, EDIT_POLICIES, name)
            if kind == "until":
                self.assertIn(argument, Complaint._fields, name)

    def test_every_stored_text_says_what_anonymisation_does(self):
        Complaint = self.env["chp.complaint"]
        missing = sorted(
            name
            for name, field in stored_fields(Complaint).items()
            if field.type in TEXT_TYPES
            and not field.compute
            and getattr(field, "chp_personal", None) not in PERSONAL_POLICIES
        )
        self.assertFalse(
            missing,
            f"Stored texts of chp.complaint without chp_personal= (erase, mask or keep): {missing}",
        )
        # The customer's personal data are all emptied.
        self.assertEqual(
            Complaint._chp_customer_fields() - {"is_anonymous"},
            set(Complaint._chp_personal_fields("erase")),
        )

    def test_computed_fields_are_never_plain(self):
        Complaint = self.env["chp.complaint"]
        plain = Complaint._chp_plain_writable_fields()
        computed = {
            name
            for name, field in Complaint._fields.items()
            if field.store and (field.compute or field.related) and not field.inverse
        }
        self.assertFalse(computed & plain, "a computed field must not be writable by a save")
        self.assertFalse(plain & Complaint._chp_step_fields())


@tagged("post_install", "-at_install")
class TestFieldPolicyOverRpc(JsonRpcMixin, HttpCase):
    """Each stored field, written over JSON-RPC by the complaints
    administrator (who may change every complaint), where its policy says
    no: a step's field on an open complaint (with the step named), a
    creation field afterwards, a stage's response once the stage closed, an
    open field once the complaint closed, the customer's data once
    anonymised, the SPSO's journey before a referral. Each is refused with a
    message and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.admin = new_test_user(
            cls.env, login="chp_policy_admin", groups=ROLE_GROUPS["complaints_admin"]
        )
        Complaint = cls.env["chp.complaint"].with_context(
            default_date_received="2026-11-10 10:00:00", default_user_id=cls.admin.id
        )
        cls.open = Complaint.create({"subject": "Open"})
        cls.closed = Complaint.create({"subject": "Closed"})
        stage = cls.env["chp.complaint.stage"].search([("state", "=", "closed")], limit=1)
        with transition(cls.closed):
            cls.closed.write(
                {
                    "stage_id": stage.id,
                    "stage1_date_closed": "2026-11-20",
                    "stage1_outcome": "upheld",
                    "stage1_action": "Done",
                }
            )
        cls.anonymised = Complaint.create({"subject": "Gone"})
        with transition(cls.anonymised):
            cls.anonymised.write({"anonymised": True})

    def value_for(self, field):
        if field.type == "selection":
            return field.selection[0][0] if isinstance(field.selection, list) else False
        if field.type == "many2one":
            return self.admin.id if field.comodel_name == "res.users" else False
        return {
            "char": "x",
            "text": "x",
            "html": "<p>x</p>",
            "boolean": True,
            "integer": 1,
            "float": 1.0,
            "date": "2026-11-02",
            "datetime": "2026-11-02 10:00:00",
        }.get(field.type, False)

    def refused_case(self, name, kind):
        """The complaint on which ``name`` must be refused, by its policy."""
        return {
            "step": self.open,
            "create": self.open,
            "until": self.closed,
            "open": self.closed,
            "customer": self.anonymised,
            "spso": self.open,
        }.get(kind)

    def test_each_policy_refused_over_rpc(self):
        Complaint = self.env["chp.complaint"]
        self.authenticate(self.admin.login, self.admin.login)
        tried = 0
        for name, (kind, _argument) in sorted(Complaint._chp_policies().items()):
            complaint = self.refused_case(name, kind)
            field = Complaint._fields[name]
            if complaint is None or field.type in ("one2many", "many2many"):
                continue
            with self.subTest(field=name, policy=kind):
                before = complaint.read([name])[0][name]
                answer = self.call_kw(
                    "chp.complaint", "write", [complaint.ids, {name: self.value_for(field)}]
                )
                self.assertIn("error", answer, f"{name} ({kind}) was written")
                error = answer["error"]["data"]
                self.assertIn(
                    error["name"], ("odoo.exceptions.UserError", "odoo.exceptions.AccessError")
                )
                if kind == "step":
                    self.assertIn(Complaint._chp_how(name), error["message"])
                complaint.invalidate_recordset()
                self.assertEqual(complaint.read([name])[0][name], before, name)
                tried += 1
        self.assertGreater(tried, 40)
