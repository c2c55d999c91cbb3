from odoo import fields, models


class ChpStageMixin(models.AbstractModel):
    """A kanban column users may rename, reorder, fold and archive, shared by
    the complaint's and the improvement action's stages.

    Each concrete stage model adds its own required ``state`` selection: the
    fixed step of its procedure that every rule and figure reads, never the
    column's name."""

    _name = "chp.stage.mixin"
    _description = "Kanban stage mapped to a fixed state"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(help="Folded in the kanban view.")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
