from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.roles import SENIOR

ACTIVITY_TYPES = {
    "stage1": "chp_complaints.mail_activity_type_chp_stage1",
    "stage2_ack": "chp_complaints.mail_activity_type_chp_stage2_ack",
    "stage2": "chp_complaints.mail_activity_type_chp_stage2",
    "signoff": "chp_complaints.mail_activity_type_chp_signoff",
}


class ChpComplaintActivity(models.Model):
    """Reminders of the clocks: an activity for the responsible user at each
    deadline, and the daily overdue check that tells the handler and the
    service manager once per overdue episode."""

    _inherit = "chp.complaint"

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
                day=self.deadline,
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
