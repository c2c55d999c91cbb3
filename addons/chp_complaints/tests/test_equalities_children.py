"""What the sector returns and the child friendly guidance ask a complaint
to record (issue 23): equalities, the child's involvement, the notes of
discussions with the child, what is left out of the landlord's return."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ChpJourneyCase, role_user


@tagged("post_install", "-at_install")
class TestEqualitiesChildren(ChpJourneyCase):
    def test_a_discussion_with_the_child_is_a_note_of_its_own(self):
        complaint = self.make_complaint(
            child_involvement="child", child_age_band="12_15", customer_email="sam@example.com"
        )
        action = complaint.with_user(self.staff).action_chp_note_child_discussion()
        composer = Form(
            self.env[action["res_model"]].with_user(self.staff).with_context(**action["context"])
        )
        composer.body = "<p>Sam told me the lift has been broken since May.</p>"
        composer.save().action_send_mail()
        subtype = self.env.ref("chp_complaints.mt_chp_child_discussion")
        note = complaint.message_ids.filtered(lambda m: m.subtype_id == subtype)
        self.assertEqual(len(note), 1)
        self.assertIn("lift has been broken", note.body)
        self.assertEqual(note.author_id, self.staff.partner_id)
        self.assertTrue(subtype.internal)
        # Never on the customer's tracking page.
        self.assertNotIn(note, complaint.sudo().chp_customer_messages())

    def test_no_discussion_note_without_a_child(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(UserError, "involves no child"):
            complaint.with_user(self.staff).action_chp_note_child_discussion()

    def test_an_age_band_needs_a_child(self):
        with self.assertRaisesRegex(ValidationError, "only for a complaint that involves a child"):
            self.make_complaint(child_age_band="5_11")
        complaint = self.make_complaint(child_involvement="on_behalf", child_age_band="5_11")
        with Form(complaint.with_user(self.staff)) as form:
            form.child_involvement = "none"
        self.assertFalse(complaint.child_age_band)

    def test_a_service_left_out_of_the_return_leaves_out_its_sub_services(self):
        parent = self.env["chp.service"].create({"name": "Factoring (subsidiary)"})
        child = self.env["chp.service"].create({"name": "Common repairs", "parent_id": parent.id})
        self.assertFalse(child.arc_left_out)
        parent.arc_excluded = True
        self.assertTrue(child.arc_left_out)
        parent.arc_excluded = False
        self.assertFalse(child.arc_left_out)

    def test_characteristics_are_the_acts_nine_and_only_for_customer_staff(self):
        names = self.env["chp.protected.characteristic"].search([]).mapped("name")
        self.assertEqual(len(names), 9)
        self.assertIn("Religion or belief", names)
        disability = self.env.ref("chp_complaints.chp_pc_disability")
        complaint = self.make_complaint(
            equalities=True, protected_characteristic_ids=[(6, 0, disability.ids)]
        )
        self.assertEqual(complaint.with_user(self.staff).protected_characteristic_ids, disability)
        # The contract manager reads the complaint, never the customer's data.
        manager = role_user(self.env, "chp_cm_eq", "contract_manager")
        self.assertNotIn(
            "protected_characteristic_ids",
            complaint.with_user(manager).fields_get(["protected_characteristic_ids"]),
        )

    def test_the_organisation_type_is_a_procedure_setting(self):
        admin = role_user(self.env, "chp_admin_org", "admin")
        settings = self.env["chp.procedure.settings"].with_user(admin).create({})
        with Form(settings) as form:
            form.chp_organisation_type = "landlord"
        self.assertEqual(self.company.chp_organisation_type, "landlord")
        self.assertTrue(self.company._chp_is_landlord())
