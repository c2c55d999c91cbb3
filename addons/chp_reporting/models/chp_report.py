from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

REPORT_TYPES = [
    ("quarterly_internal", "Quarterly (internal)"),
    ("quarterly_public", "Quarterly (public)"),
    ("annual", "Annual performance report"),
]


class ChpReport(models.Model):
    """A complaints performance report for one period, its figures frozen at
    generation so that what was approved is what stays published."""

    _name = "chp.report"
    _description = "Complaints Performance Report"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    report_type = fields.Selection(REPORT_TYPES, required=True, tracking=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    _("The period of report %(name)s ends before it starts.", name=report.name)
                )
