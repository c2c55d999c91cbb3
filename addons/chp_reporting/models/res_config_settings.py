from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chp_denominator_type = fields.Selection(
        related="company_id.chp_denominator_type", readonly=False
    )
    chp_denominator_value = fields.Integer(
        related="company_id.chp_denominator_value", readonly=False
    )
    chp_annual_report_day = fields.Integer(
        related="company_id.chp_annual_report_day", readonly=False
    )
    chp_annual_report_month = fields.Integer(
        related="company_id.chp_annual_report_month", readonly=False
    )
