from odoo import _, api, fields, models
from odoo.exceptions import UserError

COMPLAINT_STATES = [
    ("new", "New"),
    ("stage1", "Stage 1: frontline response"),
    ("stage2", "Stage 2: investigation"),
    ("closed", "Closed"),
]
# The states of an open complaint (every state but "closed"), in the order of
# the search view's "Open" filter.
OPEN_STATES = tuple(state for state, _label in COMPLAINT_STATES if state != "closed")


class ChpComplaintStage(models.Model):
    """A kanban column users may rename, reorder and fold.

    Each stage maps to one fixed ``state``; every rule of the procedure and
    every indicator reads the state, never the stage's name.
    """

    _name = "chp.complaint.stage"
    _inherit = ["chp.stage.mixin"]
    _description = "Complaint Stage"

    state = fields.Selection(
        COMPLAINT_STATES,
        required=True,
        help="The step of the procedure this column stands for. All checks and "
        "indicators read this value, so renaming a column changes nothing else.",
    )

    def _chp_hold_complaints(self):
        """Whether any complaint, archived included and whoever may read it,
        sits in one of these columns (the guard of ``write`` and ``unlink``)."""
        return bool(
            self.env["chp.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("stage_id", "in", self.ids)], limit=1)
        )

    def write(self, vals):
        """A column's step is part of every complaint in it: changing it would
        move those complaints to another step without its checks and dates
        (e.g. close them with no closing date). Only an empty column may
        stand for another step."""
        if "state" in vals:
            changed = self.filtered(lambda stage: stage.state != vals["state"])
            if changed._chp_hold_complaints():
                raise UserError(
                    _(
                        "The column “%s” holds complaints: move them to another column "
                        "before it stands for another step of the procedure.",
                        ", ".join(changed.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_holding_complaints(self):
        """A column that holds complaints can't go: they would lose their step."""
        if self._chp_hold_complaints():
            raise UserError(
                _(
                    "The column “%s” holds complaints: move them to another column first "
                    "(or archive the column).",
                    ", ".join(self.mapped("name")),
                )
            )
