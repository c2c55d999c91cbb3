from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSettingsPage(TransactionCase):
    """One settings screen: the procedure settings hold every company
    setting of the suite; Odoo's settings page links to them instead of
    repeating them (and loads no bank holidays of its own)."""

    def test_settings_page_links_to_procedure_settings(self):
        settings = self.env["res.config.settings"]
        self.assertFalse([name for name in settings._fields if name.startswith("chp_")])
        self.assertFalse(hasattr(settings, "action_chp_load_bank_holidays"))
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        action = self.env.ref("chp_complaints.chp_procedure_settings_action_open")
        self.assertIn(f'name="{action.id}"', arch)
        self.assertIn("Open the procedure settings", arch)

    def test_procedure_settings_hold_every_company_setting(self):
        company_settings = {
            name for name in self.env["res.company"]._fields if name.startswith("chp_")
        }
        screen = set(self.env["chp.procedure.settings"]._chp_setting_names())
        # Every company setting of the suite is on the one screen, except the
        # bookkeeping that no one edits: the sequence, and the alias record
        # that the alias name setting keeps.
        missing = {
            name
            for name in company_settings - screen
            if "sequence" not in name and name != "chp_alias_id"
        }
        self.assertFalse(missing)

    def test_screens_have_readable_titles(self):
        """Issue 21, item 8: not "chp.procedure.settings,1"."""
        settings = self.env["chp.procedure.settings"].create({})
        self.assertEqual(settings.display_name, f"Procedure settings: {self.env.company.name}")
        # The menu opens the screen on a saved record: the breadcrumb says
        # its name, not "New".
        action = self.env["chp.procedure.settings"].action_chp_open()
        self.assertEqual(action["res_model"], "chp.procedure.settings")
        opened = self.env["chp.procedure.settings"].browse(action["res_id"])
        self.assertEqual(opened.display_name, f"Procedure settings: {self.env.company.name}")
        menu = self.env.ref("chp_complaints.chp_procedure_settings_menu")
        self.assertEqual(
            menu.action, self.env.ref("chp_complaints.chp_procedure_settings_action_open")
        )
