from odoo import fields, models


class ChpProcedureSettings(models.TransientModel):
    """The customer's side in the procedure settings (saved to the company
    like every ``chp_*`` field of this form)."""

    _inherit = "chp.procedure.settings"

    chp_portal_hide_staff_names = fields.Boolean(string="Hide staff names from customers")
    chp_alias_name = fields.Char(
        string="Complaints email alias",
        help="Emails to this address on the company's email domain become complaints, "
        "e.g. “complaints”. Empty: no email intake.",
    )
    chp_spso_signposting = fields.Text(
        string="SPSO signposting",
        help="Printed in every final response: the right to ask the SPSO, how to contact "
        "the SPSO, and the 12-month time limit.",
    )
    chp_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction survey",
        help="Empty: the survey seeded with the complaints module.",
    )
    chp_survey_enabled = fields.Boolean(
        string="Send the satisfaction survey",
        help="When a stage closes and the customer gave an email, send them the "
        "satisfaction survey (once per complaint and stage).",
    )
