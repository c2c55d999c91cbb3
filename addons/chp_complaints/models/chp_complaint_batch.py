"""Bulk creation of complaints without the ORM's per-record overheads that
give the same answer for every complaint of a batch.

The history import and the benchmarks create thousands of complaints per
``create``. Profiling 10,000 imported rows showed two generic per-record
costs of the ORM that do not depend on the record:

- ``_add_missing_default_values`` runs ``default_get`` over every field of
  the model for each record (about a tenth of the write);
- ``_check_company`` builds a domain and runs ``filtered_domain`` for each
  record and each company-checked field (about a tenth as well), although
  its answer depends only on the company and the linked records.

Both are computed here once per distinct case and reused, with the same
results as the ORM's own code."""

from contextlib import contextmanager

from odoo import api, models

_DEFAULTS_MEMO = "chp_complaint_defaults"


class ChpComplaintBatch(models.Model):
    _inherit = "chp.complaint"

    @contextmanager
    def _chp_batch_defaults(self):
        """Within the block, the defaults of complaints whose values name the
        same fields are computed once (``create`` wraps the ORM's create in
        it). Defaults depend on the environment (user, company, context),
        never on the record; the memo is keyed by environment and by the
        names given, and dropped at the end of the block."""
        cache = self.env.cr.cache
        previous = cache.get(_DEFAULTS_MEMO)
        cache[_DEFAULTS_MEMO] = {}
        try:
            yield
        finally:
            if previous is None:
                cache.pop(_DEFAULTS_MEMO, None)
            else:
                cache[_DEFAULTS_MEMO] = previous

    @api.model
    def _add_missing_default_values(self, values):
        memo = self.env.cr.cache.get(_DEFAULTS_MEMO)
        if memo is None or self._inherits:
            return super()._add_missing_default_values(values)
        key = (id(self.env), frozenset(values))
        env, defaults = memo.get(key, (None, None))
        if env is not self.env:  # the memo holds its environment: no id reuse
            completed = super()._add_missing_default_values(values)
            defaults = {name: value for name, value in completed.items() if name not in values}
            memo[key] = (self.env, defaults)
        return {**defaults, **values}

    def _check_company(self, fnames=None):
        """The ORM's check, run on one complaint per distinct combination of
        company and company-checked links: the check reads nothing else of
        the complaint, so the verdict is the same for the whole batch."""
        if len(self) < 2:
            return super()._check_company(fnames)
        checked = ["company_id"] + [
            name for name, field in self._fields.items() if field.relational and field.check_company
        ]
        representatives = {}
        for complaint in self.sudo():
            key = tuple(complaint[name]._ids for name in checked)
            representatives.setdefault(key, complaint.id)
        return super(ChpComplaintBatch, self.browse(list(representatives.values())))._check_company(
            fnames
        )
