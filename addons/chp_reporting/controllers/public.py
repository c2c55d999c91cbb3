"""The published annual complaints performance report on the web, without
login (Part 4: "on our website ... easily accessible ... in alternative
formats"), at stable addresses:

- /complaints/annual-report: the latest published annual report;
- /complaints/annual-report/<company_id>/<year>: the reporting year starting
  on 1 April <year>;
- the same followed by /pdf, /xlsx or /csv: the report as a PDF, the
  figures as a spreadsheet or CSV.

Everything comes from the report's frozen figures; nothing else is read.
"""

from markupsafe import Markup

from odoo import http
from odoo.addons.chp_complaints.tools.reporting_periods import reporting_year
from odoo.http import request

from ..report.figure_labels import uk_date
from ..report.spso_csv import build_figures_csv
from ..report.spso_workbook import build_workbook

BASE = "/complaints/annual-report"
# Reporting years a date can hold (1 April Y to 31 March Y + 1), and ids
# PostgreSQL's integer columns can hold: anything else is simply not published.
YEARS = range(1, 9999)
MAX_ID = 2**31 - 1
DOCTYPE = Markup("<!DOCTYPE html>\n")


class ChpPublicReport(http.Controller):
    def _published(self, company_id=None, year=None):
        """The published annual report asked for, read as superuser: the only
        records this controller ever reads."""
        Report = request.env["chp.report"].sudo()
        if (company_id is not None and not 0 < company_id <= MAX_ID) or (
            year is not None and year not in YEARS
        ):
            return Report
        domain = [("report_type", "=", "annual"), ("state", "=", "published")]
        if company_id is not None:
            domain.append(("company_id", "=", company_id))
        if year is not None:
            date_from, date_to = reporting_year(year)
            domain += [("date_from", "=", date_from), ("date_to", "=", date_to)]
        return Report.search(domain, order="date_from desc, id", limit=1)

    def _not_found(self):
        html = request.env["ir.qweb"].sudo()._render("chp_reporting.chp_report_public_missing")
        return request.make_response(
            DOCTYPE + html,
            headers=[("Content-Type", "text/html; charset=utf-8")],
            status=404,
        )

    def _page(self, report):
        if not report:
            return self._not_found()
        url = f"{BASE}/{report.company_id.id}/{report.date_from.year}"
        values = dict(
            report._render_values(),
            pdf_url=f"{url}/pdf",
            xlsx_url=f"{url}/xlsx",
            csv_url=f"{url}/csv",
            published_on=uk_date(report.published_on),
            contacts=report.company_id.sudo()._chp_alternative_format_contacts(),
        )
        html = request.env["ir.qweb"].sudo()._render("chp_reporting.chp_report_public_page", values)
        return request.make_response(
            DOCTYPE + html, headers=[("Content-Type", "text/html; charset=utf-8")]
        )

    @http.route(BASE, type="http", auth="public", methods=["GET"], sitemap=False)
    def latest_annual_report(self, **kwargs):
        return self._page(self._published())

    @http.route(
        [f"{BASE}/<int:company_id>/<int:year>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def annual_report(self, company_id, year, **kwargs):
        return self._page(self._published(company_id, year))

    @http.route(
        [f"{BASE}/<int:company_id>/<int:year>/<string:fmt>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def annual_report_download(self, company_id, year, fmt, **kwargs):
        report = self._published(company_id, year)
        if not report or fmt not in ("pdf", "xlsx", "csv"):
            return self._not_found()
        name = f"annual-complaints-report-{company_id}-{year}"
        # A report frozen before an indicator was declared says "not
        # recorded then" for it.
        indicators = request.env["chp.spso.indicator"]._chp_indicators()
        if fmt == "pdf":
            data, kind = (
                request.env["ir.actions.report"]
                .sudo()
                ._render_qweb_pdf("chp_reporting.action_report_chp_report", report.ids)
            )
            # "html" only under the test runner, which renders no PDF.
            mimetype = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
        elif fmt == "csv":
            data, mimetype = (
                build_figures_csv(report.figures, indicators),
                "text/csv; charset=utf-8",
            )
        else:
            meta = {
                "title": report.name,
                "organisation": report.company_id.name,
                "date_from": report.date_from,
                "date_to": report.date_to,
                "generated_on": report.generated_on,
                "generated_by": report.company_id.name,
            }
            # Contractors may be sole traders: the public files leave them out.
            figures = dict(report.figures, by_contractor=[])
            data = build_workbook(figures, meta, None, report.trend_rows, indicators)
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return request.make_response(
            data,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Disposition", f'attachment; filename="{name}.{fmt}"'),
            ],
        )
