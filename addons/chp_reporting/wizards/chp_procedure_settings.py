from odoo import api, fields, models


class ChpProcedureSettings(models.TransientModel):
    """The reporting addon's settings on the one procedure settings screen:
    the annual report's date, the figure of "per 1,000", the few-complaints
    threshold and the contact details the public pages give."""

    _inherit = "chp.procedure.settings"

    chp_annual_report_day = fields.Integer(
        related="company_id.chp_annual_report_day", readonly=False
    )
    chp_annual_report_month = fields.Selection(
        related="company_id.chp_annual_report_month", readonly=False
    )
    chp_denominator_type = fields.Selection(
        related="company_id.chp_denominator_type", readonly=False
    )
    chp_denominator_value = fields.Integer(
        related="company_id.chp_denominator_value", readonly=False
    )
    chp_denominator_source = fields.Char(
        related="company_id.chp_denominator_source", readonly=False
    )
    chp_year_end_month = fields.Selection(related="company_id.chp_year_end_month", readonly=False)
    chp_few_complaints = fields.Integer(related="company_id.chp_few_complaints", readonly=False)
    chp_contact_address = fields.Text(related="company_id.chp_contact_address", readonly=False)
    chp_contact_email = fields.Char(related="company_id.chp_contact_email", readonly=False)
    chp_contact_phone = fields.Char(related="company_id.chp_contact_phone", readonly=False)
    chp_contact_text_relay = fields.Char(
        related="company_id.chp_contact_text_relay", readonly=False
    )

    @api.onchange("chp_organisation_type")
    def _onchange_organisation_type_denominator(self):
        """A landlord counts complaints per 1,000 tenancies, a public body
        per 1,000 of the population it serves (a default the administrator
        may change)."""
        for settings in self:
            if settings.chp_organisation_type == "landlord":
                if settings.chp_denominator_type == "population":
                    settings.chp_denominator_type = "tenancies"
            elif settings.chp_organisation_type:
                settings.chp_denominator_type = "population"
