from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.models.working_days import working_days_between
from odoo.addons.chp_complaints.tools.transition import transition

OPEN_STATES = ("authorised", "in_progress")


class ChpImprovementAction(models.Model):
    """The daily reminders of the minimum standard: the owner is reminded
    once when the target date passes, and the authorising manager is told
    once when the action is more than the company's allowed number of working
    days late. The flags they set are reset by ``write()`` when the target
    date moves."""

    _inherit = "chp.improvement.action"

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
