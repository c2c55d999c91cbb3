from odoo import fields, models


class ChpComplaintSpsoWizard(models.TransientModel):
    """Refer a complaint to the SPSO, or withdraw a referral recorded in
    error, with the reason the chatter keeps (``_chp_refer_spso`` and
    ``_chp_withdraw_spso`` check who may)."""

    _name = "chp.complaint.spso.wizard"
    _inherit = ["chp.complaint.wizard.mixin"]
    _description = "Record or withdraw an SPSO referral"

    mode = fields.Selection(
        [("refer", "Refer to the SPSO"), ("withdraw", "Withdraw the referral")],
        required=True,
        default="refer",
    )
    date_referred = fields.Date(string="Referred on", default=fields.Date.context_today)
    spso_reference = fields.Char(string="SPSO reference")
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        if self.mode == "refer":
            self.complaint_id._chp_refer_spso(self.date_referred, self.spso_reference, self.reason)
        else:
            self.complaint_id._chp_withdraw_spso(self.reason)
        return {"type": "ir.actions.act_window_close"}
