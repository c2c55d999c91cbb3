from datetime import date, datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from ..tools.formats import uk_date


@tagged("post_install", "-at_install")
class TestUkAndHomes(TransactionCase):
    """English (UK) is offered, and each role lands on its own home
    (unless the user has a home of their own)."""

    def test_english_uk_offered_not_imposed(self):
        """Installing activates no language (a good neighbour: the database's
        other apps and their tests see the languages they had); the
        procedure settings make English (UK) available, changing nobody's."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        lang = Lang._lang_get("en_GB") or Lang.search([("code", "=", "en_GB")])
        lang.active = False
        admin = new_test_user(self.env, login="uk_admin", groups="chp_complaints.group_chp_admin")
        languages = {user: user.lang for user in self.env["res.users"].search([])}
        settings = self.env["chp.procedure.settings"].with_user(admin).create({})
        self.assertFalse(settings.en_gb_active)
        settings.action_activate_en_gb()
        self.assertTrue(lang.active)
        self.assertEqual(lang.date_format, "%d/%m/%Y")
        self.assertEqual({user: user.lang for user in languages}, languages)

    def test_one_date_style_for_texts(self):
        self.assertEqual(uk_date(date(2026, 12, 7)), "07/12/2026")
        self.assertEqual(uk_date(datetime(2026, 12, 7, 23, 0)), "07/12/2026")
        self.assertEqual(uk_date("2026-12-07"), "07/12/2026")
        self.assertEqual(uk_date(False), "")

    def test_installing_leaves_the_administrators_home(self):
        """The system administrator holds the complaints administrator role
        from install, but an addon's install (which updates the homes of the
        users who had roles) leaves their home alone: other apps' screens
        and tours start there."""
        admin = self.env.ref("base.user_admin")
        admin.action_id = False
        self.assertTrue(admin.has_group("chp_complaints.group_chp_admin"))
        staff = new_test_user(self.env, login="home_old_staff", groups="base.group_user")
        staff.sudo().with_context(chp_home_update=True).write(
            {"groups_id": [Command.link(self.env.ref("chp_complaints.group_chp_staff").id)]}
        )
        self.assertFalse(staff.action_id)
        self.env["res.users"]._chp_update_homes()
        self.assertFalse(admin.action_id)
        self.assertEqual(
            staff.action_id.id, self.env.ref("chp_complaints.chp_complaint_my_action").id
        )

    def test_role_homes(self):
        my_complaints = self.env.ref("chp_complaints.chp_complaint_my_action")
        my_contractors = self.env.ref("chp_complaints.chp_contractor_my_action")
        staff = new_test_user(self.env, login="home_staff", groups="chp_complaints.group_chp_staff")
        self.assertEqual(staff.action_id.id, my_complaints.id)
        # Their own and their teams' new unassigned complaints (triage).
        self.assertEqual(my_complaints.context, "{'search_default_my_team': 1}")
        senior = new_test_user(
            self.env, login="home_senior", groups="chp_complaints.group_chp_senior_manager"
        )
        self.assertEqual(senior.action_id.id, my_complaints.id)
        manager = new_test_user(
            self.env, login="home_cm", groups="chp_complaints.group_chp_contract_manager"
        )
        self.assertEqual(manager.action_id.id, my_contractors.id)
        # A role given later sets the home; a role taken away clears it.
        plain = new_test_user(self.env, login="home_plain", groups="base.group_user")
        self.assertFalse(plain.action_id)
        plain.write(
            {"groups_id": [Command.link(self.env.ref("chp_complaints.group_chp_staff").id)]}
        )
        self.assertEqual(plain.action_id.id, my_complaints.id)
        manager.write(
            {
                "groups_id": [
                    Command.unlink(self.env.ref("chp_complaints.group_chp_contract_manager").id)
                ]
            }
        )
        self.assertFalse(manager.action_id)
        # A home chosen by the user (not a role's home) is kept.
        own = self.env.ref("base.action_res_users")
        staff.action_id = own.id
        staff.write(
            {"groups_id": [Command.link(self.env.ref("chp_complaints.group_chp_investigator").id)]}
        )
        self.assertEqual(staff.action_id.id, own.id)
