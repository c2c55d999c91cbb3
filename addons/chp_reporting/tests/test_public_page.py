import io
from datetime import date

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from .common import ChpReportingCase

AXE_CHECK = """
const script = document.createElement("script");
script.src = "/chp_reporting/static/lib/axe-core/axe.min.js";
script.onerror = () => console.error("axe-core could not be loaded");
script.onload = async () => {
    const result = await axe.run(document, {
        runOnly: {
            type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
    });
    if (result.violations.length) {
        console.error("Accessibility violations: " + JSON.stringify(
            result.violations.map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.html)}))
        ));
    } else if (!document.querySelector("main h1") || !document.querySelector("th[scope=row]")) {
        console.error("The page lacks its heading or its row headers");
    } else {
        console.log("test successful");
    }
};
document.head.appendChild(script);
"""


@tagged("post_install", "-at_install")
class TestPublicAnnualReport(ChpReportingCase, HttpCase):
    """The published annual report, served without login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env["chp.report"]._build_report(
            cls.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
        )
        cls.report.action_approve()
        cls.report.action_publish()
        cls.url = f"/complaints/annual-report/{cls.company.id}/2026"

    def test_page_without_login_has_no_personal_data(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn('<html lang="en">', html)
        self.assertIn("<h1>Annual complaints performance report 2026/27</h1>", html)
        self.assertIn('<th scope="col">', html)
        for personal in (*self.PERSONAL, self.staff.name, self.senior.name, self.acme.name):
            self.assertNotIn(personal, html)
        for name in (self.c[1].name, self.c[3].name):
            self.assertNotIn(name, html, "no case-level rows on the public page")
        self.assertEqual(self.url_open("/complaints/annual-report").status_code, 200)
        self.assertEqual(
            self.url_open(f"/complaints/annual-report/{self.company.id}/2019").status_code, 404
        )

    def test_alternative_formats(self):
        response = self.url_open(f"{self.url}/xlsx")
        self.assertEqual(response.status_code, 200)
        book = load_workbook(io.BytesIO(response.content))
        self.assertNotIn("Cases", book.sheetnames)
        self.assertEqual(book["4 Received"]["B5"].value, 11)
        csv_text = self.url_open(f"{self.url}/csv").content.decode("utf-8-sig")
        self.assertIn("4 Received,All,Received,11", csv_text)
        for personal in self.PERSONAL:
            self.assertNotIn(personal, csv_text)

    def test_draft_annual_report_is_not_public(self):
        self.report.action_reset_to_draft()
        self.assertEqual(self.url_open(self.url).status_code, 404)

    def test_accessibility_check_in_browser(self):
        self.browser_js(self.url, AXE_CHECK, timeout=120)
