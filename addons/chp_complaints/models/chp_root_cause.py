from odoo import fields, models


class ChpRootCause(models.Model):
    """The underlying cause of a complaint, from a taxonomy the organisation
    maintains, so that trends can be analysed across services."""

    _name = "chp.root.cause"
    _description = "Root Cause"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the cause between companies."
    )
    active = fields.Boolean(default=True)
