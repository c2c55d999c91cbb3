import json
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import P_FROM, P_TO, ChpReportingCase


@tagged("post_install", "-at_install")
class TestIndicatorEngine(ChpReportingCase):
    """Every key of the indicator dict on the fixtures of ChpReportingCase,
    with the arithmetic written out from the journeys in its docstring."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.figures = cls.env["chp.spso.indicator"].compute(P_FROM, P_TO, cls.company)

    def test_fixture_clocks(self):
        """The clocks the indicators aggregate, as worked out by hand."""
        c = self.c
        self.assertEqual(c[1].stage1_deadline, date(2026, 8, 7))  # over Mon 3 Aug
        self.assertEqual(c[1].stage1_working_days, 5)
        self.assertEqual(c[2].stage1_deadline, date(2026, 8, 10))  # received on a Saturday
        self.assertEqual(c[2].stage1_working_days, 8)
        self.assertEqual(c[3].stage2_deadline, date(2026, 7, 30))
        self.assertEqual(c[3].stage2_working_days, 23)
        self.assertEqual(c[4].stage2_working_days, 19)
        self.assertEqual(c[5].stage1_deadline, date(2026, 9, 21))
        self.assertEqual(c[6].stage1_deadline, date(2026, 10, 5))  # over Mon 28 Sep
        self.assertEqual(c[9].stage1_working_days, 8)

    def test_received(self):
        # In the quarter: c1, c2, c4 (direct), c5, c6, c7, c8 (direct) = 7;
        # c3 and c9 (June) and c11 (October) are outside.
        self.assertEqual(self.figures["received"], {"total": 7, "stage1": 5, "stage2_direct": 2})
        # 7 complaints per 2,000 tenancies = 3.5 per 1,000.
        self.assertEqual(self.figures["received_per_1000"], 3.5)

    def test_closed(self):
        # Stage 1: c1 (7 Aug), c2 (13 Aug), c7 (10 Jul), c9 (8 Jul); c3 closed
        # stage 1 in June, c6 on 2 October. Direct: c4. Escalated: c3 (its
        # stage 2 closed in the quarter although stage 1 closed in the last).
        self.assertEqual(
            self.figures["closed"],
            {"stage1": 4, "stage2_direct": 1, "stage2_escalated": 1, "total": 6},
        )
        # 4/6 = 66.67 -> 66.7; 1/6 = 16.67 -> 16.7.
        self.assertEqual(
            self.figures["closed_pct"],
            {"stage1": 66.7, "stage2_direct": 16.7, "stage2_escalated": 16.7},
        )

    def test_outcomes(self):
        # Stage 1: c1 upheld, c2 and c7 not upheld, c9 partially upheld.
        self.assertEqual(
            self.figures["outcomes"]["stage1"],
            {"upheld": 1, "partially_upheld": 1, "not_upheld": 2, "resolved": 0},
        )
        self.assertEqual(
            self.figures["outcomes_pct"]["stage1"],
            {"upheld": 25.0, "partially_upheld": 25.0, "not_upheld": 50.0, "resolved": 0.0},
        )
        self.assertEqual(self.figures["outcomes"]["stage2_direct"]["upheld"], 1)
        self.assertEqual(self.figures["outcomes_pct"]["stage2_direct"]["upheld"], 100.0)
        self.assertEqual(
            self.figures["outcomes"]["stage2_escalated"],
            {"upheld": 0, "partially_upheld": 1, "not_upheld": 0, "resolved": 0},
        )

    def test_average_working_days(self):
        # Stage 1: (5 + 8 + 4 + 8) / 4 = 6.25 -> 6.3 (half up); c4 19; c3 23.
        self.assertEqual(
            self.figures["average_working_days"],
            {"stage1": 6.3, "stage2_direct": 19.0, "stage2_escalated": 23.0},
        )

    def test_within_timescale_and_extensions(self):
        # Stage 1 within 5 wd: c1 (5) and c7 (4); c2 (8) and c9 (8) not.
        # Direct c4 (19 <= 20) within; escalated c3 (23) not.
        self.assertEqual(
            self.figures["within_timescale"],
            {"stage1": 2, "stage2_direct": 1, "stage2_escalated": 0},
        )
        self.assertEqual(
            self.figures["within_timescale_pct"],
            {"stage1": 50.0, "stage2_direct": 100.0, "stage2_escalated": 0.0},
        )
        # Extended: c2 and c9 at stage 1; c7's stage 2 extension is not closed.
        self.assertEqual(
            self.figures["extensions"], {"stage1": 2, "stage2_direct": 0, "stage2_escalated": 0}
        )
        self.assertEqual(
            self.figures["extensions_pct"],
            {"stage1": 50.0, "stage2_direct": 0.0, "stage2_escalated": 0.0},
        )

    def test_open_and_overdue_at_end(self):
        # On 30 Sep: stage 1 c5 (deadline 21 Sep: overdue) and c6 (closed only
        # on 2 Oct, deadline 5 Oct: not overdue); direct c8 (deadline in
        # October); escalated c7 (extended deadline 25 Sep: overdue).
        self.assertEqual(
            self.figures["open_at_end"], {"stage1": 2, "stage2_direct": 1, "stage2_escalated": 1}
        )
        self.assertEqual(
            self.figures["overdue_at_end"],
            {"stage1": 1, "stage2_direct": 0, "stage2_escalated": 1},
        )

    def test_breakdowns(self):
        by_service = {row["name"]: row for row in self.figures["by_service"]}
        zero = {"received": 0, "closed": 0, "upheld_or_partially": 0}
        # Housing options: no complaint at all, listed all the same.
        self.assertEqual({k: by_service["Housing options"][k] for k in zero}, zero)
        # Repairs: received c1 c2 c4 c5 c6 c8; closed c1 c2 c4; upheld c1 c4.
        self.assertEqual(
            {k: by_service["Repairs"][k] for k in zero},
            {"received": 6, "closed": 3, "upheld_or_partially": 2},
        )
        # Rents: received c7; closed c3 (stage 2), c7 and c9 (stage 1);
        # partially upheld c3 and c9.
        self.assertEqual(
            {k: by_service["Rents"][k] for k in zero},
            {"received": 1, "closed": 3, "upheld_or_partially": 2},
        )
        causes = {row["name"]: row for row in self.figures["by_root_cause"]}
        self.assertEqual(causes["Policy"]["received"], 0)
        self.assertEqual(
            {k: causes["Communication"][k] for k in zero},
            {"received": 1, "closed": 3, "upheld_or_partially": 2},
        )
        self.assertEqual(
            {k: causes["Delay"][k] for k in zero},
            {"received": 3, "closed": 3, "upheld_or_partially": 2},
        )
        # c5, c6, c8 have no root cause.
        self.assertEqual(causes["No root cause recorded"]["received"], 3)
        contractors = {row["name"]: row for row in self.figures["by_contractor"]}
        self.assertEqual(
            {k: contractors["Acme Builders"][k] for k in zero},
            {"received": 2, "closed": 2, "upheld_or_partially": 2},
        )
        self.assertEqual({k: contractors["Idle Contractors"][k] for k in zero}, zero)

    def test_delegated_figures_and_serialisable(self):
        self.assertEqual(
            self.figures["training"],
            self.env["chp.training.record"].get_training_figures(self.company),
        )
        self.assertEqual(
            self.figures["learning"],
            self.env["chp.improvement.action"].get_learning_figures(P_FROM, P_TO, self.company),
        )
        self.assertEqual(self.figures["satisfaction"]["sent"], 0)
        self.assertEqual(self.figures["satisfaction"]["questions"], [])
        self.assertEqual(json.loads(json.dumps(self.figures)), self.figures)

    def test_filters(self):
        Indicator = self.env["chp.spso.indicator"]
        rents = Indicator.compute(P_FROM, P_TO, self.company, service_ids=self.rents.ids)
        self.assertEqual(rents["received"]["total"], 1)
        self.assertEqual(rents["closed"]["total"], 3)
        self.assertEqual([row["name"] for row in rents["by_service"]], ["Rents"])
        acme = Indicator.compute(P_FROM, P_TO, self.company, contractor_ids=self.acme.ids)
        # c1 (stage 1) and c4 (direct): 50% each.
        self.assertEqual(acme["received"]["total"], 2)
        self.assertEqual(
            acme["closed_pct"], {"stage1": 50.0, "stage2_direct": 50.0, "stage2_escalated": 0.0}
        )

    def test_empty_period_and_zero_denominator(self):
        """No complaint and no denominator: counts 0, every ratio None."""
        self.company.chp_denominator_value = 0
        figures = self.env["chp.spso.indicator"].compute(
            date(2020, 4, 1), date(2020, 6, 30), self.company
        )
        self.assertEqual(figures["received"]["total"], 0)
        self.assertIsNone(figures["received_per_1000"])
        self.assertEqual(figures["closed"]["total"], 0)
        self.assertEqual(set(figures["closed_pct"].values()), {None})
        self.assertEqual(set(figures["average_working_days"].values()), {None})
        self.assertEqual(set(figures["within_timescale_pct"].values()), {None})
        self.assertEqual(set(figures["outcomes_pct"]["stage1"].values()), {None})
        self.assertEqual(len(figures["by_service"]), 3)

    def test_previous_quarter_counts_escalation_at_stage1(self):
        """Q1: c3 and c9 received; c3 closed at stage 1 (26 Jun) before its
        escalation, c10 closed 5 Jun; c9 still open at stage 1 on 30 Jun."""
        figures = self.env["chp.spso.indicator"].compute(
            date(2026, 4, 1), date(2026, 6, 30), self.company
        )
        self.assertEqual(figures["received"]["total"], 3)
        self.assertEqual(figures["closed"]["stage1"], 2)
        self.assertEqual(figures["closed"]["stage2_escalated"], 0)
        self.assertEqual(figures["open_at_end"]["stage1"], 1)
        # c9's deadline was 3 Jul (extended 10 Jul): not overdue on 30 Jun.
        self.assertEqual(figures["overdue_at_end"]["stage1"], 0)

    def test_only_management_roles_compute(self):
        Indicator = self.env["chp.spso.indicator"]
        with self.assertRaises(AccessError):
            Indicator.with_user(self.staff).compute(P_FROM, P_TO)
        with self.assertRaises(AccessError):
            Indicator.with_user(self.committee).compute(P_FROM, P_TO)
        liaison = Indicator.with_user(self.liaison).compute(P_FROM, P_TO)
        self.assertEqual(liaison["received"]["total"], 7)
