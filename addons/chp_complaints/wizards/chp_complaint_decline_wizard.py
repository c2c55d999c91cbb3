from odoo import fields, models


class ChpComplaintDeclineWizard(models.TransientModel):
    """Decline a request for a stage 2 investigation, with the reason the
    customer will read; then the letter with the SPSO signposting."""

    _name = "chp.complaint.decline.wizard"
    _inherit = ["chp.complaint.wizard.mixin"]
    _description = "Decline to investigate"

    reason = fields.Text(
        string="Why we will not investigate",
        required=True,
        help="In plain words for the customer: the letter gives it.",
    )

    def action_decline(self):
        self.ensure_one()
        complaint = self.complaint_id
        complaint._chp_decline_stage2(self.reason)
        if complaint._chp_customer_email():
            return complaint.action_chp_send_stage2_declined()
        return {"type": "ir.actions.act_window_close"}
