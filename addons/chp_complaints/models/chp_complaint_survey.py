from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

# chp_how=_lt(...) on a field is the refusal's message, translated when read;
# pylint-odoo takes any translated argument of a field for a label.
# pylint: disable=translation-field
_lt = LazyTranslate(__name__)

SURVEY_STAGES = [("stage1", "Stage 1"), ("stage2", "Stage 2")]
SEEDED_SURVEY = "chp_complaints.chp_satisfaction_survey"
# The decision letter each survey follows.
DECISION_LETTERS = {"stage1_decision": "stage1", "stage2_decision": "stage2"}
# How far back the daily run looks for stages closed without a decision
# letter: enough to catch up a missed run, never the imported history.
SURVEY_CATCH_UP_DAYS = 14
SURVEY_BATCH = 200


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
        chp_edit="step",
        chp_how=_lt("the survey records the customer's answers"),
    )

    def _chp_letter_sent(self, kind):
        """The survey follows the decision, never comes before it."""
        res = super()._chp_letter_sent(kind)
        # Only a decision that was given: a message posted with the letter's
        # context on an open stage (RPC) sends no survey.
        if kind in DECISION_LETTERS and self._chp_letter_applies(kind):
            self._chp_send_survey(DECISION_LETTERS[kind])
        return res

    @api.model
    def _cron_chp_send_due_surveys(self, batch_size=SURVEY_BATCH):
        """Daily: the survey of each stage closed the company's delay ago
        (or up to two weeks before, for a missed run) whose decision went
        without a letter."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("chp_survey_enabled", "=", True), ("chp_survey_delay_days", ">", 0)])
        )
        due = []  # (stage, complaints)
        for company in companies:
            last = today - timedelta(days=company.chp_survey_delay_days)
            for stage in ("stage1", "stage2"):
                closed = f"{stage}_date_closed"
                complaints = self.sudo().search(
                    [
                        ("company_id", "=", company.id),
                        ("is_anonymous", "=", False),
                        (closed, "<=", last),
                        (closed, ">", last - timedelta(days=SURVEY_CATCH_UP_DAYS)),
                        ("chp_survey_input_ids", "not any", [("chp_stage", "=", stage)]),
                    ],
                    order=f"{closed}, id",
                )
                due += [(stage, complaint) for complaint in complaints]
        sent = 0
        for stage, complaint in due[:batch_size]:
            before = len(complaint.chp_survey_input_ids)
            complaint._chp_send_survey(stage)
            sent += len(complaint.chp_survey_input_ids) - before
        # Those that cannot be sent (no email, no sender) wait for the next day.
        remaining = len(due) - min(len(due), batch_size)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=remaining if sent else 0)

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
