from odoo import api, fields, models


class ChpComplaintReopenWizard(models.TransientModel):
    """Reopen a closed complaint; the reason is posted in its chatter."""

    _name = "chp.complaint.reopen.wizard"
    _description = "Reopen a complaint"

    complaint_id = fields.Many2one("chp.complaint", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if not values.get("complaint_id") and self.env.context.get("active_model") == (
            "chp.complaint"
        ):
            values["complaint_id"] = self.env.context.get("active_id")
        return values

    def action_reopen(self):
        self.ensure_one()
        self.complaint_id._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
