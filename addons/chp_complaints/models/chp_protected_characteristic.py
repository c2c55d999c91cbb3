from odoo import fields, models


class ChpProtectedCharacteristic(models.Model):
    """A protected characteristic of the Equality Act 2010 (section 4), which
    a complaint about equalities issues may name. Seeded with the nine of the
    Act; an organisation may reword them, not invent figures from them."""

    _name = "chp.protected.characteristic"
    _description = "Protected Characteristic"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This protected characteristic already exists."),
    ]
