from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.formats import uk_date
from ..tools.roles import TRAINING_OFFICER

TRAINING_TYPES = [("induction", "Induction"), ("refresher", "Refresher")]
TRAINING_STATES = [("due", "Due"), ("done", "Completed"), ("cancelled", "Cancelled")]


class ChpTrainingRecord(models.Model):
    """CHP induction or refresher training of one user (Part 4, roles para. 2).

    A record is *due* until its completion date is entered; completing it
    schedules the next refresher, so an overdue refresher is simply a due
    record whose date has passed and the training officer is told of each
    overdue record once (``date_overdue_notified``).
    """

    _name = "chp.training.record"
    _description = "CHP Training Record"
    _inherit = ["mail.thread"]
    _order = "date_due desc, id desc"
    _rec_name = "user_id"

    user_id = fields.Many2one(
        "res.users",
        string="Staff member",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Company whose training policy applies to this record.",
    )
    training_type = fields.Selection(
        TRAINING_TYPES, string="Type", required=True, default="induction", tracking=True
    )
    date_due = fields.Date(
        string="Due by",
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_completed = fields.Date(
        string="Completed on",
        index=True,
        tracking=True,
        help="Entering the date marks the training done and schedules the next refresher.",
    )
    date_next_due = fields.Date(
        string="Next refresher due",
        compute="_compute_date_next_due",
        store=True,
        index=True,
        help="Completion date plus the refresher interval of the company settings. "
        "The training counts as current until this date.",
    )
    state = fields.Selection(
        TRAINING_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        readonly=False,
        help="Cancelled records are ignored by reminders and figures.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    date_overdue_notified = fields.Date(
        string="Training officer told on",
        copy=False,
        readonly=True,
        help="Set when the training officer was told this record is overdue, "
        "so that each overdue record is reported once only.",
    )
    notes = fields.Text()

    @api.depends("user_id", "training_type")
    def _compute_display_name(self):
        types = dict(TRAINING_TYPES)
        for record in self:
            record.display_name = _(
                "%(type)s: %(user)s",
                type=types.get(record.training_type, ""),
                user=record.user_id.name or "",
            )

    @api.depends("date_completed", "company_id.chp_training_refresher_months")
    def _compute_date_next_due(self):
        for record in self:
            months = record.company_id.chp_training_refresher_months or 12
            record.date_next_due = (
                record.date_completed + relativedelta(months=months)
                if record.date_completed
                else False
            )

    @api.depends("date_completed")
    def _compute_state(self):
        for record in self:
            if record.date_completed:
                record.state = "done"
            elif record.state != "cancelled":
                record.state = "due"

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_overdue = record.state == "due" and record.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on overdue training."))
        domain = [("state", "=", "due"), ("date_due", "<", fields.Date.context_today(self))]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.constrains("date_completed")
    def _check_date_completed(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.date_completed and record.date_completed > today:
                raise ValidationError(_("Training cannot be completed in the future."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("date_completed")._schedule_next_refresher()
        return records

    def write(self, vals):
        newly_done = (
            self.filtered(lambda r: not r.date_completed)
            if vals.get("date_completed")
            else self.browse()
        )
        res = super().write(vals)
        newly_done._schedule_next_refresher()
        return res

    def _schedule_next_refresher(self):
        """Create the refresher that falls due when this training expires,
        unless the user already has a later training planned."""
        to_create = []
        for record in self:
            pending = self.search_count(
                [
                    ("user_id", "=", record.user_id.id),
                    ("state", "=", "due"),
                    ("date_due", ">=", record.date_completed),
                ],
                limit=1,
            )
            if not pending:
                to_create.append(
                    {
                        "user_id": record.user_id.id,
                        "company_id": record.company_id.id,
                        "training_type": "refresher",
                        "date_due": record.date_next_due,
                    }
                )
        if to_create:
            self.sudo().create(to_create)

    def action_mark_done(self):
        """Record today's completion of the selected trainings."""
        self.filtered(lambda r: r.state == "due").write(
            {"date_completed": fields.Date.context_today(self)}
        )

    def action_cancel(self):
        self.filtered(lambda r: r.state == "due").write({"state": "cancelled"})

    # --- Figures and reminders -------------------------------------------------
    @api.model
    def _staff_domain(self, company):
        return [("share", "=", False), ("active", "=", True), ("company_ids", "in", company.ids)]

    @api.model
    def get_training_figures(self, company=None):
        """Indicator 3, staff awareness and training, for ``company``.

        Returns ``{"staff", "trained", "pct", "overdue"}``: active internal
        users of the company, those among them whose last CHP training is still
        current (completed, next refresher not yet due), the percentage
        (``None`` without staff) and the number of overdue due records. Only
        counts leave the method, so it reads with sudo for report users who
        have no access to training records; it is limited to the caller's
        companies.
        """
        company = company or self.env.company
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(_("You cannot read the training figures of %s.", company.name))
        today = fields.Date.context_today(self)
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        staff_domain = self._staff_domain(company)
        staff = Users.search_count(staff_domain)
        trained = Users.search_count(
            [
                *staff_domain,
                (
                    "chp_training_record_ids",
                    "any",
                    [("state", "=", "done"), ("date_next_due", ">=", today)],
                ),
            ]
        )
        overdue = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "due"),
                    ("date_due", "<", today),
                    ("user_id", "any", staff_domain),
                ]
            )
        )
        return {
            "staff": staff,
            "trained": trained,
            "pct": round(100.0 * trained / staff, 1) if staff else None,
            "overdue": overdue,
        }

    @api.model
    def _cron_notify_overdue(self):
        """Tell the training officers of each company about overdue trainings
        not reported yet; each record is reported once."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [("state", "=", "due"), ("date_due", "<", today), ("date_overdue_notified", "=", False)]
        )
        officers = self.env.ref(TRAINING_OFFICER).users
        reported = self.browse()
        for record in overdue:
            partners = officers.filtered(
                lambda u, r=record: r.company_id in u.company_ids
            ).partner_id
            if partners:
                # Marked only once someone was told: a company without a
                # training officer gets the notice when it appoints one.
                reported |= record
                record.message_post(
                    body=_(
                        "CHP %(type)s training of %(user)s was due on %(date)s and is overdue.",
                        type=dict(TRAINING_TYPES)[record.training_type].lower(),
                        user=record.user_id.name,
                        date=uk_date(record.date_due),
                    ),
                    partner_ids=partners.ids,
                    subtype_xmlid="mail.mt_note",
                )
        reported.write({"date_overdue_notified": today})
