from odoo import fields, models

ACTION_STATES = [
    ("proposed", "Proposed"),
    ("authorised", "Authorised"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("monitoring", "Monitoring"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class ChpImprovementStage(models.Model):
    """A kanban column of improvement actions that users may rename, reorder
    and fold.

    Each stage maps to one fixed ``state``; the minimum standard (authorise
    before starting, confirm completion, ...) and the learning figures read
    the state, never the stage's name.
    """

    _name = "chp.improvement.stage"
    _description = "Improvement Action Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        ACTION_STATES,
        required=True,
        help="The step of the minimum standard this column stands for. All checks and "
        "figures read this value, so renaming a column changes nothing else.",
    )
    fold = fields.Boolean(help="Folded in the kanban view.")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
