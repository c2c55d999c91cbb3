from odoo import fields, models


class ChpImprovementAction(models.Model):
    """Links an improvement action to the management review that raised it."""

    _inherit = "chp.improvement.action"

    chp_report_id = fields.Many2one(
        "chp.report",
        string="Raised in report",
        index=True,
        ondelete="set null",
        help="The complaints performance report whose management review raised this action.",
    )

    @property
    def _chp_descriptive_fields(self):
        """The report a management review raised the action from is set when
        it is proposed (and may be corrected): it feeds no figure."""
        return super()._chp_descriptive_fields | {"chp_report_id"}
