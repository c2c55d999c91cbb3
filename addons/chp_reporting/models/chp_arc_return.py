"""The Scottish Housing Regulator's Annual Return on the Charter: its
complaints table (Charter indicators 3 and 4), counted in SQL from the same
stored working-day clocks as the SPSO indicators, with the engine's own
definition of a complaint open at a stage."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.tools.roles import check_role
from odoo.tools import SQL

from .chp_spso_indicator import CASE_DATA_ROLES, mean, pct

GROUPS = ("equalities", "other")
ARC_STAGES = ("stage1", "stage2")
COUNTED_ROWS = (
    "carried_forward",
    "received",
    "responded",
    "within_timescale",
    "within_extension",
    "working_days",
)


class ChpArcReturn(models.AbstractModel):
    _name = "chp.arc.return"
    _description = "Annual Return on the Charter: complaints"

    @api.model
    def _conditions(self, date_from, date_to):
        """{(row, stage): condition} over ``chp_complaint c``. A complaint
        escalated from stage 1 counts once at stage 1 and once at stage 2."""
        Engine = self.env["chp.spso.indicator"]
        eve = Engine._open_conditions(date_from - timedelta(days=1))
        between = SQL("BETWEEN %s AND %s", date_from, date_to)
        responded = {
            "stage1": SQL("c.stage1_date_closed %s", between),
            "stage2": SQL("(c.stage2_route IS NOT NULL AND c.stage2_date_closed %s)", between),
        }
        conditions = {
            ("carried_forward", "stage1"): eve["stage1"],
            ("carried_forward", "stage2"): SQL(
                "(%s OR %s)", eve["stage2_direct"], eve["stage2_escalated"]
            ),
            ("received", "stage1"): SQL(
                "(c.date_received_day %s AND c.stage2_route IS DISTINCT FROM 'direct')", between
            ),
            ("received", "stage2"): SQL(
                "(c.stage2_route IS NOT NULL AND c.stage2_date_start %s)", between
            ),
        }
        for stage in ARC_STAGES:
            conditions[("responded", stage)] = responded[stage]
            conditions[("within_timescale", stage)] = SQL(
                "(%s AND %s)", responded[stage], SQL.identifier("c", f"{stage}_within_timescale")
            )
            # Late on the standard timescale, in time on the extended one.
            conditions[("within_extension", stage)] = SQL(
                "(%s AND NOT %s AND %s <= %s)",
                responded[stage],
                SQL.identifier("c", f"{stage}_within_timescale"),
                SQL.identifier("c", f"{stage}_date_closed"),
                SQL.identifier("c", f"{stage}_extended_deadline"),
            )
        return conditions, responded

    @api.model
    def compute(self, date_from, date_to, company):
        """The ARC complaints table of ``company`` for ``date_from`` ..
        ``date_to``: ``rows[row][group][stage]`` for the groups "equalities",
        "other" and "all", and indicators 3 (% responded to in full = row 3 /
        (row 1 + row 2)) and 4 (average working days = row 5 / row 3) per
        group and stage. Complaints left out of the return (themselves, or
        their service or a service it is part of) do not count."""
        check_role(self.env, CASE_DATA_ROLES, _("compute the complaints indicators"))
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        self.env.flush_all()
        conditions, responded = self._conditions(date_from, date_to)
        columns = [
            SQL("COUNT(*) FILTER (WHERE %s) AS %s", cond, SQL.identifier(f"{row}_{stage}"))
            for (row, stage), cond in conditions.items()
        ]
        columns += [
            SQL(
                "COALESCE(SUM(%s) FILTER (WHERE %s), 0) AS %s",
                SQL.identifier("c", f"{stage}_working_days"),
                responded[stage],
                SQL.identifier(f"working_days_{stage}"),
            )
            for stage in ARC_STAGES
        ]
        self.env.cr.execute(
            SQL(
                """SELECT c.equalities AS equalities, %s
                     FROM chp_complaint c
                LEFT JOIN chp_service s ON s.id = c.service_id
                    WHERE c.company_id = %s
                      AND c.date_received_day <= %s
                      AND (c.date_closed IS NULL OR c.date_closed >= %s)
                      AND NOT COALESCE(c.arc_excluded, FALSE)
                      AND NOT COALESCE(s.arc_left_out, FALSE)
                 GROUP BY c.equalities""",
                SQL(", ").join(columns),
                company.id,
                date_to,
                date_from,
            )
        )
        totals = {
            "equalities" if row["equalities"] else "other": row
            for row in self.env.cr.dictfetchall()
        }
        rows = {
            name: {
                group: {
                    stage: int(totals.get(group, {}).get(f"{name}_{stage}", 0))
                    for stage in ARC_STAGES
                }
                for group in GROUPS
            }
            for name in COUNTED_ROWS
        }
        for by_group in rows.values():
            by_group["all"] = {
                stage: sum(by_group[group][stage] for group in GROUPS) for stage in ARC_STAGES
            }
        indicators = {"indicator_3": {}, "indicator_4": {}}
        for group in (*GROUPS, "all"):
            indicators["indicator_3"][group] = {
                stage: pct(
                    rows["responded"][group][stage],
                    rows["carried_forward"][group][stage] + rows["received"][group][stage],
                )
                for stage in ARC_STAGES
            }
            indicators["indicator_4"][group] = {
                stage: mean(rows["working_days"][group][stage], rows["responded"][group][stage])
                for stage in ARC_STAGES
            }
        today = fields.Date.context_today(self)
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "provisional": date_to >= today,
            "computed_on": fields.Date.to_string(today),
            "rows": rows,
            "indicators": indicators,
        }
