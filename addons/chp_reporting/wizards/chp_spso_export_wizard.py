import base64

from odoo import _, fields, models
from odoo.addons.chp_complaints.tools.dialogs import reopen_dialog
from odoo.addons.chp_complaints.tools.reporting_periods import period_label, previous_quarter
from odoo.exceptions import UserError

from ..report.spso_csv import build_case_csv
from ..report.spso_workbook import build_workbook


class ChpSpsoExportWizard(models.TransientModel):
    """SPSO data export: the indicator workbook and the case-level CSV for
    any date range, for the SPSO liaison officer."""

    _name = "chp.spso.export.wizard"
    _inherit = ["chp.case.data.export.mixin"]
    _description = "SPSO Data Export"

    def _compute_display_name(self):
        """The breadcrumb says what the screen is, not the model's name."""
        for wizard in self:
            wizard.display_name = _("SPSO data export")

    def _default_period(self, index):
        return previous_quarter(fields.Date.context_today(self))[index]

    date_from = fields.Date(
        required=True, default=lambda self: self._default_period(0), string="Period from"
    )
    date_to = fields.Date(
        required=True, default=lambda self: self._default_period(1), string="Period to"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    service_ids = fields.Many2many(
        "chp.service", string="Services", help="Leave empty for every service."
    )
    contractor_ids = fields.Many2many(
        "res.partner", string="Contractors", help="Leave empty for every complaint."
    )
    equalities = fields.Selection(
        [("yes", "Relating to equalities issues"), ("no", "Not relating to equalities issues")],
        help="Leave empty for every complaint.",
    )
    child = fields.Selection(
        [
            ("involved", "Involving a child or young person"),
            ("child", "Made by a child or young person"),
            ("on_behalf", "Made by an adult for a child"),
            ("affects_child", "About matters that affect a child"),
            ("none", "Not involving a child"),
        ],
        string="Children",
        help="Leave empty for every complaint.",
    )
    state = fields.Selection([("choose", "Choose"), ("done", "Done")], default="choose")
    workbook = fields.Binary(readonly=True, attachment=False)
    workbook_name = fields.Char(readonly=True, string="Workbook file name")
    case_csv = fields.Binary(string="Case rows (CSV)", readonly=True, attachment=False)
    case_csv_name = fields.Char(readonly=True, string="Case CSV file name")

    def action_export(self):
        self.ensure_one()
        self._chp_check_export_access()
        if self.date_to < self.date_from:
            raise UserError(_("The period ends before it starts."))
        Indicator = self.env["chp.spso.indicator"]
        args = (
            self.date_from,
            self.date_to,
            self.company_id,
            self.service_ids.ids or None,
            self.contractor_ids.ids or None,
        )
        filters = {
            "equalities": {"yes": True, "no": False}.get(self.equalities),
            "child": self.child or None,
        }
        figures = Indicator.compute(*args, **filters)
        rows = Indicator.get_case_rows(*args, **filters)
        title = _(
            "SPSO complaints performance indicators %s",
            period_label(self.date_from, self.date_to),
        )
        chosen = [
            dict(self._fields[name]._description_selection(self.env))[self[name]]
            for name in ("equalities", "child")
            if self[name]
        ]
        meta = {
            "title": ": ".join([title, *chosen]),
            "organisation": self.company_id.name,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "generated_on": fields.Datetime.now(),
            "generated_by": self.env.user.name,
        }
        slug = f"{self.date_from}-{self.date_to}"
        self.write(
            {
                "state": "done",
                "workbook": base64.b64encode(
                    build_workbook(figures, meta, rows, indicators=Indicator._chp_indicators())
                ),
                "workbook_name": f"spso-indicators-{slug}.xlsx",
                "case_csv": base64.b64encode(build_case_csv(rows, Indicator._chp_indicators())),
                "case_csv_name": f"spso-cases-{slug}.csv",
            }
        )
        return reopen_dialog(self)
