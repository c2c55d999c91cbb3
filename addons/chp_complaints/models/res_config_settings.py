from odoo import _, fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    chp_calendar_id = fields.Many2one(related="company_id.chp_calendar_id", readonly=False)
    chp_stage1_days = fields.Integer(related="company_id.chp_stage1_days", readonly=False)
    chp_stage1_extension_max = fields.Integer(
        related="company_id.chp_stage1_extension_max", readonly=False
    )
    chp_stage2_ack_days = fields.Integer(related="company_id.chp_stage2_ack_days", readonly=False)
    chp_stage2_days = fields.Integer(related="company_id.chp_stage2_days", readonly=False)
    chp_signoff_allow_investigator = fields.Boolean(
        related="company_id.chp_signoff_allow_investigator", readonly=False
    )
    chp_holiday_year = fields.Integer(
        string="Bank holidays of year",
        default=lambda self: fields.Date.context_today(self).year,
        help="Year whose Scottish bank holidays the button loads into the calendar.",
    )

    def action_chp_load_bank_holidays(self):
        """Load Scotland's bank holidays of the chosen year into the
        complaints calendar, then refresh the clocks of open complaints."""
        self.ensure_one()
        if not self.env.user.has_group("chp_complaints.group_chp_admin"):
            raise UserError(_("Only a complaints administrator can change the calendar."))
        self.execute()
        calendar = self.company_id._chp_calendar()
        if not calendar:
            raise UserError(_("Choose a complaints calendar first."))
        leaves = calendar.sudo().chp_load_scottish_holidays(self.chp_holiday_year)
        self.env["chp.complaint"]._chp_recompute_open_clocks(self.company_id)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Bank holidays loaded"),
                "message": _(
                    "%(count)s bank holidays of %(year)s added to %(calendar)s.",
                    count=len(leaves),
                    year=self.chp_holiday_year,
                    calendar=calendar.display_name,
                ),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "reload"},
            },
        }
