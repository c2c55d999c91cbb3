"""Aggregate means aggregate (issue 20, item 10): the committee, which may
not read complaints, reads the dashboard's model over JSON-RPC as the web
client would, and gets grouped figures only, without the groups of few
complaints; never a row, an id, or an extreme."""

from odoo.addons.chp_complaints.tests.http_common import JsonRpcMixin, RpcRefused
from odoo.tests import HttpCase, tagged

from .common import P_FROM, P_TO, ChpReportingCase

ANALYSIS = "chp.complaint.analysis"
RECEIVED = [("kind", "=", "received")]


@tagged("post_install", "-at_install")
class TestCommitteeFigures(JsonRpcMixin, ChpReportingCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate(self.committee.login, self.committee.login)

    def received_by(self, groupby, **kwargs):
        groups = self.rpc(
            ANALYSIS, "read_group", RECEIVED, ["__count"], [groupby], lazy=False, **kwargs
        )
        return {
            (group[groupby][1] if group[groupby] else None): group["__count"] for group in groups
        }

    def test_grouped_figures_without_the_few(self):
        # 11 received: Repairs 8, Rents 3 (threshold 2: both shown).
        self.company.chp_few_complaints = 2
        self.assertEqual(self.received_by("service_id"), {"Repairs": 8, "Rents": 3})
        self.company.chp_few_complaints = 3
        self.assertEqual(self.received_by("service_id"), {"Repairs": 8})
        # By day, every group is one or two complaints: nothing is shown.
        self.assertEqual(self.received_by("date:day"), {})
        # The senior manager, who reads complaints, sees every group.
        self.authenticate(self.senior.login, self.senior.login)
        self.assertEqual(self.received_by("service_id"), {"Repairs": 8, "Rents": 3})

    def closed_by_stage(self):
        groups = self.rpc(
            ANALYSIS,
            "web_read_group",
            [("kind", "=", "closed")],
            ["working_days:avg", "within_timescale_pct:avg"],
            ["stage"],
        )["groups"]
        return {group["stage"]: (group["stage_count"], group["working_days"]) for group in groups}

    def test_lazy_groups_and_averages(self):
        # Closed: stage 1 seven times, stage 2 (escalated, direct) once each.
        self.company.chp_few_complaints = 2
        committee = self.closed_by_stage()
        self.authenticate(self.senior.login, self.senior.login)
        senior = self.closed_by_stage()
        self.assertEqual(
            {stage: n for stage, (n, _days) in senior.items()},
            {"stage1": 7, "stage2_escalated": 1, "stage2_direct": 1},
        )
        self.assertEqual(committee, {"stage1": senior["stage1"]})

    def test_no_row_no_id_no_extreme(self):
        self.assertEqual(self.rpc(ANALYSIS, "search_read", [], ["stage", "date"]), [])
        self.assertEqual(self.rpc(ANALYSIS, "search_count", []), 0)
        row_id = self.env[ANALYSIS].search([], limit=1).id
        access = "odoo.exceptions.AccessError"
        for method, args, kwargs, refusal in (
            ("read", [[row_id], ["date", "service_id"]], {}, access),
            ("web_read", [[row_id]], {"specification": {"date": {}}}, access),
            # The committee has no right to export at all.
            ("export_data", [[row_id], ["date", "service_id"]], {}, "odoo.exceptions.UserError"),
            ("read_group", [[], ["__count"], ["id"]], {}, access),
            ("read_group", [[], ["id:array_agg"], ["stage"]], {}, access),
            ("read_group", [[], ["working_days:max"], ["stage"]], {}, access),
            ("read_group", [[], ["date:min"], ["service_id"]], {}, access),
        ):
            with self.subTest(method=method, args=args), self.assertRaises(RpcRefused) as refused:
                self.rpc(ANALYSIS, method, *args, **kwargs)
            self.assertEqual(refused.exception.name, refusal)

    def test_published_report_keeps_its_threshold(self):
        self.company.chp_few_complaints = 3
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_public", P_FROM, P_TO
        )
        report.action_approve()
        report.action_publish()
        self.assertEqual(report.figures["few_threshold"], 3)
        self.company.chp_few_complaints = 0
        values = report._render_values()
        self.assertEqual(values["few_threshold"], 3)
        self.assertIn("Housing options", [row["name"] for row in values["few_services"]])
