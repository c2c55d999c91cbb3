import base64
import csv
import io

from openpyxl import load_workbook

from odoo import Command
from odoo.addons.chp_complaints.tests.http_common import JsonRpcMixin
from odoo.addons.chp_complaints.tools.csv_safe import neutralise
from odoo.addons.chp_complaints.tools.transition import transition
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..report.spso_csv import build_case_csv
from .common import P_FROM, P_TO, ChpReportingCase

USER_ERRORS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
)
HYPERLINK = '=HYPERLINK("http://evil.example/x","Click me")'
CMD = "=cmd|' /C calc'!A0"


@tagged("post_install", "-at_install")
class TestReportingPrivacy(JsonRpcMixin, ChpReportingCase, HttpCase):
    """Issue 12 for chp_reporting: exported files belong to their author,
    the board and the chief executive get aggregates only, CSV cells never
    run as formulas, the public page and the engine refuse bad input in
    the user's words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.liaison2 = new_test_user(
            cls.env, login="rep_liaison2", groups="chp_complaints.group_chp_spso_liaison"
        )
        cls.company_b = cls.env["res.company"].create({"name": "Other Housing Association"})

    def _export(self, user, **vals):
        wizard = (
            self.env["chp.spso.export.wizard"]
            .with_user(user)
            .create(dict({"date_from": P_FROM, "date_to": P_TO}, **vals))
        )
        wizard.action_export()
        return wizard

    # --- point 1: exported files ----------------------------------------------
    def test_spso_export_is_read_only_by_its_author(self):
        wizard = self._export(self.liaison)
        self.authenticate("rep_liaison2", "rep_liaison2")
        answer = self.call_kw("chp.spso.export.wizard", "read", [[wizard.id], ["case_csv"]])
        self.assert_rpc_refused(answer, (*USER_ERRORS, "odoo.exceptions.MissingError"))
        found = self.call_kw("chp.spso.export.wizard", "search_read", [[], ["case_csv_name"]])
        self.assertEqual(self.assert_rpc_ok(found), [])
        response = self.url_open(
            f"/web/content/chp.spso.export.wizard/{wizard.id}/case_csv?download=true"
        )
        self.assertNotEqual(response.status_code, 200)
        self.authenticate("rep_liaison", "rep_liaison")
        answer = self.call_kw("chp.spso.export.wizard", "read", [[wizard.id], ["case_csv"]])
        self.assertTrue(self.assert_rpc_ok(answer)[0]["case_csv"])

    def test_spso_export_only_in_its_company(self):
        self.liaison.company_ids = [Command.link(self.company_b.id)]
        wizard = self._export(self.liaison)
        in_b = wizard.with_user(self.liaison).with_context(allowed_company_ids=[self.company_b.id])
        with self.assertRaises(AccessError):
            in_b.read(["case_csv"])

    def test_case_file_is_read_only_by_its_author(self):
        wizard = (
            self.env["chp.case.file.wizard"]
            .with_user(self.senior)
            .create({"complaint_id": self.c[1].id})
        )
        wizard.action_export()
        self.assertTrue(wizard.file_data)
        for user in (self.chief, self.liaison):
            with self.assertRaises(AccessError):
                wizard.with_user(user).read(["file_data"])
            self.assertFalse(self.env["chp.case.file.wizard"].with_user(user).search([]))
        self.authenticate("rep_chief", "rep_chief")
        response = self.url_open(
            f"/web/content/chp.case.file.wizard/{wizard.id}/file_data?download=true"
        )
        self.assertNotEqual(response.status_code, 200)

    # --- point 3: the board version of the internal report ---------------------
    def test_board_and_chief_executive_get_aggregates_only(self):
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_internal", P_FROM, P_TO
        )
        report.with_user(self.senior).action_approve()
        for user in (self.committee, self.chief):
            as_user = report.with_user(user)
            with self.subTest(user=user.login):
                book = load_workbook(io.BytesIO(as_user.workbook_id.raw))
                self.assertNotIn("Cases", book.sheetnames)
                text = as_user.csv_id.raw.decode("utf-8-sig")
                self.assertTrue(text.startswith("Indicator,Stage,Measure,Value"))
                self.assertNotIn(self.c[1].name, text)
                with self.assertRaises(AccessError):
                    as_user.read(["case_workbook"])
                attachments = self.env["ir.attachment"].with_user(user)
                found = attachments.search(
                    [
                        ("res_model", "=", "chp.report"),
                        ("res_id", "=", report.id),
                        ("res_field", "in", ("case_workbook", "case_csv")),
                    ]
                )
                self.assertFalse(found)
                case_files = (
                    self.env["ir.attachment"]
                    .sudo()
                    .search(
                        [
                            ("res_model", "=", "chp.report"),
                            ("res_id", "=", report.id),
                            ("res_field", "in", ("case_workbook", "case_csv")),
                        ]
                    )
                )
                self.assertEqual(len(case_files), 2)
                with self.assertRaises(AccessError):
                    case_files.with_user(user).read(["datas"])
                form = as_user.get_views([(False, "form")])
                self.assertNotIn("case_workbook", form["views"]["form"]["arch"])
        for user in (self.senior, self.liaison):
            as_user = report.with_user(user)
            book = load_workbook(io.BytesIO(base64.b64decode(as_user.case_workbook)))
            self.assertIn("Cases", book.sheetnames)
            text = base64.b64decode(as_user.case_csv).decode("utf-8-sig")
            self.assertIn(self.c[1].name, text)
        self.authenticate("rep_committee", "rep_committee")
        response = self.url_open(f"/web/content/chp.report/{report.id}/case_workbook")
        self.assertNotEqual(response.status_code, 200)

    # --- point 4: CSV formulas ---------------------------------------------------
    def test_neutralise(self):
        for dangerous in ("=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", HYPERLINK, CMD):
            self.assertEqual(neutralise(dangerous), "'" + dangerous)
        for safe in ("Repairs", "CMP/2026/00001", "", None, -3, 4.5, "a=b"):
            self.assertEqual(neutralise(safe), safe)

    def test_csv_exports_neutralise_formulas(self):
        self.repairs.name = HYPERLINK
        self.delay.name = CMD
        with transition(self.c[1]):
            self.c[1].write({"name": "@SUM(1+1)*cmd|' /C calc'!A0"})
        wizard = self._export(self.senior)
        texts = {
            "export": base64.b64decode(wizard.case_csv).decode("utf-8-sig"),
            "rows": build_case_csv(
                self.env["chp.spso.indicator"].get_case_rows(P_FROM, P_TO, self.company)
            ).decode("utf-8-sig"),
        }
        report = self.env["chp.report"]._build_report(
            self.company, "quarterly_internal", P_FROM, P_TO
        )
        texts["report"] = base64.b64decode(report.case_csv).decode("utf-8-sig")
        for source, text in texts.items():
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
            with self.subTest(source=source):
                self.assertIn("'" + HYPERLINK, cells)
                self.assertIn("'" + CMD, cells)
                self.assertIn("'@SUM(1+1)*cmd|' /C calc'!A0", cells)
                live = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
                self.assertEqual(live, [])

    # --- point 6: the public page and the engine's arguments -------------------
    def test_public_page_404_for_years_it_does_not_publish(self):
        base = f"/complaints/annual-report/{self.company.id}"
        for year in ("0", "-1", "9999", "10000", "99999999999", "2026"):
            for suffix in ("", "/csv", "/xlsx"):
                with self.subTest(year=year, suffix=suffix):
                    response = self.url_open(f"{base}/{year}{suffix}")
                    self.assertEqual(response.status_code, 404)
        for company in ("0", "99999999999"):
            response = self.url_open(f"/complaints/annual-report/{company}/2026")
            self.assertEqual(response.status_code, 404)

    def test_engine_refuses_bad_arguments_over_rpc(self):
        self.senior.company_ids = [Command.link(self.company_b.id)]
        self.authenticate("rep_senior", "rep_senior")
        good = ["2026-07-01", "2026-09-30"]
        company = self.company.id
        bad_calls = [
            (["abc", "def"], {}),
            ([None, None], {}),
            ([False, "2026-09-30"], {}),
            ([123, 456], {}),
            (["2026-09-30", "2026-07-01"], {}),
            ([*good, 99999], {}),
            ([*good, "Main"], {}),
            ([*good, self.company_b.id], {}),
            (good, {"company": 99999999999}),
            (good, {"service_ids": [99999]}),
            (good, {"service_ids": "abc"}),
            (good, {"service_ids": [True]}),
            (good, {"contractor_ids": [99999]}),
            (good, {"contractor_ids": [99999999999]}),
        ]
        for args, kwargs in bad_calls:
            for method in ("compute", "get_case_rows"):
                with self.subTest(method=method, args=args, kwargs=kwargs):
                    answer = self.call_kw(
                        "chp.spso.indicator", method, args, kwargs, company_ids=[company]
                    )
                    message = self.assert_rpc_refused(answer, USER_ERRORS)
                    self.assertNotIn("Traceback", message)
        answer = self.call_kw(
            "chp.spso.indicator",
            "compute",
            [*good, company],
            {"service_ids": [self.repairs.id], "contractor_ids": [self.acme.id]},
            company_ids=[company],
        )
        figures = self.assert_rpc_ok(answer)
        expected = self.env["chp.spso.indicator"].compute(
            P_FROM, P_TO, self.company, [self.repairs.id], [self.acme.id]
        )
        self.assertEqual(figures["received"], expected["received"])
