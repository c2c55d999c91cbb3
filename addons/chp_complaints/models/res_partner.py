from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.reporting_periods import current_periods
from ..tools.roles import CHIEF_EXECUTIVE, CONTRACT_MANAGER, LIAISON, STAFF

PERIODS = ("q", "y")
COUNTS = (
    "received",
    "open_stage1",
    "open_stage2",
    "closed",
    "upheld",
    "partially_upheld",
    "not_upheld",
    "resolved",
    "within",
)
CHP_READER_GROUPS = ",".join((STAFF, CHIEF_EXECUTIVE, LIAISON, CONTRACT_MANAGER))


class ResPartner(models.Model):
    """A contact flagged as contractor (Part 4, para. 8): complaints about its
    work are recorded against it, monitored by a contract manager and measured
    against the contract's performance objectives."""

    _inherit = "res.partner"

    chp_is_contractor = fields.Boolean(
        string="Contractor", index=True, help="Complaints can be recorded about this contractor."
    )
    chp_contract_ref = fields.Char(string="Contract reference")
    chp_contract_manager_id = fields.Many2one(
        "res.users",
        string="Contract manager",
        index=True,
        domain=[("share", "=", False)],
        help="Monitors the complaints about this contractor and may read them.",
    )
    chp_target_within_pct = fields.Float(
        string="Target % closed within timescale",
        help="Objective: share of this contractor's complaints closed in the quarter "
        "that met the 5 / 20 working-day timescale. 0 means no objective.",
    )
    chp_max_complaints_quarter = fields.Integer(
        string="Maximum complaints per quarter",
        help="Objective: complaints received about this contractor in a quarter. "
        "0 means no objective.",
    )
    chp_contractor_complaint_ids = fields.One2many(
        "chp.complaint",
        "contractor_id",
        string="Complaints about the contractor",
        groups=CHP_READER_GROUPS,
    )
    chp_customer_complaint_ids = fields.One2many(
        "chp.complaint", "partner_id", string="Complaints made", groups=CHP_READER_GROUPS
    )
    chp_is_complainant = fields.Boolean(
        string="Complainant",
        compute="_compute_chp_is_complainant",
        store=True,
        index=True,
        help="The contact made a complaint: the management committee / board may not see it.",
    )

    chp_q_received = fields.Integer("Received (quarter)", compute="_compute_chp_counts")
    chp_q_open_stage1 = fields.Integer("Open at stage 1 (quarter)", compute="_compute_chp_counts")
    chp_q_open_stage2 = fields.Integer("Open at stage 2 (quarter)", compute="_compute_chp_counts")
    chp_q_closed = fields.Integer("Closed (quarter)", compute="_compute_chp_counts")
    chp_q_upheld = fields.Integer("Upheld (quarter)", compute="_compute_chp_counts")
    chp_q_partially_upheld = fields.Integer(
        "Partially upheld (quarter)", compute="_compute_chp_counts"
    )
    chp_q_not_upheld = fields.Integer("Not upheld (quarter)", compute="_compute_chp_counts")
    chp_q_resolved = fields.Integer("Resolved (quarter)", compute="_compute_chp_counts")
    chp_q_within = fields.Integer("Within timescale (quarter)", compute="_compute_chp_counts")
    chp_q_within_pct = fields.Float("% within timescale (quarter)", compute="_compute_chp_counts")
    chp_y_received = fields.Integer("Received (year)", compute="_compute_chp_counts")
    chp_y_open_stage1 = fields.Integer("Open at stage 1 (year)", compute="_compute_chp_counts")
    chp_y_open_stage2 = fields.Integer("Open at stage 2 (year)", compute="_compute_chp_counts")
    chp_y_closed = fields.Integer("Closed (year)", compute="_compute_chp_counts")
    chp_y_upheld = fields.Integer("Upheld (year)", compute="_compute_chp_counts")
    chp_y_partially_upheld = fields.Integer(
        "Partially upheld (year)", compute="_compute_chp_counts"
    )
    chp_y_not_upheld = fields.Integer("Not upheld (year)", compute="_compute_chp_counts")
    chp_y_resolved = fields.Integer("Resolved (year)", compute="_compute_chp_counts")
    chp_y_within = fields.Integer("Within timescale (year)", compute="_compute_chp_counts")
    chp_y_within_pct = fields.Float("% within timescale (year)", compute="_compute_chp_counts")

    chp_objective_within_missed = fields.Boolean(
        string="Timescale objective missed",
        compute="_compute_chp_counts",
        help="Fewer complaints closed within timescale this quarter than the target %.",
    )
    chp_objective_volume_missed = fields.Boolean(
        string="Volume objective missed",
        compute="_compute_chp_counts",
        help="More complaints received this quarter than the contract allows.",
    )
    chp_objective_missed = fields.Boolean(
        string="Objective missed",
        compute="_compute_chp_counts",
        search="_search_chp_objective_missed",
    )

    _sql_constraints = [
        (
            "chp_target_within_pct_range",
            "CHECK(chp_target_within_pct >= 0 AND chp_target_within_pct <= 100)",
            "The target % closed within timescale must lie between 0 and 100.",
        ),
        (
            "chp_max_complaints_quarter_positive",
            "CHECK(chp_max_complaints_quarter >= 0)",
            "The maximum complaints per quarter cannot be negative.",
        ),
    ]

    @api.depends("chp_customer_complaint_ids")
    def _compute_chp_is_complainant(self):
        Complaint = self.env["chp.complaint"].sudo().with_context(active_test=False)
        groups = Complaint._read_group([("partner_id", "in", self.ids)], ["partner_id"])
        complainants = {partner.id for (partner,) in groups}
        for partner in self:
            partner.chp_is_complainant = partner.id in complainants

    @api.constrains("chp_is_contractor", "chp_contract_manager_id")
    def _check_chp_contract_manager(self):
        for partner in self:
            if partner.chp_contract_manager_id and not partner.chp_is_contractor:
                raise ValidationError(
                    _("%s has a contract manager but is not flagged as a contractor.", partner.name)
                )

    def _chp_count_complaints(self, today=None):
        """Counts per contractor and period, read with two _read_group calls
        per period (SQL aggregation), never by looping over complaints.

        Only figures leave this method, so it reads with sudo: a contract
        manager's or a board member's view of a contractor's performance must
        not depend on which complaints they may open. It is limited to the
        companies the user is working in.
        """
        today = today or fields.Date.context_today(self)
        Complaint = self.env["chp.complaint"].sudo()
        base = [("contractor_id", "in", self.ids), ("company_id", "in", self.env.companies.ids)]
        result = {pid: {f"{p}_{c}": 0 for p in PERIODS for c in COUNTS} for pid in self.ids}
        for period, (start, end) in current_periods(today).items():
            received = Complaint._read_group(
                [*base, ("date_received_day", ">=", start), ("date_received_day", "<=", end)],
                ["contractor_id", "state"],
                ["__count"],
            )
            for contractor, state, count in received:
                counts = result[contractor.id]
                counts[f"{period}_received"] += count
                if state in ("new", "stage1"):
                    counts[f"{period}_open_stage1"] += count
                elif state == "stage2":
                    counts[f"{period}_open_stage2"] += count
            closed = Complaint._read_group(
                [
                    *base,
                    ("state", "=", "closed"),
                    ("date_closed", ">=", start),
                    ("date_closed", "<=", end),
                ],
                [
                    "contractor_id",
                    "stage2_route",
                    "stage1_outcome",
                    "stage2_outcome",
                    "stage1_within_timescale",
                    "stage2_within_timescale",
                ],
                ["__count"],
            )
            for contractor, route, out1, out2, within1, within2, count in closed:
                counts = result[contractor.id]
                counts[f"{period}_closed"] += count
                outcome = out2 if route else out1
                if outcome:
                    counts[f"{period}_{outcome}"] += count
                if within2 if route else within1:
                    counts[f"{period}_within"] += count
        return result

    @api.depends_context("company", "allowed_company_ids")
    def _compute_chp_counts(self):
        contractors = self.filtered(lambda p: p.chp_is_contractor and p.id)
        counts = contractors._chp_count_complaints() if contractors else {}
        for partner in self:
            values = counts.get(partner.id, {f"{p}_{c}": 0 for p in PERIODS for c in COUNTS})
            for key, value in values.items():
                partner[f"chp_{key}"] = value
            for period in PERIODS:
                closed = values[f"{period}_closed"]
                partner[f"chp_{period}_within_pct"] = (
                    100.0 * values[f"{period}_within"] / closed if closed else 0.0
                )
            partner.chp_objective_within_missed = bool(
                partner.chp_target_within_pct
                and values["q_closed"]
                and partner.chp_q_within_pct < partner.chp_target_within_pct
            )
            partner.chp_objective_volume_missed = bool(
                partner.chp_max_complaints_quarter
                and values["q_received"] > partner.chp_max_complaints_quarter
            )
            partner.chp_objective_missed = (
                partner.chp_objective_within_missed or partner.chp_objective_volume_missed
            )

    def _search_chp_objective_missed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on missed objectives."))
        contractors = self.search([("chp_is_contractor", "=", True)])
        missed = contractors.filtered("chp_objective_missed")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", missed.ids)]
