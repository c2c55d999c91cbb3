import contextlib
import datetime

from odoo import _, api, fields, models
from odoo.addons.chp_complaints.models.chp_complaint import CHILD_INVOLVEMENT
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# What the indicators can be restricted to about children: any involvement,
# none, or one way of being involved.
CHILD_FILTERS = ["involved", *(key for key, _label in CHILD_INVOLVEMENT)]


class ChpSpsoIndicator(models.AbstractModel):
    """The engine's arguments, checked once at its entry points (``compute``,
    ``get_case_rows``) so that a bad call over RPC, from a report or from a
    wizard gets an error in the user's words, never a Python traceback."""

    _inherit = "chp.spso.indicator"

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
