from odoo import api, fields, models


class ChpComplaintExtensionWizard(models.TransientModel):
    """Extend the deadline of the open stage, with the reason and the
    customer's information the procedure asks for. The senior manager who
    runs the wizard is the one who authorises the extension."""

    _name = "chp.complaint.extension.wizard"
    _inherit = ["chp.complaint.wizard.mixin"]
    _description = "Extend a complaint's deadline"

    state = fields.Selection(related="complaint_id.state")
    standard_deadline = fields.Date(
        compute="_compute_standard_deadline", string="Standard deadline"
    )
    max_extra_days = fields.Integer(
        related="complaint_id.company_id.chp_stage1_extension_max",
        string="Most extra working days (stage 1)",
    )
    new_deadline = fields.Date(required=True, string="New deadline")
    reason = fields.Text(required=True, help="Why the timescale can't be met.")
    customer_date = fields.Date(
        string="Customer told / agreed on",
        default=fields.Date.context_today,
        help="Stage 1: the day the customer was told. Stage 2: the day the customer agreed.",
    )

    @api.depends("complaint_id")
    def _compute_standard_deadline(self):
        for wizard in self:
            complaint = wizard.complaint_id
            wizard.standard_deadline = (
                complaint.stage2_deadline
                if complaint.state == "stage2"
                else complaint.stage1_deadline
            )

    def action_apply(self):
        self.ensure_one()
        self.complaint_id._apply_extension(
            self.new_deadline, self.reason, self.env.user, self.customer_date
        )
        return {"type": "ir.actions.act_window_close"}
