"""The SPSO indicators filtered by equalities and by children, the reports'
section on complaints involving children (with the few-complaints
suppression), a landlord's annual report with its return, and the figure of
"per 1,000" kept per reporting year (issue 23)."""

import base64
import io
from datetime import date

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.addons.chp_complaints.tools.transition import transition
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from ..report.spso_workbook import build_workbook
from .common import P_FROM, P_TO, ChpReportingCase


@tagged("post_install", "-at_install")
class TestSectorReporting(ChpReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.c
        for complaint, vals in (
            (c[1], {"equalities": True}),
            (c[3], {"equalities": True}),
            (c[2], {"child_involvement": "child", "child_age_band": "12_15"}),
            (c[4], {"child_involvement": "affects_child"}),
        ):
            with transition(complaint):
                complaint.write(vals)

    def _compute(self, **filters):
        return (
            self.env["chp.spso.indicator"]
            .with_user(self.liaison)
            .compute(P_FROM, P_TO, self.company, **filters)
        )

    def test_the_indicators_filter_by_equalities(self):
        # Received in Q2: c1, c2, c4, c5, c6, c7, c8; c1 of them about equalities.
        # Closed in Q2 about equalities: c1 at stage 1, c3 at stage 2 after escalation.
        figures = self._compute(equalities=True)
        self.assertEqual(figures["received"]["total"], 1)
        self.assertEqual(
            [figures["closed"][s] for s in ("stage1", "stage2_direct", "stage2_escalated")],
            [1, 0, 1],
        )
        self.assertEqual(figures["filters"], {"equalities": True, "child": None})
        others = self._compute(equalities=False)
        self.assertEqual(others["received"]["total"], 6)
        self.assertEqual(
            others["received"]["total"] + figures["received"]["total"],
            self._compute()["received"]["total"],
        )

    def test_the_indicators_filter_by_children(self):
        figures = self._compute(child="involved")
        self.assertEqual(figures["received"]["total"], 2)
        self.assertEqual(figures["closed"]["stage1"], 1)  # c2
        self.assertEqual(figures["closed"]["stage2_direct"], 1)  # c4
        self.assertEqual(self._compute(child="child")["received"]["total"], 1)
        self.assertEqual(self._compute(child="none")["received"]["total"], 5)
        rows = (
            self.env["chp.spso.indicator"]
            .with_user(self.liaison)
            .get_case_rows(P_FROM, P_TO, self.company, child="affects_child")
        )
        self.assertEqual(len(rows), 1)

    def test_bad_filters_are_refused_in_words(self):
        with self.assertRaisesRegex(UserError, "equalities filter is yes or no"):
            self._compute(equalities="maybe")
        with self.assertRaisesRegex(UserError, "children filter is one of involved, none"):
            self._compute(child="teenagers")

    def test_the_export_wizard_filters(self):
        wizard = (
            self.env["chp.spso.export.wizard"]
            .with_user(self.liaison)
            .create({"date_from": P_FROM, "date_to": P_TO, "child": "involved"})
        )
        wizard.action_export()
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.workbook)))
        self.assertIn("Involving a child or young person", book["Cover"]["A1"].value)
        self.assertEqual(book["4 Received"]["B5"].value, 2)

    def _quarterly(self, few):
        self.company.chp_few_complaints = few
        with freeze_time("2026-10-01 06:00:00"):
            return self.env["chp.report"]._build_report(
                self.company, "quarterly_internal", P_FROM, P_TO
            )

    def test_reports_show_complaints_involving_children_unless_few(self):
        report = self._quarterly(few=2)
        self.assertEqual(report.figures["children"], {"suppressed": True, "few": 2})
        html = str(report.body_html)
        self.assertIn("Complaints involving children and young people", html)
        self.assertIn("2 or fewer such complaints", html)
        report.unlink()
        report = self._quarterly(few=1)
        children = report.figures["children"]
        self.assertFalse(children["suppressed"])
        self.assertEqual(children["received"]["total"], 2)
        self.assertEqual(children["closed"]["stage1"], 1)
        self.assertEqual(children["outcomes"]["stage2_direct"]["upheld"], 1)
        book = load_workbook(io.BytesIO(report.workbook_id.raw))
        self.assertEqual(book["Children"]["B9"].value, 2)
        self.assertNotIn("or fewer such complaints", str(report.body_html))

    def test_a_landlords_annual_report_carries_its_return(self):
        self.company.chp_organisation_type = "landlord"
        year = self.env["chp.reporting.year"].create(
            {"date_start": date(2026, 4, 1), "date_end": date(2027, 3, 31)}
        )
        label = year.arc_label_ids.filtered(lambda row: row.key == "responded")
        label.name = "Responded to in full (2026/27 wording)"
        with freeze_time("2027-05-01 06:00:00"):
            report = self.env["chp.report"]._build_report(
                self.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
            )
        arc = report.figures["arc"]
        self.assertEqual(arc["year"], "2026/27")
        # Stage 1 responses in the year: c1, c2, c3, c6, c7, c9, c10; stage 2: c3, c4.
        self.assertEqual(arc["figures"]["rows"]["responded"]["all"], {"stage1": 7, "stage2": 2})
        html = str(report.body_html)
        self.assertIn("Responded to in full (2026/27 wording)", html)
        book = load_workbook(io.BytesIO(report.workbook_id.raw))
        sheet = book["ARC complaints"]
        rows = {sheet.cell(r, 2).value: r for r in range(5, 14)}
        responded = rows["Responded to in full (2026/27 wording)"]
        self.assertEqual([sheet.cell(responded, col).value for col in (7, 8)], [7, 2])
        # A public body's annual report has no such table.
        self.company.chp_organisation_type = "council"
        report.unlink()
        with freeze_time("2027-05-01 06:00:00"):
            report = self.env["chp.report"]._build_report(
                self.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
            )
        self.assertNotIn("arc", report.figures)

    def test_per_1000_is_the_reporting_years_figure(self):
        # The company's figure (2,000) stands where no reporting year is kept.
        self.assertEqual(self._compute()["denominator"]["value"], 2000)
        year = self.env["chp.reporting.year"].create(
            {
                "date_start": date(2026, 4, 1),
                "date_end": date(2027, 3, 31),
                "denominator_value": 3500,
                "denominator_source": "ARC 2026/27",
            }
        )
        figures = self._compute()
        self.assertEqual(figures["denominator"]["value"], 3500)
        self.assertEqual(figures["denominator"]["source"], "ARC 2026/27")
        self.assertEqual(figures["received_per_1000"], 2.0)  # 7 x 1,000 / 3,500
        # A year without its figure says so, not zero.
        year.denominator_value = 0
        figures = self._compute()
        self.assertIsNone(figures["received_per_1000"])
        sheet = load_workbook(
            io.BytesIO(build_workbook(figures, {"title": "T", "organisation": "O"}))
        )["4 Received"]
        self.assertIn("not set", sheet["A8"].value)

    def test_the_organisation_type_suggests_the_denominator(self):
        admin = new_test_user(
            self.env, login="sector_admin", groups="chp_complaints.group_chp_admin"
        )
        settings = self.env["chp.procedure.settings"].with_user(admin).create({})
        with Form(settings) as form:
            form.chp_organisation_type = "council"
            self.assertEqual(form.chp_denominator_type, "population")
            form.chp_organisation_type = "landlord"
            self.assertEqual(form.chp_denominator_type, "tenancies")
            form.chp_denominator_type = "homes"
            form.chp_organisation_type = "landlord"
        self.assertEqual(self.company.chp_denominator_type, "homes")
