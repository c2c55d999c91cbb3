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
        # Set when it is proposed (and may be corrected): it feeds no figure.
        chp_edit="open",
    )
