import io
import json
from datetime import date

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from .axe import axe_check
from .common import ChpReportingCase

AXE_CHECK = axe_check(required=("main h1", "th[scope=row]"), what="its heading or its row headers")


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

    def public_html(self, url, status=200):
        """The page at ``url`` fetched without login: a standalone HTML
        document in British English, answered with ``status``."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, status)
        html = response.text
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn('<html lang="en-GB">', html)
        return html

    def test_page_without_login_has_no_personal_data(self):
        html = self.public_html(self.url)
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

    def test_charts_with_text_alternative_and_table(self):
        html = self.url_open(self.url).text
        # Indicators 5-8, years and quarters: SVG drawn on the server, each
        # named by its <title> and described value by value by its <desc>.
        self.assertEqual(html.count('<svg xmlns="http://www.w3.org/2000/svg"'), 6)
        self.assertEqual(html.count("<desc id="), 6)
        self.assertNotIn("<script", html)
        self.assertIn('aria-labelledby="chp-chart-closed-title chp-chart-closed-desc"', html)
        # Years and quarters in separate tables, each with its chart.
        self.assertIn("<caption>Key figures by reporting year (April to March)</caption>", html)
        self.assertIn("<caption>Key figures by quarter</caption>", html)
        years = html.split("Key figures by reporting year (April to March)</caption>")[1]
        years = years.split("</table>")[0]
        self.assertIn("2025/26", years)
        self.assertNotIn("Q1 2026/27", years)
        quarters = html.split("Key figures by quarter</caption>")[1].split("</table>")[0]
        self.assertIn("Q4 2026/27", quarters)
        self.assertNotIn(">2025/26<", quarters)

    def test_contacts_for_other_formats_from_the_settings(self):
        self.company.write(
            {
                "chp_contact_address": "1 High Street, Edinburgh EH1 1AA",
                "chp_contact_phone": "0131 496 0000",
                "chp_contact_email": "complaints@example.org",
                "chp_contact_text_relay": "Relay UK: 18001 0131 496 0000",
            }
        )
        html = self.url_open(self.url).text
        self.assertIn("1 High Street, Edinburgh EH1 1AA", html)
        self.assertIn('<a href="tel:01314960000">0131 496 0000</a>', html)
        self.assertIn('<a href="mailto:complaints@example.org">', html)
        self.assertIn("Relay UK: 18001 0131 496 0000", html)
        self.assertNotIn("please contact us.", html)

    def test_few_complaints_threshold_frozen_at_publication(self):
        # 2026/27 received: Repairs 7 (c1 c2 c4 c5 c6 c8 c11), Rents 3 (c3 c7
        # c9), Housing options 0. Published with the default threshold, 2.
        def few():
            html = self.url_open(self.url).text
            if "Services with few or no complaints" not in html:
                return []
            part = html.split("Services with few or no complaints")[1].split("</ul>")[0]
            return [name for name in ("Repairs", "Rents", "Housing options") if name in part]

        self.assertEqual(self.report.figures["few_threshold"], 2)
        self.assertEqual(few(), ["Housing options"])
        # A later change of the setting does not rewrite what was published.
        self.company.chp_few_complaints = 3
        self.assertEqual(few(), ["Housing options"])
        # A report published before the threshold was frozen reads the setting.
        figures = dict(self.report.figures)
        del figures["few_threshold"]
        self.env.cr.execute(
            "UPDATE chp_report SET figures = %s WHERE id = %s",
            [json.dumps(figures), self.report.id],
        )
        self.report.invalidate_recordset(["figures"])
        self.assertEqual(few(), ["Rents", "Housing options"])

    def test_pdf_among_the_downloads(self):
        html = self.url_open(self.url).text
        self.assertIn(f'<a href="{self.url}/pdf">Download this report as a PDF</a>', html)
        response = self.url_open(f"{self.url}/pdf")
        self.assertEqual(response.status_code, 200)
        # The test runner renders the PDF's HTML (no wkhtmltopdf run).
        self.assertIn("Annual complaints performance report 2026/27", response.text)
        self.assertIn("<svg", response.text)
        self.assertIn('filename="annual-complaints-report', response.headers["Content-Disposition"])

    def test_not_found_styled_like_the_page(self):
        html = self.public_html(f"/complaints/annual-report/{self.company.id}/2019", status=404)
        self.assertIn("<main>", html)
        self.assertIn("border-bottom: 4px solid #0b5d99", html)
        self.assertIn('<a href="/complaints/annual-report">', html)
        self.assertEqual(self.url_open(f"{self.url}/docx").status_code, 404)


REFLOW_CHECK = """
const root = document.documentElement;
if (window.innerWidth !== 320) {
    console.error("The window is " + window.innerWidth + " px wide, not 320");
} else if (root.scrollWidth > root.clientWidth) {
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth)
        .map((el) => el.tagName + "." + el.className);
    console.error("Horizontal scroll at 320 px: " + root.scrollWidth + " > "
        + root.clientWidth + " " + JSON.stringify(wide.slice(0, 10)));
} else {
    console.log("test successful");
}
"""


# At 320 px: every chart label at least 12 px tall as drawn (its font size
# times the drawing's scale), and no table cell that may break a word.
READABLE_CHECK = """
const problems = [];
const svgs = [...document.querySelectorAll("svg.chp-chart")];
if (!svgs.length) problems.push("no chart on the page");
for (const svg of svgs) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll("text")) {
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (px < 12) problems.push(svg.id + " '" + text.textContent + "' " + px.toFixed(1) + " px");
    }
}
for (const cell of document.querySelectorAll("th, td")) {
    const style = getComputedStyle(cell);
    if (style.overflowWrap !== "normal" || style.wordBreak !== "normal"
            || style.hyphens === "auto") {
        problems.push("a cell may break a word: " + cell.textContent);
    }
    if (cell.scrollWidth > cell.clientWidth + 1) {
        problems.push("a cell overflows: " + cell.textContent);
    }
}
for (const table of document.querySelectorAll("table")) {
    if (!table.closest(".chp-scroll") && table.getBoundingClientRect().right > 320) {
        problems.push("a table wider than the screen: " + table.textContent.slice(0, 40));
    }
}
if (document.documentElement.scrollWidth > 320) {
    problems.push("page " + document.documentElement.scrollWidth + " px wide");
}
if (problems.length) {
    console.error("Not readable at 320 px: " + JSON.stringify(problems.slice(0, 10)));
} else {
    console.log("test successful");
}
"""


@tagged("post_install", "-at_install")
class TestPublicAnnualReportNarrow(ChpReportingCase, HttpCase):
    """The public page on a 320 px wide screen (WCAG 2.2, 1.4.10 reflow):
    no horizontal scrolling of the page, and axe finds nothing there either."""

    browser_size = "320x640"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        report = cls.env["chp.report"]._build_report(
            cls.company, "annual", date(2026, 4, 1), date(2027, 3, 31)
        )
        report.action_approve()
        report.action_publish()
        cls.url = f"/complaints/annual-report/{cls.company.id}/2026"

    def test_no_horizontal_scroll_at_320px(self):
        self.browser_js(self.url, REFLOW_CHECK, timeout=60)

    def test_chart_labels_and_headers_readable_at_320px(self):
        self.browser_js(self.url, READABLE_CHECK, timeout=60)

    def test_accessibility_at_320px(self):
        self.browser_js(self.url, AXE_CHECK, timeout=120)
