"""Reporting periods of the procedure, the one home of their arithmetic
(contractors' counts in chp_complaints, reports and exports in
chp_reporting): reporting years run April to March, quarters are Q1
April-June, Q2 July-September, Q3 October-December and Q4 January-March
(Part 4; chp-domain.md section 6). The reporting years an organisation keeps
(``chp.reporting.year``) may end in another month (``reporting_year_of``)."""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def reporting_year_start(day):
    """First day (1 April) of the reporting year holding ``day``."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def reporting_year_of(day, end_month=3):
    """(first day, last day) of the reporting year ending with the month
    ``end_month`` (1-12; default March: 1 April to 31 March) that holds
    ``day``."""
    end_year = day.year if day.month <= end_month else day.year + 1
    last = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return last - relativedelta(years=1) + relativedelta(days=1), last


def reporting_year(start_year):
    """(1 April start_year, 31 March start_year + 1)."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def quarter_of(day):
    """(first day, last day) of the calendar quarter holding ``day``."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = (start.replace(day=28) + timedelta(days=65)).replace(day=1) - timedelta(days=1)
    return start, end


def current_periods(day):
    """{"q": the calendar quarter, "y": the reporting year} holding ``day``,
    each as (first day, last day)."""
    return {"q": quarter_of(day), "y": reporting_year(reporting_year_start(day).year)}


def previous_quarter(day):
    """The quarter before the one holding ``day``."""
    start, _end = quarter_of(day)
    return quarter_of(start - timedelta(days=1))


def previous_quarters(start, count):
    """The ``count`` quarters before the quarter starting on ``start``, oldest first."""
    quarters = []
    day = start
    for _i in range(count):
        day_start, day_end = previous_quarter(day)
        quarters.insert(0, (day_start, day_end))
        day = day_start
    return quarters


def year_label(start_year):
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def period_label(date_from, date_to):
    """ "Q1 2025/26", "2025/26" or "1 Apr 2025 - 10 May 2025"."""
    year_start = reporting_year_start(date_from)
    if (date_from, date_to) == reporting_year(year_start.year):
        return year_label(year_start.year)
    if (date_from, date_to) == quarter_of(date_from):
        number = ((date_from.month - 4) % 12) // 3 + 1
        return f"Q{number} {year_label(year_start.year)}"
    return f"{date_from:%d %b %Y} - {date_to:%d %b %Y}"
