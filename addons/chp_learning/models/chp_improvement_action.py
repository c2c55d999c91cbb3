from odoo import _, api, fields, models
from odoo.addons.chp_complaints.tools.roles import SENIOR, check_role
from odoo.addons.chp_complaints.tools.transition import in_creation, in_transition
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .chp_improvement_stage import ACTION_STATES

# chp_how=_lt(...) on a field is the refusal's message, translated when read;
# pylint-odoo takes any translated argument of a field for a label.
# pylint: disable=translation-field
_lt = LazyTranslate(__name__)
# What the chatter and activities write on the record (mail's fields).
MAIL_FIELDS = frozenset(
    {"message_ids", "message_follower_ids", "website_message_ids", "activity_ids"}
)
# Odoo's bookkeeping, written by the ORM itself.
ORM_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date"})


class ChpImprovementAction(models.Model):
    """An improvement to a service that complaints (single or a trend) showed
    to be needed, held to the procedure's minimum standard: authorised by a
    senior manager, owned by an officer or a team, dated, followed up to the
    end, optionally monitored, its learning shared and, where useful, told
    back to customers as a "you said, we did" line.

    This file holds the fields and the one ``create()`` and ``write()``.
    Outside a step of the procedure (``tools.transition``: the ``action_*``
    methods, the daily reminders), a plain save changes only the fields of
    :attr:`_chp_descriptive_fields`; everything that feeds a figure or
    records a decision (stage, authorisation, confirmation, monitoring
    result, publication, reminder flags, reference) is refused with a
    message naming the button to use. ``write()`` runs, in this order:
    :meth:`_chp_check_plain_write` (allowlist, then who may change what),
    the descriptive values (re-arming the reminders when the target date
    moves), then a stage change routed to its transition method.

    The model lives in three files of this addon, by concern:

    - this file, the record: its fields, computes, ``create()``/``write()``;
    - ``chp_improvement_action_journey.py``: the transitions, one method each
      (authorise, start, done, confirm, review, cancel, publish), the
      routing of a stage change (kanban drag, status bar) to them, and the
      daily reminders of the target date;
    - ``chp_improvement_action_figures.py``: the learning figures and the
      published "you said, we did" lines offered to reporting.
    """

    _name = "chp.improvement.action"
    _description = "Improvement Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "chp.field.policy.mixin"]
    _order = "date_raised desc, id desc"
    _check_company_auto = True

    reference = fields.Char(
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index=True,
        chp_edit="step",
        chp_how=_lt("a new action (the numbering gives the reference)"),
    )
    name = fields.Char(string="What needs to change", required=True, tracking=True, chp_edit="open")
    description = fields.Html(
        help="What is going wrong and what the change should achieve.", chp_edit="open"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        chp_edit="create",
        chp_how=_lt("a new action in the other company"),
    )
    stage_id = fields.Many2one(
        "chp.improvement.stage",
        tracking=True,
        index=True,
        copy=False,
        # A column holding actions can't be deleted (the stage's ondelete
        # rule says so to the user); uninstalling may remove both.
        ondelete="set null",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._stage_for_state("proposed", raise_if_missing=False),
        chp_edit="column",
        chp_how=_lt("the status bar or the buttons in the header"),
    )
    state = fields.Selection(
        related="stage_id.state",
        store=True,
        index=True,
        chp_edit="step",
        chp_how=_lt("the status bar or the buttons in the header"),
    )
    date_raised = fields.Date(
        required=True,
        index=True,
        copy=False,
        default=fields.Date.context_today,
        help="The day the action was proposed: counts as 'raised' in the learning figures.",
        string="Raised on",
        chp_edit="create",
        chp_how=_lt("a new action (the day it is proposed is kept)"),
    )

    # --- Where it came from ----------------------------------------------------
    source = fields.Selection(
        [("complaint", "Complaint(s)"), ("trend", "Trend in complaints data")],
        required=True,
        default="complaint",
        help="Learning comes from single complaints (upheld or not) and from analysis of "
        "complaints data.",
        chp_edit="open",
    )
    complaint_ids = fields.Many2many(
        "chp.complaint",
        "chp_complaint_improvement_action_rel",
        "action_id",
        "complaint_id",
        string="Complaints",
        check_company=True,
        help="The complaints this action answers.",
        chp_edit="open",
    )
    trend_description = fields.Text(
        string="Trend",
        help="The trend a management review found in complaints data.",
        chp_edit="open",
    )
    trend_date_from = fields.Date(
        string="Trend from", help="Start of the period reviewed.", chp_edit="open"
    )
    trend_date_to = fields.Date(
        string="Trend to", help="End of the period reviewed.", chp_edit="open"
    )
    service_id = fields.Many2one(
        "chp.service", index=True, tracking=True, check_company=True, chp_edit="open"
    )
    root_cause_id = fields.Many2one(
        "chp.root.cause",
        index=True,
        tracking=True,
        check_company=True,
        help="The underlying cause it answers.",
        string="Root cause",
        chp_edit="open",
    )

    # --- Ownership and authorisation --------------------------------------------
    owner_user_id = fields.Many2one(
        "res.users",
        string="Owner (officer)",
        index=True,
        tracking=True,
        help="The officer responsible for ensuring the action is taken.",
        chp_edit="open",
    )
    team_id = fields.Many2one(
        "chp.improvement.team",
        string="Owner (team)",
        index=True,
        tracking=True,
        check_company=True,
        help="The team responsible for ensuring the action is taken; its lead gets the "
        "activities unless an officer is named.",
        chp_edit="open",
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Answerable",
        compute="_compute_responsible_user_id",
        store=True,
        index=True,
        help="Who receives the activities and reminders: the officer, else the team lead.",
        chp_edit="step",
    )
    target_date = fields.Date(
        tracking=True,
        index=True,
        help="Required before a senior manager can authorise.",
        string="Target date",
        chp_edit="open",
    )
    authorised_by_id = fields.Many2one(
        "res.users",
        string="Authorised by",
        readonly=True,
        copy=False,
        tracking=True,
        chp_edit="step",
        chp_how=_lt("Authorise"),
    )
    authorised_on = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        string="Authorised on",
        chp_edit="step",
        chp_how=_lt("Authorise"),
    )

    # --- Completion ----------------------------------------------------------------
    completion_date = fields.Date(
        tracking=True,
        copy=False,
        index=True,
        help="When the change was made.",
        string="Completed on",
        chp_edit="open",
        chp_how=_lt("Mark done (record it while the action is in progress)"),
    )
    evidence = fields.Html(
        string="Evidence of completion",
        copy=False,
        help="Required to mark the action done.",
        chp_edit="open",
    )
    completed_on_time = fields.Boolean(
        compute="_compute_completed_on_time",
        store=True,
        help="Completed on or before the target date.",
        string="Completed on time",
        chp_edit="step",
    )
    confirmed_by_id = fields.Many2one(
        "res.users",
        string="Completion confirmed by",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("Confirm completion"),
    )
    confirmed_on = fields.Date(
        string="Completion confirmed on",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("Confirm completion"),
    )

    # --- Monitoring ---------------------------------------------------------------
    monitoring_required = fields.Boolean(
        string="Monitor after completion",
        help="Watch the service area for a while after completion before closing.",
        chp_edit="open",
    )
    monitoring_start = fields.Date(
        readonly=True,
        copy=False,
        string="Monitoring from",
        chp_edit="step",
        chp_how=_lt("Confirm completion"),
    )
    monitoring_review_date = fields.Date(
        string="Review date",
        copy=False,
        help="When the monitoring result is reviewed.",
        chp_edit="open",
    )
    monitoring_result = fields.Selection(
        [("resolved", "Resolved"), ("not_resolved", "Not resolved")],
        readonly=True,
        copy=False,
        tracking=True,
        string="Monitoring result",
        chp_edit="step",
        chp_how=_lt("Resolved or Not resolved: new action"),
    )
    monitoring_notes = fields.Text(string="Review notes", copy=False, chp_edit="open")
    origin_action_id = fields.Many2one(
        "chp.improvement.action",
        string="Follows up",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
        help="The action whose monitoring found the issue not resolved.",
        chp_edit="step",
        chp_how=_lt("Not resolved: new action"),
    )
    follow_up_action_ids = fields.One2many(
        "chp.improvement.action",
        "origin_action_id",
        string="Follow-up actions",
        chp_edit="step",
        chp_how=_lt("Not resolved: new action"),
    )

    # --- Learning and "you said, we did" ----------------------------------------
    learning_points = fields.Html(
        help="What staff should learn from this; shared with them.",
        string="Learning points",
        chp_edit="open",
    )
    share_ids = fields.One2many(
        "chp.learning.share",
        "action_id",
        string="Shared with",
        chp_edit="step",
        chp_how=_lt("Share learning"),
    )
    public_you_said = fields.Text(
        string="You said",
        help="What customers told us, for publication: no names or other personal data.",
        chp_edit="open",
    )
    public_we_did = fields.Text(
        string="We did",
        help="What changed, for publication: no names or other personal data.",
        chp_edit="open",
    )
    is_published = fields.Boolean(
        string="Published",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        chp_edit="step",
        chp_how=_lt("Publish 'you said, we did' or Withdraw summary"),
    )
    published_on = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        string="Published on",
        chp_edit="step",
        chp_how=_lt("Publish 'you said, we did' or Withdraw summary"),
    )

    # --- Reminder flags (each reminder is sent once per target date) ------------
    target_reminder_sent = fields.Boolean(
        readonly=True,
        copy=False,
        string="Target reminder sent",
        chp_edit="step",
        chp_how=_lt("a new target date (the daily reminders set it)"),
    )
    late_escalation_sent = fields.Boolean(
        readonly=True,
        copy=False,
        string="Late escalation sent",
        chp_edit="step",
        chp_how=_lt("a new target date (the daily reminders set it)"),
    )

    # --- What the current user may do (hides buttons they could not use) -------
    user_can_write = fields.Boolean(
        compute="_compute_user_can",
        help="The current user may change this action (access rights and record rules).",
        string="Can edit",
    )
    user_can_update = fields.Boolean(
        compute="_compute_user_can",
        help="The current user may move this action on (start it, mark it done): its "
        "owner, a member of its team or a senior manager, with the right to change it.",
        string="Can update",
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

    # --- The write path: what a plain save may change ---------------------------
    # Each field says its rule where it is declared (``chp_edit=``, and
    # ``chp_how=`` for the button the refusal names; see chp_complaints'
    # ``chp_field_policy``): the sets below are read from the declarations.
    @property
    def _chp_descriptive_fields(self):
        """Stored fields a plain save (form, RPC ``write``/``create``,
        import) may change (``chp_edit="open"``), subject to
        :meth:`_chp_check_plain_write` (who may change the owner, the
        target date, the completion date, a published summary), and the
        chatter's. Every other stored field is written only inside a step of
        the procedure."""
        return frozenset(self._chp_fields_with("open") | MAIL_FIELDS)

    @property
    def _chp_creation_fields(self):
        """What a new action may also be given: its company, the day it was
        proposed (not in the future) and its first stage (a "proposed" one)."""
        return self._chp_descriptive_fields | self._chp_fields_with("create", "column")

    @property
    def _chp_transition_fields(self):
        """Stored fields written only by a step of the procedure (inside
        ``tools.transition``/``creating``) or by the ORM itself."""
        return frozenset(ORM_FIELDS | self._chp_fields_with("step", "create", "column"))

    def _chp_refuse_fields(self, names):
        """A UserError naming the fields and the button that changes them."""
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        other = self.env._("the buttons in the header")
        steps = sorted({self._chp_how(name) or other for name in names})
        return UserError(
            self.env._(
                "%(fields)s of an improvement action can't be changed by saving it: use %(steps)s.",
                fields=labels,
                steps=self.env._(" or ").join(steps),
            )
        )

    def _chp_check_plain_write(self, vals):
        """A plain save: only descriptive fields (a stage change is routed to
        its transition by :meth:`write`), and who may change what:

        - once authorised, the owner and target date are the authoriser's
          decision: senior managers only;
        - the completion date is recorded while the action is in progress
          (Mark done then takes it);
        - a published "you said, we did" summary is changed by a senior
          manager (publishing is theirs)."""
        refused = set(vals) - self._chp_descriptive_fields - {"stage_id"}
        if refused:
            raise self._chp_refuse_fields(refused)
        if {"owner_user_id", "team_id", "target_date"} & set(vals) and any(
            action.state != "proposed" for action in self
        ):
            check_role(self.env, SENIOR, _("change the owner or target date once authorised"))
        if "completion_date" in vals and any(action.state != "in_progress" for action in self):
            raise self._chp_refuse_fields({"completion_date"})
        if {"public_you_said", "public_we_did"} & set(vals) and any(self.mapped("is_published")):
            check_role(self.env, SENIOR, _("change a published 'you said, we did' summary"))

    def _chp_check_plain_create(self, vals_list):
        """A plain create: a proposed action with descriptive values, its
        company and a day proposed that is not in the future."""
        today = fields.Date.context_today(self)
        for vals in vals_list:
            refused = set(vals) - self._chp_creation_fields
            if vals.get("completion_date"):
                refused.add("completion_date")
            if refused:
                raise self._chp_refuse_fields(refused)
            if vals.get("date_raised") and fields.Date.to_date(vals["date_raised"]) > today:
                raise UserError(_("An improvement action can't be proposed in the future."))
            stage = self.env["chp.improvement.stage"].browse(vals.get("stage_id"))
            if stage and stage.sudo().state != "proposed":
                raise self._chp_starts_proposed()

    @api.model_create_multi
    def create(self, vals_list):
        marked = in_creation(self.env, self._name)
        if not marked:
            self._chp_check_plain_create(vals_list)
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("chp.improvement.action") or "/"
                )
        actions = super().create(vals_list)
        if not marked and any(action.state != "proposed" for action in actions):
            raise self._chp_starts_proposed()
        return actions

    def _chp_starts_proposed(self):
        return UserError(
            _("A new improvement action starts as proposed: a senior manager then authorises it.")
        )

    def write(self, vals):
        if not self or in_transition(self):
            return super().write(vals)
        self._chp_check_plain_write(vals)
        vals = dict(vals)
        stage = self.env["chp.improvement.stage"]
        if "stage_id" in vals:
            if not vals["stage_id"]:
                raise self._chp_refuse_fields({"stage_id"})
            stage = stage.browse(vals.pop("stage_id"))
        if "target_date" in vals:
            # A new target date re-arms the reminders, whatever else is saved.
            vals.update(target_reminder_sent=False, late_escalation_sent=False)
        if vals:
            super().write(vals)
            if "target_date" in vals:
                self._on_target_date_changed()
        if stage:
            for action in self:
                action._move_to_stage(stage)
        return True

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("chp_learning.mt_improvement_action_stage")
        return super()._track_subtype(init_values)
