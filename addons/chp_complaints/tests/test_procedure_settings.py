from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestProcedureSettings(ChpJourneyCase):
    """The complaints administrator changes the procedure settings without
    Odoo's administration rights; nobody else can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, login="chp_settings_admin", groups="chp_complaints.group_chp_admin"
        )

    def test_admin_is_no_system_administrator(self):
        self.assertFalse(self.admin.has_group("base.group_system"))
        self.assertFalse(self.admin.has_group("base.group_erp_manager"))
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.admin).create({})

    def test_admin_changes_a_timescale_and_the_calendar(self):
        # Wed 26 Nov 2025; St Andrew's Day is observed on Mon 1 Dec 2025
        complaint = self.make_complaint(received="2025-11-26 10:00:00")
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 4))
        Settings = self.env["chp.procedure.settings"].with_user(self.admin)
        with Form(Settings) as form:
            self.assertEqual((form.chp_stage1_days, form.chp_calendar_id), (5, self.calendar))
            form.chp_stage1_days = 6
        form.save().action_save()
        self.assertEqual(self.company.chp_stage1_days, 6)
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 5))
        calendar = self.env["resource.calendar"].create(
            {"name": "Complaints (fresh)", "tz": "Europe/London"}
        )
        with Form(Settings) as form:
            self.assertEqual(form.chp_stage1_days, 6)
            form.chp_calendar_id = calendar
            form.holiday_year = 2025
        settings = form.save()
        settings.action_save()
        self.assertEqual(self.company.chp_calendar_id, calendar)
        # no holidays in the new calendar yet: 6 working days from Wed 26 Nov
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 4))
        self.assertEqual(settings.holidays_loaded, "None yet: load the bank holidays of each year.")
        notice = settings.action_load_bank_holidays()
        self.assertTrue(calendar.global_leave_ids)
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 5))
        # Issue 21, item 9: what the load added, and which years are loaded.
        self.assertIn("Andrew", notice["params"]["message"])
        settings.invalidate_recordset(["holidays_loaded"])
        self.assertEqual(settings.holidays_loaded, f"2025: {len(calendar.global_leave_ids)} days")
        again = settings.action_load_bank_holidays()
        self.assertIn("nothing added", again["params"]["message"])
        again = Settings.create({})
        self.assertEqual((again.chp_stage1_days, again.chp_calendar_id), (6, calendar))

    def test_retention_and_training_settings(self):
        settings = (
            self.env["chp.procedure.settings"]
            .with_user(self.admin)
            .create(
                {
                    "chp_retention_years": 8,
                    "chp_retention_action": "delete",
                    "chp_training_refresher_months": 24,
                }
            )
        )
        settings.action_save()
        self.assertEqual(
            (
                self.company.chp_retention_years,
                self.company.chp_retention_action,
                self.company.chp_training_refresher_months,
            ),
            (8, "delete", 24),
        )

    def test_invalid_timescale_is_refused_and_nothing_saved(self):
        Settings = self.env["chp.procedure.settings"].with_user(self.admin)
        with self.assertRaises(ValidationError):
            Settings.create({"chp_stage1_days": 0, "chp_retention_years": 9})
        self.env.invalidate_all()
        self.assertEqual((self.company.chp_stage1_days, self.company.chp_retention_years), (5, 6))
        settings = Settings.create({})
        with self.assertRaises(ValidationError):
            settings.write({"chp_retention_years": 9, "chp_stage2_days": 0})
        self.env.invalidate_all()
        self.assertEqual((self.company.chp_stage2_days, self.company.chp_retention_years), (20, 6))

    def test_staff_and_senior_managers_cannot(self):
        for user in (self.staff, self.senior):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["chp.procedure.settings"].with_user(user).create({"chp_stage1_days": 1})
        self.assertEqual(self.company.chp_stage1_days, 5)

    def test_only_the_users_companies(self):
        other = self.env["res.company"].create({"name": "Other landlord"})
        with self.assertRaises(AccessError):
            self.env["chp.procedure.settings"].with_user(self.admin).create(
                {"company_id": other.id, "chp_stage1_days": 7}
            )
        self.assertEqual(other.chp_stage1_days, 5)

    def test_each_setting_is_declared_once_on_the_company(self):
        """The screen shows the company's own fields (related, not copies):
        a setting added to the company is on the screen with its label."""
        Settings = self.env["chp.procedure.settings"]
        names = Settings._chp_setting_names()
        self.assertIn("chp_stage1_days", names)
        self.assertNotIn("chp_alias_id", names)  # bookkeeping, read-only
        for name in names:
            field = Settings._fields[name]
            self.assertEqual(field.related, f"company_id.{name}")
            self.assertEqual(field.string, self.env["res.company"]._fields[name].string)
