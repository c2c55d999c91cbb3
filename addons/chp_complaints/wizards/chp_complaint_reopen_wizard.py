from odoo import fields, models


class ChpComplaintReopenWizard(models.TransientModel):
    """Reopen a closed complaint; the reason is posted in its chatter."""

    _name = "chp.complaint.reopen.wizard"
    _inherit = ["chp.complaint.wizard.mixin"]
    _description = "Reopen a complaint"

    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.complaint_id._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
