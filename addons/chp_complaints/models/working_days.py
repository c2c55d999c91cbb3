"""The one working-day engine of the suite.

Every clock of the procedure (deadlines, working days taken, days left) comes
from the two module-level functions below, so that a deadline shown on a card,
a stored indicator field and an imported historical complaint can never
disagree.

A working day is a weekday on which the calendar has attendances (Monday to
Friday when the calendar has none) and which is not a public holiday. Public
holidays are the calendar's *global* leaves (``resource_id`` empty), read in
the calendar's timezone. They are read once per calendar into Odoo's ORM
cache (``resource.calendar._chp_working_rules``), which every worker drops as
soon as a global leave or an attendance changes (Odoo signals cache
invalidation between workers through the database).
"""

from datetime import date, datetime, time, timedelta

import pytz

DEFAULT_WORKING_WEEKDAYS = frozenset(range(5))


def _to_date(value):
    if isinstance(value, datetime):
        return value.date()
    return value


def _calendar_tz(calendar):
    return pytz.timezone(calendar.tz or "UTC") if calendar else pytz.utc


def calendar_rules(calendar):
    """(working weekdays, holiday dates) of ``calendar``; an empty calendar
    means Monday to Friday without holidays.

    The functions below take a calendar or these rules: code that counts
    thousands of deadlines (the stored clocks of a batch) reads the rules
    once per calendar and passes them instead of the calendar."""
    if isinstance(calendar, tuple):
        return calendar
    if not calendar:
        return DEFAULT_WORKING_WEEKDAYS, frozenset()
    calendar.ensure_one()
    return calendar._chp_working_rules()


def add_working_days(calendar, day, n):
    """The ``n``-th working day after ``day`` (``calendar``: a calendar or
    its :func:`calendar_rules`) (``day`` itself is day 0, so a
    Saturday with n=5 gives the following Friday). Returns ``day`` when n <= 0,
    and False when ``day`` is empty."""
    if not day:
        return False
    day = _to_date(day)
    weekdays, holidays = calendar_rules(calendar)
    count = 0
    while count < n:
        day += timedelta(days=1)
        if day.weekday() in weekdays and day not in holidays:
            count += 1
    return day


def working_days_between(calendar, start, end):
    """Working days in ]start, end]: the working days taken by a stage that
    started on ``start`` and closed on ``end``. 0 when ``end`` is not after
    ``start`` (negative counts are the caller's business)."""
    if not start or not end:
        return 0
    start, end = _to_date(start), _to_date(end)
    if end <= start:
        return 0
    weekdays, holidays = calendar_rules(calendar)
    full_weeks, remainder = divmod((end - start).days, 7)
    # Whole weeks contain every working weekday once; count holidays apart.
    count = full_weeks * len(weekdays)
    day = start + timedelta(days=full_weeks * 7)
    for _offset in range(remainder):
        day += timedelta(days=1)
        if day.weekday() in weekdays:
            count += 1
    count -= sum(1 for h in holidays if start < h <= end and h.weekday() in weekdays)
    return count


def local_day(calendar, value):
    """The calendar day, in the calendar's timezone, of a UTC datetime."""
    if not value:
        return False
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return pytz.utc.localize(value).astimezone(_calendar_tz(calendar)).date()


def day_bounds_utc(calendar, day):
    """Naive UTC datetimes of the first and last second of ``day`` in the
    calendar's timezone (the span of a public-holiday leave)."""
    tz = _calendar_tz(calendar)
    start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
    end = tz.localize(datetime.combine(day, time(23, 59, 59))).astimezone(pytz.utc)
    return start.replace(tzinfo=None), end.replace(tzinfo=None)
