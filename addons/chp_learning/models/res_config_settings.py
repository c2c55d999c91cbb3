from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chp_learning_late_days = fields.Integer(
        related="company_id.chp_learning_late_days", readonly=False
    )
