from datetime import date

from odoo.tests import tagged

from ..models.working_days import add_working_days, working_days_between
from .common import ChpJourneyCase


@tagged("post_install", "-at_install")
class TestWorkingDays(ChpJourneyCase):
    """The engine, on a calendar holding Scotland's bank holidays."""

    def test_receipt_day_is_day_zero(self):
        # Wednesday + 5 working days = next Wednesday.
        self.assertEqual(add_working_days(self.calendar, date(2026, 10, 7), 5), date(2026, 10, 14))
        self.assertEqual(add_working_days(self.calendar, date(2026, 10, 7), 0), date(2026, 10, 7))

    def test_saturday_receipt_gives_following_friday(self):
        self.assertEqual(add_working_days(self.calendar, date(2026, 11, 21), 5), date(2026, 11, 27))
        self.assertEqual(add_working_days(self.calendar, date(2026, 11, 22), 5), date(2026, 11, 27))

    def test_st_andrews_day(self):
        # Monday 30 November 2026 is St Andrew's Day.
        self.assertEqual(add_working_days(self.calendar, date(2026, 11, 25), 5), date(2026, 12, 3))
        self.assertEqual(
            working_days_between(self.calendar, date(2026, 11, 27), date(2026, 12, 1)), 1
        )

    def test_first_monday_of_august(self):
        self.assertEqual(add_working_days(self.calendar, date(2026, 7, 31), 1), date(2026, 8, 4))

    def test_christmas_new_year_and_substitute_days_across_year_end(self):
        # 2026: Christmas Friday, Boxing Day Saturday -> Monday 28th off;
        # 1 January 2027 Friday, 2 January Saturday -> Monday 4th off.
        self.assertEqual(add_working_days(self.calendar, date(2026, 12, 23), 5), date(2027, 1, 5))
        self.assertEqual(
            working_days_between(self.calendar, date(2026, 12, 23), date(2027, 1, 5)), 5
        )
        # 2021/22: 25 and 26 December on a weekend -> 27 and 28 off;
        # 1 and 2 January on a weekend -> 3 and 4 off.
        self.assertEqual(add_working_days(self.calendar, date(2021, 12, 24), 1), date(2021, 12, 29))
        self.assertEqual(add_working_days(self.calendar, date(2021, 12, 31), 1), date(2022, 1, 5))

    def test_stage2_twenty_working_days(self):
        # 20 working days from 16 November 2026 skip St Andrew's Day.
        self.assertEqual(
            add_working_days(self.calendar, date(2026, 11, 16), 20), date(2026, 12, 15)
        )

    def test_between_is_inverse_of_add(self):
        start = date(2026, 12, 18)
        for n in range(45):
            end = add_working_days(self.calendar, start, n)
            self.assertEqual(working_days_between(self.calendar, start, end), n)
        self.assertEqual(working_days_between(self.calendar, start, date(2026, 12, 1)), 0)

    def test_england_calendar_differs(self):
        """Without the Scottish holidays, St Andrew's Day is a working day."""
        plain = self.env["resource.calendar"].create({"name": "Plain", "tz": "Europe/London"})
        self.assertEqual(add_working_days(plain, date(2026, 11, 25), 5), date(2026, 12, 2))
        self.assertEqual(add_working_days(False, date(2026, 11, 25), 5), date(2026, 12, 2))

    def test_new_holiday_is_seen_at_once(self):
        self.assertEqual(add_working_days(self.calendar, date(2026, 10, 7), 1), date(2026, 10, 8))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Local holiday",
                "calendar_id": self.calendar.id,
                "date_from": "2026-10-08 00:00:00",
                "date_to": "2026-10-08 20:00:00",
            }
        )
        self.assertEqual(add_working_days(self.calendar, date(2026, 10, 7), 1), date(2026, 10, 9))

    def test_loading_holidays_twice_adds_nothing(self):
        self.assertFalse(self.calendar.chp_load_scottish_holidays(2026))
        leaves = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("name", "=", "Saint Andrew's Day")]
        )
        self.assertEqual(len(leaves), 7)

    def test_settings_button_loads_year_and_refreshes_open_clocks(self):
        calendar = self.env["resource.calendar"].create({"name": "Fresh", "tz": "Europe/London"})
        self.company.chp_calendar_id = calendar
        complaint = self.make_complaint(received="2025-11-26 10:00:00")
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 3))
        settings = self.env["chp.procedure.settings"].create({"holiday_year": 2025})
        settings.action_load_bank_holidays()
        self.assertEqual(complaint.stage1_deadline, date(2025, 12, 4))
