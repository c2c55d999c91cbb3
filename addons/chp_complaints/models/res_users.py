from datetime import timedelta

from odoo import api, fields, models


class ResUsers(models.Model):
    """Every new member of staff owes the CHP induction: internal users get a
    due induction record when their account is created, or when a portal
    account becomes internal."""

    _inherit = "res.users"

    chp_training_record_ids = fields.One2many(
        "chp.training.record", "user_id", string="CHP training"
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._chp_create_induction()
        return users

    def write(self, vals):
        shared = self.filtered("share")
        res = super().write(vals)
        promoted = shared.filtered(lambda u: not u.share and not u.sudo().chp_training_record_ids)
        promoted._chp_create_induction()
        return res

    def _chp_create_induction(self):
        today = fields.Date.context_today(self)
        values = [
            {
                "user_id": user.id,
                "company_id": user.company_id.id,
                "training_type": "induction",
                "date_due": today + timedelta(days=user.company_id.chp_training_induction_days),
            }
            for user in self
            if not user.share
        ]
        if values:
            self.env["chp.training.record"].sudo().create(values)
