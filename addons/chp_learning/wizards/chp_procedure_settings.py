from odoo import fields, models


class ChpProcedureSettings(models.TransientModel):
    """Adds the learning setting to the complaints administrator's
    procedure settings (saved to the company like the others)."""

    _inherit = "chp.procedure.settings"

    chp_learning_late_days = fields.Integer(
        string="Tell the authoriser after (working days late)",
        help="When an improvement action is more than this many working days past its "
        "target date, the manager who authorised it is told (once).",
    )
