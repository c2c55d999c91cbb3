"""The procedure's steps of a complaint: one method per step, a change of
kanban column running the step it stands for, and the reminders of the
clocks (the deadline activities and the daily overdue check)."""

from collections import defaultdict
from datetime import datetime, time

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.formats import uk_date
from ..tools.roles import ADMIN, LIAISON, SENIOR, check_role
from ..tools.transition import transition
from .chp_complaint_stage import COMPLAINT_STATES, OPEN_STATES
from .working_days import add_working_days, working_days_between

ACTIVITY_TYPES = {
    "stage1": "chp_complaints.mail_activity_type_chp_stage1",
    "stage2_ack": "chp_complaints.mail_activity_type_chp_stage2_ack",
    "stage2": "chp_complaints.mail_activity_type_chp_stage2",
    "signoff": "chp_complaints.mail_activity_type_chp_signoff",
}


class ChpComplaintJourney(models.Model):
    """The journey of a complaint: one method per step. Buttons, the kanban
    drag and the status bar (through ``write``, see "Changes of column"),
    the history import and the tests all go through these methods, so the
    rules hold whatever the way in. Each step writes inside
    ``tools.transition`` (``_chp_transition_write``), which is what lets
    ``write`` accept the figures a plain save may not change.

    What follows a step on the customer's side (the letter, then the
    satisfaction survey) is not written here: the letter the handler sends
    from the composer calls ``_chp_letter_sent`` (``chp_complaint_customer``),
    the one extension point of the letters."""

    _inherit = "chp.complaint"

    # --- Helpers ------------------------------------------------------------------
    def _chp_today(self):
        return fields.Date.context_today(self)

    def _chp_stage_for(self, state):
        """The column to put a complaint in: the one it was dropped on when
        it stands for ``state``, otherwise the first column of ``state``."""
        Stage = self.env["chp.complaint.stage"]
        target = Stage.browse(self.env.context.get("chp_target_stage_id"))
        if target.exists() and target.state == state:
            return target
        stage = Stage.search([("state", "=", state)], limit=1)
        if not stage:
            raise UserError(_("No kanban column stands for the step “%s”.", state))
        return stage

    def _chp_move(self, state, vals):
        vals = dict(vals, stage_id=self._chp_stage_for(state).id)
        return self._chp_transition_write(vals)

    def _chp_require(self, states, button):
        for complaint in self:
            if complaint.state not in states:
                raise UserError(
                    _(
                        "%(ref)s is at “%(stage)s”: “%(button)s” does not apply there.",
                        ref=complaint.name,
                        stage=complaint.stage_id.name,
                        button=button,
                    )
                )

    def _chp_require_breakdown(self, button):
        """Closing a stage needs the service and the root cause (a setting,
        on by default), so that the breakdowns of every figure are complete."""
        self.filtered("company_id.chp_require_breakdown")._chp_require_fields(
            ["service_id", "root_cause_id"], button
        )

    def _chp_require_fields(self, fnames, button):
        for complaint in self:
            missing = [complaint._fields[f].string for f in fnames if not complaint[f]]
            if missing:
                raise UserError(
                    _(
                        "%(ref)s: fill in %(fields)s before “%(button)s”.",
                        ref=complaint.name,
                        fields=", ".join(missing),
                        button=button,
                    )
                )

    @api.model
    def _chp_check_senior(self, user, what):
        """Extensions, sign-off and reopening need a senior manager's authority."""
        check_role(self.env, SENIOR, what, user=user)

    def _chp_step_day(self, day, what):
        """The day a step is recorded on: today, unless a complaints
        administrator (the history import, "Correct dates") gives another,
        never in the future. The action methods are public (buttons, RPC):
        without this, any handler could back-date a closure by RPC."""
        today = self._chp_today()
        day = fields.Date.to_date(day) if day else today
        if day > today:
            raise UserError(
                _("%(what)s can't be in the future (%(day)s).", what=what, day=uk_date(day))
            )
        if day != today:
            check_role(self.env, ADMIN, _("record a step of the procedure on a past date"))
        return day

    # --- Transitions --------------------------------------------------------------
    def action_start_stage1(self):
        """Frontline response: the stage 1 clock already runs from receipt."""
        self._chp_require(("new",), _("Start stage 1"))
        return self._chp_move("stage1", {})

    def action_start_stage2_direct(self):
        """Complex, serious or high-risk complaint: straight to stage 2,
        which starts on the day of receipt."""
        self._chp_require(("new",), _("Go to stage 2"))
        for complaint in self:
            complaint._chp_move(
                "stage2",
                {
                    "stage2_route": "direct",
                    "stage2_date_start": complaint.date_received_day,
                    "investigator_id": complaint.investigator_id.id or complaint.user_id.id,
                    "stage1_extended_deadline": False,
                    "stage1_extension_reason": False,
                    "stage1_extension_user_id": False,
                    "stage1_extension_customer_told": False,
                },
            )
        self._chp_close_activities(["stage1"])
        self._chp_schedule_clock_activities()
        return True

    def action_close_stage1(self, date_closed=None):
        """Stage 1 response given: outcome, action and closing date (today
        unless given, e.g. by the import)."""
        button = _("Close stage 1")
        self._chp_require(("new", "stage1"), button)
        self._chp_require_fields(["stage1_outcome", "stage1_action"], button)
        self._chp_require_breakdown(button)
        for complaint in self:
            if complaint.stage2_route:
                raise UserError(_("%s is a stage 2 complaint.", complaint.name))
            day = self._chp_step_day(date_closed, _("The stage 1 closing date"))
            complaint._chp_move("closed", {"stage1_date_closed": day})
        self._chp_close_activities(["stage1"])
        return True

    def action_escalate(self, date_start=None):
        """The customer is still dissatisfied after stage 1: stage 2 starts on
        the escalation date. An open stage 1 closes on that same day, so it
        needs its outcome and action first."""
        button = _("Escalate")
        self._chp_require(("new", "stage1", "closed"), button)
        for complaint in self:
            if complaint.stage2_route:
                raise UserError(_("%s has already been at stage 2.", complaint.name))
            if complaint.state != "closed" or not complaint.stage1_date_closed:
                complaint._chp_require_fields(["stage1_outcome", "stage1_action"], button)
                complaint._chp_require_breakdown(button)
            day = self._chp_step_day(date_start, _("The escalation date"))
            complaint._chp_move(
                "stage2",
                {
                    "stage2_route": "escalated",
                    "stage2_date_start": day,
                    "stage1_date_closed": complaint.stage1_date_closed or day,
                    "investigator_id": complaint.investigator_id.id or complaint.user_id.id,
                },
            )
        self._chp_close_activities(["stage1"])
        self._chp_schedule_clock_activities()
        return True

    def _chp_decline_stage2(self, reason, user=None):
        """The customer asked for stage 2 after the stage 1 decision and a
        senior manager decided not to investigate (the model procedure: say
        why, and signpost the SPSO). The complaint stays closed at stage 1,
        so no figure changes; "Escalate" remains possible if we change our
        mind (an SPSO request, say)."""
        user = user or self.env.user
        self._chp_require(("closed",), _("Decline to investigate"))
        self._chp_check_senior(user, _("decline to investigate a complaint"))
        if not (reason or "").strip():
            raise UserError(
                _("Say why we will not investigate: the customer reads it in our letter.")
            )
        for complaint in self:
            if complaint.stage2_route:
                raise UserError(_("%s has already been at stage 2.", complaint.name))
            if complaint.stage2_declined_date:
                raise UserError(_("We have already decided not to investigate %s.", complaint.name))
            complaint._chp_transition_write(
                {
                    "stage2_declined_date": self._chp_today(),
                    "stage2_declined_reason": reason.strip(),
                    "stage2_declined_user_id": user.id,
                }
            )
            complaint.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (_("%s decided not to investigate at stage 2.", user.name), reason.strip())
            )
        return True

    def action_acknowledge(self, date_ack=None):
        """Stage 2 acknowledged (today unless a date is given or filled in)."""
        self._chp_require(("stage2",), _("Acknowledge"))
        for complaint in self:
            if complaint.stage2_ack_date:
                raise UserError(
                    _(
                        "%(ref)s was acknowledged on %(day)s.",
                        ref=complaint.name,
                        day=uk_date(complaint.stage2_ack_date),
                    )
                )
            day = self._chp_step_day(date_ack, _("The acknowledgement date"))
            complaint._chp_transition_write({"stage2_ack_date": day})
        self._chp_close_activities(["stage2_ack"])
        return True

    def action_signoff_close(self):
        """The current user signs off the final position and closes stage 2."""
        return self._signoff_close(self.env.user)

    def _signoff_close(self, signer, date_closed=None, signoff_date=None):
        button = _("Sign off and close")
        signer = self.env["res.users"].browse(signer) if isinstance(signer, int) else signer
        self._chp_require(("stage2",), button)
        self._chp_check_senior(signer, _("sign off a stage 2 response"))
        self._chp_require_fields(["stage2_outcome", "stage2_action", "stage2_ack_date"], button)
        self._chp_require_breakdown(button)
        for complaint in self:
            if (
                signer == complaint.investigator_id
                and not complaint.company_id.chp_signoff_allow_investigator
            ):
                raise UserError(
                    _(
                        "%s: the investigator can't sign off their own investigation; "
                        "ask another senior manager.",
                        complaint.name,
                    )
                )
            day = self._chp_step_day(date_closed, _("The stage 2 closing date"))
            complaint._chp_move(
                "closed",
                {
                    "stage2_date_closed": day,
                    "signoff_user_id": signer.id,
                    "signoff_date": signoff_date
                    or (
                        fields.Datetime.now()
                        if day == self._chp_today()
                        else datetime.combine(day, time(12, 0))
                    ),
                },
            )
        self._chp_close_activities(["stage2_ack", "stage2", "signoff"])
        return True

    def _apply_extension(self, new_deadline, reason, authoriser, customer_date=None):
        """Extend the open stage. Stage 1: at most the company's maximum of
        extra working days; stage 2: any later date. Both need a reason and a
        senior manager's authority."""
        self.ensure_one()
        if isinstance(authoriser, int):
            authoriser = self.env["res.users"].browse(authoriser)
        self._chp_require(OPEN_STATES, _("Extend"))
        self._chp_check_senior(authoriser, _("authorise an extension"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the extension."))
        stage = "stage2" if self.state == "stage2" else "stage1"
        self._chp_check_extension(stage, new_deadline)
        customer_field = (
            "stage1_extension_customer_told"
            if stage == "stage1"
            else "stage2_extension_customer_agreed"
        )
        self._chp_transition_write(
            {
                f"{stage}_extended_deadline": new_deadline,
                f"{stage}_extension_reason": reason,
                f"{stage}_extension_user_id": authoriser.id,
                customer_field: customer_date or False,
            }
        )
        self.activity_reschedule([self._chp_activity_xmlid(stage)], date_deadline=new_deadline)
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                _(
                    "Deadline extended to %(day)s, authorised by %(user)s.",
                    day=uk_date(new_deadline),
                    user=authoriser.name,
                ),
                reason,
            )
        )
        return True

    def _chp_check_extension(self, stage, new_deadline):
        """An extended deadline comes after the stage's standard deadline,
        and a stage 1 extension adds at most the company's maximum of
        working days (the extension step and "Correct dates" alike)."""
        self.ensure_one()
        standard = self[f"{stage}_deadline"]
        if not new_deadline or new_deadline <= standard:
            raise UserError(
                _(
                    "%(ref)s: the extended deadline must be later than the standard deadline "
                    "(%(standard)s).",
                    ref=self.name,
                    standard=standard,
                )
            )
        if stage == "stage1":
            extra = working_days_between(self._chp_cal(), standard, new_deadline)
            allowed = self.company_id.chp_stage1_extension_max
            if extra > allowed:
                raise UserError(
                    _(
                        "A stage 1 extension may add at most %(allowed)s working days; "
                        "this one adds %(extra)s. Escalate to stage 2 instead.",
                        allowed=allowed,
                        extra=extra,
                    )
                )

    def _chp_extend_by(self, extra_working_days, reason, authoriser, customer_date=None):
        """Extend the open stage by a number of working days after its
        standard deadline (for demo data and scripts, which can't count
        working days themselves)."""
        for complaint in self:
            stage = "stage2" if complaint.state == "stage2" else "stage1"
            new_deadline = add_working_days(
                complaint._chp_cal(), complaint[f"{stage}_deadline"], extra_working_days
            )
            complaint._apply_extension(new_deadline, reason, authoriser, customer_date)
        return True

    def _reopen(self, reason, user=None):
        """A closed complaint back to the stage it closed at; only a senior
        manager may, and the reason goes to the chatter."""
        user = user or self.env.user
        self._chp_require(("closed",), _("Reopen"))
        self._chp_check_senior(user, _("reopen a closed complaint"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for reopening the complaint."))
        for complaint in self:
            if complaint.stage2_route:
                vals = {
                    "stage2_date_closed": False,
                    "signoff_user_id": False,
                    "signoff_date": False,
                }
                complaint._chp_move("stage2", vals)
            else:
                complaint._chp_move("stage1", {"stage1_date_closed": False})
            complaint.message_post(
                body=Markup("<p>%s</p><p>%s</p>") % (_("Reopened by %s.", user.name), reason)
            )
        self._chp_schedule_clock_activities()
        return True

    # --- The SPSO -----------------------------------------------------------------
    def _chp_refer_spso(self, date_referred, reference, reason):
        """The customer took the closed complaint to the SPSO: the referral
        places the SPSO hold, so only the liaison officer or a complaints
        administrator records it, with a reason in the chatter."""
        check_role(self.env, (LIAISON, ADMIN), _("record an SPSO referral"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason."))
        day = fields.Date.to_date(date_referred) if date_referred else False
        if not day or day > self._chp_today():
            raise UserError(_("Give the day of the referral (not in the future)."))
        for complaint in self:
            if complaint.spso_referred:
                raise UserError(_("%s is already referred to the SPSO.", complaint.name))
            if complaint.state != "closed":
                raise UserError(
                    _(
                        "%s is still open: a customer goes to the SPSO once the procedure "
                        "is complete.",
                        complaint.name,
                    )
                )
            complaint._chp_transition_write(
                {
                    "spso_referred": True,
                    "spso_date_referred": day,
                    "spso_reference": reference or complaint.spso_reference,
                }
            )
            complaint.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (_("Referred to the SPSO on %s.", uk_date(day)), reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _chp_withdraw_spso(self, reason):
        """A referral recorded in error: lifts the SPSO hold."""
        check_role(self.env, (LIAISON, ADMIN), _("withdraw an SPSO referral"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason."))
        for complaint in self:
            if not complaint.spso_referred:
                raise UserError(_("%s is not referred to the SPSO.", complaint.name))
            complaint._chp_transition_write({"spso_referred": False, "spso_date_referred": False})
            complaint.message_post(
                body=Markup("<p>%s</p><p>%s</p>") % (_("SPSO referral withdrawn."), reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # --- Casework notes ------------------------------------------------------------
    def action_chp_note_child_discussion(self):
        """The chatter's composer, for a note of a discussion with the child
        or young person the complaint involves: a note type of its own
        (internal: never on the tracking page), which the chatter can be
        filtered by."""
        self.ensure_one()
        if self.child_involvement == "none":
            raise UserError(
                _("%s involves no child or young person: log a note in the chatter.", self.name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Discussion with the child"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_composition_mode": "comment",
                "default_message_type": "comment",
                "default_subtype_xmlid": "chp_complaints.mt_chp_child_discussion",
            },
        }

    # --- Changes of column --------------------------------------------------------
    # Kanban drags, status bar clicks and quick creates in a column: a change
    # of column runs the step it stands for, with the same checks as the
    # buttons, or says which button to use.
    def _chp_transition_write(self, vals):
        """Write as a step of the procedure: the column may change and the
        fields only steps write may be set (``tools.transition``)."""
        with transition(self):
            return self.write(vals)

    def _chp_route_write(self, vals):
        """Called by ``write`` for a plain save that changes the column
        (already checked by ``_chp_check_plain_write``): the other values are
        written first, then each complaint moves through its transition."""
        vals = dict(vals)
        stage = self.env["chp.complaint.stage"].browse(vals.pop("stage_id"))
        if vals:
            self.write(vals)
        same = self.filtered(lambda c: c.state == stage.state)
        if same:
            same._chp_transition_write({"stage_id": stage.id})
        for complaint in self - same:
            complaint.with_context(chp_target_stage_id=stage.id)._chp_route_to(stage.state)
        return True

    def _chp_route_created(self):
        """A complaint created straight into a stage 2 column (kanban quick
        create) goes there through its transition, like a drag."""
        new_stage = self._chp_stage_for("new")
        for complaint in self:
            target = complaint.stage_id
            if target.state in ("stage2", "closed") and not complaint.stage2_route:
                if complaint.state == "closed" and complaint.stage1_date_closed:
                    continue
                complaint._chp_transition_write({"stage_id": new_stage.id})
                complaint.with_context(chp_target_stage_id=target.id)._chp_route_to(target.state)

    def _chp_route_to(self, state):
        self.ensure_one()
        current = self.state
        if current == "closed":
            if state == "stage2" and not self.stage2_route:
                return self.action_escalate()
            raise UserError(
                _("%s is closed: a senior manager can reopen it with “Reopen”.", self.name)
            )
        routes = {
            ("new", "stage1"): self.action_start_stage1,
            ("new", "stage2"): self.action_start_stage2_direct,
            ("new", "closed"): self.action_close_stage1,
            ("stage1", "closed"): self.action_close_stage1,
            ("stage1", "stage2"): self.action_escalate,
            ("stage2", "closed"): self.action_signoff_close,
        }
        method = routes.get((current, state))
        if not method:
            raise UserError(
                _(
                    "%(ref)s can't go back from “%(from)s” to “%(to)s”.",
                    ref=self.name,
                    **{"from": dict(COMPLAINT_STATES)[current]},
                    to=dict(COMPLAINT_STATES)[state],
                )
            )
        return method()

    # --- Reminders of the clocks --------------------------------------------------
    # An activity for the responsible user at each deadline, and the daily
    # overdue check that tells the handler and the service manager once per
    # overdue episode.
    @api.model
    def _chp_activity_xmlid(self, key):
        return ACTIVITY_TYPES[key]

    def _chp_close_activities(self, keys):
        return self.activity_feedback([ACTIVITY_TYPES[k] for k in keys])

    def _chp_schedule_clock_activities(self):
        """One activity per running deadline, for the handler at stage 1 and
        the investigator (or handler) at stage 2; existing ones are kept.

        Batched for bulk creation: one search for the existing activities of
        the whole set, and one ``activity_schedule`` per (type, deadline,
        user) instead of one per complaint. The assignee is emailed about the
        activity as usual, unless the context says not to notify assignees
        (``mail_auto_subscribe_no_notify``)."""
        todo = defaultdict(list)
        for complaint in self:
            if complaint.state in ("new", "stage1") and not complaint.stage1_date_closed:
                wanted = [("stage1", complaint.deadline, complaint.user_id)]
            elif complaint.state == "stage2":
                user = complaint.investigator_id or complaint.user_id
                wanted = [("stage2", complaint.deadline, user)]
                if not complaint.stage2_ack_date:
                    wanted.append(("stage2_ack", complaint.stage2_ack_deadline, user))
            else:
                wanted = []
            for key, deadline, user in wanted:
                if deadline and user:
                    todo[key, deadline, user].append(complaint.id)
        if not todo:
            return
        keys = {key for key, _deadline, _user in todo}
        existing = {
            (activity.res_id, activity.activity_type_id.id)
            for activity in self.activity_search([ACTIVITY_TYPES[k] for k in keys])
        }
        type_ids = {k: self.env.ref(ACTIVITY_TYPES[k]).id for k in keys}
        scheduler = self
        if self.env.context.get("mail_auto_subscribe_no_notify"):
            # The caller asked not to notify the people it assigns (imports,
            # bulk creation): no "assigned to you" email per activity either.
            scheduler = self.with_context(mail_activity_quick_update=True)
        for (key, deadline, user), ids in todo.items():
            # dict.fromkeys: a complaint listed twice in self gets one activity
            new_ids = dict.fromkeys(i for i in ids if (i, type_ids[key]) not in existing)
            complaints = scheduler.browse(list(new_ids))
            if complaints:
                complaints.activity_schedule(
                    ACTIVITY_TYPES[key], date_deadline=deadline, user_id=user.id
                )

    @api.model
    def _cron_check_overdue(self):
        """Refresh the day-dependent clocks of open complaints, then tell the
        people responsible about complaints that have just become overdue."""
        open_complaints = self.search([("state", "!=", "closed"), ("deadline", "!=", False)])
        for fname in ("is_overdue", "days_left"):
            self.env.add_to_compute(self._fields[fname], open_complaints)
        open_complaints.flush_recordset(["is_overdue", "days_left"])
        self.search(
            [("overdue_notified", "=", True), ("is_overdue", "=", False)]
        )._chp_transition_write({"overdue_notified": False})
        late = self.search([("is_overdue", "=", True), ("overdue_notified", "=", False)])
        for complaint in late:
            complaint._chp_notify_overdue()
        late._chp_transition_write({"overdue_notified": True})
        return late

    def _chp_notify_overdue(self):
        self.ensure_one()
        partners = (self.user_id | self.investigator_id | self.service_id.manager_id).partner_id
        self.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "%(ref)s is overdue: its deadline was %(day)s (%(days)s working days ago).",
                ref=self.name,
                day=uk_date(self.deadline),
                days=-self.days_left,
            ),
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _chp_follow_investigator(self):
        """The investigator works stage 2: assigning one (or another) hands
        them the open stage 2 activities and makes them a follower."""
        for complaint in self:
            investigator = complaint.investigator_id
            if not investigator:
                continue
            complaint.message_subscribe(partner_ids=investigator.partner_id.ids)
            if complaint.state != "stage2":
                continue
            activities = complaint.activity_search(
                [ACTIVITY_TYPES["stage2_ack"], ACTIVITY_TYPES["stage2"]]
            ).filtered(lambda a, user=investigator: a.user_id != user)
            # As superuser: the activities belong to the previous assignee,
            # whose activities the current user may not write.
            activities.sudo().write({"user_id": investigator.id})

    def action_request_signoff(self):
        """The investigator's response is ready: the senior managers get a
        sign-off activity (the investigator can't sign off their own
        investigation unless the settings allow it)."""
        button = _("Request sign-off")
        self._chp_require(("stage2",), button)
        self._chp_require_fields(["stage2_outcome", "stage2_action", "stage2_ack_date"], button)
        senior = self.env.ref(SENIOR).sudo()
        for complaint in self:
            managers = senior.users.filtered(
                lambda u, c=complaint: c.company_id in u.company_ids and u != self.env.user
            )
            if not managers:
                raise UserError(
                    _(
                        "No senior manager of %s can sign this complaint off.",
                        complaint.company_id.name,
                    )
                )
            existing = complaint.activity_search([ACTIVITY_TYPES["signoff"]]).user_id
            for manager in managers - existing:
                complaint.activity_schedule(
                    ACTIVITY_TYPES["signoff"],
                    user_id=manager.id,
                    note=_(
                        "%s asks for the stage 2 response to be signed off.", self.env.user.name
                    ),
                )
            complaint.message_post(
                body=_("Sign-off requested by %s.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True
