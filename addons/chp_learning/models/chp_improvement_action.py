from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .chp_improvement_action_workflow import SENIOR, TRANSITION_KEY
from .chp_improvement_stage import ACTION_STATES


class ChpImprovementAction(models.Model):
    """An improvement to a service that complaints (single or a trend) showed
    to be needed, held to the procedure's minimum standard: authorised by a
    senior manager, owned by an officer or a team, dated, followed up to the
    end, optionally monitored, its learning shared and, where useful, told
    back to customers as a "you said, we did" line.

    The fields live here; the transitions (``chp.improvement.action.workflow``),
    the scheduled reminders (``chp.improvement.action.reminders``) and the
    figures offered to reporting (``chp.improvement.action.figures``) are
    mixins in their own files.
    """

    _name = "chp.improvement.action"
    _description = "Improvement Action"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "chp.improvement.action.workflow",
        "chp.improvement.action.reminders",
        "chp.improvement.action.figures",
    ]
    _order = "date_raised desc, id desc"

    reference = fields.Char(required=True, copy=False, readonly=True, default="/", index=True)
    name = fields.Char(string="What needs to change", required=True, tracking=True)
    description = fields.Html(help="What is going wrong and what the change should achieve.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    stage_id = fields.Many2one(
        "chp.improvement.stage",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._stage_for_state("proposed", raise_if_missing=False),
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    date_raised = fields.Date(
        required=True,
        index=True,
        copy=False,
        default=fields.Date.context_today,
        help="The day the action was proposed: counts as 'raised' in the learning figures.",
    )

    # --- Where it came from ----------------------------------------------------
    source = fields.Selection(
        [("complaint", "Complaint(s)"), ("trend", "Trend in complaints data")],
        required=True,
        default="complaint",
        help="Learning comes from single complaints (upheld or not) and from analysis of "
        "complaints data.",
    )
    complaint_ids = fields.Many2many(
        "chp.complaint",
        "chp_complaint_improvement_action_rel",
        "action_id",
        "complaint_id",
        string="Complaints",
        help="The complaints this action answers.",
    )
    trend_description = fields.Text(
        string="Trend", help="The trend a management review found in complaints data."
    )
    trend_date_from = fields.Date(string="Trend from", help="Start of the period reviewed.")
    trend_date_to = fields.Date(string="Trend to", help="End of the period reviewed.")
    service_id = fields.Many2one("chp.service", index=True, tracking=True)
    root_cause_id = fields.Many2one(
        "chp.root.cause", index=True, tracking=True, help="The underlying cause it answers."
    )

    # --- Ownership and authorisation --------------------------------------------
    owner_user_id = fields.Many2one(
        "res.users",
        string="Owner (officer)",
        index=True,
        tracking=True,
        help="The officer responsible for ensuring the action is taken.",
    )
    team_id = fields.Many2one(
        "chp.improvement.team",
        string="Owner (team)",
        index=True,
        tracking=True,
        help="The team responsible for ensuring the action is taken; its lead gets the "
        "activities unless an officer is named.",
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Answerable",
        compute="_compute_responsible_user_id",
        store=True,
        index=True,
        help="Who receives the activities and reminders: the officer, else the team lead.",
    )
    target_date = fields.Date(
        tracking=True, index=True, help="Required before a senior manager can authorise."
    )
    authorised_by_id = fields.Many2one(
        "res.users", string="Authorised by", readonly=True, copy=False, tracking=True
    )
    authorised_on = fields.Date(readonly=True, copy=False, index=True)

    # --- Completion ----------------------------------------------------------------
    completion_date = fields.Date(
        tracking=True, copy=False, index=True, help="When the change was made."
    )
    evidence = fields.Html(
        string="Evidence of completion", copy=False, help="Required to mark the action done."
    )
    completed_on_time = fields.Boolean(
        compute="_compute_completed_on_time",
        store=True,
        help="Completed on or before the target date.",
    )
    confirmed_by_id = fields.Many2one(
        "res.users", string="Completion confirmed by", readonly=True, copy=False
    )
    confirmed_on = fields.Date(string="Completion confirmed on", readonly=True, copy=False)

    # --- Monitoring ---------------------------------------------------------------
    monitoring_required = fields.Boolean(
        string="Monitor after completion",
        help="Watch the service area for a while after completion before closing.",
    )
    monitoring_start = fields.Date(readonly=True, copy=False)
    monitoring_review_date = fields.Date(
        string="Review date", copy=False, help="When the monitoring result is reviewed."
    )
    monitoring_result = fields.Selection(
        [("resolved", "Resolved"), ("not_resolved", "Not resolved")],
        readonly=True,
        copy=False,
        tracking=True,
    )
    monitoring_notes = fields.Text(string="Review notes", copy=False)
    origin_action_id = fields.Many2one(
        "chp.improvement.action",
        string="Follows up",
        readonly=True,
        copy=False,
        index=True,
        help="The action whose monitoring found the issue not resolved.",
    )
    follow_up_action_ids = fields.One2many(
        "chp.improvement.action", "origin_action_id", string="Follow-up actions"
    )

    # --- Learning and "you said, we did" ----------------------------------------
    learning_points = fields.Html(help="What staff should learn from this; shared with them.")
    share_ids = fields.One2many("chp.learning.share", "action_id", string="Shared with")
    public_you_said = fields.Text(
        string="You said",
        help="What customers told us, for publication: no names or other personal data.",
    )
    public_we_did = fields.Text(
        string="We did",
        help="What changed, for publication: no names or other personal data.",
    )
    is_published = fields.Boolean(
        string="Published", readonly=True, copy=False, tracking=True, index=True
    )
    published_on = fields.Date(readonly=True, copy=False, index=True)

    # --- Reminder flags (each reminder is sent once per target date) ------------
    target_reminder_sent = fields.Boolean(readonly=True, copy=False)
    late_escalation_sent = fields.Boolean(readonly=True, copy=False)

    # --- What the current user may do (hides buttons they could not use) -------
    user_can_write = fields.Boolean(
        compute="_compute_user_can",
        help="The current user may change this action (access rights and record rules).",
    )
    user_can_update = fields.Boolean(
        compute="_compute_user_can",
        help="The current user may move this action on (start it, mark it done): its "
        "owner, a member of its team or a senior manager, with the right to change it.",
    )

    @api.depends_context("uid")
    @api.depends("owner_user_id", "team_id.member_ids")
    def _compute_user_can(self):
        user = self.env.user
        senior = user.has_group(SENIOR)
        writable = self._origin._filtered_access("write")
        for action in self:
            can_write = bool(action._origin) and action._origin in writable
            action.user_can_write = can_write
            action.user_can_update = can_write and (
                senior or user == action.owner_user_id or user in action.team_id.member_ids
            )

    @api.depends("owner_user_id", "team_id.leader_id")
    def _compute_responsible_user_id(self):
        for action in self:
            action.responsible_user_id = action.owner_user_id or action.team_id.leader_id

    @api.depends("completion_date", "target_date")
    def _compute_completed_on_time(self):
        for action in self:
            action.completed_on_time = bool(
                action.completion_date
                and action.target_date
                and action.completion_date <= action.target_date
            )

    @api.constrains("trend_date_from", "trend_date_to")
    def _check_trend_period(self):
        for action in self:
            if (
                action.trend_date_from
                and action.trend_date_to
                and action.trend_date_from > action.trend_date_to
            ):
                raise ValidationError(_("The trend period must end after it starts."))

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("state", "!=", False)])

    @api.model
    def _stage_for_state(self, state, raise_if_missing=True):
        """The first active stage mapped to ``state``."""
        stage = self.env["chp.improvement.stage"].search([("state", "=", state)], limit=1)
        if not stage and raise_if_missing:
            label = dict(ACTION_STATES)[state]
            raise UserError(
                _(
                    "No stage stands for '%(state)s': a complaints administrator must add "
                    "one under Configuration > Improvement stages.",
                    state=label,
                )
            )
        return stage

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("chp.improvement.action") or "/"
                )
        actions = super().create(vals_list)
        if not self.env.context.get(TRANSITION_KEY) and any(
            action.state != "proposed" for action in actions
        ):
            raise UserError(
                _(
                    "A new improvement action starts as proposed: "
                    "a senior manager then authorises it."
                )
            )
        return actions

    def write(self, vals):
        self._check_locked_fields(vals)
        if "stage_id" in vals and not self.env.context.get(TRANSITION_KEY):
            stage = self.env["chp.improvement.stage"].browse(vals.pop("stage_id"))
            if vals:
                super().write(vals)
            for action in self:
                action._move_to_stage(stage)
            return True
        if "target_date" in vals and not self.env.context.get(TRANSITION_KEY):
            res = super().write(dict(vals, target_reminder_sent=False, late_escalation_sent=False))
            self._on_target_date_changed()
            return res
        return super().write(vals)

    def _check_locked_fields(self, vals):
        """Once authorised, the owner and target date are the authoriser's
        decision: only a senior manager may change them."""
        locked = {"owner_user_id", "team_id", "target_date"} & set(vals)
        if (
            locked
            and not self.env.su
            and not self.env.user.has_group(SENIOR)
            and any(action.state != "proposed" for action in self)
        ):
            raise AccessError(
                _("Once authorised, only a senior manager can change the owner or target date.")
            )

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("chp_learning.mt_improvement_action_stage")
        return super()._track_subtype(init_values)
