from odoo import api, fields, models

FIGURE_KEYS = (
    "raised",
    "authorised",
    "completed",
    "completed_on_time",
    "completed_late",
    "overdue",
)
# A completion date counts once the owner marked the action done (while in
# progress the owner may still be typing it).
COMPLETED_STATES = ("done", "monitoring", "closed")


class ChpImprovementAction(models.Model):
    """The learning figures (SPSO indicator 1) and the published "you said,
    we did" lines, offered to the reporting addon.

    Both run as superuser on purpose, restricted to one company: the
    management committee sees these aggregates and public lines but may not
    read improvement actions themselves. Counting is done by PostgreSQL
    (search_count / _read_group), never by looping over records.
    """

    _inherit = "chp.improvement.action"

    @api.model
    def _learning_base_domain(self, company=None, service_ids=None):
        company = self.env["res.company"].browse(int(company)) if company else self.env.company
        domain = [("company_id", "=", company.id)]
        if service_ids:
            ids = service_ids.ids if isinstance(service_ids, models.BaseModel) else service_ids
            domain.append(("service_id", "child_of", list(ids)))
        return domain

    @api.model
    def _learning_domains(self, date_from, date_to):
        """One domain per counted figure for the period [date_from, date_to].

        - raised: proposed in the period (whatever happened to it since);
        - authorised: authorised in the period;
        - completed: completion date in the period, marked done (done,
          monitoring or closed; a cancelled action never counts);
        - overdue: at the end of the period (or today, if earlier), authorised,
          past its target date, not completed by then and not cancelled.
        """
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        as_at = min(date_to, fields.Date.context_today(self))
        return {
            "raised": [("date_raised", ">=", date_from), ("date_raised", "<=", date_to)],
            "authorised": [
                ("authorised_on", ">=", date_from),
                ("authorised_on", "<=", date_to),
            ],
            "completed": [
                ("completion_date", ">=", date_from),
                ("completion_date", "<=", date_to),
                ("state", "in", COMPLETED_STATES),
            ],
            "overdue": [
                ("authorised_on", "<=", as_at),
                ("target_date", "<", as_at),
                ("state", "!=", "cancelled"),
                "|",
                "|",
                ("state", "not in", COMPLETED_STATES),
                ("completion_date", "=", False),
                ("completion_date", ">", as_at),
            ],
        }

    @api.model
    def get_learning_figures(self, date_from, date_to, company=None, service_ids=None):
        """Indicator 1 for a period: a dict of ints with the keys of
        ``FIGURE_KEYS``. ``service_ids`` includes sub-services."""
        Action = self.sudo().with_context(active_test=False)
        base = self._learning_base_domain(company, service_ids)
        domains = self._learning_domains(date_from, date_to)
        figures = {
            key: Action.search_count(base + domains[key])
            for key in ("raised", "authorised", "overdue")
        }
        on_time = dict(
            Action._read_group(base + domains["completed"], ["completed_on_time"], ["__count"])
        )
        figures["completed_on_time"] = on_time.get(True, 0)
        figures["completed_late"] = on_time.get(False, 0)
        figures["completed"] = figures["completed_on_time"] + figures["completed_late"]
        return figures

    @api.model
    def get_learning_figures_by(self, groupby, date_from, date_to, company=None, service_ids=None):
        """The same figures broken down by ``groupby`` ("service_id" or
        "root_cause_id"): {record id or False: {figure: int}}, one
        _read_group per figure."""
        if groupby not in ("service_id", "root_cause_id"):
            raise ValueError(f"Learning figures can't be grouped by {groupby!r}.")
        Action = self.sudo().with_context(active_test=False)
        base = self._learning_base_domain(company, service_ids)
        domains = self._learning_domains(date_from, date_to)
        result = {}

        def row(key):
            return result.setdefault(key.id if key else False, dict.fromkeys(FIGURE_KEYS, 0))

        for figure in ("raised", "authorised", "overdue"):
            for key, count in Action._read_group(base + domains[figure], [groupby], ["__count"]):
                row(key)[figure] = count
        for key, on_time, count in Action._read_group(
            base + domains["completed"], [groupby, "completed_on_time"], ["__count"]
        ):
            figures = row(key)
            figures["completed_on_time" if on_time else "completed_late"] += count
            figures["completed"] += count
        return result

    @api.model
    def get_overdue_actions(self, date_to, company=None, service_ids=None):
        """The improvement actions overdue at ``date_to`` (or today, if
        earlier), the same ones the "overdue" figure counts, oldest target
        date first, as plain dicts for internal reports: ``reference``,
        ``name``, ``service``, ``target_date`` (a date) and ``responsible``
        (the name of the officer or team lead answerable for it)."""
        Action = self.sudo().with_context(active_test=False)
        domain = (
            self._learning_base_domain(company, service_ids)
            + self._learning_domains(date_to, date_to)["overdue"]
        )
        return [
            {
                "reference": row["reference"],
                "name": row["name"],
                "service": row["service_id"][1] if row["service_id"] else "",
                "target_date": row["target_date"],
                "responsible": row["responsible_user_id"][1] if row["responsible_user_id"] else "",
            }
            for row in Action.search_read(
                domain,
                ["reference", "name", "service_id", "target_date", "responsible_user_id"],
                order="target_date, id",
            )
        ]

    @api.model
    def get_published_summaries(self, date_from, date_to, company=None):
        """The "you said, we did" lines published in the period, oldest
        first, as dicts holding no personal data (``published_on`` a date,
        ``service_id``, ``service``, ``root_cause``, ``you_said``,
        ``we_did``): read from the ``chp.you.said.we.did`` view, which has no
        personal field at all."""
        company = self.env["res.company"].browse(int(company)) if company else self.env.company
        lines = (
            self.env["chp.you.said.we.did"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("published_on", ">=", fields.Date.to_date(date_from)),
                    ("published_on", "<=", fields.Date.to_date(date_to)),
                ],
                order="published_on, id",
            )
        )
        return [
            {
                "published_on": line.published_on,
                "service_id": line.service_id.id,
                "service": line.service_id.complete_name or "",
                "root_cause": line.root_cause_id.name or "",
                "you_said": line.you_said,
                "we_did": line.we_did,
            }
            for line in lines
        ]
