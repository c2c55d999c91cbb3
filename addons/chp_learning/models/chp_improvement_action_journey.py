from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.models.working_days import working_days_between
from odoo.addons.chp_complaints.tools.roles import ADMIN, SENIOR, check_role, has_role
from odoo.addons.chp_complaints.tools.transition import creating, transition
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

# The states in which an action is being carried out (its target date runs).
OPEN_STATES = ("authorised", "in_progress")
ACT_TARGET = "chp_learning.mail_activity_type_improvement_target"
ACT_CONFIRM = "chp_learning.mail_activity_type_improvement_confirm"
ACT_REVIEW = "chp_learning.mail_activity_type_improvement_review"
ALL_ACTIVITIES = [ACT_TARGET, ACT_CONFIRM, ACT_REVIEW]

# Which transition method a stage change (kanban drag) from one state to
# another stands for; moving to "cancelled" always means action_cancel.
DRAG_TRANSITIONS = {
    ("proposed", "authorised"): "action_authorise",
    ("authorised", "in_progress"): "action_start",
    ("in_progress", "done"): "action_done",
    ("done", "monitoring"): "action_confirm",
    ("done", "closed"): "action_confirm",
    ("monitoring", "closed"): "action_review_resolved",
}


class ChpImprovementAction(models.Model):
    """The journey of an improvement action: one method per transition. Each
    checks the minimum standard and who may act (segregation of duties: the
    proposer does not authorise; authorising, confirming completion, closing
    and publishing are senior managers' steps), then writes inside
    ``tools.transition``, schedules the activities and posts to the chatter.
    Buttons, kanban drags, the status bar and demo data all go through
    them."""

    _inherit = "chp.improvement.action"

    # --- Helpers ---------------------------------------------------------------
    def _set_state(self, state, **vals):
        stage = self._stage_for_state(state)
        self._transition_write(dict(vals, stage_id=stage.id))

    def _transition_write(self, vals):
        """Write ``vals`` as a step of the procedure."""
        with transition(self):
            self.write(vals)

    def _check_state(self, allowed, message):
        for action in self:
            if action.state not in allowed:
                raise UserError(message % {"ref": action.reference})

    def _check_senior(self, what):
        check_role(self.env, SENIOR, what)

    def _check_not_proposer(self):
        """Segregation of duties: who proposed an action does not authorise it."""
        if self.env.su:
            return
        for action in self:
            if action.create_uid == self.env.user:
                raise AccessError(
                    _(
                        "You proposed %(ref)s: another senior manager must authorise it.",
                        ref=action.reference,
                    )
                )

    def _check_owner_or_senior(self):
        user = self.env.user
        if has_role(self.env, SENIOR):
            return
        for action in self:
            if user != action.owner_user_id and user not in action.team_id.member_ids:
                raise AccessError(
                    _(
                        "Only the owner of %(ref)s or a senior manager can update its progress.",
                        ref=action.reference,
                    )
                )

    def _owner_partners(self):
        self.ensure_one()
        return (self.owner_user_id | self.team_id.member_ids).partner_id

    def _move_to_stage(self, stage):
        """A stage change not made by a transition method (e.g. a kanban drag)."""
        self.ensure_one()
        if stage.state != self.state:
            if stage.state == "cancelled":
                self.action_cancel()
            else:
                method = DRAG_TRANSITIONS.get((self.state, stage.state))
                if not method:
                    raise UserError(
                        _(
                            "%(ref)s can't go from '%(from)s' to '%(to)s' directly.",
                            ref=self.reference,
                            **{"from": self.stage_id.name, "to": stage.name},
                        )
                    )
                getattr(self, method)()
            if self.state != stage.state:
                raise UserError(
                    _(
                        "%(ref)s went to '%(stage)s' instead (it is monitored after "
                        "completion); review it from there.",
                        ref=self.reference,
                        stage=self.stage_id.name,
                    )
                )
        if self.stage_id != stage:
            self._transition_write({"stage_id": stage.id})

    def _on_target_date_changed(self):
        """A new target date moves the owner's activity and re-arms the reminders."""
        for action in self.filtered(lambda a: a.state in ("authorised", "in_progress")):
            if action.target_date:
                action.activity_reschedule([ACT_TARGET], date_deadline=action.target_date)

    # --- Transitions ------------------------------------------------------------------
    def action_authorise(self):
        """Proposed -> authorised: a senior manager accepts the action with an
        owner and a target date, and the owner gets an activity for that date."""
        self._check_senior(_("authorise an improvement action"))
        self._check_state(["proposed"], _("%(ref)s is not waiting for authorisation."))
        self._check_not_proposer()
        for action in self:
            missing = []
            if not action.owner_user_id and not action.team_id:
                missing.append(_("an owner (officer or team)"))
            if not action.target_date:
                missing.append(_("a target date"))
            if action.source == "complaint" and not action.complaint_ids:
                missing.append(_("the complaint(s) it answers"))
            if action.source == "trend" and not action.trend_description:
                missing.append(_("the trend it answers"))
            if missing:
                raise UserError(
                    _(
                        "Before %(ref)s can be authorised it needs %(missing)s.",
                        ref=action.reference,
                        missing=", ".join(missing),
                    )
                )
        today = fields.Date.context_today(self)
        self._set_state(
            "authorised",
            authorised_by_id=self.env.user.id,
            authorised_on=today,
            target_reminder_sent=False,
            late_escalation_sent=False,
        )
        for action in self:
            action.message_subscribe(partner_ids=action._owner_partners().ids)
            action.activity_schedule(
                ACT_TARGET,
                date_deadline=action.target_date,
                summary=_("Improvement action due: %s", action.name),
                user_id=action.responsible_user_id.id,
            )
        return True

    def action_start(self):
        """Authorised -> in progress, by the owner or a senior manager."""
        for action in self:
            if action.state == "proposed":
                raise UserError(
                    _(
                        "%(ref)s can't start before a senior manager authorises it.",
                        ref=action.reference,
                    )
                )
        self._check_state(["authorised"], _("%(ref)s is not authorised and waiting to start."))
        self._check_owner_or_senior()
        self._set_state("in_progress")
        return True

    def action_done(self):
        """In progress -> done: the owner records the completion date and the
        evidence; the authoriser is asked to confirm."""
        self._check_state(["in_progress"], _("%(ref)s is not in progress."))
        self._check_owner_or_senior()
        for action in self:
            if is_html_empty(action.evidence):
                raise UserError(
                    _("Record the evidence that %(ref)s was done first.", ref=action.reference)
                )
        today = fields.Date.context_today(self)
        for action in self:
            action._set_state("done", completion_date=action.completion_date or today)
            action.activity_feedback([ACT_TARGET])
            action.activity_schedule(
                ACT_CONFIRM,
                summary=_("Confirm completion: %s", action.name),
                user_id=action.authorised_by_id.id,
            )
        return True

    def action_confirm(self):
        """Done -> monitoring (when monitored) or closed: the authorising
        manager confirms the completion."""
        self._check_senior(_("confirm that an improvement action is complete"))
        self._check_state(["done"], _("%(ref)s is not marked done."))
        user = self.env.user
        today = fields.Date.context_today(self)
        for action in self:
            if user != action.authorised_by_id and not has_role(self.env, ADMIN):
                raise AccessError(
                    _(
                        "%(name)s authorised %(ref)s and confirms its completion.",
                        name=action.authorised_by_id.name,
                        ref=action.reference,
                    )
                )
            vals = {"confirmed_by_id": user.id, "confirmed_on": today}
            if action.monitoring_required:
                if not action.monitoring_review_date or action.monitoring_review_date < today:
                    raise UserError(
                        _("Set a review date for monitoring %(ref)s.", ref=action.reference)
                    )
                action._set_state("monitoring", monitoring_start=today, **vals)
                action.activity_schedule(
                    ACT_REVIEW,
                    date_deadline=action.monitoring_review_date,
                    summary=_("Review monitoring: %s", action.name),
                    user_id=action.authorised_by_id.id,
                )
            else:
                action._set_state("closed", **vals)
            action.activity_feedback([ACT_CONFIRM])
        return True

    def _close_monitoring(self, result):
        """Monitoring -> closed with the review's ``result``: the one step
        behind both review buttons (senior manager, monitored actions only)."""
        self._check_senior(_("record the result of monitoring"))
        self._check_state(["monitoring"], _("%(ref)s is not being monitored."))
        self._set_state("closed", monitoring_result=result)
        self.activity_feedback([ACT_REVIEW])

    def action_review_resolved(self):
        """Monitoring -> closed: the issue did not come back."""
        self._close_monitoring("resolved")
        return True

    def action_review_not_resolved(self):
        """Monitoring -> closed, and a new proposed action takes the issue on."""
        self._close_monitoring("not_resolved")
        new_actions = self.browse()
        for action in self:
            description = Markup("<p>%s</p>%s") % (
                _("Monitoring of %s found the issue not resolved.", action.reference),
                action.description or "",
            )
            # The follow-up is raised by this step: it names its origin.
            with creating(self.env, self._name):
                new = action.copy(
                    {
                        "origin_action_id": action.id,
                        "target_date": False,
                        "description": description,
                    }
                )
            action.message_post(body=_("Not resolved: follow-up action %s raised.", new.reference))
            new_actions |= new
        if len(new_actions) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": new_actions.id,
                "view_mode": "form",
                "target": "current",
            }
        return True

    def action_cancel(self):
        self._check_senior(_("cancel an improvement action"))
        self._check_state(
            ["proposed", "authorised", "in_progress", "done", "monitoring"],
            _("%(ref)s is already closed or cancelled."),
        )
        self.activity_unlink(ALL_ACTIVITIES)
        self._set_state("cancelled")
        return True

    def action_publish(self):
        """Publish the "you said, we did" line once the change is made."""
        self._check_senior(_("publish a 'you said, we did' summary"))
        self._check_state(
            ["done", "monitoring", "closed"],
            _("Publish what %(ref)s did once it is done."),
        )
        for action in self:
            if not (action.public_you_said and action.public_we_did):
                raise UserError(
                    _(
                        "Write both 'You said' and 'We did' for %(ref)s before publishing.",
                        ref=action.reference,
                    )
                )
        self._transition_write(
            {"is_published": True, "published_on": fields.Date.context_today(self)}
        )
        return True

    def action_unpublish(self):
        self._check_senior(_("withdraw a 'you said, we did' summary"))
        self._transition_write({"is_published": False, "published_on": False})
        return True

    def action_open_share_wizard(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": _("Share learning"),
            "res_model": "chp.learning.share.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    # --- Demo data ----------------------------------------------------------------
    @api.model
    def _chp_demo_step(self, xmlid, method, user_xmlid, backdate=None):
        """Demo data: take the step ``method`` on the action ``xmlid`` as the
        user who would take it, then move the dates it recorded (``backdate``:
        e.g. ``published_on``) into the past, so that the demo has history.
        Only callable from data files (private method)."""
        action = self.env.ref(xmlid)
        user = self.env.ref(user_xmlid)
        getattr(action.with_user(user), method)()
        if backdate:
            action._transition_write(backdate)
        return True

    # --- Reminders -------------------------------------------------------------
    # The daily reminders of the minimum standard: the owner is reminded once
    # when the target date passes, and the authorising manager is told once
    # when the action is more than the company's allowed number of working
    # days late. The flags they set are reset by ``write()`` when the target
    # date moves.
    @api.model
    def _cron_target_reminders(self):
        today = fields.Date.context_today(self)
        self._remind_owners(today)
        late = [
            ("state", "in", OPEN_STATES),
            ("target_date", "<", today),
            ("late_escalation_sent", "=", False),
        ]
        for (company,) in self._read_group(late, ["company_id"]):
            self._escalate_late(company, today)

    @api.model
    def _remind_owners(self, today):
        actions = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("target_date", "<", today),
                ("target_reminder_sent", "=", False),
            ]
        )
        for action in actions:
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=_("Target date passed: %s", action.name),
                note=_(
                    "The target date of %(ref)s was %(date)s. Complete it, or ask the "
                    "authorising manager to agree a new target date.",
                    ref=action.reference,
                    date=action.target_date,
                ),
                user_id=action.responsible_user_id.id,
            )
        with transition(actions):
            actions.write({"target_reminder_sent": True})
        return actions

    @api.model
    def _escalate_late(self, company, today):
        allowed = company.chp_learning_late_days
        # Working days never outnumber calendar days: this bound lets the
        # database discard every action that cannot be late enough yet.
        candidates = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "in", OPEN_STATES),
                ("target_date", "<", today - timedelta(days=allowed)),
                ("late_escalation_sent", "=", False),
            ]
        )
        calendar = company._chp_calendar()
        late_by_day = {}
        escalated = self.browse()
        for action in candidates:
            day = action.target_date
            if day not in late_by_day:
                late_by_day[day] = working_days_between(calendar, day, today)
            if late_by_day[day] <= allowed:
                continue
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=_("Improvement action late: %s", action.name),
                note=_(
                    "%(ref)s is %(days)s working days past its target date %(date)s.",
                    ref=action.reference,
                    days=late_by_day[day],
                    date=action.target_date,
                ),
                user_id=(action.authorised_by_id or action.responsible_user_id).id,
            )
            escalated |= action
        with transition(escalated):
            escalated.write({"late_escalation_sent": True})
        return escalated
