from odoo import fields, models


class ChpProcedureSettings(models.TransientModel):
    """The learning addon's setting on the one procedure settings screen."""

    _inherit = "chp.procedure.settings"

    chp_learning_late_days = fields.Integer(
        related="company_id.chp_learning_late_days", readonly=False
    )
