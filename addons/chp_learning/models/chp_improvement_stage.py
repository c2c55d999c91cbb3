from odoo import _, api, fields, models
from odoo.exceptions import UserError

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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_holding_actions(self):
        """A column that holds improvement actions can't go: they would lose
        their step (archive it, or move them first)."""
        held = self.env["chp.improvement.action"].sudo().with_context(active_test=False)
        if held.search_count([("stage_id", "in", self.ids)], limit=1):
            raise UserError(
                _(
                    "The column “%s” holds improvement actions: move them to another column "
                    "first (or archive the column).",
                    ", ".join(self.mapped("name")),
                )
            )
