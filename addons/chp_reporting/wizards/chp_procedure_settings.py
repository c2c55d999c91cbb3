from odoo import fields, models

from ..models.res_company import DENOMINATOR_TYPES


class ChpProcedureSettings(models.TransientModel):
    """Adds the reporting settings to the complaints administrator's
    procedure settings (saved to the company like the others)."""

    _inherit = "chp.procedure.settings"

    chp_denominator_type = fields.Selection(
        DENOMINATOR_TYPES,
        string="Complaints per 1,000 of",
        help="What indicator 4 counts complaints against: tenancies or homes for a "
        "landlord, the population served for a public body.",
    )
    chp_denominator_value = fields.Integer(
        string="Number of tenancies / homes / people",
        help="Denominator of indicator 4's 'complaints received per 1,000': complaints "
        "received in the period x 1,000 / this number. Use the figure of your latest "
        "return and say which in 'Source'. Leave at 0 to leave that figure out of the "
        "reports.",
    )
    chp_denominator_source = fields.Char(
        string="Source of the number",
        help="Where the number comes from and as at when, shown beside 'received per "
        "1,000' in the reports, e.g. 'Annual Return on the Charter 2025/26'.",
    )
    chp_annual_report_day = fields.Integer(
        string="Annual report day",
        help="Day of the month (1-28) on which the annual report of the reporting year "
        "just ended (April to March) is built.",
    )
    chp_annual_report_month = fields.Integer(
        string="Annual report month", help="Month (1-12) in which the annual report is built."
    )
