from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RETENTION_ACTIONS = [
    ("anonymise", "Anonymise (keep the statistics)"),
    ("delete", "Delete the complaint"),
]


class ResCompany(models.Model):
    """Document retention policy for complaint files (Part 4, "Recording
    complaints"): how long personal data are kept after a complaint is closed,
    and what happens to the file then."""

    _inherit = "res.company"

    chp_retention_years = fields.Integer(
        string="Keep personal data for (years)",
        default=6,
        help="Years after a complaint is closed (at its last stage, or after the SPSO's "
        "decision when it was referred) before its personal data are removed.",
    )
    chp_retention_action = fields.Selection(
        RETENTION_ACTIONS,
        string="When the retention period ends",
        default="anonymise",
        required=True,
        help="Anonymise keeps the complaint for the statistics without personal data; "
        "delete removes the complaint and everything attached to it.",
    )

    @api.constrains("chp_retention_years")
    def _check_chp_retention_years(self):
        for company in self:
            if company.chp_retention_years < 1:
                raise ValidationError(
                    _("Complaint files are kept for at least one year after closing.")
                )
