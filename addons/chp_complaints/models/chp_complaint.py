from odoo import api, fields, models

from .chp_complaint_stage import COMPLAINT_STATES


class ChpComplaint(models.Model):
    """A complaint and its journey through the Model Complaints Handling
    Procedure."""

    _name = "chp.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(help="The nature of the complaint, in the customer's words.")
    date_received = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    stage_id = fields.Many2one(
        "chp.complaint.stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_stage_ids",
        default=lambda self: self.env["chp.complaint.stage"].search(
            [("state", "=", "new")], limit=1
        ),
    )
    state = fields.Selection(COMPLAINT_STATES, related="stage_id.state", store=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("state", "!=", False)])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("chp.complaint") or "/"
        return super().create(vals_list)
