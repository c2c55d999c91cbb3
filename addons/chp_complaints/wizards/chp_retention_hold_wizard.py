from odoo import fields, models


class ChpRetentionHoldWizard(models.TransientModel):
    """Asks a senior manager why complaints must be kept beyond their
    retention date (a legal claim, a further complaint, an SPSO enquiry)."""

    _name = "chp.retention.hold.wizard"
    _description = "Place complaints on retention hold"

    complaint_ids = fields.Many2many("chp.complaint", string="Complaints", required=True)
    reason = fields.Text(required=True, help="Why the complaint files must be kept.")

    def action_confirm(self):
        self.ensure_one()
        self.complaint_ids._chp_place_hold(self.reason)
        return {"type": "ir.actions.act_window_close"}
