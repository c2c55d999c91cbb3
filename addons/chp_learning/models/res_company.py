from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """How late an improvement action may run before its authoriser is told."""

    _inherit = "res.company"

    chp_learning_late_days = fields.Integer(
        string="Tell the authoriser after (working days late)",
        default=10,
        help="When an improvement action is more than this many working days past its "
        "target date, the manager who authorised it is told (once).",
    )

    @api.constrains("chp_learning_late_days")
    def _check_chp_learning_late_days(self):
        if any(company.chp_learning_late_days < 0 for company in self):
            raise ValidationError(_("Late improvement actions: the days can't be negative."))
