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
    _inherit = ["chp.stage.mixin"]
    _description = "Improvement Action Stage"

    state = fields.Selection(
        ACTION_STATES,
        required=True,
        help="The step of the minimum standard this column stands for. All checks and "
        "figures read this value, so renaming a column changes nothing else.",
    )
