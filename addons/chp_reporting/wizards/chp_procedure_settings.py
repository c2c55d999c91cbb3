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
    chp_few_complaints = fields.Integer(
        string="Few complaints: at most",
        help="A service with this many complaints received or fewer in the period is "
        "listed under 'Services with few or no complaints'.",
    )
    chp_contact_address = fields.Text(
        string="Address for other formats",
        help="Given on the public page for the report in another format. Empty: the "
        "organisation's address.",
    )
    chp_contact_phone = fields.Char(
        string="Phone for other formats", help="Empty: the organisation's phone number."
    )
    chp_contact_email = fields.Char(
        string="Email for other formats", help="Empty: the organisation's email address."
    )
    chp_contact_text_relay = fields.Char(
        string="Text relay", help="e.g. 'Relay UK: 18001 0131 496 0000'."
    )
