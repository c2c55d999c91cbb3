from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chp_training_induction_days = fields.Integer(
        related="company_id.chp_training_induction_days", readonly=False
    )
    chp_training_refresher_months = fields.Integer(
        related="company_id.chp_training_refresher_months", readonly=False
    )
