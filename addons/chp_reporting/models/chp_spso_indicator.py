import contextlib
import datetime
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.models.chp_complaint import CHILD_INVOLVEMENT
from odoo.addons.chp_complaints.tools.roles import (
    CHIEF_EXECUTIVE,
    LIAISON,
    SENIOR,
    check_role,
)
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..report.indicators import CORE_INDICATORS, STAGES, counted

OUTCOME_KEYS = ("upheld", "partially_upheld", "not_upheld", "resolved")
# The complaint's columns the aggregation reads besides the conditions
# (``_query_figures``): the groups and what ``_aggregate_columns`` sums.
# The counted indicators' conditions are flags of the scan.
AGGREGATED_COLUMNS = (
    "service_id",
    "root_cause_id",
    "contractor_id",
    "stage2_route",
    *(
        f"{prefix}_{name}"
        for prefix in ("stage1", "stage2")
        for name in ("working_days", "outcome")
    ),
)
# Roles that may compute figures on demand (reports, exports) and export
# case-level data.
CASE_DATA_ROLES = (SENIOR, CHIEF_EXECUTIVE, LIAISON)

# What the indicators can be restricted to about children: any involvement,
# none, or one way of being involved.
CHILD_FILTERS = ["involved", *(key for key, _label in CHILD_INVOLVEMENT)]


def pct(part, whole):
    """``part`` as a percentage of ``whole``, one decimal, half up; None when
    ``whole`` is zero (the SPSO tables show a dash, not 0% or an error)."""
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


def mean(total, count):
    """Mean rounded to one decimal half up, None without data."""
    if not count:
        return None
    return float((Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP))


class ChpSpsoIndicator(models.AbstractModel):
    """The SPSO complaints performance indicators for a period: the single
    source of every figure shown in reports, workbooks, CSV files and the
    public page, so that two places can never disagree.

    Everything is aggregated by PostgreSQL over the complaint's stored clock
    fields (two scans of the complaints, whatever their number); nothing here
    loops over complaints in Python. See readme/USAGE.md for each definition.

    Which indicators there are, and what the counted ones count, is the
    registry's (``report/indicators.py``, ``_chp_indicators``): each counted
    indicator's condition is one more flag of the scan.

    The engine lives in three files: this one (``compute``, its SQL, its
    arguments checked in the user's words, the breakdowns by service, root
    cause and contractor), ``chp_spso_satisfaction`` (indicator 2 from the
    survey answers) and ``chp_spso_case_rows`` (the case rows and the
    workbook of the exports).
    """

    _name = "chp.spso.indicator"
    _description = "SPSO Complaints Performance Indicators"

    # ------------------------------------------------------------ registry
    @api.model
    def _chp_indicators(self):
        """The indicators, in their order (``report/indicators.py``): what
        the engine counts and every output shows. Another addon adds one
        by overriding this method (``super()`` then its declarations)."""
        return list(CORE_INDICATORS)

    @api.model
    def _summary(self, row):
        """A breakdown line from the indicator columns of one group."""
        return {
            "received": row["received_total"],
            "closed": sum(row[f"{stage}_closed"] for stage in STAGES),
            "upheld_or_partially": sum(
                row[f"{stage}_upheld"] + row[f"{stage}_partially_upheld"] for stage in STAGES
            ),
        }

    # ------------------------------------------------------------------ SQL
    @api.model
    def _stage_conditions(self, date_from, date_to, as_of=None):
        """SQL conditions, on alias ``c``, of the events the indicators count,
        kept as simple as the complaint's journey allows (they are evaluated
        for every complaint of the period): a direct stage 2 complaint never
        has a stage 1 closing date, an escalated one always has one (the
        escalation date when stage 1 had not closed before), and the period's
        WHERE clause already holds "received by ``date_to``".

        "Open" and "overdue" are taken on ``as_of`` (default ``date_to``):
        for a period not yet over, on today, since nobody knows yet what
        will be overdue on its last day."""
        as_of = as_of or date_to
        between = SQL("BETWEEN %s AND %s", date_from, date_to)
        closed = self._closed_conditions(between)
        opened = self._open_conditions(as_of)
        overdue = self._overdue_conditions(opened, as_of)
        received = SQL("(c.date_received_day %s)", between)
        return received, closed, opened, overdue

    @api.model
    def _closed_conditions(self, when):
        """Per stage, complaints closed at that stage with a closing date
        meeting ``when`` (e.g. ``BETWEEN a AND b``; ``IS NOT NULL`` for
        ever, as the dashboard's view counts)."""
        return {
            "stage1": SQL("(c.stage1_date_closed %s)", when),
            "stage2_direct": SQL("(c.stage2_route = 'direct' AND c.stage2_date_closed %s)", when),
            "stage2_escalated": SQL(
                "(c.stage2_route = 'escalated' AND c.stage2_date_closed %s)", when
            ),
        }

    @api.model
    def _overdue_conditions(self, opened, day):
        """Per stage, of the complaints ``opened``: past the deadline
        (extended where authorised) on ``day``."""
        return {
            stage: SQL("(%s AND %s < %s)", opened[stage], self._deadline(stage), day)
            for stage in STAGES
        }

    @api.model
    def _deadline(self, stage):
        """The stage's deadline, extended where authorised."""
        prefix = "stage1" if stage == "stage1" else "stage2"
        return SQL(
            "COALESCE(%s, %s)",
            SQL.identifier("c", f"{prefix}_extended_deadline"),
            SQL.identifier("c", f"{prefix}_deadline"),
        )

    @api.model
    def _open_conditions(self, day):
        """Per stage, complaints open at that stage at the end of ``day``:
        received by then and not closed at that stage by then (stage 2 also
        started by then). Used for "open at the end" and, on the eve of the
        period, for "open at the start" (carried forward)."""
        s2_open = SQL("(c.stage2_date_closed IS NULL OR c.stage2_date_closed > %s)", day)
        return {
            "stage1": SQL(
                "(c.date_received_day <= %s AND c.stage2_route IS DISTINCT FROM 'direct'"
                " AND (c.stage1_date_closed IS NULL OR c.stage1_date_closed > %s))",
                day,
                day,
            ),
            "stage2_direct": SQL(
                "(c.date_received_day <= %s AND c.stage2_route = 'direct' AND %s)", day, s2_open
            ),
            "stage2_escalated": SQL(
                "(c.stage2_route = 'escalated' AND c.stage2_date_start <= %s AND %s)",
                day,
                s2_open,
            ),
        }

    @api.model
    def _where(self, date_from, date_to, company, service_ids, contractor_ids, filters=()):
        """Complaints that can count in the period: received by its end and
        not wholly closed before its start (indexed columns only). Every such
        complaint counts somewhere: received, closed or open at the end.
        ``date_closed`` is empty while a complaint is open. ``filters``: the
        clauses of ``_chp_check_filters`` (equalities, children)."""
        clauses = [
            SQL("c.company_id = %s", company.id),
            SQL("c.date_received_day <= %s", date_to),
            SQL("(c.date_closed IS NULL OR c.date_closed >= %s)", date_from),
        ]
        if service_ids is not None:
            clauses.append(SQL("c.service_id = ANY(%s)", list(service_ids)))
        if contractor_ids is not None:
            clauses.append(SQL("c.contractor_id = ANY(%s)", list(contractor_ids)))
        clauses.extend(filters)
        return SQL(" AND ").join(clauses)

    @api.model
    def _count_column(self, indicator, stage, received, closed, flag):
        """The aggregate of a counted indicator at ``stage``: its base event
        (closed at the stage, or received by stage of entry) meeting its
        condition (``flag``)."""
        if indicator.base == "received":
            entry = {
                "total": SQL("TRUE"),
                "stage1": SQL("c.stage2_route IS DISTINCT FROM 'direct'"),
                "stage2_direct": SQL("c.stage2_route = 'direct'"),
            }[stage]
            base = SQL("%s AND %s", received, entry)
        else:
            base = closed[stage]
        return SQL(
            "COUNT(*) FILTER (WHERE %s AND %s) AS %s",
            base,
            flag,
            SQL.identifier(f"{indicator.key}__{stage}"),
        )

    @api.model
    def _aggregate_columns(self, received, closed, opened, overdue, opened_start=None, counts=None):
        """Every count and sum of the indicators, as aggregate columns
        (``opened_start``: per stage, open on the eve of the period;
        ``counts``: [(counted indicator, {stage: its condition})])."""
        columns = [
            SQL("COUNT(*) FILTER (WHERE %s) AS received_total", received),
            SQL(
                "COUNT(*) FILTER (WHERE %s AND c.stage2_route = 'direct') AS received_direct",
                received,
            ),
        ]
        for stage in STAGES:
            prefix = "stage1" if stage == "stage1" else "stage2"
            cond = closed[stage]

            def col(name, prefix=prefix):
                return SQL.identifier("c", f"{prefix}_{name}")

            def alias(name, stage=stage):
                return SQL.identifier(f"{stage}_{name}")

            columns += [
                SQL("COUNT(*) FILTER (WHERE %s) AS %s", cond, alias("closed")),
                SQL(
                    "COALESCE(SUM(%s) FILTER (WHERE %s), 0) AS %s",
                    col("working_days"),
                    cond,
                    alias("wd_sum"),
                ),
                SQL(
                    "COUNT(%s) FILTER (WHERE %s) AS %s",
                    col("working_days"),
                    cond,
                    alias("wd_count"),
                ),
                SQL("COUNT(*) FILTER (WHERE %s) AS %s", opened[stage], alias("open")),
                SQL("COUNT(*) FILTER (WHERE %s) AS %s", overdue[stage], alias("overdue")),
            ]
            if opened_start:
                columns.append(
                    SQL(
                        "COUNT(*) FILTER (WHERE %s) AS %s",
                        opened_start[stage],
                        alias("open_start"),
                    )
                )
            columns += [
                SQL(
                    "COUNT(*) FILTER (WHERE %s AND %s = %s) AS %s",
                    cond,
                    col("outcome"),
                    outcome,
                    alias(outcome),
                )
                for outcome in OUTCOME_KEYS
            ]
        for indicator, conditions in counts or ():
            columns += [
                self._count_column(indicator, stage, received, closed, conditions[stage])
                for stage in indicator.stages
            ]
        return columns

    @api.model
    def _query_figures(self, where, received, closed, opened, overdue, opened_start=None):
        """One SQL query, whatever the number of complaints: one scan of the
        period's complaints, aggregated at once by (service, root cause) and
        by contractor (GROUPING SETS). The totals and the service and root
        cause breakdowns are sums of the few hundred (service, root cause)
        groups; the contractor breakdown is read from the contractor groups.
        Returns (totals, {"service"|"root_cause"|"contractor": {id: row}}).

        Each condition is evaluated once per complaint, as a flag of an
        inner query (``OFFSET 0`` keeps PostgreSQL from merging it into the
        aggregation, which would evaluate a condition in every aggregate
        that filters on it): about a fifth less work at 100,000 and at
        1,000,000 complaints, the same rows."""
        conditions = {"received": received}
        for stage in STAGES:
            conditions.update(
                {
                    f"closed_{stage}": closed[stage],
                    f"open_{stage}": opened[stage],
                    f"overdue_{stage}": overdue[stage],
                }
            )
            if opened_start:
                conditions[f"open_start_{stage}"] = opened_start[stage]
        # Each counted indicator's condition, once per stage it is split into.
        indicators = counted(self._chp_indicators())
        for indicator in indicators:
            for stage in indicator.stages:
                conditions[f"ind_{indicator.key}_{stage}"] = indicator.condition_sql(stage)
        flag = {name: SQL.identifier("c", f"is_{name}") for name in conditions}

        def per_stage(kind):
            return {stage: flag[f"{kind}_{stage}"] for stage in STAGES}

        columns = SQL(", ").join(
            self._aggregate_columns(
                flag["received"],
                per_stage("closed"),
                per_stage("open"),
                per_stage("overdue"),
                per_stage("open_start") if opened_start else None,
                [
                    (ind, {stage: flag[f"ind_{ind.key}_{stage}"] for stage in ind.stages})
                    for ind in indicators
                ],
            )
        )
        flags = SQL(", ").join(
            SQL("%s AS %s", condition, SQL.identifier(f"is_{name}"))
            for name, condition in conditions.items()
        )
        self.env.cr.execute(
            SQL(
                "SELECT c.service_id, c.root_cause_id, c.contractor_id,"
                " GROUPING(c.contractor_id) AS by_service_and_cause, %s"
                " FROM (SELECT %s, %s FROM chp_complaint c WHERE %s OFFSET 0) c"
                " GROUP BY GROUPING SETS ((c.service_id, c.root_cause_id), (c.contractor_id))",
                columns,
                SQL(", ").join(SQL.identifier("c", name) for name in AGGREGATED_COLUMNS),
                flags,
                where,
            )
        )
        keys = [col.name for col in self.env.cr.description][4:]
        pair_values, by_contractor = [], {}
        by_service, by_cause = defaultdict(Counter), defaultdict(Counter)
        for (
            service_id,
            cause_id,
            contractor_id,
            by_service_and_cause,
            *values,
        ) in self.env.cr.fetchall():
            summary = self._summary(dict(zip(keys, values, strict=True)))
            if by_service_and_cause:
                pair_values.append(values)
                by_service[service_id].update(summary)
                by_cause[cause_id].update(summary)
            elif contractor_id:
                by_contractor[contractor_id] = summary
        # The totals: column sums over the (service, root cause) groups.
        sums = [sum(column) for column in zip(*pair_values, strict=True)] or [0] * len(keys)
        totals = dict(zip(keys, sums, strict=True))
        zero = dict.fromkeys(("received", "closed", "upheld_or_partially"), 0)
        groups = {
            "service": {key: dict(zero, **counts) for key, counts in by_service.items()},
            "root_cause": {key: dict(zero, **counts) for key, counts in by_cause.items()},
            "contractor": by_contractor,
        }
        return totals, groups

    # ------------------------------------------------------------ the engine
    @api.model
    def compute(
        self,
        date_from,
        date_to,
        company=None,
        service_ids=None,
        contractor_ids=None,
        equalities=None,
        child=None,
    ):
        """Every SPSO indicator for the period ``date_from``..``date_to``
        (inclusive calendar dates, compared with the complaint's day fields,
        which are in the company's timezone), as a JSON-serialisable dict.

        ``service_ids`` restricts to those services and their sub-services,
        ``contractor_ids`` to complaints about those contractors,
        ``equalities`` (True or False) to complaints relating, or not, to
        equalities issues, ``child`` to complaints involving a child
        ("involved", or one of the ways: "child", "on_behalf",
        "affects_child") or none ("none").
        """
        self._check_engine_access()
        date_from, date_to, company, service_ids, contractor_ids = self._chp_check_arguments(
            date_from, date_to, company, service_ids, contractor_ids
        )
        filters = self._chp_check_filters(equalities, child)
        self.env.flush_all()
        as_of = min(date_to, fields.Date.context_today(self))
        received, closed, opened, overdue = self._stage_conditions(date_from, date_to, as_of)
        opened_start = self._open_conditions(date_from - datetime.timedelta(days=1))
        where = self._where(date_from, date_to, company, service_ids, contractor_ids, filters)
        row, groups = self._query_figures(where, received, closed, opened, overdue, opened_start)
        figures = self._figures_from_totals(row, company, date_to)
        figures.update(
            open_at_start={stage: row[f"{stage}_open_start"] for stage in STAGES},
            open_as_of=fields.Date.to_string(as_of),
            open_as_of_today=as_of < date_to,
        )
        figures.update(self._breakdowns(groups, company, service_ids, contractor_ids))
        figures["training"] = self._training_figures(company)
        figures["learning"] = self._learning_figures(date_from, date_to, company, service_ids)
        figures["satisfaction"] = self._satisfaction_figures(
            date_from, date_to, company, service_ids, contractor_ids, filters
        )
        if equalities is not None or child is not None:
            figures["filters"] = {"equalities": equalities, "child": child}
        return figures

    @api.model
    def _check_engine_access(self):
        check_role(self.env, CASE_DATA_ROLES, _("compute the complaints indicators"))

    @api.model
    def _figures_from_totals(self, row, company, date_to=None):
        closed = {stage: row[f"{stage}_closed"] for stage in STAGES}
        closed["total"] = sum(closed.values())
        total = row["received_total"]
        basis = self._denominator(company, date_to)
        denominator = basis["value"] if basis else 0
        received = {
            "total": total,
            "stage1": total - row["received_direct"],
            "stage2_direct": row["received_direct"],
        }
        return {
            "denominator": basis,
            "received": received,
            "received_per_1000": mean(total * 1000, denominator) if denominator > 0 else None,
            "closed": closed,
            "closed_pct": {stage: pct(closed[stage], closed["total"]) for stage in STAGES},
            "outcomes": {
                stage: {out: row[f"{stage}_{out}"] for out in OUTCOME_KEYS} for stage in STAGES
            },
            "outcomes_pct": {
                stage: {out: pct(row[f"{stage}_{out}"], closed[stage]) for out in OUTCOME_KEYS}
                for stage in STAGES
            },
            "average_working_days": {
                stage: mean(row[f"{stage}_wd_sum"], row[f"{stage}_wd_count"]) for stage in STAGES
            },
            **self._counted_figures(row, closed, received),
            "open_at_end": {stage: row[f"{stage}_open"] for stage in STAGES},
            "overdue_at_end": {stage: row[f"{stage}_overdue"] for stage in STAGES},
        }

    @api.model
    def _counted_figures(self, row, closed, received):
        """``key`` and ``key_pct`` (% of the base at the stage) of every
        counted indicator."""
        figures = {}
        for indicator in counted(self._chp_indicators()):
            base = received if indicator.base == "received" else closed
            counts = {stage: row[f"{indicator.key}__{stage}"] for stage in indicator.stages}
            figures[indicator.key] = counts
            figures[indicator.pct_key] = {
                stage: pct(count, base[stage]) for stage, count in counts.items()
            }
        return figures

    @api.model
    def _denominator(self, company, day=None):
        """What "received per 1,000" is per: the kind (tenancies, homes,
        population), the number and where the number comes from, as the
        reporting year that holds ``day`` gives them (so that last year's
        report keeps last year's figure), else as set in the procedure
        settings; None when no number is set."""
        year = day and self.env["chp.reporting.year"].sudo()._chp_year_of(company, day)
        if year:
            value, source = year.denominator_value, year.denominator_source
        else:
            value, source = company.chp_denominator_value, company.chp_denominator_source
        if value <= 0:
            return None
        kinds = dict(company._fields["chp_denominator_type"]._description_selection(self.env))
        return {
            "type": company.chp_denominator_type,
            "label": kinds.get(company.chp_denominator_type, ""),
            "value": value,
            "source": source or "",
        }

    @api.model
    def _training_figures(self, company):
        return self.env["chp.training.record"].get_training_figures(company)

    @api.model
    def _learning_figures(self, date_from, date_to, company, service_ids):
        return self.env["chp.improvement.action"].get_learning_figures(
            date_from, date_to, company, service_ids
        )

    # ------------------------------------------------------------ the arguments
    # Checked once at the engine's entry points (``compute``, ``get_case_rows``)
    # so that a bad call over RPC, from a report or from a wizard gets an
    # error in the user's words, never a Python traceback.
    @api.model
    def _chp_check_arguments(self, date_from, date_to, company, service_ids, contractor_ids):
        """Return ``(date_from, date_to, company, service_ids, contractor_ids)``
        normalised (dates, a ``res.company`` record, lists of ids or None) or
        raise a UserError / AccessError naming what is wrong."""
        date_from = self._chp_check_date(date_from, _("start"))
        date_to = self._chp_check_date(date_to, _("end"))
        if date_from > date_to:
            raise UserError(
                _(
                    "The period ends (%(end)s) before it starts (%(start)s).",
                    start=date_from,
                    end=date_to,
                )
            )
        company = self._chp_check_company(company)
        service_ids = self._chp_check_ids("chp.service", service_ids, _("services"))
        if service_ids is not None:
            service_ids = self.env["chp.service"].search([("id", "child_of", service_ids)]).ids
        contractor_ids = self._chp_check_ids("res.partner", contractor_ids, _("contractors"))
        return date_from, date_to, company, service_ids, contractor_ids

    @api.model
    def _chp_check_filters(self, equalities, child):
        """The SQL clauses restricting the figures to complaints relating (or
        not) to equalities issues and to those involving a child (or not)."""
        clauses = []
        if equalities is not None:
            if not isinstance(equalities, bool):
                raise UserError(
                    _("The equalities filter is yes or no (true or false), not %r.", equalities)
                )
            clauses.append(SQL("c.equalities IS %s", SQL("TRUE" if equalities else "NOT TRUE")))
        if child is not None:
            if child not in CHILD_FILTERS:
                raise UserError(
                    _(
                        "The children filter is one of %(allowed)s, not %(value)r.",
                        allowed=", ".join(CHILD_FILTERS),
                        value=child,
                    )
                )
            if child == "involved":
                clauses.append(SQL("c.child_involvement != 'none'"))
            else:
                clauses.append(SQL("c.child_involvement = %s", child))
        return clauses

    @api.model
    def _chp_check_date(self, value, which):
        if isinstance(value, datetime.date):
            return fields.Date.to_date(value)
        parsed = None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                parsed = fields.Date.to_date(value.strip())
        if parsed:
            return parsed
        raise UserError(
            _(
                "The %(which)s of the period must be a date (YYYY-MM-DD), not %(value)r.",
                which=which,
                value=value,
            )
        )

    @api.model
    def _chp_check_company(self, company):
        Company = self.env["res.company"]
        if not company:
            return self.env.company
        if isinstance(company, models.BaseModel) and company._name == "res.company":
            if len(company) != 1:
                raise UserError(_("Give one organisation (company) for the figures."))
            company = company.with_env(self.env)
        elif isinstance(company, int) and not isinstance(company, bool):
            company = Company.browse(company)
        else:
            raise UserError(
                _("The organisation must be a company or its id, not %(value)r.", value=company)
            )
        if not company.sudo().exists():
            raise UserError(_("There is no organisation (company) with id %s.", company.id))
        if not self.env.su and company not in self.env.companies:
            raise AccessError(
                _(
                    "You are not working in %(company)s: switch to it to see its figures.",
                    company=company.sudo().name,
                )
            )
        return company

    @api.model
    def _chp_check_ids(self, model, ids, what):
        """``ids`` (None, a recordset of ``model`` or a list of ids) as a list
        of ids that exist and that the user may read."""
        if ids is None:
            return None
        if isinstance(ids, models.BaseModel) and ids._name == model:
            ids = list(ids.ids)
        elif isinstance(ids, (list, tuple)) and all(
            isinstance(i, int) and not isinstance(i, bool) for i in ids
        ):
            ids = list(ids)
        else:
            raise UserError(
                _("The %(what)s must be a list of ids, not %(value)r.", what=what, value=ids)
            )
        found = (
            self.env[model].with_context(active_test=False).search([("id", "in", ids)]).ids
            if ids
            else []
        )
        missing = sorted(set(ids) - set(found))
        if missing:
            raise UserError(
                _(
                    "These %(what)s do not exist or are not yours to see: %(ids)s.",
                    what=what,
                    ids=", ".join(map(str, missing)),
                )
            )
        return ids

    # ------------------------------------------------------------ breakdowns
    # By service, root cause and contractor: every record listed, zeros
    # included.
    @api.model
    def _breakdown_rows(self, model, domain, name_field, counts, none_label):
        """Rows for every record of ``domain`` (zeros included, as Part 4 asks
        to highlight areas with few or no complaints), plus any other record
        that has figures (e.g. archived), plus "none recorded" when used."""
        records = self.env[model].search_read(domain, [name_field])
        names = {rec["id"]: rec[name_field] for rec in records}
        missing = [key for key in counts if key and key not in names]
        if missing:
            others = self.env[model].with_context(active_test=False).browse(missing)
            names.update({rec["id"]: rec[name_field] for rec in others.read([name_field])})
        zero = {"received": 0, "closed": 0, "upheld_or_partially": 0}
        rows = [
            {"id": key, "name": name, **counts.get(key, zero)}
            for key, name in sorted(names.items(), key=lambda item: (item[1] or "", item[0]))
        ]
        if none_label and None in counts and any(counts[None].values()):
            rows.append({"id": None, "name": none_label, **counts[None]})
        return rows

    @api.model
    def _breakdowns(self, groups, company, service_ids, contractor_ids):
        service_domain = [("company_id", "=", company.id)]
        if service_ids is not None:
            service_domain.append(("id", "in", service_ids))
        contractor_domain = [("chp_is_contractor", "=", True)]
        if contractor_ids is not None:
            contractor_domain = [("id", "in", contractor_ids)]
        return {
            "by_service": self._breakdown_rows(
                "chp.service",
                service_domain,
                "complete_name",
                groups["service"],
                _("No service recorded"),
            ),
            "by_root_cause": self._breakdown_rows(
                "chp.root.cause",
                [("company_id", "in", [company.id, False])],
                "name",
                groups["root_cause"],
                _("No root cause recorded"),
            ),
            "by_contractor": self._breakdown_rows(
                "res.partner", contractor_domain, "name", groups["contractor"], None
            ),
        }
