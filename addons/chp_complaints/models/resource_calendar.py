import holidays as holidays_lib

from odoo import _, api, models, tools
from odoo.exceptions import UserError

from .working_days import DEFAULT_WORKING_WEEKDAYS, day_bounds_utc, local_day


class ResourceCalendar(models.Model):
    """The complaints calendar: its attendances say which weekdays are
    working days, its global leaves are the public holidays."""

    _inherit = "resource.calendar"

    @tools.ormcache("self.id")
    def _chp_working_rules(self):
        """(frozenset of working weekdays, frozenset of holiday dates), read
        with two queries and kept in the ORM cache until a leave or an
        attendance of any calendar changes."""
        cr = self.env.cr
        cr.execute(
            """SELECT DISTINCT dayofweek FROM resource_calendar_attendance
               WHERE calendar_id = %s AND COALESCE(display_type, '') = ''""",
            [self.id],
        )
        weekdays = frozenset(int(row[0]) for row in cr.fetchall()) or DEFAULT_WORKING_WEEKDAYS
        cr.execute(
            """SELECT date_from, date_to FROM resource_calendar_leaves
               WHERE calendar_id = %s AND resource_id IS NULL""",
            [self.id],
        )
        days = set()
        for date_from, date_to in cr.fetchall():
            day, last = local_day(self, date_from), local_day(self, date_to)
            while day <= last:
                days.add(day)
                day = day.fromordinal(day.toordinal() + 1)
        return weekdays, frozenset(days)

    def write(self, vals):
        res = super().write(vals)
        if "tz" in vals or "attendance_ids" in vals:
            self.env.registry.clear_cache()
        return res

    def chp_load_scottish_holidays(self, year):
        """Add Scotland's bank holidays of ``year`` (with their substitute
        days) as global leaves of this calendar; days already present are
        kept as they are, so loading twice changes nothing."""
        self.ensure_one()
        if not 1900 <= (year or 0) <= 2200:
            raise UserError(_("Give a year between 1900 and 2200, not %s.", year))
        bank_holidays = holidays_lib.country_holidays("GB", subdiv="SCT", years=year)
        existing = self._chp_working_rules()[1]
        vals_list = []
        for day, name in sorted(bank_holidays.items()):
            if day in existing:
                continue
            date_from, date_to = day_bounds_utc(self, day)
            vals_list.append(
                {
                    "name": name,
                    "calendar_id": self.id,
                    "resource_id": False,
                    "time_type": "leave",
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
        return self.env["resource.calendar.leaves"].create(vals_list)


class ChpCalendarCacheInvalidation(models.AbstractModel):
    """Working days are cached per calendar (ormcache): any change of a
    calendar's leaves or attendances must empty that cache."""

    _name = "chp.calendar.cache.invalidation"
    _description = "Empties the working-day cache when a calendar changes"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    @api.ondelete(at_uninstall=True)
    def _unlink_clear_working_days_cache(self):
        self.env.registry.clear_cache()


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "chp.calendar.cache.invalidation"]


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "chp.calendar.cache.invalidation"]
