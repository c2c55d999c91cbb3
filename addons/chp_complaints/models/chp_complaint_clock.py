from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .working_days import add_working_days, calendar_rules, local_day, working_days_between

CLOCK_FIELDS = [
    "date_received_day",
    "stage1_deadline",
    "stage1_extended",
    "stage1_working_days",
    "stage1_within_timescale",
    "stage2_ack_deadline",
    "stage2_deadline",
    "stage2_extended",
    "stage2_working_days",
    "stage2_within_timescale",
    "deadline",
    "is_overdue",
    "days_left",
    "date_closed",
]


class GroupedValues:
    """Computed values of a batch, assigned with one ORM assignment per
    field and distinct value instead of one per complaint and field: a
    batch of thousands of complaints shares few booleans and deadlines, and
    each assignment has a fixed cost in the ORM (profiled: a third of the
    stored clocks' time when 10,000 complaints are imported)."""

    def __init__(self, records):
        self.records = records
        self.ids = defaultdict(lambda: defaultdict(list))

    def set(self, record, fname, value):
        self.ids[fname][value].append(record._ids[0])

    def assign(self):
        for fname, by_value in self.ids.items():
            for value, ids in by_value.items():
                self.records.browse(ids)[fname] = value


class ChpComplaintClock(models.Model):
    """The stored clocks of a complaint. Every value comes from the
    working-day engine and the complaint's own dates, so it is right after
    any edit of a date and reports can aggregate it in SQL.

    The clocks do not depend on the company's settings on purpose: changing a
    timescale must not rewrite the history of closed complaints. When the
    settings or the calendar change, ``_chp_recompute_open_clocks`` refreshes
    the open complaints only."""

    _inherit = "chp.complaint"

    kanban_color = fields.Integer(
        compute="_compute_kanban_color", help="Red edge on the kanban card when overdue."
    )

    @api.depends("is_overdue")
    def _compute_kanban_color(self):
        for complaint in self:
            complaint.kanban_color = 1 if complaint.is_overdue else 0

    def _chp_cal(self):
        return self.company_id._chp_calendar()

    def _chp_calendars(self):
        """Company id -> calendar of the complaints' companies, looked up
        once per batch (the computes below run over thousands of records)."""
        return {company.id: company._chp_calendar() for company in self.company_id}

    def _chp_calendar_rules(self):
        """Company id -> working-day rules of its calendar, read once per
        batch and passed to the working-day engine instead of the calendar
        (one cache lookup per batch rather than one per deadline)."""
        return {cid: calendar_rules(cal) for cid, cal in self._chp_calendars().items()}

    @api.depends("date_received", "company_id")
    def _compute_date_received_day(self):
        calendars = self._chp_calendars()
        values = GroupedValues(self)
        for complaint in self:
            values.set(
                complaint,
                "date_received_day",
                local_day(calendars[complaint.company_id.id], complaint.date_received),
            )
        values.assign()

    @api.depends(
        "date_received_day", "stage2_route", "stage1_date_closed", "stage1_extended_deadline"
    )
    def _compute_stage1_clock(self):
        calendars = self._chp_calendar_rules()
        values = GroupedValues(self)
        for complaint in self:
            calendar = calendars[complaint.company_id.id]
            day0 = complaint.date_received_day
            if complaint.stage2_route == "direct" or not day0:
                deadline = False
            else:
                deadline = add_working_days(calendar, day0, complaint.company_id.chp_stage1_days)
            closed = complaint.stage1_date_closed
            values.set(complaint, "stage1_deadline", deadline)
            values.set(complaint, "stage1_extended", bool(complaint.stage1_extended_deadline))
            values.set(
                complaint,
                "stage1_working_days",
                working_days_between(calendar, day0, closed) if closed else 0,
            )
            values.set(
                complaint,
                "stage1_within_timescale",
                bool(closed and deadline and closed <= deadline),
            )
        values.assign()

    @api.depends("stage2_date_start", "stage2_date_closed", "stage2_extended_deadline")
    def _compute_stage2_clock(self):
        calendars = self._chp_calendar_rules()
        values = GroupedValues(self)
        for complaint in self:
            start = complaint.stage2_date_start
            company = complaint.company_id
            calendar = calendars[company.id]
            deadline = start and add_working_days(calendar, start, company.chp_stage2_days)
            closed = complaint.stage2_date_closed
            values.set(
                complaint,
                "stage2_ack_deadline",
                start and add_working_days(calendar, start, company.chp_stage2_ack_days),
            )
            values.set(complaint, "stage2_deadline", deadline)
            values.set(complaint, "stage2_extended", bool(complaint.stage2_extended_deadline))
            values.set(
                complaint,
                "stage2_working_days",
                working_days_between(calendar, start, closed) if start and closed else 0,
            )
            values.set(
                complaint,
                "stage2_within_timescale",
                bool(closed and deadline and closed <= deadline),
            )
        values.assign()

    @api.depends(
        "state",
        "stage2_route",
        "stage1_deadline",
        "stage1_extended_deadline",
        "stage2_deadline",
        "stage2_extended_deadline",
    )
    def _compute_deadline(self):
        values = GroupedValues(self)
        for complaint in self:
            if complaint.state == "stage2":
                deadline = complaint.stage2_extended_deadline or complaint.stage2_deadline
            elif complaint.state in ("new", "stage1"):
                deadline = complaint.stage1_extended_deadline or complaint.stage1_deadline
            else:
                deadline = False
            values.set(complaint, "deadline", deadline)
        values.assign()

    @api.depends("deadline")
    def _compute_overdue(self):
        """Relative to today: the daily scheduled action recomputes it for
        open complaints (``_cron_check_overdue``)."""
        today = fields.Date.context_today(self)
        calendars = self._chp_calendar_rules()
        values = GroupedValues(self)
        for complaint in self:
            deadline = complaint.deadline
            if not deadline:
                days_left = 0
            elif deadline >= today:
                days_left = working_days_between(
                    calendars[complaint.company_id.id], today, deadline
                )
            else:
                days_left = -working_days_between(
                    calendars[complaint.company_id.id], deadline, today
                )
            values.set(complaint, "is_overdue", bool(deadline and deadline < today))
            values.set(complaint, "days_left", days_left)
        values.assign()

    @api.depends("days_left", "deadline", "state")
    def _compute_time_left(self):
        """The clock as staff say it: "3 working days left", "Due today",
        "2 working days overdue"."""
        for complaint in self:
            days = complaint.days_left
            if complaint.state == "closed" or not complaint.deadline:
                complaint.time_left = False
            elif complaint.is_overdue:
                complaint.time_left = (
                    _("1 working day overdue")
                    if days >= -1
                    else _("%s working days overdue", -days)
                )
            elif complaint.deadline == fields.Date.context_today(complaint):
                complaint.time_left = _("Due today")
            else:
                complaint.time_left = (
                    _("1 working day left") if days == 1 else _("%s working days left", days)
                )

    @api.depends("state", "stage2_route", "stage1_date_closed", "stage2_date_closed")
    def _compute_date_closed(self):
        values = GroupedValues(self)
        for complaint in self:
            if complaint.state != "closed":
                closed = False
            elif complaint.stage2_route:
                closed = complaint.stage2_date_closed
            else:
                closed = complaint.stage1_date_closed
            values.set(complaint, "date_closed", closed)
        values.assign()

    @api.model
    def _chp_recompute_open_clocks(self, companies=None):
        """Refresh the stored clocks of open complaints (after a change of
        timescales or holidays); closed complaints keep their history."""
        domain = [("state", "!=", "closed")]
        if companies:
            domain.append(("company_id", "in", companies.ids))
        open_complaints = self.sudo().with_context(active_test=False).search(domain)
        for fname in CLOCK_FIELDS:
            self.env.add_to_compute(self._fields[fname], open_complaints)
        open_complaints.flush_recordset(CLOCK_FIELDS)
        return open_complaints

    @api.constrains(
        "date_received",
        "stage1_date_closed",
        "stage2_date_start",
        "stage2_ack_date",
        "stage2_date_closed",
        "spso_date_referred",
        "spso_decision_date",
    )
    def _check_dates_in_order(self):
        """Dates of the journey can't precede the receipt or each other."""
        for complaint in self:
            for earlier, later, message in complaint._chp_date_rules():
                if earlier and later and later < earlier:
                    raise ValidationError(message())

    def _chp_date_rules(self):
        """(earlier, later, message) triples; the message is a function, so
        that it is only translated when the rule is broken (bulk creation
        checks every complaint)."""
        self.ensure_one()
        day0 = self.date_received_day
        name = self.name
        return [
            (
                day0,
                self.stage1_date_closed,
                lambda: self.env._("%s: stage 1 can't close before receipt.", name),
            ),
            (
                day0,
                self.stage2_date_start,
                lambda: self.env._("%s: stage 2 can't start before receipt.", name),
            ),
            (
                self.stage1_date_closed if self.stage2_route == "escalated" else False,
                self.stage2_date_start,
                lambda: self.env._("%s: escalation can't come before stage 1 closed.", name),
            ),
            (
                self.stage2_date_start,
                self.stage2_ack_date,
                lambda: self.env._("%s: stage 2 can't be acknowledged before it started.", name),
            ),
            (
                self.stage2_date_start,
                self.stage2_date_closed,
                lambda: self.env._("%s: stage 2 can't close before it started.", name),
            ),
            (
                self.stage2_ack_date,
                self.stage2_date_closed,
                lambda: self.env._("%s: stage 2 can't close before it was acknowledged.", name),
            ),
            (
                self.date_closed,
                self.spso_date_referred,
                lambda: self.env._(
                    "%s: the SPSO referral can't come before the complaint closed.", name
                ),
            ),
            (
                self.spso_date_referred,
                self.spso_decision_date,
                lambda: self.env._("%s: the SPSO can't decide before the referral.", name),
            ),
        ]
