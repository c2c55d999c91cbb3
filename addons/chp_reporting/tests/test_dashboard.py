import base64
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import P_FROM, P_TO, ChpReportingCase

PERIOD_FILTER = "Period"
STAGES = ("stage1", "stage2_direct", "stage2_escalated")


def one_decimal(value):
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@tagged("post_install", "-at_install")
class TestComplaintsDashboard(ChpReportingCase):
    """The Complaints dashboard's data sources (the domains, group-bys and
    measures of its charts and pivots, read from the shipped spreadsheet)
    give, for a period, the numbers ``chp.spso.indicator.compute`` gives
    (read as the SPSO liaison officer, who reads the rows); the committee,
    which may not read complaints, has the figures only (TestCommitteeFigures)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref("chp_reporting.chp_dashboard_complaints")
        cls.data = json.loads(base64.b64decode(cls.dashboard.spreadsheet_binary_data))
        cls.filters = {f["label"]: f["id"] for f in cls.data["globalFilters"]}
        cls.sources = {}
        for figure in cls.data["sheets"][0]["figures"]:
            chart = figure["data"]
            cls.sources[figure["id"]] = (
                chart["searchParams"]["domain"],
                chart["fieldMatching"],
                chart["metaData"]["measure"],
            )
        for pivot in cls.data["pivots"].values():
            cls.sources[pivot["name"]] = (
                pivot["domain"],
                pivot["fieldMatching"],
                pivot["measures"][0]["fieldName"],
            )

    def _read(self, source, groupby, date_from=P_FROM, date_to=P_TO, user=None, services=None):
        """read_group of a data source as the dashboard filters it: the
        period on the field its "Period" filter matches (if any)."""
        domain, matching, measure = self.sources[source]
        domain = [tuple(term) for term in domain]
        period = matching.get(self.filters[PERIOD_FILTER], {}).get("chain")
        if period:
            domain += [(period, ">=", date_from), (period, "<=", date_to)]
        if services:
            chain = matching[self.filters["Service"]]["chain"]
            domain.append((chain, "in", services.ids))
        Analysis = self.env["chp.complaint.analysis"].with_user(user or self.liaison)
        aggregate = "__count" if measure == "__count" else f"{measure}:avg"
        if measure == "overdue":
            aggregate = "overdue:sum"
        rows = Analysis._read_group(domain, groupby, [aggregate])
        return {tuple(row[:-1]) if len(row) > 2 else row[0]: row[-1] for row in rows}

    def test_received_closed_outcomes_times_match_compute(self):
        figures = self.env["chp.spso.indicator"].with_user(self.liaison).compute(P_FROM, P_TO)
        received = self._read("chp-fig-received", ["stage"])
        self.assertEqual(
            {
                "total": sum(received.values()),
                "stage1": received["stage1"],
                "stage2_direct": received["stage2_direct"],
            },
            figures["received"],
        )
        outcomes = self._read("chp-fig-outcomes", ["stage", "outcome"])
        for stage in STAGES:
            self.assertEqual(
                {out: outcomes.get((stage, out), 0) for out in figures["outcomes"][stage]},
                figures["outcomes"][stage],
                stage,
            )
            self.assertEqual(
                sum(n for (st, _o), n in outcomes.items() if st == stage),
                figures["closed"][stage],
            )
        within = self._read("chp-fig-within", ["stage"])
        days = self._read("chp-fig-days", ["stage"])
        for stage in STAGES:
            self.assertEqual(one_decimal(within[stage]), figures["within_timescale_pct"][stage])
            self.assertEqual(one_decimal(days[stage]), figures["average_working_days"][stage])
        # By hand (test_indicator): 7 received, 6 closed, stage 1 50% within.
        self.assertEqual(sum(received.values()), 7)
        self.assertEqual(within["stage1"], 50.0)

    def test_root_causes_contractors_and_service_filter_match_compute(self):
        figures = self.env["chp.spso.indicator"].with_user(self.senior).compute(P_FROM, P_TO)
        causes = self._read("Top root causes", ["root_cause_id"])
        expected = {row["id"]: row["received"] for row in figures["by_root_cause"]}
        self.assertEqual(
            {cause.id or None: n for cause, n in causes.items()},
            {key: n for key, n in expected.items() if n},
        )
        contractors = self._read("Contractors with most complaints", ["contractor_id"])
        self.assertEqual(
            {partner.id: n for partner, n in contractors.items()},
            {row["id"]: row["received"] for row in figures["by_contractor"] if row["received"]},
        )
        self.assertEqual({p.name: n for p, n in contractors.items()}, {"Acme Builders": 2})
        rents = (
            self.env["chp.spso.indicator"]
            .with_user(self.senior)
            .compute(P_FROM, P_TO, service_ids=self.rents.ids)
        )
        closed = self._read("chp-fig-outcomes", ["stage"], services=self.rents)
        self.assertEqual(sum(closed.values()), rents["closed"]["total"])
        self.assertEqual(sum(closed.values()), 3)

    def test_open_and_overdue_today_match_compute(self):
        today = fields.Date.context_today(self.env.user)
        figures = self.env["chp.spso.indicator"].compute(date(2026, 10, 1), today)
        open_ = self._read("Open and overdue today by service", ["stage"])
        self.assertEqual({stage: open_.get(stage, 0) for stage in STAGES}, figures["open_at_end"])
        # The open figures ignore the period: any period gives today's.
        again = self._read(
            "Open and overdue today by service", ["stage"], date(2020, 1, 1), date(2020, 1, 2)
        )
        self.assertEqual(again, open_)
        Analysis = self.env["chp.complaint.analysis"].with_user(self.liaison)
        overdue = dict(Analysis._read_group([("kind", "=", "open")], ["stage"], ["overdue:sum"]))
        self.assertEqual(
            {stage: overdue.get(stage, 0) for stage in STAGES}, figures["overdue_at_end"]
        )
        by_service = self._read("Open and overdue today by service", ["service_id"])
        self.assertEqual(sum(by_service.values()), sum(figures["open_at_end"].values()))

    def test_visible_to_governance_roles_aggregates_only(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.senior, self.chief, self.committee, self.liaison):
            self.assertIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
        for user in (self.staff, self.training_officer):
            self.assertNotIn(self.dashboard, Dashboard.with_user(user).search([]), user.login)
            with self.assertRaises(AccessError):
                self.env["chp.complaint.analysis"].with_user(user).search_read([])
        # The committee reads no complaint and no row of the analysis.
        with self.assertRaises(AccessError):
            self.env["chp.complaint"].with_user(self.committee).search_read([], ["subject"])
        self.assertFalse(self.env["chp.complaint.analysis"].with_user(self.committee).search([]))
        rows = self.env["chp.complaint.analysis"].with_user(self.liaison).search_read([])
        self.assertTrue(rows)
        names = set(self.env["chp.complaint.analysis"]._fields)
        for personal in ("customer_name", "partner_id", "subject", "description", "user_id"):
            self.assertNotIn(personal, names)
        text = json.dumps(rows, default=str)
        for personal in (*self.PERSONAL, self.staff.name, self.c[1].name):
            self.assertNotIn(personal, text)
