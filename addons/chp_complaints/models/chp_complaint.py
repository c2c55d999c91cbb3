from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from ..tools.roles import CHIEF_EXECUTIVE, LIAISON, STAFF
from ..tools.transition import in_creation, in_transition
from .working_days import local_day

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


class ChpComplaint(models.Model):
    """A complaint and its journey through the Model Complaints Handling
    Procedure: what Part 4 requires to be recorded, and the stored clocks the
    indicators aggregate.

    This file holds the fields, the one ``create()`` and ``write()``, and
    the deletion rule (``@api.ondelete``). Behaviour is split by concern into ``_inherit`` files:

    - ``chp_complaint_integrity``: what a plain save may change (the
      checks ``write``/``create`` and the deletion rule call) and the form
      mirroring it;
    - ``chp_complaint_journey``: one method per step of the procedure;
    - ``chp_complaint_routing``: a change of column runs its step;
    - ``chp_complaint_clock``: the stored clocks from the working-day engine;
    - ``chp_complaint_batch``: the ORM's per-record defaults and company
      check done once per batch (bulk creation);
    - ``chp_complaint_reference``: references drawn from the sequence;
    - ``chp_complaint_activity``: deadline activities, sign-off requests,
      the daily overdue check;
    - ``chp_complaint_access``: the SPSO liaison officer's field limits;
    - ``chp_complaint_retention``: holds, anonymisation and deletion.
    - ``chp_complaint_kanban``: the index of the kanban's first load;
    - ``chp_complaint_triage``: the service's default handler on creation,
      the "Unassigned" queue and "Assign to me".
    """

    _name = "chp.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "chp.field.policy.mixin"]
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

    # --- The complaint --------------------------------------------------------
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

    # --- The customer ---------------------------------------------------------
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

    # --- Stage 1 ---------------------------------------------------------------
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

    # --- Stage 2 ---------------------------------------------------------------
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

    # --- Clocks of the open stage -------------------------------------------
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

    # --- SPSO -----------------------------------------------------------------
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

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("chp_complaints.mt_chp_complaint_stage")
        return super()._track_subtype(init_values)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("state", "!=", False)])

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A complaint with this reference already exists in this company.",
        ),
    ]

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
