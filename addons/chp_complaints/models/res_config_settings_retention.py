from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chp_retention_years = fields.Integer(related="company_id.chp_retention_years", readonly=False)
    chp_retention_action = fields.Selection(
        related="company_id.chp_retention_action", readonly=False
    )
