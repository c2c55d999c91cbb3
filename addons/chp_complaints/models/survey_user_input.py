from odoo import fields, models

SURVEY_STAGES = [("stage1", "Stage 1"), ("stage2", "Stage 2")]


class SurveyUserInput(models.Model):
    """A customer's satisfaction answers, linked to the complaint and the
    stage they rate (indicator 2 aggregates them)."""

    _inherit = "survey.user_input"

    chp_complaint_id = fields.Many2one(
        "chp.complaint", string="Complaint", index="btree_not_null", ondelete="set null"
    )
    chp_stage = fields.Selection(SURVEY_STAGES, string="Complaint stage")
    chp_sent_on = fields.Date(
        string="Survey sent on", index="btree_not_null", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "chp_complaint_stage_uniq",
            "unique(chp_complaint_id, chp_stage)",
            "A complaint gets one satisfaction survey per stage.",
        ),
    ]
