from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SEEDED_SURVEY = "chp_complaints.chp_satisfaction_survey"

DEFAULT_SPSO_TEXT = (
    "If you remain dissatisfied with our decision or the way we have handled your "
    "complaint, you can ask the Scottish Public Services Ombudsman (SPSO) to look at it. "
    "The SPSO is the final stage for complaints about public services in Scotland. "
    "You must normally bring your complaint to the SPSO within 12 months of when you first "
    "knew about the problem you are complaining about.\n"
    "You can contact the SPSO: online at www.spso.org.uk/complain/form; by phone on "
    "0800 377 7330; by post at SPSO, Freepost SPSO (no stamp needed); or in person at "
    "Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS."
)


DEFAULT_PRIVACY_TEXT = (
    "We use the details you give us only to look into your complaint, to reply to you "
    "and to learn from complaints. Only the staff who handle your complaint see them; we "
    "share them with a contractor or another organisation only when it is needed to "
    "resolve your complaint. We keep them for as long as our retention policy says, then "
    "remove them. You can ask to see, correct or erase your personal data."
)


class ResCompany(models.Model):
    """The customer's side of the procedure settings: the complaints mail
    alias, what the tracking page shows, the SPSO signposting text."""

    _inherit = "res.company"

    chp_portal_hide_staff_names = fields.Boolean(
        string="Hide staff names from customers",
        default=True,
        help="The tracking page shows the organisation's name instead of the staff member "
        "who wrote each message, and decision letters are signed by role only.",
    )
    chp_alias_name = fields.Char(
        string="Complaints email alias",
        help="Emails to this address (on the company's email domain) become complaints, "
        "e.g. “complaints”. Empty: no email intake.",
    )
    chp_alias_id = fields.Many2one("mail.alias", string="Complaints alias", readonly=True)
    chp_spso_signposting = fields.Text(
        string="SPSO signposting",
        default=DEFAULT_SPSO_TEXT,
        help="Printed in every final response: the customer's right to ask the SPSO to look "
        "at the complaint, how to contact the SPSO, and the 12-month time limit.",
    )

    chp_privacy_notice = fields.Text(
        string="Privacy notice",
        default=DEFAULT_PRIVACY_TEXT,
        help="Shown on the public complaint form: what the organisation does with the "
        "customer's personal data.",
    )
    chp_privacy_notice_url = fields.Char(
        string="Full privacy notice (web address)",
        help="The organisation's full privacy notice, linked from the public complaint form.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.filtered("chp_alias_name")._chp_sync_alias()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if "chp_alias_name" in vals:
            self._chp_sync_alias()
        return res

    def _chp_sync_alias(self):
        """Create, rename or remove the complaints alias of each company."""
        model = self.env["ir.model"]._get("chp.complaint")
        for company in self.sudo():
            alias = company.chp_alias_id
            name = (company.chp_alias_name or "").strip()
            if not name:
                if alias:
                    company.chp_alias_id = False
                    alias.unlink()
                continue
            values = {
                "alias_name": name,
                "alias_model_id": model.id,
                "alias_defaults": repr({"company_id": company.id}),
                "alias_contact": "everyone",
                "alias_domain_id": company.alias_domain_id.id,
            }
            if alias:
                alias.write(values)
            else:
                company.chp_alias_id = self.env["mail.alias"].sudo().create(values)

    # --- The satisfaction survey -------------------------------------------------
    chp_survey_enabled = fields.Boolean(
        string="Send the satisfaction survey",
        default=True,
        help="Once the customer has the decision of a stage and gave an email, send them "
        "the satisfaction survey (once per complaint and stage).",
    )
    chp_survey_delay_days = fields.Integer(
        string="Survey after closing, without a decision letter (days)",
        default=10,
        help="The survey goes with the decision letter. When no letter was sent (the "
        "decision was given by phone or in person), it goes this many days after the "
        "stage closed. 0: only after a decision letter.",
    )
    chp_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction survey",
        help="Empty: the survey seeded with the complaints module.",
    )

    @api.constrains("chp_survey_delay_days")
    def _check_chp_survey_delay_days(self):
        if any(company.chp_survey_delay_days < 0 for company in self):
            raise ValidationError(
                _("The days before the survey goes out cannot be negative (0 turns it off).")
            )

    def _chp_survey(self):
        self.ensure_one()
        return self.chp_survey_id or self.env.ref(SEEDED_SURVEY, raise_if_not_found=False)
