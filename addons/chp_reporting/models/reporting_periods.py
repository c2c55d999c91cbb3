"""Moved to ``odoo.addons.chp_complaints.tools.reporting_periods`` (one home
for the reporting periods, used by contractors and reports); re-exported here
for code that still imports it from this module."""

from odoo.addons.chp_complaints.tools.reporting_periods import (  # noqa: F401
    current_periods,
    period_label,
    previous_quarter,
    previous_quarters,
    quarter_of,
    reporting_year,
    reporting_year_start,
    year_label,
)
