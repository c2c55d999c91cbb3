from odoo import fields, models, tools
from odoo.addons.chp_complaints.models.chp_complaint import OUTCOMES
from odoo.tools import SQL

from .chp_spso_indicator import STAGES

STAGE_SELECTION = [
    ("stage1", "Stage 1"),
    ("stage2_direct", "Stage 2 (direct)"),
    ("stage2_escalated", "Stage 2 (after escalation)"),
]


class ChpComplaintAnalysis(models.Model):
    """The events the SPSO indicators count, one row per complaint and
    event, for the Complaints dashboard and its pivots and graphs: received
    (on the day received, by stage of entry), closed at a stage (on its
    closing date, with outcome, working days, within timescale, extension)
    and open at a stage today (with overdue).

    A read-only SQL view without any personal field (no customer, no
    subject or description, no handler, no link to the complaint), so that
    the committee and the chief executive, who may not read complaints, can
    see the aggregates. Each condition is the one ``chp.spso.indicator``
    uses, so that a period's counts here equal ``compute()``'s figures (a
    test holds them together).
    """

    _name = "chp.complaint.analysis"
    _description = "Complaints analysis (aggregates for the dashboard)"
    _auto = False
    _rec_name = "kind"
    _order = "date desc, id desc"

    kind = fields.Selection(
        [("received", "Received"), ("closed", "Closed"), ("open", "Open today")],
        readonly=True,
    )
    stage = fields.Selection(STAGE_SELECTION, readonly=True)
    date = fields.Date(
        readonly=True,
        help="Received: the day received. Closed: the day the stage closed. Open today: "
        "the day received.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    service_id = fields.Many2one("chp.service", readonly=True)
    root_cause_id = fields.Many2one("chp.root.cause", readonly=True)
    contractor_id = fields.Many2one("res.partner", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    working_days = fields.Float(
        string="Average working days", readonly=True, aggregator="avg", digits=(16, 1)
    )
    within_timescale_pct = fields.Float(
        string="% within timescale", readonly=True, aggregator="avg", digits=(16, 1)
    )
    extended_pct = fields.Float(
        string="% extended", readonly=True, aggregator="avg", digits=(16, 1)
    )
    overdue = fields.Integer(readonly=True, aggregator="sum")

    def _select_received(self):
        return SQL(
            """SELECT c.id * 8 AS id, 'received' AS kind,
                   CASE WHEN c.stage2_route = 'direct' THEN 'stage2_direct' ELSE 'stage1' END
                       AS stage,
                   c.date_received_day AS date, NULL AS outcome,
                   NULL::float AS working_days, NULL::float AS within_timescale_pct,
                   NULL::float AS extended_pct, 0 AS overdue, %(common)s
              FROM chp_complaint c""",
            common=self._common(),
        )

    def _select_closed(self, stage, code):
        prefix = "stage1" if stage == "stage1" else "stage2"
        route = (
            SQL("TRUE")
            if stage == "stage1"
            else SQL("c.stage2_route = %s", stage.removeprefix("stage2_"))
        )

        def col(name):
            return SQL.identifier("c", f"{prefix}_{name}")

        return SQL(
            """SELECT c.id * 8 + %(code)s, 'closed', %(stage)s, %(closed)s, %(outcome)s,
                   %(days)s::float,
                   CASE WHEN %(within)s THEN 100.0 ELSE 0.0 END,
                   CASE WHEN %(extended)s THEN 100.0 ELSE 0.0 END,
                   0, %(common)s
              FROM chp_complaint c WHERE %(closed)s IS NOT NULL AND %(route)s""",
            code=code,
            stage=stage,
            closed=col("date_closed"),
            outcome=col("outcome"),
            days=col("working_days"),
            within=col("within_timescale"),
            extended=col("extended"),
            route=route,
            common=self._common(),
        )

    def _select_open(self, stage, code):
        """Open at the stage today, as ``compute()`` counts "open at the
        end" of a period ending today."""
        if stage == "stage1":
            where = SQL("c.stage2_route IS DISTINCT FROM 'direct' AND c.stage1_date_closed IS NULL")
            deadline = SQL("COALESCE(c.stage1_extended_deadline, c.stage1_deadline)")
        else:
            where = SQL(
                "c.stage2_route = %s AND c.stage2_date_closed IS NULL",
                stage.removeprefix("stage2_"),
            )
            if stage == "stage2_escalated":
                where = SQL("%s AND c.stage2_date_start <= CURRENT_DATE", where)
            deadline = SQL("COALESCE(c.stage2_extended_deadline, c.stage2_deadline)")
        return SQL(
            """SELECT c.id * 8 + %(code)s, 'open', %(stage)s, c.date_received_day, NULL,
                   NULL::float, NULL::float, NULL::float,
                   CASE WHEN %(deadline)s < CURRENT_DATE THEN 1 ELSE 0 END, %(common)s
              FROM chp_complaint c WHERE %(where)s""",
            code=code,
            stage=stage,
            deadline=deadline,
            where=where,
            common=self._common(),
        )

    def _common(self):
        return SQL("c.company_id, c.service_id, c.root_cause_id, c.contractor_id")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        parts = [self._select_received()]
        parts += [self._select_closed(stage, 1 + i) for i, stage in enumerate(STAGES)]
        parts += [self._select_open(stage, 4 + i) for i, stage in enumerate(STAGES)]
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(" UNION ALL ").join(parts),
            )
        )
