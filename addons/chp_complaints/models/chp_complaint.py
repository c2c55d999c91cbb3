from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, email_normalize
from odoo.tools.safe_eval import safe_eval
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from ..tools import roles
from ..tools.roles import CHIEF_EXECUTIVE, LIAISON, STAFF, check_role, has_role
from ..tools.transition import in_creation, in_transition
from .chp_complaint_stage import OPEN_STATES
from .working_days import add_working_days, calendar_rules, local_day, working_days_between

# chp_how=_lt(...) on a field is the refusal's message, translated when read;
# pylint-odoo takes any translated argument of a field for a label.
# pylint: disable=translation-field
_lt = LazyTranslate(__name__)

OUTCOMES = [
    ("upheld", "Upheld"),
    ("partially_upheld", "Partially upheld"),
    ("not_upheld", "Not upheld"),
    ("resolved", "Resolved"),
]
SPSO_OUTCOMES = [
    ("not_taken_forward", "Not taken forward"),
    ("upheld", "Upheld"),
    ("partially_upheld", "Partially upheld"),
    ("not_upheld", "Not upheld"),
    ("resolved", "Resolved"),
]
# Roles that read the customer's contact details (senior managers and the
# complaints administrator through staff).
CUSTOMER_CONTACT_ROLES = (STAFF, CHIEF_EXECUTIVE, LIAISON)
CUSTOMER_CONTACT_GROUPS = ",".join(CUSTOMER_CONTACT_ROLES)
CHANNELS = [
    ("in_person", "In person"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("web", "Web form"),
    ("social_media", "Social media"),
    ("other", "Other"),
]

# Whether a complaint involves a child or young person (under 18): the SPSO's
# Child Friendly Complaints Handling Principles apply on top of the model
# procedure (UNCRC (Incorporation) (Scotland) Act 2024).
CHILD_INVOLVEMENT = [
    ("none", "No child involved"),
    ("child", "Made by a child or young person"),
    ("on_behalf", "Made by an adult for a child"),
    ("affects_child", "About matters that affect a child"),
]
CHILD_AGE_BANDS = [
    ("under_5", "Under 5"),
    ("5_11", "5 to 11"),
    ("12_15", "12 to 15"),
    ("16_17", "16 or 17"),
]
CHILD_CONTACT_PREFERENCES = [
    ("in_person", "Face to face"),
    ("phone", "Phone call"),
    ("text", "Text message"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("trusted_adult", "Through a trusted adult"),
]
CONTACT_PREFERENCES = [
    ("email", "Email"),
    ("phone", "Phone"),
    ("letter", "Letter"),
]
# What the customer reads of each stage's response, apart from the internal
# "action taken": editable until the complaint is anonymised, also once the
# stage closed (the decision letter is written after closing).
CUSTOMER_SUMMARIES = {
    "stage1_decision": "stage1_customer_summary",
    "stage2_decision": "stage2_customer_summary",
}
# What the chatter and activities write on the record itself (Odoo's fields:
# their declarations are mail's, not ours).
MAIL_FIELDS = frozenset(
    {
        "message_follower_ids",
        "message_ids",
        "website_message_ids",
        "message_main_attachment_id",
        "activity_ids",
    }
)
COMPUTED_HOW = "it is computed from the complaint's dates: change them with the buttons"

# Besides the SPSO fields, the liaison officer may touch what the chatter and
# activities write on the record itself.
LIAISON_FIELD_PREFIXES = ("spso_", "message_", "activity_")

# PostgreSQL uses the partial index below only for a condition written
# exactly as its own.
OPEN_CONDITION = "state IN ({})".format(", ".join(f"'{state}'" for state in OPEN_STATES))

# The memo of the batch defaults (``_chp_batch_defaults``), in the cursor's cache.
_DEFAULTS_MEMO = "chp_complaint_defaults"
RELATED_WINDOW_DAYS = 90
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


class ChpComplaint(models.Model):
    """A complaint and its journey through the Model Complaints Handling
    Procedure: what Part 4 requires to be recorded, and the stored clocks the
    indicators aggregate.

    The model lives in four files of this addon, by concern (the
    improvement actions a complaint led to are ``chp_learning``'s):

    - ``chp_complaint.py`` (this file), the record: every field, each with
      its compute and its edit rule (``chp_edit=``/``chp_personal=``, see
      ``chp_field_policy``); the one ``create()`` and ``write()`` and the
      deletion rule; what a plain save may change (the checks they call)
      and ``_chp_readonly_expression``, which the form's XML must match
      (``tests/test_form_readonly``); the SPSO liaison officer's field
      limits; references drawn from the sequence; the batch defaults of bulk
      creation; the indexes (kanban, record rule, customer history); triage
      (the service's default handler, "Assign to me");
    - ``chp_complaint_journey.py``, the procedure: one method per step,
      the transition mark (``_chp_transition_write``), a change of kanban
      column running its step, the deadline activities and the daily
      overdue check;
    - ``chp_complaint_privacy.py``: holds, retention, anonymisation and
      deletion;
    - ``chp_complaint_customer.py``, the customer's side: the tracking page
      (portal), email in and out (the alias, the suggested recipient), who
      wrote a message, the letters and the satisfaction survey
      (``_chp_letter_sent``, the one extension point of the letters).

    It overrides three private methods of the ORM, each for a reason its
    docstring gives: ``_add_missing_default_values`` and ``_check_company``
    (bulk creation: defaults and company checks once per batch, not per
    complaint) and ``_search_message_partner_ids`` (the staff record rule's
    speed on a large register). The rest are mail's and portal's hooks.
    """

    _name = "chp.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "chp.field.policy.mixin", "portal.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index=True,
        chp_edit="step",
        chp_how=_lt("references come from the company's sequence and never change"),
        chp_personal="keep",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        chp_edit="create",
    )
    stage_id = fields.Many2one(
        "chp.complaint.stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_stage_ids",
        default=lambda self: self.env["chp.complaint.stage"].search(
            [("state", "=", "new")], limit=1
        ),
        chp_edit="column",
    )
    state = fields.Selection(
        related="stage_id.state",
        store=True,
        index=True,
        chp_edit="step",
        chp_how=_lt("use the buttons or move the card to another column"),
    )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("state", "!=", False)])

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("chp_complaints.mt_chp_complaint_stage")
        return super()._track_subtype(init_values)

    # --- The complaint ------------------------------------------------------------
    subject = fields.Char(required=True, tracking=True, chp_edit="open", chp_personal="mask")
    description = fields.Html(
        help="The nature of the complaint, in the customer's words.",
        chp_edit="open",
        chp_personal="mask",
    )
    date_received = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        index=True,
        string="Date received",
        chp_edit="create",
    )
    date_received_day = fields.Date(
        string="Day received",
        compute="_compute_date_received_day",
        store=True,
        index=True,
        help="Calendar day of receipt in the company's timezone: day 0 of every clock.",
    )

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

    channel = fields.Selection(CHANNELS, default="phone", chp_edit="open")
    service_id = fields.Many2one(
        "chp.service", index=True, tracking=True, check_company=True, chp_edit="open"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        help="The staff member responsible for the complaint.",
        chp_edit="open",
    )
    root_cause_id = fields.Many2one(
        "chp.root.cause",
        index=True,
        tracking=True,
        check_company=True,
        string="Root cause",
        chp_edit="open",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        check_company=True,
        domain=[("chp_is_contractor", "=", True)],
        help="The contractor the complaint is about.",
        chp_edit="open",
    )
    remedial_action = fields.Text(
        help="What was done to put the underlying cause right.",
        string="Remedial action",
        chp_edit="open",
        chp_personal="mask",
        copy=False,
    )

    # --- The customer -------------------------------------------------------------
    is_anonymous = fields.Boolean(
        string="Anonymous",
        help="The customer gave no name; anonymous complaints are allowed.",
        chp_edit="customer",
    )
    # Contact details: not for the contract manager (minimum necessary), who
    # reads the complaint only to see what the contractor must put right.
    # Tracked: linking a complaint to an existing contact is a deliberate
    # act that the chatter records (the public form and the gateway give a
    # new contact, never one found by a typed address).
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        groups=CUSTOMER_CONTACT_GROUPS,
        chp_edit="customer",
        chp_personal="erase",
    )
    customer_name = fields.Char(
        groups=CUSTOMER_CONTACT_GROUPS,
        string="Customer name",
        chp_edit="customer",
        chp_personal="erase",
    )
    customer_email = fields.Char(
        groups=CUSTOMER_CONTACT_GROUPS,
        string="Customer email",
        chp_edit="customer",
        chp_personal="erase",
    )
    customer_phone = fields.Char(
        groups=CUSTOMER_CONTACT_GROUPS,
        string="Customer phone",
        chp_edit="customer",
        chp_personal="erase",
    )
    customer_address = fields.Text(
        groups=CUSTOMER_CONTACT_GROUPS,
        string="Customer address",
        chp_edit="customer",
        chp_personal="erase",
    )
    # Someone may complain for another person (a relative, an advocate, a
    # councillor): the customer fields hold who complained and is answered;
    # these say for whom, and that they agreed. Personal data too.
    on_behalf_of = fields.Char(
        string="Complaint made for",
        groups=CUSTOMER_CONTACT_GROUPS,
        help="The person the complaint is for, when someone complains on their behalf.",
        chp_edit="customer",
        chp_personal="erase",
    )
    on_behalf_consent = fields.Boolean(
        string="They agreed to this complaint",
        groups=CUSTOMER_CONTACT_GROUPS,
        help="The person the complaint is for agreed that it is made on their behalf (or the "
        "customer has the right to act for them).",
        chp_edit="customer",
        chp_personal="erase",
    )
    contact_preference = fields.Selection(
        CONTACT_PREFERENCES,
        string="Preferred contact",
        help="How the customer would like us to contact them.",
        chp_edit="open",
    )

    # --- Equalities and children --------------------------------------------------
    # What the Scottish Housing Regulator's return splits by (equalities) and
    # what the child friendly guidance asks to record; none of them feeds a
    # clock. The protected characteristics concerned are the customer's
    # special category data: only staff who see the customer see them, and
    # anonymisation removes them; the flag stays for the statistics.
    equalities = fields.Boolean(
        string="Relates to equalities issues",
        tracking=True,
        help="The complaint is about discrimination, or about how a protected characteristic "
        "of the Equality Act 2010 was taken into account. The landlord's return to the "
        "Scottish Housing Regulator counts these complaints apart.",
        chp_edit="open",
    )
    protected_characteristic_ids = fields.Many2many(
        "chp.protected.characteristic",
        string="Protected characteristics",
        groups=CUSTOMER_CONTACT_GROUPS,
        help="The protected characteristics of the Equality Act 2010 the complaint concerns "
        "(optional).",
        chp_edit="customer",
        chp_personal="erase",
    )
    child_involvement = fields.Selection(
        CHILD_INVOLVEMENT,
        string="Child or young person",
        default="none",
        required=True,
        tracking=True,
        help="Whether the complaint is made by a child or young person (under 18), by an adult "
        "for a child, or is about matters that affect a child: the SPSO's child friendly "
        "complaints guidance then applies.",
        chp_edit="open",
    )
    child_age_band = fields.Selection(
        CHILD_AGE_BANDS,
        string="Child's age",
        help="The age band of the child or young person, if known.",
        chp_edit="open",
    )
    child_contact_user_id = fields.Many2one(
        "res.users",
        string="Staff member the child chose",
        help="The member of staff the child or young person chose to speak to.",
        chp_edit="open",
    )
    child_contact_preference = fields.Selection(
        CHILD_CONTACT_PREFERENCES,
        string="How the child likes to be contacted",
        chp_edit="open",
    )
    arc_excluded = fields.Boolean(
        string="Left out of the landlord's return",
        help="This complaint is not part of the Annual Return on the Charter (for example it "
        "is about a subsidiary that is not a registered social landlord). Complaints about a "
        "service marked so are left out too.",
        chp_edit="open",
    )

    @api.onchange("child_involvement")
    def _onchange_child_involvement(self):
        for complaint in self.filtered(lambda c: c.child_involvement == "none"):
            complaint.child_age_band = False

    @api.constrains("child_involvement", "child_age_band")
    def _check_child_age_band(self):
        if any(c.child_age_band and c.child_involvement == "none" for c in self):
            raise ValidationError(
                _("A child's age is recorded only for a complaint that involves a child.")
            )

    # --- Stage 1 ------------------------------------------------------------------
    stage1_action = fields.Text(
        string="Stage 1 action taken", chp_edit="until:stage1_date_closed", chp_personal="mask"
    )
    stage1_outcome = fields.Selection(
        OUTCOMES, string="Stage 1 outcome", tracking=True, chp_edit="until:stage1_date_closed"
    )
    stage1_date_closed = fields.Date(
        string="Stage 1 closed on",
        tracking=True,
        index=True,
        chp_edit="step",
        chp_how=_lt(
            "use “Close stage 1” (a complaints administrator "
            "corrects a wrong date with “Correct dates”)"
        ),
    )
    stage1_deadline = fields.Date(
        string="Stage 1 due by",
        compute="_compute_stage1_clock",
        store=True,
        help="Standard deadline: the Nth working day after the day of receipt.",
    )
    stage1_extended_deadline = fields.Date(
        string="Stage 1 extended to", tracking=True, chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage1_extension_reason = fields.Text(
        string="Reason for the stage 1 extension",
        chp_edit="step",
        chp_how=_lt("use “Extend”"),
        chp_personal="mask",
    )
    stage1_extension_user_id = fields.Many2one(
        "res.users", string="Stage 1 extension by", chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage1_extension_customer_told = fields.Date(
        string="Customer told of stage 1 extension", chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage1_extended = fields.Boolean(
        string="Stage 1 extended",
        compute="_compute_stage1_clock",
        store=True,
        help="An extension was authorised.",
    )
    stage1_working_days = fields.Integer(
        string="Stage 1 working days",
        compute="_compute_stage1_clock",
        store=True,
        help="Working days from receipt to the stage 1 closing date.",
    )
    stage1_within_timescale = fields.Boolean(
        string="Stage 1 within timescale",
        compute="_compute_stage1_clock",
        store=True,
        help="Closed on or before the standard deadline (extensions not counted).",
    )

    stage1_customer_summary = fields.Text(
        string="Stage 1: what we tell the customer",
        help="What we found and what we did, in plain words for the customer. The decision "
        "letter gives it (the action taken stays internal); needed before the decision is sent.",
        chp_edit="always",
        chp_personal="mask",
    )

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

    # --- Stage 2 ------------------------------------------------------------------
    stage2_route = fields.Selection(
        [("direct", "Direct"), ("escalated", "Escalated from stage 1")],
        string="How stage 2 began",
        index=True,
        chp_edit="step",
        chp_how=_lt("use “Escalate” or “Stage 2 directly”"),
    )
    investigator_id = fields.Many2one(
        "res.users", tracking=True, index=True, chp_edit="open", copy=False
    )
    stage2_date_start = fields.Date(
        string="Stage 2 started on",
        index=True,
        chp_edit="step",
        chp_how=_lt(
            "use “Escalate” or “Stage 2 directly” (a complaints "
            "administrator corrects a wrong date with “Correct dates”)"
        ),
    )
    stage2_ack_date = fields.Date(
        string="Stage 2 acknowledged on",
        chp_edit="step",
        chp_how=_lt(
            "use “Acknowledge” (a complaints administrator corrects "
            "a wrong date with “Correct dates”)"
        ),
    )
    stage2_ack_deadline = fields.Date(
        string="Stage 2 acknowledgement due by",
        compute="_compute_stage2_clock",
        store=True,
        help="Acknowledgement due: working days after the start of stage 2.",
    )
    stage2_action = fields.Text(
        string="Stage 2 action taken", chp_edit="until:stage2_date_closed", chp_personal="mask"
    )
    stage2_outcome = fields.Selection(
        OUTCOMES, string="Stage 2 outcome", tracking=True, chp_edit="until:stage2_date_closed"
    )
    stage2_date_closed = fields.Date(
        string="Stage 2 closed on",
        tracking=True,
        index=True,
        chp_edit="step",
        chp_how=_lt(
            "use “Sign off and close” (a complaints administrator "
            "corrects a wrong date with “Correct dates”)"
        ),
    )
    stage2_deadline = fields.Date(
        string="Stage 2 due by",
        compute="_compute_stage2_clock",
        store=True,
        help="Standard deadline: the Nth working day after the start of stage 2.",
    )
    stage2_extended_deadline = fields.Date(
        string="Stage 2 extended to", tracking=True, chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage2_extension_reason = fields.Text(
        string="Reason for the stage 2 extension",
        chp_edit="step",
        chp_how=_lt("use “Extend”"),
        chp_personal="mask",
    )
    stage2_extension_user_id = fields.Many2one(
        "res.users", string="Stage 2 extension by", chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage2_extension_customer_agreed = fields.Date(
        string="Customer agreed stage 2 extension", chp_edit="step", chp_how=_lt("use “Extend”")
    )
    stage2_extended = fields.Boolean(
        string="Stage 2 extended",
        compute="_compute_stage2_clock",
        store=True,
        help="An extension was authorised.",
    )
    stage2_working_days = fields.Integer(
        string="Stage 2 working days",
        compute="_compute_stage2_clock",
        store=True,
        help="Working days from the start of stage 2 to its closing date.",
    )
    stage2_within_timescale = fields.Boolean(
        string="Stage 2 within timescale",
        compute="_compute_stage2_clock",
        store=True,
        help="Closed on or before the standard deadline (extensions not counted).",
    )
    signoff_user_id = fields.Many2one(
        "res.users",
        string="Signed off by",
        tracking=True,
        chp_edit="step",
        chp_how=_lt("use “Sign off and close”"),
    )
    signoff_date = fields.Datetime(
        string="Signed off on", chp_edit="step", chp_how=_lt("use “Sign off and close”")
    )
    # A request for stage 2 the organisation decided not to investigate
    # (the model procedure: explain why and signpost the SPSO). The
    # complaint stays closed at stage 1; no figure changes.
    stage2_declined_date = fields.Date(
        string="Investigation declined on",
        tracking=True,
        help="The customer asked for a stage 2 investigation and we decided not to investigate.",
        chp_edit="step",
        chp_how=_lt("use “Decline to investigate”"),
    )
    stage2_declined_reason = fields.Text(
        string="Why we will not investigate",
        help="In plain words for the customer: the letter gives it, with the SPSO signposting.",
        chp_edit="step",
        chp_how=_lt("use “Decline to investigate”"),
        chp_personal="mask",
    )
    stage2_declined_user_id = fields.Many2one(
        "res.users",
        string="Investigation declined by",
        chp_edit="step",
        chp_how=_lt("use “Decline to investigate”"),
    )

    stage2_customer_summary = fields.Text(
        string="Stage 2: what we tell the customer",
        help="What the investigation found and what we did, in plain words for the customer. "
        "The decision letter gives it; needed before the decision is sent.",
        chp_edit="always",
        chp_personal="mask",
    )

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

    # --- Clocks of the open stage -------------------------------------------------
    deadline = fields.Date(
        string="Current deadline",
        compute="_compute_deadline",
        store=True,
        index=True,
        help="Deadline of the open stage, extension included.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_overdue",
        store=True,
        index=True,
        help="The open stage is past its deadline (refreshed daily).",
    )
    days_left = fields.Integer(
        compute="_compute_overdue",
        store=True,
        help="Working days left to the current deadline; negative when late (refreshed daily).",
        string="Working days left",
    )
    time_left = fields.Char(
        string="Time left",
        compute="_compute_time_left",
        help="Working days to the current deadline, or how late the complaint is.",
    )
    overdue_notified = fields.Boolean(
        copy=False,
        help="The handler and the service manager were told of the current overdue episode.",
        chp_edit="step",
        chp_how=_lt("the daily overdue check sets it"),
    )
    date_closed = fields.Date(
        compute="_compute_date_closed",
        store=True,
        help="Closing date of the last stage.",
        index=True,
        string="Closed on",
    )

    kanban_color = fields.Integer(
        compute="_compute_kanban_color", help="Red edge on the kanban card when overdue."
    )

    @api.depends("is_overdue")
    def _compute_kanban_color(self):
        for complaint in self:
            complaint.kanban_color = 1 if complaint.is_overdue else 0

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

    # The working-day engine, once per batch.
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

    # --- SPSO ---------------------------------------------------------------------
    spso_referred = fields.Boolean(
        string="Referred to the SPSO",
        tracking=True,
        chp_edit="step",
        chp_how=_lt("use “Refer to the SPSO” or “Withdraw SPSO referral”"),
    )
    spso_date_referred = fields.Date(
        string="Date referred to the SPSO", chp_edit="step", chp_how=_lt("use “Refer to the SPSO”")
    )
    spso_reference = fields.Char(string="SPSO reference", chp_edit="spso", chp_personal="keep")
    spso_outcome = fields.Selection(
        SPSO_OUTCOMES, string="SPSO outcome", tracking=True, chp_edit="spso"
    )
    spso_decision_date = fields.Date(string="SPSO decision date", chp_edit="spso")
    spso_recommendations = fields.Text(
        string="SPSO recommendations", chp_edit="spso", chp_personal="mask"
    )
    spso_recommendations_implemented = fields.Boolean(
        string="Recommendations implemented", chp_edit="spso"
    )

    # --- Retention (the rules: chp_complaint_privacy) -----------------------------
    retention_date = fields.Date(
        compute="_compute_retention_date",
        store=True,
        index=True,
        help="Day from which the personal data of this complaint are removed under the "
        "retention policy: the closing date of its last stage (or the SPSO's decision "
        "when it was referred) plus the policy's years. Empty while the complaint is open.",
        string="Personal data removed from",
    )
    retention_spso_hold = fields.Boolean(
        string="SPSO hold",
        compute="_compute_retention_hold",
        store=True,
        help="Referred to the SPSO and no decision recorded yet: the file must be kept for "
        "the SPSO's investigation.",
    )
    retention_hold = fields.Boolean(
        string="Manual hold",
        readonly=True,
        copy=False,
        tracking=True,
        help="Placed by a senior manager (e.g. legal claim, ongoing contact): the file is "
        "never anonymised or deleted while the hold lasts.",
        chp_edit="step",
        chp_how=_lt("use “Place on hold” or “Lift hold”"),
    )
    retention_hold_reason = fields.Text(
        string="Hold reason",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
        chp_personal="keep",
    )
    retention_hold_user_id = fields.Many2one(
        "res.users",
        string="Hold placed by",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
    )
    retention_hold_date = fields.Datetime(
        string="Hold placed on",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
    )
    retention_held = fields.Boolean(
        string="On hold",
        compute="_compute_retention_hold",
        store=True,
        index=True,
        help="An SPSO hold or a manual hold applies: retention does not touch this complaint.",
    )
    anonymised = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The personal data of this complaint have been removed; its figures remain.",
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )
    anonymised_date = fields.Datetime(
        string="Anonymised on",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )
    anonymised_reason = fields.Selection(
        [("retention", "Retention policy"), ("request", "Request of the data subject")],
        string="Anonymised because",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )

    # Not "company_id.chp_retention_years": a change of the policy's years
    # recomputes the retention date of every complaint of the company, which
    # the ORM did one complaint at a time (36 s for 100,000 complaints);
    # res.company's write calls _chp_recompute_retention_dates instead, one
    # SQL UPDATE computing the same value (tests/test_retention_policy_change).
    @api.depends("state", "date_closed", "spso_referred", "spso_decision_date", "company_id")
    def _compute_retention_date(self):
        values = GroupedValues(self)
        for complaint in self:
            end = complaint.date_closed if complaint.state == "closed" else False
            if end and complaint.spso_referred and complaint.spso_decision_date:
                end = max(end, complaint.spso_decision_date)
            values.set(
                complaint,
                "retention_date",
                end and end + relativedelta(years=complaint.company_id.chp_retention_years),
            )
        values.assign()

    @api.model
    def _chp_retention_date_sql(self):
        """``_compute_retention_date`` in SQL, on alias ``c`` for the
        complaint and ``co`` for its company: the closing date of the last
        stage, or the SPSO's decision when later, plus the policy's years
        (PostgreSQL's year interval keeps 29 February on 28 February, as
        ``relativedelta`` does); empty while the complaint is open."""
        return SQL(
            "CASE WHEN c.state = 'closed' AND c.date_closed IS NOT NULL THEN"
            " (GREATEST(c.date_closed, CASE WHEN c.spso_referred THEN c.spso_decision_date END)"
            " + make_interval(years => COALESCE(co.chp_retention_years, 0)))::date END"
        )

    @api.depends("spso_referred", "spso_decision_date", "retention_hold")
    def _compute_retention_hold(self):
        values = GroupedValues(self)
        for complaint in self:
            spso_hold = bool(complaint.spso_referred and not complaint.spso_decision_date)
            values.set(complaint, "retention_spso_hold", spso_hold)
            values.set(complaint, "retention_held", spso_hold or complaint.retention_hold)
        values.assign()

    # --- The customer's side (the behaviour: chp_complaint_customer) --------------
    # Written once, by ``_portal_ensure_token``.
    access_token = fields.Char(
        chp_edit="step", chp_how=_lt("the tracking link's token is drawn once"), chp_personal="keep"
    )
    portal_state_label = fields.Char(
        string="Where it stands",
        compute="_compute_portal_state_label",
        help="The complaint's step, in the words the customer reads on the tracking page.",
    )

    @api.depends("state", "company_id.chp_stage1_days")
    def _compute_portal_state_label(self):
        """What the customer reads for each step of the procedure."""
        for complaint in self:
            labels = {
                "new": _("Received: we are deciding how to handle it"),
                "stage1": _(
                    "Stage 1 (frontline response): we aim to give you our decision within "
                    "%s working days",
                    complaint.company_id.chp_stage1_days,
                ),
                "stage2": _("Stage 2 (investigation): we are investigating your complaint"),
                "closed": _("Closed: we have given you our final response"),
            }
            complaint.portal_state_label = labels.get(complaint.state, "")

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    chp_can_write_to_customer = fields.Boolean(
        string="Letters can be sent",
        compute="_compute_chp_can_write_to_customer",
        help="The customer gave an email and is not anonymous: letters may be sent.",
    )

    def _compute_chp_can_write_to_customer(self):
        may_see = self._chp_may_see_customer()
        for complaint in self:
            complaint.chp_can_write_to_customer = may_see and bool(complaint._chp_customer_email())

    chp_survey_input_ids = fields.One2many(
        "survey.user_input",
        "chp_complaint_id",
        string="Satisfaction surveys",
        groups="survey.group_survey_user",
        chp_edit="step",
        chp_how=_lt("the survey records the customer's answers"),
    )

    # --- The customer's history ---------------------------------------------------
    related_complaint_ids = fields.Many2many(
        "chp.complaint",
        "chp_complaint_related_rel",
        "complaint_id",
        "related_id",
        string="Related complaints",
        help="Complaints staff judged to be about the same matter.",
        chp_edit="open",
    )
    chp_customer_complaint_count = fields.Integer(
        string="Customer's complaints",
        compute="_compute_chp_customer_history",
        help="Other complaints of the same customer (contact, email or phone) you may see.",
    )
    chp_possibly_related = fields.Boolean(
        string="Possibly related",
        compute="_compute_chp_customer_history",
        help="Another complaint from the same email or phone was received in the 90 days "
        "before this one.",
    )

    chp_possible_contact_ids = fields.Many2many(
        "res.partner",
        string="Possibly the same person as",
        compute="_compute_chp_possible_contact_ids",
        groups=CUSTOMER_CONTACT_GROUPS,
        help="Other contacts with the customer's email or phone. The public form and "
        "the mail gateway never link a complaint to an existing contact by a typed or "
        "sent address: if the customer is one of these, choose that contact as the "
        "customer (the change is recorded in the chatter).",
    )

    @api.depends("partner_id", "customer_email", "customer_phone", "is_anonymous")
    def _compute_chp_possible_contact_ids(self):
        """Searched as the user, so that record rules decide which contacts
        they may be shown."""
        Partner = self.env["res.partner"]
        for complaint in self:
            email = email_normalize(complaint.customer_email or "", strict=False)
            parts = []
            if email:
                parts.append([("email_normalized", "=", email)])
            if complaint.customer_phone:
                parts.append([("phone", "=", complaint.customer_phone)])
            if complaint.is_anonymous or not parts:
                complaint.chp_possible_contact_ids = Partner
                continue
            domain = expression.AND(
                [expression.OR(parts), [("id", "!=", complaint.partner_id.id or 0)]]
            )
            complaint.chp_possible_contact_ids = Partner.search(domain, limit=5)

    def _chp_email_leaf(self, email, indexed):
        """Complaints whose customer email is ``email`` (normalised, so lower
        case), whatever its case. ``indexed``: written for the index on
        lower(customer_email), as ``id = ANY(ARRAY(...))`` so that it ORs with
        the phone and contact conditions through their indexes (record rules
        still apply to the search around it); otherwise the ``=ilike`` a
        client action can carry, its wildcards escaped so that both forms
        find the same complaints."""
        if not indexed:
            escaped = email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return ("customer_email", "=ilike", escaped)
        ids = SQL(
            "ANY(ARRAY(SELECT id FROM %s WHERE lower(customer_email) = %s))",
            SQL.identifier(self._table),
            email,
        )
        return ("id", "=", ids)

    def _chp_same_customer_domain(self, indexed=False):
        """Other complaints of the same customer: same contact (commercial
        entity), email or phone. None for an anonymous complaint.
        ``indexed``: see :meth:`_chp_email_leaf`."""
        self.ensure_one()
        if self.is_anonymous:
            return None
        parts = []
        if self.partner_id:
            parts.append([("partner_id", "child_of", self.partner_id.commercial_partner_id.id)])
        email = email_normalize(self.customer_email or "", strict=False)
        if email:
            parts.append([self._chp_email_leaf(email, indexed)])
        if self.customer_phone:
            parts.append([("customer_phone", "=", self.customer_phone)])
        if not parts:
            return None
        return expression.AND([expression.OR(parts), [("id", "!=", self._origin.id or 0)]])

    @api.depends("partner_id", "customer_email", "customer_phone", "is_anonymous", "date_received")
    def _compute_chp_customer_history(self):
        may_see = self._chp_may_see_customer()
        for complaint in self:
            domain = complaint._chp_same_customer_domain(indexed=True) if may_see else None
            if domain is None:
                complaint.chp_customer_complaint_count = 0
                complaint.chp_possibly_related = False
                continue
            complaint.chp_customer_complaint_count = self.search_count(domain)
            received = complaint.date_received or fields.Datetime.now()
            contact = []
            email = email_normalize(complaint.customer_email or "", strict=False)
            if email:
                contact.append([complaint._chp_email_leaf(email, indexed=True)])
            if complaint.customer_phone:
                contact.append([("customer_phone", "=", complaint.customer_phone)])
            complaint.chp_possibly_related = bool(contact) and bool(
                self.sudo().search_count(
                    expression.AND(
                        [
                            expression.OR(contact),
                            [
                                ("id", "!=", complaint._origin.id or 0),
                                ("company_id", "=", complaint.company_id.id),
                                (
                                    "date_received",
                                    ">=",
                                    received - timedelta(days=RELATED_WINDOW_DAYS),
                                ),
                                ("date_received", "<=", received),
                            ],
                        ]
                    ),
                    limit=1,
                )
            )

    # --- What the form's conditions read ------------------------------------------
    chp_may_edit_spso = fields.Boolean(
        string="May record the SPSO outcome",
        compute="_compute_chp_may_edit_spso",
        help="The current user may record the SPSO's journey (SPSO liaison officer or "
        "complaints administrator).",
    )

    @api.depends_context("uid")
    def _compute_chp_may_edit_spso(self):
        self.chp_may_edit_spso = roles.has_role(self.env, roles.LIAISON, roles.ADMIN)

    chp_spso_only_user = fields.Boolean(
        string="SPSO fields only",
        compute="_compute_chp_spso_only_user",
        help="The current user may change only the SPSO fields of this complaint (SPSO "
        "liaison officer with no other role on it): the form shows the rest read-only.",
    )

    @api.depends_context("uid")
    def _compute_chp_spso_only_user(self):
        user = self.env.user
        if self.env.su or not user.has_group(LIAISON):
            self.chp_spso_only_user = False
            return
        origins = self._origin
        writable = origins._chp_writable_through_other_roles() if origins else origins
        for complaint in self:
            origin = complaint._origin
            complaint.chp_spso_only_user = bool(origin) and origin not in writable

    chp_may_take = fields.Boolean(
        string="May assign to me",
        compute="_compute_chp_may_take",
        help="The complaint is open and has no handler, and the current user may take it "
        "(a team member of its service, or someone who may already change it).",
    )

    @api.depends("user_id", "state", "service_id")
    @api.depends_context("uid")
    def _compute_chp_may_take(self):
        takeable = self._chp_takeable()
        for complaint in self:
            complaint.chp_may_take = complaint in takeable

    def _chp_takeable(self):
        """The complaints of ``self`` the current user may take: open, with
        no handler, and the user has the staff role and is in the team of
        the complaint's service or may already work the complaint (its
        creator, a follower, a senior manager). Reading it is not enough: a
        liaison officer reads every complaint, and a team member reads the
        queue of their services only to take from it."""
        if not has_role(self.env, STAFF):
            return self.browse()
        candidates = self.filtered(lambda c: c.id and not c.user_id and c.state in OPEN_STATES)
        if not candidates or self.env.su:
            return candidates
        user = self.env.user
        in_team = candidates.filtered(lambda c: user in c.sudo().service_id.triage_team_ids)
        # Write rules of the user's roles other than the SPSO liaison officer's,
        # whose write rule covers every complaint but only for the SPSO fields.
        return in_team | (candidates - in_team)._chp_writable_through_other_roles()

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A complaint with this reference already exists in this company.",
        ),
    ]

    def init(self):
        """The indexes the ORM's declarations can't express:

        - the kanban's first load reads the open complaints only (the
          complaints action opens on the "Open" filter, ``state in
          OPEN_STATES``): the partial index serves the counts per column and
          each column's first cards in the kanban's order (``_order``),
          however many closed complaints the history holds (counting a
          million closed complaints for the folded column took 0.3 s alone);
        - the customer's history, computed on every form read: without them
          each read of a complaint with an email or a phone scanned the
          whole register (50 ms at 100,000 complaints for a role that sees
          all);
        - ``create_uid``, for the staff record rule (see
          ``_search_message_partner_ids``)."""
        res = super().init()
        cr = self.env.cr
        create_index(
            cr,
            "chp_complaint_open_kanban_index",
            self._table,
            ["stage_id", "date_received DESC", "id DESC"],
            where=OPEN_CONDITION,
        )
        create_index(
            cr, "chp_complaint_customer_email_lower_index", self._table, ["lower(customer_email)"]
        )
        create_index(cr, "chp_complaint_customer_phone_index", self._table, ["customer_phone"])
        create_index(cr, "chp_complaint_create_uid_index", self._table, ["create_uid"])
        return res

    @api.model
    def _search_message_partner_ids(self, operator, operand):
        """Keeps the staff record rule cheap on a large register.

        Staff see the complaints they handle, created or follow:
        ``user_id = me OR create_uid = me OR message_partner_ids in [my partner]``.
        Every kanban, list and form request of a staff member carries that rule.
        With mail's ``id IN (SELECT res_id FROM mail_followers ...)`` for the
        follower part, PostgreSQL cannot combine the three conditions through
        their indexes (an ``IN (subquery)`` inside an OR becomes a filter), so
        each request scanned the whole table: 40-200 ms per query on 100,000
        complaints, several queries per kanban (see bench/RESULTS.md, "Load
        test"). Written as ``id = ANY(ARRAY(subquery))`` the followed ids are
        computed once and the OR becomes a BitmapOr of three index scans (a few
        ms). ``create_uid`` gets the index it lacked for the same reason.
        """
        domain = super()._search_message_partner_ids(operator, operand)
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return domain
        [(_field, _operator, followed)] = domain
        return [("id", "=", SQL("ANY(ARRAY(%s))", followed))]

    @api.model_create_multi
    def create(self, vals_list):
        """Create complaints, in this order:

        1. outside a step of the procedure (``tools.transition.creating``:
           the history import), refuse every value a new complaint may not
           start with (``_chp_check_plain_create``, integrity file): a new
           complaint starts in New, stage 1 or direct stage 2, received now
           or in the past, with its reference from the sequence;
        2. give each complaint that names no handler its service's default
           handler (``_chp_apply_triage``, triage file: every channel);
        3. give each complaint the next reference of its company's sequence
           in the year of its receipt (``_chp_next_references``, reference
           file: drawn in bulk);
        4. create, then route a complaint created in a stage 2 column through
           its transition (``_chp_route_created``, routing file), schedule
           the clock activities (activity file) and mark the customer's
           contact as a complainant (``res.partner``, privacy rules).

        Built for bulk creation (imports, the benchmark): the default stage
        is looked up once per batch rather than once per complaint, and so
        are the other defaults (``_chp_batch_defaults``, batch file)."""
        vals_list = [dict(vals) for vals in vals_list]  # the caller's dicts stay as given
        if not in_creation(self.env, self._name):
            self._chp_check_plain_create(vals_list)
        if any("stage_id" not in vals for vals in vals_list):
            # What the ORM would give each record, computed once for the batch.
            default_stage = self.default_get(["stage_id"]).get("stage_id")
            if default_stage:
                for vals in vals_list:
                    vals.setdefault("stage_id", default_stage)
        # Triage: a complaint that names no handler gets its service's.
        self._chp_apply_triage(vals_list)
        companies = {}
        unnamed = []
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company_id = vals.get("company_id") or self.env.company.id
                company = companies.get(company_id)
                if company is None:
                    company = companies[company_id] = self.env["res.company"].browse(company_id)
                received = fields.Datetime.to_datetime(
                    vals.get("date_received") or fields.Datetime.now()
                )
                unnamed.append((vals, company, local_day(company._chp_calendar(), received)))
        names = self._chp_next_references([(company, day) for _vals, company, day in unnamed])
        for (vals, _company, _day), name in zip(unnamed, names, strict=True):
            vals["name"] = name
        with self._chp_batch_defaults():
            complaints = super().create(vals_list)
        complaints._chp_route_created()
        complaints._chp_schedule_clock_activities()
        complaints.sudo().partner_id._chp_mark_complainant()
        return complaints

    def write(self, vals):
        """Write complaints, in this order:

        1. inside a step of the procedure (``tools.transition``), write;
        2. otherwise refuse every field a plain save may not change
           (``_chp_check_plain_write``, integrity file: an allowlist, closed
           is closed, the SPSO liaison officer's field limits);
        3. a change of column runs the transition it stands for
           (``_chp_route_write``, routing file);
        4. write, then hand the stage 2 activities of a newly assigned
           investigator over to them (``_chp_follow_investigator``,
           activity file), and mark a newly linked customer's contact as a
           complainant (also inside a step)."""
        if in_transition(self):
            result = super().write(vals)
        else:
            self._chp_check_plain_write(vals)
            if "stage_id" in vals:
                return self._chp_route_write(vals)
            result = super().write(vals)
            if vals.get("investigator_id"):
                self._chp_follow_investigator()
        if vals.get("partner_id"):
            # The contact's lasting "has complained" mark (res_partner_erasure).
            self.sudo().partner_id._chp_mark_complainant()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held_or_worked(self):
        """Deleting a complaint deletes its figures: a plain delete is only
        for a complaint recorded by mistake (still New), and a complaint
        under an SPSO or manual hold is never deleted, by anyone who may
        delete complaints, whatever the path (the retention run checks the
        same; its deletion is a transition, which passes the plain-delete
        rule). Roles without the right to delete are refused by the access
        rights before this runs; Odoo uninstalling the addon is not held."""
        self._chp_check_not_held()
        if not in_transition(self):
            self._chp_check_plain_unlink()

    # --- What a plain save may change ---------------------------------------------
    # A complaint's figures (state, dates, outcomes of closed stages, clocks,
    # sign-off, extension authority, holds, retention marks, the reference)
    # change only through the steps of the procedure, which write inside
    # ``tools.transition``. Everything else that reaches ``write``/``create``
    # (the form's ``web_save``, the status bar, a kanban drag, RPC, ``load``)
    # meets the checks below. Every rule is read from the field's own
    # declaration (``chp_edit=``): the form's XML states the same rules
    # (``_chp_readonly_expression``, checked by ``tests/test_form_readonly``).
    @property
    def _chp_descriptive_fields(self):
        """Fields that describe the complaint and feed no figure: any user
        who may write the complaint may change them with a plain save (form,
        RPC ``write``/``create``, import), while it is open ("open") or also
        once closed ("always")."""
        return self._chp_fields_with("open", "always")

    @property
    def _chp_open_after_closing_fields(self):
        """Descriptive fields that stay editable once the complaint is closed
        (what we tell the customer, the improvement actions it led to)."""
        return self._chp_fields_with("always")

    @api.model
    def _chp_customer_fields(self):
        """The customer's personal data: editable while open and not anonymised."""
        return self._chp_fields_with("customer")

    @api.model
    def _chp_stage_text_fields(self):
        """{field: closing date of its stage}: the response of a stage."""
        return {
            name: argument
            for name, (kind, argument) in self._chp_policies().items()
            if kind == "until"
        }

    @api.model
    def _chp_spso_fields(self):
        """The SPSO's journey, recorded by the liaison officer (or a complaints
        administrator) once the complaint is referred; the referral itself
        (which places the SPSO hold) is a step."""
        return self._chp_fields_with("spso")

    @api.model
    def _chp_plain_writable_fields(self):
        """Every field a plain save may ever change (subject to the record's
        state): the test of the field contract compares it with ``_fields``."""
        return self._chp_fields_with("open", "always", "customer", "until", "spso", "column") | (
            MAIL_FIELDS
        )

    @api.model
    def _chp_create_only_fields(self):
        """Given once, when the complaint is recorded."""
        return self._chp_fields_with("create")

    @api.model
    def _chp_step_fields(self):
        """Stored fields only a step of the procedure writes (the rest of the
        stored fields are computed from them)."""
        return self._chp_fields_with("step")

    @api.model
    def _chp_refusal(self, fnames, refs):
        hows = []
        for fname in sorted(fnames):
            field = self._fields.get(fname)
            if not field:
                continue
            how = self._chp_how(fname) or (COMPUTED_HOW if field.compute else None)
            how = how or _("it is not one of the fields an edit may change")
            hows.append(f"{field.string}: {how}")
        return UserError(
            _(
                "%(refs)s: these can't be changed by editing the complaint.\n%(hows)s",
                refs=refs,
                hows="\n".join(hows),
            )
        )

    def _chp_check_plain_write(self, vals):
        """Refuse what a plain save may not change on these complaints."""
        if not self:
            return
        refs = ", ".join(self.mapped("name"))
        allowed = self._chp_plain_writable_fields()
        refused = [f for f in vals if f in self._fields and f not in allowed]
        if refused:
            raise self._chp_refusal(refused, refs)
        self._chp_check_liaison_write(vals)
        changing = set(vals) - MAIL_FIELDS
        if not changing:
            return
        closed = self.filtered(lambda c: c.state == "closed")
        spso_fields = self._chp_spso_fields()
        after_closing = spso_fields | {"stage_id"} | self._chp_open_after_closing_fields
        if closed and changing - after_closing:
            raise UserError(
                _(
                    "%s is closed: a closed complaint changes only through “Reopen” "
                    "(a senior manager, with a reason).",
                    ", ".join(closed.mapped("name")),
                )
            )
        if changing & spso_fields:
            roles.check_role(
                self.env, (roles.LIAISON, roles.ADMIN), _("record the SPSO's decision")
            )
            not_referred = self.filtered(lambda c: not c.spso_referred)
            if not_referred:
                raise UserError(
                    _(
                        "%s has not been referred to the SPSO: use “Refer to the SPSO” first.",
                        ", ".join(not_referred.mapped("name")),
                    )
                )
        if changing & self._chp_customer_fields():
            anonymised = self.filtered("anonymised")
            if anonymised:
                raise UserError(
                    _(
                        "The personal data of %s were removed: they can't be entered again.",
                        ", ".join(anonymised.mapped("name")),
                    )
                )
        stage_texts = self._chp_stage_text_fields()
        for fname in changing & set(stage_texts):
            done = self.filtered(stage_texts[fname])
            if done:
                raise UserError(
                    _(
                        "%(refs)s: the %(field)s of a closed stage can't change; a senior "
                        "manager can reopen the complaint.",
                        refs=", ".join(done.mapped("name")),
                        field=self._fields[fname].string,
                    )
                )
        # Nothing new about the customer goes into an anonymised complaint
        # (what we tell the customer stays editable once a stage closed).
        if changing & set(CUSTOMER_SUMMARIES.values()):
            anonymised = self.filtered("anonymised")
            if anonymised:
                raise UserError(
                    _(
                        "The personal data of %s were removed: nothing can be written to the "
                        "customer any more.",
                        ", ".join(anonymised.mapped("name")),
                    )
                )

    def copy_data(self, default=None):
        """Duplicate gives a new complaint about the same matter: its
        descriptive fields (but the handling's own, and links made after
        closing) and the customer's contact are copied, with whatever
        ``default`` gives; it is received now, starts in New and gets a new
        reference, as any complaint a user records (closed ones included)."""
        default = dict(default or {})
        vals_list = super().copy_data(default)
        keep = (
            {
                name
                for name in self._chp_descriptive_fields - self._chp_open_after_closing_fields
                if self._fields[name].copy
            }
            | self._chp_customer_fields()
            | {"company_id"}
            | set(default)
        )
        return [{k: v for k, v in vals.items() if k in keep} for vals in vals_list]

    @api.model
    def _chp_check_plain_create(self, vals_list):
        """A new complaint starts in New, stage 1 or direct stage 2, received
        now or in the past, numbered by the sequence. History (past closures,
        outcomes of closed stages, extensions) enters only through the import
        wizard."""
        allowed = (
            self._chp_plain_writable_fields() | self._chp_create_only_fields()
        ) - self._chp_spso_fields()
        defaults = {
            key[len("default_") :]
            for key in self.env.context
            if key.startswith("default_") and key[len("default_") :] in self._fields
        }
        refused = {f for f in defaults if f not in allowed and f != "name"}
        today = fields.Date.context_today(self)
        Stage = self.env["chp.complaint.stage"]
        for vals in vals_list:
            refused |= {f for f in vals if f in self._fields and f not in allowed}
            if vals.get("name", "/") != "/":
                refused.add("name")
            if "name" in defaults and self.env.context["default_name"] not in (False, "/"):
                refused.add("name")
            received = vals.get("date_received")
            if received and fields.Datetime.to_datetime(received).date() > today:
                raise UserError(
                    _(
                        "A complaint can't be received in the future (%s): record it on the "
                        "day it arrives.",
                        received,
                    )
                )
            stage = Stage.browse(vals.get("stage_id") or self.env.context.get("default_stage_id"))
            if stage and stage.state == "closed":
                raise UserError(
                    _(
                        "A new complaint starts in New, stage 1 or stage 2: close it "
                        "afterwards with “Close stage 1” or “Sign off and close”. Past "
                        "complaints enter through “Import history”."
                    )
                )
        if refused:
            raise self._chp_refusal(refused, _("A new complaint"))

    def _chp_check_plain_unlink(self):
        not_new = self.filtered(lambda c: c.state != "new")
        if not_new:
            raise UserError(
                _(
                    "%s can't be deleted: its handling is part of the complaints figures. Only "
                    "a complaint recorded by mistake, still New, can be deleted; the retention "
                    "policy removes the others' personal data in time.",
                    ", ".join(not_new.mapped("name")),
                )
            )

    @api.model
    def _chp_readonly_expression(self, fname):
        """The form's ``readonly`` for ``fname``: the same rules as
        ``_chp_check_plain_write``, as a client-side expression (None: the
        view's own attribute stands). Every form view of the complaint
        writes it on each of its fields (``views/chp_complaint_views.xml``
        and the views inheriting it), and hides its header buttons with
        ``or chp_spso_only_user`` (but the SPSO's own); the conditions read
        ``state``, ``anonymised``, the stages' closing dates,
        ``spso_referred``, ``chp_may_edit_spso`` and ``chp_spso_only_user``,
        which every form holds. ``tests/test_form_readonly`` fails where the
        XML says otherwise."""
        if fname in MAIL_FIELDS:
            return None
        kind, argument = self._chp_edit_policy(fname)
        return {
            "column": None,
            "always": "chp_spso_only_user",
            "create": "id",
            "customer": "state == 'closed' or anonymised or chp_spso_only_user",
            "until": f"state == 'closed' or {argument} or chp_spso_only_user",
            "spso": "not chp_may_edit_spso or not spso_referred",
            "open": "state == 'closed' or chp_spso_only_user",
        }.get(kind, "1")

    # --- The SPSO liaison officer's field limits ----------------------------------
    # Field-level limits that record rules cannot express: the liaison officer
    # reads every complaint and records the SPSO's journey, but through that role
    # alone only the ``spso_*`` fields are writable; what the user may write
    # through another role (handler, investigator, senior manager, chief
    # executive on complaints assigned to them) stays writable.
    def _chp_check_liaison_write(self, vals):
        if self.env.su or not self or not self.env.user.has_group(LIAISON):
            return
        other_fields = [f for f in vals if not f.startswith(LIAISON_FIELD_PREFIXES)]
        if not other_fields:
            return
        writable = self._chp_writable_through_other_roles()
        if self - writable:
            labels = ", ".join(self._fields[f].string for f in other_fields if f in self._fields)
            raise AccessError(
                _(
                    "As SPSO liaison officer you may only change the SPSO fields of "
                    "%(refs)s, not: %(fields)s.",
                    refs=", ".join((self - writable).mapped("name")),
                    fields=labels,
                )
            )

    def _chp_writable_through_other_roles(self):
        """Records of ``self`` that the write rules of the user's groups other
        than the liaison group allow (global rules are checked by the ORM)."""
        liaison = self.env.ref(LIAISON)
        user_groups = self.env.user.groups_id - liaison
        Rule = self.env["ir.rule"]
        rules = Rule._get_rules(self._name, mode="write").sudo()
        eval_context = Rule._eval_context()
        domains = [
            expression.normalize_domain(safe_eval(rule.domain_force or "[]", eval_context))
            for rule in rules
            if rule.groups & user_groups
        ]
        if not domains:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *expression.OR(domains)])
            .sudo(False)
        )

    def action_chp_take_personally(self):
        """The chief executive may take any complaint personally: they become
        its handler (their write rule covers complaints assigned to them)."""
        check_role(self.env, CHIEF_EXECUTIVE, _("take a complaint personally"))
        self.check_access("read")
        self.sudo().write({"user_id": self.env.user.id})
        for complaint in self:
            complaint.message_post(
                body=_("%s takes this complaint personally.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )

    # --- Bulk creation ------------------------------------------------------------
    # Bulk creation of complaints without the ORM's per-record overheads that
    # give the same answer for every complaint of a batch.
    #
    # The history import and the benchmarks create thousands of complaints per
    # ``create``. Profiling 10,000 imported rows showed two generic per-record
    # costs of the ORM that do not depend on the record:
    #
    # - ``_add_missing_default_values`` runs ``default_get`` over every field of
    # the model for each record (about a tenth of the write);
    # - ``_check_company`` builds a domain and runs ``filtered_domain`` for each
    # record and each company-checked field (about a tenth as well), although
    # its answer depends only on the company and the linked records.
    #
    # Both are computed here once per distinct case and reused, with the same
    # results as the ORM's own code.
    @contextmanager
    def _chp_batch_defaults(self):
        """Within the block, the defaults of complaints whose values name the
        same fields are computed once (``create`` wraps the ORM's create in
        it). Defaults depend on the environment (user, company, context),
        never on the record; the memo is keyed by environment and by the
        names given, and dropped at the end of the block."""
        cache = self.env.cr.cache
        previous = cache.get(_DEFAULTS_MEMO)
        cache[_DEFAULTS_MEMO] = {}
        try:
            yield
        finally:
            if previous is None:
                cache.pop(_DEFAULTS_MEMO, None)
            else:
                cache[_DEFAULTS_MEMO] = previous

    @api.model
    def _add_missing_default_values(self, values):
        memo = self.env.cr.cache.get(_DEFAULTS_MEMO)
        if memo is None or self._inherits:
            return super()._add_missing_default_values(values)
        key = (id(self.env), frozenset(values))
        env, defaults = memo.get(key, (None, None))
        if env is not self.env:  # the memo holds its environment: no id reuse
            completed = super()._add_missing_default_values(values)
            defaults = {name: value for name, value in completed.items() if name not in values}
            memo[key] = (self.env, defaults)
        return {**defaults, **values}

    def _check_company(self, fnames=None):
        """The ORM's check, run on one complaint per distinct combination of
        company and company-checked links: the check reads nothing else of
        the complaint, so the verdict is the same for the whole batch."""
        if len(self) < 2:
            return super()._check_company(fnames)
        checked = ["company_id"] + [
            name for name, field in self._fields.items() if field.relational and field.check_company
        ]
        representatives = {}
        for complaint in self.sudo():
            key = tuple(complaint[name]._ids for name in checked)
            representatives.setdefault(key, complaint.id)
        return super(ChpComplaint, self.browse(list(representatives.values())))._check_company(
            fnames
        )

    # --- References ---------------------------------------------------------------
    # Complaint references (CMP/2026/00001) drawn in bulk.
    #
    # Every reference still comes from the company's ``ir.sequence`` and its
    # yearly range, so numbers stay unique under concurrent creation; but a
    # batch of complaints (an import, a bulk creation) looks up each sequence
    # and range once and draws all the numbers of a range with one PostgreSQL
    # query instead of two queries and a prefix interpolation per complaint.
    @api.model
    def _chp_next_references(self, requests):
        """The next references for ``requests``, a list of (company, day of
        receipt), in the same order: numbered in the year of the day."""
        sequences = {}
        items = []
        for company, day in requests:
            sequence = sequences.get(company.id)
            if sequence is None:
                sequence = sequences[company.id] = self._chp_reference_sequence(company)
            items.append((sequence, day))
        return self._chp_draw_references(items)

    @api.model
    def _chp_draw_references(self, requests):
        """The next names of ``requests``, a list of (sequence, day), in the
        same order; a year's range is opened when missing."""
        names = [None] * len(requests)
        ranges = defaultdict(list)
        batches = defaultdict(list)
        for index, (sequence, day) in enumerate(requests):
            date_range = self._chp_sequence_range(sequence, day, ranges[sequence.id], open_it=True)
            if date_range and sequence.implementation == "standard":
                batches[date_range].append((index, day))
            else:
                # A no-gap sequence (or one without yearly ranges): the
                # sequence's own path, one at a time.
                names[index] = sequence.with_context(ir_sequence_date=day)._next(sequence_date=day)
        for date_range, items in batches.items():
            sequence = date_range.sequence_id
            self.env.cr.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                [f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}", len(items)],
            )
            numbers = sorted(row[0] for row in self.env.cr.fetchall())
            affixes = {}
            for (index, day), number in zip(items, numbers, strict=True):
                if day not in affixes:
                    affixes[day] = sequence.with_context(
                        ir_sequence_date=day, ir_sequence_date_range=date_range.date_from
                    )._get_prefix_suffix()
                prefix, suffix = affixes[day]
                names[index] = f"{prefix}{number:0{sequence.padding}d}{suffix}"
                if "current_" in (sequence.prefix or "") + (sequence.suffix or ""):
                    affixes.pop(day)  # the prefix shows the time of drawing
        return names

    @api.model
    def _chp_sequence_range(self, sequence, day, known, open_it=False):
        """The range of ``sequence`` holding ``day`` (``known``: the ranges
        found so far in this batch), or an empty recordset; with
        ``open_it``, the year's range is opened when it is missing."""
        if not sequence.use_date_range:
            return self.env["ir.sequence.date_range"]
        for date_range in known:
            if date_range.date_from <= day <= date_range.date_to:
                return date_range
        date_range = self._chp_search_range(sequence, day)
        if not date_range and open_it:
            date_range = self._chp_open_range(sequence, day.year)
        if date_range:
            known.append(date_range)
        return date_range

    @api.model
    def _chp_search_range(self, sequence, day):
        return (
            self.env["ir.sequence.date_range"]
            .sudo()
            .search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ],
                limit=1,
            )
        )

    @api.model
    def _chp_open_range(self, sequence, year):
        """Open ``year``'s numbering of ``sequence``, safely under concurrency
        for any year (a history year as much as next year).

        Two transactions opening the same year would each create a range and
        number from 1 again. So the opener first locks the sequence's row
        and, when it creates the range, updates that row. A concurrent opener
        waits on the lock; once the first commits, PostgreSQL refuses the
        waiter's lock with a serialization failure (its snapshot predates the
        new range), which Odoo's request and RPC layer retries: the retry sees
        the range and draws from it. No second range, no duplicate number,
        and no error reaches the user."""
        self.env.cr.execute("SELECT id FROM ir_sequence WHERE id = %s FOR UPDATE", [sequence.id])
        first = date(year, 1, 1)
        date_range = self._chp_search_range(sequence, first)
        if date_range:
            return date_range
        date_range = (
            self.env["ir.sequence.date_range"]
            .sudo()
            .create({"sequence_id": sequence.id, "date_from": first, "date_to": date(year, 12, 31)})
        )
        self.env.cr.execute(
            "UPDATE ir_sequence SET write_date = (now() AT TIME ZONE 'UTC') WHERE id = %s",
            [sequence.id],
        )
        return date_range

    @api.model
    def _chp_ensure_reference_ranges(self, years=None):
        """Open the yearly ranges of every company's reference sequence ahead
        of time (this year and next, by default). Two transactions drawing
        the first reference of a year at the same moment would otherwise each
        open the year's range and number from 1 again; the unique constraint
        would refuse one of them. Run at install and by a monthly action."""
        today = fields.Date.context_today(self)
        years = years or (today.year, today.year + 1)
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "chp.complaint"), ("use_date_range", "=", True)])
        )
        opened = self.env["ir.sequence.date_range"]
        for sequence in sequences:
            for year in years:
                if not self._chp_search_range(sequence, date(year, 1, 1)):
                    opened |= self._chp_open_range(sequence, year)
        return opened

    @api.model
    def _chp_reference_sequence(self, company):
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", "chp.complaint"), ("company_id", "=", company.id)], limit=1)
        )
        if not sequence:
            sequence = company.sudo()._chp_create_complaint_sequence()
        return sequence

    # --- Triage -------------------------------------------------------------------
    # Triage: complaints that arrive with nobody to handle them.
    #
    # The public form, the mail gateway and imports create complaints without a
    # handler. Each service may name a default handler and a team (inherited from
    # the service it is part of when it names none, ``chp.service``):
    #
    # - on creation, from every channel, a complaint given no handler gets its
    # service's default handler (``_chp_apply_triage``, called by the model's
    # one ``create()``); a handler given explicitly is never replaced;
    # - on the form, choosing a service fills an empty handler the same way;
    # - a complaint that still has no handler is in the "Unassigned" queue: the
    # team members of its service read it (record rule
    # ``chp_complaint_rule_staff_team``, read only) and may take it with
    # "Assign to me" (``action_assign_to_me``), which checks on the server that
    # they may.
    @api.model
    def _chp_apply_triage(self, vals_list):
        """Give each new complaint that names no handler (no ``user_id``, or
        an empty one) the default handler of its service, if it has one.
        A handler given is kept. A complaint created closed (imported
        history) keeps what it was given: its handler is a fact of the past,
        not work to route. Called by ``create()`` once per batch, after the
        default stage was filled in; the vals are changed in place."""
        pending = [vals for vals in vals_list if not vals.get("user_id")]
        if not pending:
            return
        default_service = None
        if any("service_id" not in vals for vals in pending):
            default_service = self.default_get(["service_id"]).get("service_id") or False
        stages = self.env["chp.complaint.stage"].browse(
            {vals["stage_id"] for vals in pending if vals.get("stage_id")}
        )
        closed_stages = set(stages.filtered(lambda s: s.state == "closed").ids)
        Service = self.env["chp.service"].sudo()
        handlers = {}
        for vals in pending:
            if vals.get("stage_id") in closed_stages:
                continue
            service_id = vals.get("service_id", default_service)
            if not service_id:
                continue
            if service_id not in handlers:
                handlers[service_id] = Service.browse(service_id)._chp_triage_handler()
            if handlers[service_id]:
                vals["user_id"] = handlers[service_id]

    @api.onchange("service_id")
    def _onchange_service_id_triage(self):
        """On the form, as on the server: an empty handler takes the
        service's default handler; a handler already there stays."""
        for complaint in self:
            if complaint.service_id and not complaint.user_id and complaint.state != "closed":
                handler = complaint.service_id._chp_triage_handler()
                if handler:
                    complaint.user_id = handler

    # --- Taking a complaint from the queue ----------------------------------------
    def action_assign_to_me(self):
        """Take unassigned complaints: the current user becomes their
        handler. Checked here, for every path (button, RPC): the user has
        the staff role; each complaint is open and has no handler (a handled
        complaint is reassigned by its handler or a senior manager, not
        taken); the user is in the team of its service or may already change
        it. Team members only read the queue (the record rule is read only),
        so the handler is written as superuser once these checks pass; the
        change is tracked in the user's name."""
        check_role(self.env, STAFF, _("take a complaint"))
        self.check_access("read")
        for complaint in self:
            if complaint.state not in OPEN_STATES:
                raise UserError(_("%s is closed: there is nothing left to take.", complaint.name))
            if complaint.user_id == self.env.user:
                continue
            if complaint.user_id:
                raise UserError(
                    _(
                        "%(complaint)s is already handled by %(user)s. Ask them or a senior "
                        "manager to hand it over.",
                        complaint=complaint.name,
                        user=complaint.user_id.name,
                    )
                )
        todo = self.filtered(lambda c: not c.user_id)
        refused = todo - todo._chp_takeable()
        if refused:
            raise AccessError(
                _(
                    "You can't take %(complaints)s: you are not in the team of its service. "
                    "Ask the complaints administrator to add you to the service's team, or a "
                    "senior manager to assign it.",
                    complaints=", ".join(refused.mapped("name")),
                )
            )
        if todo:
            todo.sudo().write({"user_id": self.env.uid})
        return True
