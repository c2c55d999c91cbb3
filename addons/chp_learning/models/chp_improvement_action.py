from odoo import fields, models


class ChpImprovementAction(models.Model):
    """An improvement to a service that complaints (single or a trend) showed
    to be needed: authorised, owned, dated and followed up to the end."""

    _name = "chp.improvement.action"
    _description = "Improvement Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "target_date, id"

    name = fields.Char(string="What needs to change", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    complaint_ids = fields.Many2many(
        "chp.complaint", string="Complaints", help="The complaints this action answers."
    )
    owner_id = fields.Many2one("res.users", tracking=True)
    target_date = fields.Date(tracking=True)
