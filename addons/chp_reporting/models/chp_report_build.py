import base64
import logging
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.tools.reporting_periods import (
    period_label,
    previous_quarter,
    previous_quarters,
    quarter_of,
    reporting_year,
    reporting_year_start,
)
from odoo.addons.chp_complaints.tools.roles import SENIOR
from odoo.addons.chp_complaints.tools.transition import transition
from odoo.exceptions import UserError

from ..report.indicators import trend_columns
from ..report.spso_csv import build_case_csv, build_figures_csv
from ..report.spso_workbook import build_workbook
from .chp_reporting_year import ARC_ROWS

_logger = logging.getLogger(__name__)

TITLES = {
    "quarterly_internal": "Complaints performance report (internal)",
    "quarterly_public": "Complaints outcomes and actions",
    "annual": "Annual complaints performance report",
}


class ChpReport(models.Model):
    """Generation of the frozen figures and files, and the scheduled actions
    that make reports unattended. Generation is atomic (a savepoint: a failure
    leaves no report and no file) and idempotent (one report per company,
    type and period, also enforced by a unique constraint)."""

    _inherit = "chp.report"

    # ------------------------------------------------------------ building
    @api.model
    def _build_report(self, company, report_type, date_from, date_to, notify=False):
        """The report of ``report_type`` for the period, created and generated
        when missing; an existing one is returned untouched."""
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("report_type", "=", report_type),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ],
            limit=1,
        )
        if existing:
            return existing
        with self.env.cr.savepoint():
            report = self.create(
                {
                    "name": f"{TITLES[report_type]} {period_label(date_from, date_to)}",
                    "company_id": company.id,
                    "report_type": report_type,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
            report._generate()
        if notify:
            report._notify_senior_managers()
        return report

    def action_regenerate(self):
        """Recomputes a draft report from today's data (atomic)."""
        for report in self:
            if report.state != "draft":
                raise UserError(
                    _("%s is approved or published: its figures are frozen.", report.name)
                )
            with self.env.cr.savepoint():
                report._generate()
        return True

    def _trend_periods(self):
        """Periods compared with this one, oldest first, this one last."""
        self.ensure_one()
        if self.report_type == "annual":
            start = reporting_year_start(self.date_from).year
            periods = [reporting_year(start - 1)]
            day = self.date_from
            while day <= self.date_to:
                quarter = quarter_of(day)
                periods.append(quarter)
                day = quarter[1] + timedelta(days=1)
            return [*periods, (self.date_from, self.date_to)]
        return [*previous_quarters(self.date_from, 4), (self.date_from, self.date_to)]

    def _trend_row(self, date_from, date_to, figures=None):
        """A period's trend row: its label and the value of every declared
        trend column (``report/indicators.py``)."""
        Indicator = self.env["chp.spso.indicator"]
        figures = figures or Indicator.compute(date_from, date_to, self.company_id)
        return {
            "period": period_label(date_from, date_to),
            "kind": "quarter" if (date_from, date_to) == quarter_of(date_from) else "year",
            **{
                column.key: column.value(figures)
                for column in trend_columns(Indicator._chp_indicators())
            },
        }

    def _generate(self):
        """Computes and freezes the figures, then attaches the workbook and CSV."""
        self.ensure_one()
        Indicator = self.env["chp.spso.indicator"]
        Action = self.env["chp.improvement.action"]
        indicators = Indicator._chp_indicators()
        company = self.company_id
        figures = Indicator.compute(self.date_from, self.date_to, company)
        figures["children"] = self._chp_children_figures(company)
        if self.report_type == "annual" and company._chp_is_landlord():
            figures["arc"] = self._chp_arc_figures(company)
        trends = [
            self._trend_row(
                start, end, figures if (start, end) == (self.date_from, self.date_to) else None
            )
            for start, end in self._trend_periods()
        ]
        summaries = [
            dict(line, published_on=fields.Date.to_string(line["published_on"]))
            for line in Action.get_published_summaries(self.date_from, self.date_to, company)
        ]
        internal = self.report_type == "quarterly_internal"
        overdue = []
        if internal:
            overdue = [
                dict(row, target_date=fields.Date.to_string(row["target_date"]))
                for row in Action.get_overdue_actions(self.date_to, company)
            ]
        case_rows = (
            Indicator.get_case_rows(self.date_from, self.date_to, company) if internal else None
        )
        now = fields.Datetime.now()
        # A scheduled action runs as OdooBot: the files and the form then
        # name nobody rather than a robot (who approved and published the
        # report is what the committee reads).
        author = self.env.user if not self.env.user._is_superuser() else self.env["res.users"]
        meta = {
            "title": self.name,
            "organisation": company.name,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "generated_on": now,
            "generated_by": author.name or None,
        }
        # Every reader gets the figures; only internal reports have case
        # rows, kept in the fields restricted to case-level roles.
        workbook = build_workbook(figures, meta, None, trends, indicators)
        csv_data = build_figures_csv(figures, indicators)
        (self.workbook_id | self.csv_id).unlink()
        slug = f"{self.report_type}-{self.date_from}-{self.date_to}"
        Attachment = self.env["ir.attachment"]
        workbook_att = Attachment.create(
            self._attachment_vals(f"spso-indicators-{slug}.xlsx", workbook)
        )
        csv_att = Attachment.create(
            self._attachment_vals(f"figures-{slug}.csv", csv_data, "text/csv")
        )
        cases = {
            "case_workbook": False,
            "case_workbook_name": False,
            "case_csv": False,
            "case_csv_name": False,
        }
        if internal:
            cases = {
                "case_workbook": base64.b64encode(
                    build_workbook(figures, meta, case_rows, trends, indicators)
                ),
                "case_workbook_name": f"spso-indicators-cases-{slug}.xlsx",
                "case_csv": base64.b64encode(build_case_csv(case_rows, indicators)),
                "case_csv_name": f"cases-{slug}.csv",
            }
        with transition(self):
            self.write(
                {
                    **cases,
                    # The threshold the report used is part of what it said.
                    "figures": dict(figures, few_threshold=company.chp_few_complaints),
                    "trend_rows": trends,
                    "summaries": summaries,
                    "overdue_actions": overdue,
                    "generated_on": now,
                    "generated_by_id": author.id,
                    "workbook_id": workbook_att.id,
                    "csv_id": csv_att.id,
                }
            )

    def _chp_children_figures(self, company):
        """Complaints involving a child or young person (the SPSO's child
        friendly guidance): received, closed, outcomes and within timescale
        by stage; only "few" when they are at most the few-complaints
        threshold, so that no child can be recognised from the figures."""
        child = self.env["chp.spso.indicator"].compute(
            self.date_from, self.date_to, company, child="involved"
        )
        few = company.chp_few_complaints
        if 0 < child["received"]["total"] <= few:
            return {"suppressed": True, "few": few}
        return {
            "suppressed": False,
            **{
                key: child[key]
                for key in ("received", "closed", "outcomes", "within_timescale")
                if key in child
            },
        }

    def _chp_arc_figures(self, company):
        """A landlord's annual report carries its Annual Return on the
        Charter complaints table, with the wording of that reporting year."""
        year = self.env["chp.reporting.year"].sudo()._chp_year_of(company, self.date_to)
        rows = (
            [(label.key, label.number, label.name) for label in year.arc_label_ids]
            if year
            else ARC_ROWS
        )
        return {
            "year": year.name or period_label(self.date_from, self.date_to),
            "labels": [list(row) for row in rows],
            "figures": self.env["chp.arc.return"].compute(self.date_from, self.date_to, company),
        }

    def _attachment_vals(self, name, data, mimetype=None):
        return {
            "name": name,
            "datas": base64.b64encode(data),
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": mimetype
            or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }

    def _notify_senior_managers(self):
        """Posts on the report, notifying every senior manager of the company."""
        self.ensure_one()
        group = self.env.ref(SENIOR)
        users = self.env["res.users"].search(
            [
                ("groups_id", "in", group.ids),
                ("company_ids", "in", self.company_id.ids),
                ("share", "=", False),
            ]
        )
        self.message_post(
            body=_(
                "%(name)s is ready for senior management review: check the figures, record "
                "the review's conclusions and approve it.",
                name=self.name,
            ),
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
            message_type="notification",
        )

    @api.model
    def _build_demo_reports(self, company=None, approver=None):
        """Demo data: the last complete quarter's internal report, approved,
        and the last complete reporting year's annual report, published,
        built from the demo complaints by the same builder as the crons."""
        company = company or self.env.company
        approver = approver or self.env.ref("base.user_admin")
        today = fields.Date.context_today(self)
        quarterly = self._build_report(company, "quarterly_internal", *previous_quarter(today))
        start_year = reporting_year_start(today).year - 1
        annual = self._build_report(company, "annual", *reporting_year(start_year))
        (quarterly | annual).filtered(lambda r: r.state == "draft").with_user(
            approver
        ).action_approve()
        annual.filtered(lambda r: r.state == "approved").with_user(approver).action_publish()
        return quarterly | annual

    # ------------------------------------------------------------ crons
    @api.model
    def _cron_quarterly_reports(self):
        """Daily: the previous quarter's internal (and public draft) report of
        each company, built on the first day of the quarter or the first run
        after it; later runs find them and do nothing."""
        date_from, date_to = previous_quarter(fields.Date.context_today(self))
        for company in self.env["res.company"].search([("active", "=", True)]):
            self._build_report(company, "quarterly_internal", date_from, date_to, notify=True)
            self._build_report(company, "quarterly_public", date_from, date_to)

    @api.model
    def _cron_annual_reports(self):
        """Daily: from each company's configured day (default 1 May), the
        annual report of the reporting year that ended on 31 March before."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([("active", "=", True)]):
            due = date(
                today.year, int(company.chp_annual_report_month), company.chp_annual_report_day
            )
            if today < due:
                continue
            start_year = reporting_year_start(due).year - 1
            date_from, date_to = reporting_year(start_year)
            self._build_report(company, "annual", date_from, date_to, notify=True)
