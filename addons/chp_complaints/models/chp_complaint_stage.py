from odoo import fields, models

COMPLAINT_STATES = [
    ("new", "New"),
    ("stage1", "Stage 1: frontline response"),
    ("stage2", "Stage 2: investigation"),
    ("closed", "Closed"),
]


class ChpComplaintStage(models.Model):
    """A kanban column users may rename, reorder and fold.

    Each stage maps to one fixed ``state``; every rule of the procedure and
    every indicator reads the state, never the stage's name.
    """

    _name = "chp.complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        COMPLAINT_STATES,
        required=True,
        help="The step of the procedure this column stands for. All checks and "
        "indicators read this value, so renaming a column changes nothing else.",
    )
    fold = fields.Boolean(help="Folded in the kanban view.")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
