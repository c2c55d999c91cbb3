from odoo import api, fields, models

SURVEY_STAGES = [("stage1", "Stage 1"), ("stage2", "Stage 2")]
SEEDED_SURVEY = "chp_complaints.chp_satisfaction_survey"


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    chp_satisfied = fields.Boolean(
        string="Counts as satisfied",
        help="Complaints indicator 2: choosing this answer counts as satisfied.",
    )


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


class ResCompany(models.Model):
    _inherit = "res.company"

    chp_survey_enabled = fields.Boolean(
        string="Send the satisfaction survey",
        default=True,
        help="When a stage closes and the customer gave an email, send them the "
        "satisfaction survey (once per complaint and stage).",
    )
    chp_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction survey",
        help="Empty: the survey seeded with the complaints module.",
    )

    def _chp_survey(self):
        self.ensure_one()
        return self.chp_survey_id or self.env.ref(SEEDED_SURVEY, raise_if_not_found=False)


class ChpComplaintSurvey(models.Model):
    """The satisfaction survey (indicator 2): sent by template when a stage
    closes, to a customer with an email, unless the settings turn it off;
    one per complaint and stage. The transitions are not rewritten: the
    survey goes out after them."""

    _inherit = "chp.complaint"

    chp_survey_input_ids = fields.One2many(
        "survey.user_input",
        "chp_complaint_id",
        string="Satisfaction surveys",
        groups="survey.group_survey_user",
    )

    @api.model
    def _chp_step_fields(self):
        """Survey answers are linked by the survey's sending, not by a save."""
        return super()._chp_step_fields() | {"chp_survey_input_ids"}

    def action_close_stage1(self, *args, **kwargs):
        res = super().action_close_stage1(*args, **kwargs)
        self._chp_send_survey("stage1")
        return res

    def _signoff_close(self, signer, *args, **kwargs):
        res = super()._signoff_close(signer, *args, **kwargs)
        self._chp_send_survey("stage2")
        return res

    def _chp_send_survey(self, stage):
        template = self.env.ref("chp_complaints.chp_mail_template_survey", raise_if_not_found=False)
        for complaint in self.sudo():
            company = complaint.company_id
            survey = company._chp_survey()
            if (
                not company.chp_survey_enabled
                or not survey
                or not template
                or not complaint._chp_can_send_automatically()
                or complaint.chp_survey_input_ids.filtered(lambda i, s=stage: i.chp_stage == s)
            ):
                continue
            complaint._chp_link_customer()
            survey._create_answer(
                partner=complaint.partner_id,
                check_attempts=False,
                chp_complaint_id=complaint.id,
                chp_stage=stage,
                chp_sent_on=complaint._chp_today(),
            )
            complaint._chp_post_template("chp_complaints.chp_mail_template_survey")

    def chp_survey_url(self):
        """The start link of the complaint's latest satisfaction survey."""
        self.ensure_one()
        answer = self.sudo().chp_survey_input_ids.sorted("id")[-1:]
        return answer and (self.get_base_url() + answer.get_start_url())

    def _chp_anonymise_one(self, reason):
        """The answers stay (they are the indicator); the respondent goes."""
        answers = self.sudo().chp_survey_input_ids
        res = super()._chp_anonymise_one(reason)
        answers.write({"partner_id": False, "email": False, "nickname": False})
        return res
