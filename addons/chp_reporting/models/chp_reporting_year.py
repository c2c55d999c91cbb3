"""The organisation's reporting years (1 April to 31 March by default):
each year keeps its own figure of "complaints per 1,000" and, for a social
landlord, the labels of its Annual Return on the Charter, so that last
year's report keeps last year's figure and wording after the regulator
renumbers its indicators."""

import base64

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.tools.reporting_periods import reporting_year_of, year_label
from odoo.exceptions import UserError, ValidationError

from ..report.arc_csv import arc_csv, arc_period

# The rows of the ARC complaints return, in order, with the numbers and
# wording of the Scottish Housing Regulator's 2025/26 edition as seeded
# default; the complaints administrator rewords them per year.
ARC_ROWS = [
    ("carried_forward", "1", "Complaints carried forward from the previous reporting year"),
    ("received", "2", "Complaints received in the reporting year"),
    ("responded", "3", "Complaints responded to in full in the reporting year"),
    (
        "within_timescale",
        "4",
        "Of those, complaints responded to in full within the SPSO model complaints "
        "handling procedure timescales",
    ),
    (
        "within_extension",
        "4a",
        "Of those, complaints responded to in full within an authorised extension",
    ),
    ("working_days", "5", "Total number of working days taken for the full responses"),
    ("indicator_3", "Indicator 3", "Percentage of complaints responded to in full"),
    ("indicator_4", "Indicator 4", "Average time in working days for a full response"),
]
ARC_KEYS = [key for key, _number, _label in ARC_ROWS]


class ChpReportingYear(models.Model):
    _name = "chp.reporting.year"
    _description = "Reporting year"
    _order = "company_id, date_start desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    denominator_type = fields.Selection(related="company_id.chp_denominator_type")
    denominator_value = fields.Integer(
        string="Tenancies / homes / people",
        help="The number complaints received per 1,000 are counted against in this year's "
        "reports (tenancies or homes for a landlord, the population served for a public "
        "body). Empty: the reports say the rate is not set.",
    )
    denominator_source = fields.Char(
        string="Source",
        help="Where the number comes from and as at when, e.g. 'Annual Return on the "
        "Charter 2025/26: 2,000 tenancies at 31 March 2026'.",
    )
    is_landlord = fields.Boolean(compute="_compute_is_landlord")
    arc_label_ids = fields.One2many(
        "chp.arc.label", "year_id", string="Rows of the landlord's return", copy=True
    )
    arc_html = fields.Html(
        string="ARC complaints return", compute="_compute_arc_html", sanitize=False
    )

    _sql_constraints = [
        (
            "company_start_uniq",
            "unique(company_id, date_start)",
            "This company already has a reporting year starting on that day.",
        ),
    ]

    @api.depends("date_start", "date_end")
    def _compute_name(self):
        for year in self:
            if not (year.date_start and year.date_end):
                year.name = False
            elif year.date_start.year == year.date_end.year:
                year.name = str(year.date_start.year)
            else:
                year.name = year_label(year.date_start.year)

    @api.depends("company_id.chp_organisation_type")
    def _compute_is_landlord(self):
        for year in self:
            year.is_landlord = year.company_id.chp_organisation_type == "landlord"

    @api.depends("date_start", "date_end", "company_id", "arc_label_ids")
    @api.depends_context("uid")
    def _compute_arc_html(self):
        for year in self:
            if not (year.id and year.is_landlord):
                year.arc_html = False
                continue
            year.arc_html = self.env["ir.qweb"]._render(
                "chp_reporting.chp_arc_table", year._chp_arc_values()
            )

    # --- Rules -------------------------------------------------------------------
    @api.constrains("date_start", "date_end", "company_id")
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(_("A reporting year ends after it starts."))
            if year.date_end > year.date_start + relativedelta(years=1, days=-1):
                raise ValidationError(_("A reporting year is at most one year long."))
            overlap = self.search_count(
                [
                    ("id", "!=", year.id),
                    ("company_id", "=", year.company_id.id),
                    ("date_start", "<=", year.date_end),
                    ("date_end", ">=", year.date_start),
                ]
            )
            if overlap:
                raise ValidationError(
                    _("The reporting year %s overlaps another year of the company.", year.name)
                )

    @api.constrains("denominator_value")
    def _check_denominator(self):
        if any(year.denominator_value < 0 for year in self):
            raise ValidationError(_("The number of tenancies, homes or people cannot be negative."))

    @api.constrains("arc_label_ids")
    def _check_arc_labels(self):
        wanted = set(ARC_KEYS)
        for year in self:
            keys = year.arc_label_ids.mapped("key")
            missing = [number for key, number, _label in ARC_ROWS if key not in keys]
            if missing or len(keys) != len(set(keys)) or set(keys) != wanted:
                raise ValidationError(
                    _(
                        "The return of %(year)s needs each of its %(count)s rows once "
                        "(missing: %(missing)s): reword a row rather than remove it.",
                        year=year.name,
                        count=len(ARC_ROWS),
                        missing=", ".join(missing) or _("none, but one is repeated"),
                    )
                )

    # --- Creation ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """A new year takes the row labels of the company's latest year before
        it (the regulator's wording rarely changes), else the seeded ones."""
        for vals in vals_list:
            if not vals.get("arc_label_ids"):
                company_id = vals.get("company_id") or self.env.company.id
                previous = self.search(
                    [("company_id", "=", company_id), ("date_start", "<", vals.get("date_start"))],
                    order="date_start desc",
                    limit=1,
                )
                rows = (
                    [(label.key, label.number, label.name) for label in previous.arc_label_ids]
                    if previous
                    else ARC_ROWS
                )
                vals["arc_label_ids"] = [
                    (0, 0, {"key": key, "number": number, "name": label, "sequence": position})
                    for position, (key, number, label) in enumerate(rows)
                ]
        return super().create(vals_list)

    @api.model
    def _chp_year_of(self, company, day, create=False):
        """The reporting year of ``company`` that contains ``day``; made
        (with the company's year end) when ``create`` and there is none."""
        year = self.search(
            [
                ("company_id", "=", company.id),
                ("date_start", "<=", day),
                ("date_end", ">=", day),
            ],
            limit=1,
        )
        if year or not create:
            return year
        first, last = reporting_year_of(day, int(company.chp_year_end_month))
        return self.create({"company_id": company.id, "date_start": first, "date_end": last})

    @api.model
    def _chp_demo_years(self):
        """Demo data: the reporting year just ended and the current one, with
        the demo's number of tenancies."""
        company = self.env.ref("base.main_company")
        today = fields.Date.context_today(self)
        for day in (today - relativedelta(years=1), today):
            self._chp_year_of(company, day, create=True).write(
                {
                    "denominator_value": 2400,
                    "denominator_source": "Annual Return on the Charter: tenancies at 31 March "
                    "(demo figure)",
                }
            )

    # --- The landlord's return -------------------------------------------------------
    def _chp_arc_values(self):
        """What the table, the CSV and the workbook show: the figures, the
        year's labels, the period, and whether the figures are provisional."""
        self.ensure_one()
        figures = self.env["chp.arc.return"].compute(
            self.date_start, self.date_end, self.company_id
        )
        return {
            "year_name": self.name,
            "organisation": self.company_id.name,
            "arc_period": arc_period,
            "figures": figures,
            "labels": [(label.key, label.number, label.name) for label in self.arc_label_ids],
        }

    def action_chp_arc_csv(self):
        """Download the return as CSV, to paste into the regulator's template."""
        self.ensure_one()
        if not self.is_landlord:
            raise UserError(
                _(
                    "The Annual Return on the Charter is a social landlord's return: set the "
                    "organisation type in the procedure settings."
                )
            )
        values = self._chp_arc_values()
        data = arc_csv(values["figures"], values["labels"], self.name, self.company_id.name)
        # One file kept on the year, replaced by each download (readers of
        # the year read it); written as superuser since the liaison officer
        # reads the year, never writes it.
        name = f"ARC complaints {self.name.replace('/', '-')}.csv"
        Attachment = self.env["ir.attachment"].sudo()
        attachment = Attachment.search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("name", "=", name)],
            limit=1,
        )
        values = {"datas": base64.b64encode(data), "mimetype": "text/csv"}
        if attachment:
            attachment.write(values)
        else:
            attachment = Attachment.create(
                dict(values, name=name, res_model=self._name, res_id=self.id)
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }


class ChpArcLabel(models.Model):
    """One row of a year's ARC complaints return: its number and wording as
    the regulator's edition of that year gives them."""

    _name = "chp.arc.label"
    _description = "Row of the landlord's return"
    _order = "year_id, sequence, id"

    year_id = fields.Many2one("chp.reporting.year", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    key = fields.Selection(
        [(key, label) for key, _number, label in ARC_ROWS],
        string="Counts",
        required=True,
        readonly=True,
    )
    number = fields.Char(help="The number the regulator's edition gives the row.")
    name = fields.Char(string="Label", required=True)

    _sql_constraints = [
        ("year_key_uniq", "unique(year_id, key)", "Each row of the return stands once a year."),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _("The return of a reporting year needs every row: reword a row rather than remove it.")
        )
