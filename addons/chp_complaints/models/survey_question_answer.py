from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    chp_satisfied = fields.Boolean(
        string="Counts as satisfied",
        help="Complaints indicator 2: choosing this answer counts as satisfied.",
    )
