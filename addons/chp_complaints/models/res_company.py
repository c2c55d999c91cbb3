from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Which version of the model procedure the organisation follows: it decides
# which returns and labels the reports show (the landlord's Annual Return on
# the Charter; tenancies or population as the denominator).
ORGANISATION_TYPES = [
    ("landlord", "Social landlord"),
    ("council", "Council"),
    ("health_board", "Health board"),
    ("public_body", "Other public body"),
]
RETENTION_ACTIONS = [
    ("anonymise", "Anonymise (keep the statistics)"),
    ("delete", "Delete the complaint"),
]
CLOCK_SETTINGS = {
    "chp_calendar_id",
    "chp_stage1_days",
    "chp_stage2_ack_days",
    "chp_stage2_days",
    "resource_calendar_id",
}


class ResCompany(models.Model):
    """The procedure's local settings, each declared once, here: the MCHP
    fixes defaults but leaves the timescales and the calendar to each
    organisation; the retention of complaint files (Part 4, "Recording
    complaints") and the training policy (roles para. 2) are its choice too.
    Complaints administrators change them on one screen,
    ``chp.procedure.settings`` (Configuration > Procedure settings), which
    Odoo's settings page links to."""

    _inherit = "res.company"

    chp_organisation_type = fields.Selection(
        ORGANISATION_TYPES,
        string="Organisation type",
        default="public_body",
        required=True,
        help="A registered social landlord follows the model procedure's RSL version and makes "
        "the Annual Return on the Charter to the Scottish Housing Regulator; a public body "
        "reports complaints per 1,000 of the population it serves.",
    )

    def _chp_is_landlord(self):
        self.ensure_one()
        return self.chp_organisation_type == "landlord"

    # --- retention of complaint files
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

    # --- CHP training
    chp_training_induction_days = fields.Integer(
        string="Induction due within (days)",
        default=30,
        help="A new internal user gets a CHP induction record due this many "
        "calendar days after their account is created.",
    )
    chp_training_refresher_months = fields.Integer(
        string="Refresher interval (months)",
        default=12,
        help="Training counts as current for this many months after completion; "
        "the next refresher falls due then.",
    )

    # --- timescales and calendar

    chp_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Complaints calendar",
        help="Working days and public holidays of every complaint clock. "
        "Empty: the company's working hours.",
    )
    chp_stage1_days = fields.Integer(
        string="Stage 1 working days", default=5, help="Stage 1 response deadline."
    )
    chp_stage1_extension_max = fields.Integer(
        string="Stage 1 extension maximum",
        default=5,
        help="Most working days a stage 1 extension may add to the standard deadline.",
    )
    chp_stage2_ack_days = fields.Integer(
        string="Stage 2 acknowledgement days",
        default=3,
        help="Working days from the start of stage 2 to acknowledge the complaint.",
    )
    chp_stage2_days = fields.Integer(
        string="Stage 2 working days",
        default=20,
        help="Working days from the start of stage 2 to the full response.",
    )
    chp_signoff_allow_investigator = fields.Boolean(
        string="Investigator may sign off",
        help="Allow a senior manager to sign off a stage 2 response they investigated.",
    )
    chp_require_breakdown = fields.Boolean(
        string="Service and root cause required to close",
        default=True,
        help="Closing a stage (Close stage 1, Escalate, Sign off and close) needs the "
        "complaint's service and root cause, so that no figure of the service and cause "
        'breakdowns falls into "none".',
    )

    @api.constrains(
        "chp_stage1_days", "chp_stage1_extension_max", "chp_stage2_ack_days", "chp_stage2_days"
    )
    def _check_chp_timescales(self):
        for company in self:
            if (
                min(
                    company.chp_stage1_days,
                    company.chp_stage2_ack_days,
                    company.chp_stage2_days,
                )
                < 1
                or company.chp_stage1_extension_max < 0
            ):
                raise ValidationError(_("Complaint timescales must be at least one working day."))

    def _chp_calendar(self):
        """The calendar every complaint clock of this company counts on."""
        self.ensure_one()
        return self.chp_calendar_id or self.resource_calendar_id

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.sudo()._chp_create_complaint_sequence()
        self.env["chp.complaint"]._chp_ensure_reference_ranges()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if CLOCK_SETTINGS.intersection(vals):
            self.env["chp.complaint"]._chp_recompute_open_clocks(self)
        if "chp_retention_years" in vals:
            self.env["chp.complaint"].sudo()._chp_recompute_retention_dates(self)
        return res

    def _chp_create_complaint_sequence(self):
        """One reference sequence per company, numbered afresh every year
        (CMP/2026/00001); PostgreSQL sequences keep it unique under
        concurrent creation."""
        return self.env["ir.sequence"].create(
            [
                {
                    "name": self.env._("Complaint reference (%s)", company.name),
                    "code": "chp.complaint",
                    "prefix": "CMP/%(range_year)s/",
                    "padding": 5,
                    "use_date_range": True,
                    "implementation": "standard",
                    "company_id": company.id,
                }
                for company in self
            ]
        )

    @api.constrains("chp_retention_years")
    def _check_chp_retention_years(self):
        for company in self:
            if company.chp_retention_years < 1:
                raise ValidationError(
                    _("Complaint files are kept for at least one year after closing.")
                )
