"""The complaint's field contract: every stored field is either one a plain
save may change (``_chp_plain_writable_fields``) or one only a step of the
procedure writes (``_chp_step_fields``), or it is computed from those. A
field added by any module fails this test until someone classifies it on
purpose."""

from odoo.models import MAGIC_COLUMNS
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFieldContract(TransactionCase):
    def test_every_stored_field_is_classified(self):
        Complaint = self.env["chp.complaint"]
        plain = Complaint._chp_plain_writable_fields() | Complaint._chp_create_only_fields()
        steps = Complaint._chp_step_fields()
        self.assertFalse(plain & steps, "a field can't be both plain and step-only")
        unclassified = sorted(
            name
            for name, field in Complaint._fields.items()
            if field.store
            and name not in MAGIC_COLUMNS
            and name not in ("display_name",)
            and not field.compute
            and not field.related
            and name not in plain
            and name not in steps
        )
        self.assertFalse(
            unclassified,
            "Stored fields of chp.complaint that nobody classified: add them to "
            "_chp_descriptive_fields (a plain save may change them) or to the step-only "
            f"fields: {unclassified}",
        )

    def test_computed_and_related_fields_are_never_plain(self):
        Complaint = self.env["chp.complaint"]
        plain = Complaint._chp_plain_writable_fields()
        computed = {
            name
            for name, field in Complaint._fields.items()
            if field.store and (field.compute or field.related) and not field.inverse
        }
        self.assertFalse(computed & plain, "a computed field must not be writable by a save")
