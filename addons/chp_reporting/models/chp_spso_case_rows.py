from odoo import api, fields, models
from odoo.addons.chp_complaints.tools.reporting_periods import period_label
from odoo.tools import SQL

from ..report.spso_workbook import build_workbook, case_indicators, case_name


class ChpSpsoIndicator(models.AbstractModel):
    """Case-level rows behind the indicators: one anonymised row per complaint
    with a stage closed in the period, for the workbook's "Cases" sheet and its
    CSV. No names, contact details or free text leave this method. Also the
    whole SPSO workbook of a period in one call."""

    _inherit = "chp.spso.indicator"

    @api.model
    def build_workbook(
        self, date_from, date_to, company=None, service_ids=None, contractor_ids=None
    ):
        """The SPSO indicator workbook (xlsx bytes) of the period, with its
        anonymised case sheet: what the liaison officer's export produces."""
        self._check_engine_access()
        args = self._chp_check_arguments(date_from, date_to, company, service_ids, contractor_ids)
        date_from, date_to, company = args[:3]
        meta = {
            "title": self.env._(
                "SPSO complaints performance indicators %s", period_label(date_from, date_to)
            ),
            "organisation": company.name,
            "date_from": date_from,
            "date_to": date_to,
            "generated_on": fields.Datetime.now(),
            "generated_by": self.env.user.name,
        }
        return build_workbook(
            self.compute(*args), meta, self.get_case_rows(*args), indicators=self._chp_indicators()
        )

    @api.model
    def get_case_rows(
        self,
        date_from,
        date_to,
        company=None,
        service_ids=None,
        contractor_ids=None,
        equalities=None,
        child=None,
    ):
        """Rows (dicts keyed like ``spso_workbook.case_columns``) fetched with
        one SQL query; outcome and stage labels are the field's own labels.
        Each indicator with a case column gives a yes/no per stage: its
        condition (empty for a stage the complaint did not go through)."""
        self._check_engine_access()
        date_from, date_to, company, service_ids, contractor_ids = self._chp_check_arguments(
            date_from, date_to, company, service_ids, contractor_ids
        )
        filters = self._chp_check_filters(equalities, child)
        self.env.flush_all()
        _received, closed, _opened, _overdue = self._stage_conditions(date_from, date_to)
        where = self._where(date_from, date_to, company, service_ids, contractor_ids, filters)
        lang = self.env.lang or "en_US"
        indicators = case_indicators(self._chp_indicators())
        flags = []
        for indicator in indicators:
            name = case_name(indicator)
            flags += [
                SQL(
                    "(%s) AS %s",
                    indicator.condition_sql("stage1"),
                    SQL.identifier(f"stage1_{name}"),
                ),
                SQL(
                    "(CASE WHEN c.stage2_route = 'direct' THEN %s ELSE %s END) AS %s",
                    indicator.condition_sql("stage2_direct"),
                    indicator.condition_sql("stage2_escalated"),
                    SQL.identifier(f"stage2_{name}"),
                ),
            ]
        self.env.cr.execute(
            SQL(
                """
                SELECT c.name AS reference,
                       s.complete_name AS service,
                       COALESCE(rc.name->>%(lang)s, rc.name->>'en_US') AS root_cause,
                       c.stage2_route AS route,
                       c.date_received_day AS date_received,
                       c.stage1_deadline, c.stage1_date_closed, c.stage1_working_days,
                       c.stage1_outcome, c.stage2_date_start, c.stage2_deadline,
                       c.stage2_date_closed, c.stage2_working_days, c.stage2_outcome,
                       %(flags)s
                  FROM chp_complaint c
             LEFT JOIN chp_service s ON s.id = c.service_id
             LEFT JOIN chp_root_cause rc ON rc.id = c.root_cause_id
                 WHERE %(where)s AND (%(closed)s)
              ORDER BY c.date_received_day, c.name
                """,
                lang=lang,
                flags=SQL(", ").join(flags) if flags else SQL("NULL AS no_flags"),
                where=where,
                closed=SQL(" OR ").join(closed.values()),
            )
        )
        rows = self.env.cr.dictfetchall()
        outcomes = dict(
            self.env["chp.complaint"]._fields["stage1_outcome"]._description_selection(self.env)
        )
        names = [case_name(indicator) for indicator in indicators]
        for row in rows:
            row.pop("no_flags", None)
            route = row.pop("route")
            row["entry"] = "Stage 2 (direct)" if route == "direct" else "Stage 1"
            row["escalated"] = route == "escalated"
            for stage in ("stage1", "stage2"):
                row[f"{stage}_outcome"] = outcomes.get(row[f"{stage}_outcome"])
                for name in names:
                    row[f"{stage}_{name}"] = bool(row[f"{stage}_{name}"])
            for name in names:
                if route == "direct":
                    row[f"stage1_{name}"] = None
                if not route:
                    row[f"stage2_{name}"] = None
        return rows
