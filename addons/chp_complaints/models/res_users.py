from datetime import timedelta

from odoo import api, fields, models

from ..tools.roles import SUITE_GROUPS


class ResUsers(models.Model):
    """Every member of staff given a role of the suite owes the CHP
    induction: a due induction record when their account is created with a
    role, or when they are given one. Users of the database's other apps
    get nothing, and the record is created silently (no message, no
    follower, no "assigned to you" email): the database's other mails and
    notifications stay as they were."""

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
        res = super().write(vals)
        if "share" in vals or any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals
        ):
            self._chp_create_induction()
        return res

    def _chp_create_induction(self):
        """An induction due for each internal user of these who holds a role
        of the suite and has no CHP training record yet."""
        today = fields.Date.context_today(self)
        roles = self.env["res.groups"].browse(
            [group.id for xmlid in SUITE_GROUPS if (group := self.env.ref(xmlid, False))]
        )
        starters = self.sudo().filtered(
            lambda user: (
                not user.share and user.groups_id & roles and not user.chp_training_record_ids
            )
        )
        values = [
            {
                "user_id": user.id,
                "company_id": user.company_id.id,
                "training_type": "induction",
                "date_due": today + timedelta(days=user.company_id.chp_training_induction_days),
            }
            for user in starters
        ]
        if values:
            self.env["chp.training.record"].sudo().with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_auto_subscribe_no_notify=True,
                tracking_disable=True,
            ).create(values)
