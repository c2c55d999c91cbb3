from odoo import _, api, fields, models, tools
from odoo.addons.chp_complaints.models.chp_complaint import OUTCOMES
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..report.indicators import STAGES, column_prefix, counted

# What a statistics-only reader (the committee) may ask of the model: group
# by these, and sum, average or count; never a row, an id or an extreme.
AGGREGATE_GROUPBY = frozenset(
    {
        "kind",
        "stage",
        "date",
        "company_id",
        "service_id",
        "root_cause_id",
        "contractor_id",
        "outcome",
    }
)
AGGREGATE_FUNCTIONS = frozenset({"sum", "avg", "count"})

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

    A role limited to statistics (one that may not read complaints: the
    committee) has no row of it (a record rule gives it none, so ``search``,
    ``read``, counts and exports see nothing): it reads ``read_group``
    only, grouped by the fields above with sums, averages and counts, and a
    group of no more complaints than the company's few-complaints threshold
    is left out, so that no figure narrows down to one person's complaint.
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
    root_cause_id = fields.Many2one("chp.root.cause", readonly=True, string="Root cause")
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

    # ------------------------------------------------------------ aggregates
    def _chp_statistics_only(self):
        """True for a user who may see the figures but no complaint."""
        return not self.env.su and not self.env["chp.complaint"].has_access("read")

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if not self._chp_statistics_only():
            return super().read_group(domain, fields, groupby, offset, limit, orderby, lazy)
        self.check_access("read")
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        self._chp_check_aggregate_request(fields, groupby)
        # The record rule gives this reader no row: the figures are read as
        # the superuser, within the user's companies, and then thinned.
        domain = expression.AND([domain or [], [("company_id", "in", self.env.companies.ids)]])
        groups = super(ChpComplaintAnalysis, self.sudo()).read_group(
            domain, fields, groupby, offset, limit, orderby, lazy
        )
        return self._chp_without_few(groups, groupby, lazy)

    def _chp_check_aggregate_request(self, fields, groupby):
        refused = [spec for spec in groupby if spec.split(":")[0] not in AGGREGATE_GROUPBY]
        for spec in fields or []:
            name, _sep, func = spec.partition(":")
            if "(" in func:  # "alias:func(field)"
                func, _sep, name = func.rstrip(")").partition("(")
            if name == "__count" or (name in AGGREGATE_GROUPBY and not func):
                continue
            field = self._fields.get(name)
            aggregator = func or (field.aggregator if field else None)
            if not field or name == "id" or aggregator not in AGGREGATE_FUNCTIONS:
                refused.append(spec)
        if refused:
            raise AccessError(
                _(
                    "You may see the complaints figures only as totals, averages and counts "
                    "by stage, date, service, root cause, contractor or outcome; not this: %s.",
                    ", ".join(refused),
                )
            )

    def _chp_without_few(self, groups, groupby, lazy):
        """Leaves out the groups of few complaints (at most the threshold of
        the strictest of the user's companies)."""
        threshold = max(self.env.companies.mapped("chp_few_complaints") or [0])
        count_key = f"{groupby[0].split(':')[0]}_count" if lazy and groupby else "__count"
        return [group for group in groups if group.get(count_key, 0) > threshold]

    # ------------------------------------------------------------ the view
    # Every condition is the engine's (``chp.spso.indicator``): closed at a
    # stage, open and overdue today, and each counted indicator's condition
    # (``report/indicators.py``) as the share of a closed event that meets
    # it, in the indicator's ``analysis_field`` (declared above; an addon
    # that declares an indicator with one adds the field to this model).
    def _analysis_indicators(self):
        Engine = self.env["chp.spso.indicator"]
        return [
            ind
            for ind in counted(Engine._chp_indicators())
            if ind.analysis_field and ind.base == "closed"
        ]

    def _indicator_columns(self, stage=None):
        """The indicators' columns: NULL outside a closed event."""
        columns = []
        for ind in self._analysis_indicators():
            value = (
                SQL("CASE WHEN %s THEN 100.0 ELSE 0.0 END", ind.condition_sql(stage))
                if stage
                else SQL("NULL::float")
            )
            columns.append(SQL("%s AS %s", value, SQL.identifier(ind.analysis_field)))
        return SQL(", ").join(columns) if columns else SQL("NULL::float AS no_indicator")

    def _select_received(self):
        return SQL(
            """SELECT c.id * 8 AS id, 'received' AS kind,
                   CASE WHEN c.stage2_route = 'direct' THEN 'stage2_direct' ELSE 'stage1' END
                       AS stage,
                   c.date_received_day AS date, NULL AS outcome,
                   NULL::float AS working_days, %(indicators)s, 0 AS overdue, %(common)s
              FROM chp_complaint c""",
            indicators=self._indicator_columns(),
            common=self._common(),
        )

    def _select_closed(self, stage, code):
        prefix = column_prefix(stage)
        closed = self.env["chp.spso.indicator"]._closed_conditions(SQL("IS NOT NULL"))[stage]

        def col(name):
            return SQL.identifier("c", f"{prefix}_{name}")

        return SQL(
            """SELECT c.id * 8 + %(code)s, 'closed', %(stage)s, %(closed_on)s, %(outcome)s,
                   %(days)s::float, %(indicators)s, 0, %(common)s
              FROM chp_complaint c WHERE %(closed)s""",
            code=code,
            stage=stage,
            closed_on=col("date_closed"),
            outcome=col("outcome"),
            days=col("working_days"),
            indicators=self._indicator_columns(stage),
            closed=closed,
            common=self._common(),
        )

    def _select_open(self, stage, code):
        """Open at the stage today, as ``compute()`` counts "open at the
        end" of a period ending today (the engine's conditions on today)."""
        Engine = self.env["chp.spso.indicator"]
        today = SQL("CURRENT_DATE")
        opened = Engine._open_conditions(today)[stage]
        return SQL(
            """SELECT c.id * 8 + %(code)s, 'open', %(stage)s, c.date_received_day, NULL,
                   NULL::float, %(indicators)s,
                   CASE WHEN %(deadline)s < CURRENT_DATE THEN 1 ELSE 0 END, %(common)s
              FROM chp_complaint c WHERE %(where)s""",
            code=code,
            stage=stage,
            deadline=Engine._deadline(stage),
            indicators=self._indicator_columns(),
            where=opened,
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
