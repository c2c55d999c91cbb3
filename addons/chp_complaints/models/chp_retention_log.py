import logging

from odoo import _, api, fields, models

from ..tools.roles import ADMIN, check_role
from ..tools.transition import transition

_logger = logging.getLogger(__name__)

# Complaints handled per run: a run never holds one long transaction over
# 100,000 complaints; the cron reruns at once while some remain.
BATCH_SIZE = 500


class ChpRetentionLog(models.Model):
    """What one run of the retention policy did in one company, for that
    company's complaints administrator: counts and references of the
    complaints anonymised, deleted, held and failed. References only, never
    personal data."""

    _name = "chp.retention.log"
    _description = "Retention run"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
        help="The company whose complaints this run processed.",
    )
    anonymised_count = fields.Integer(string="Anonymised", readonly=True)
    deleted_count = fields.Integer(string="Deleted", readonly=True)
    held_count = fields.Integer(
        string="Held",
        readonly=True,
        help="Complaints past their retention date kept because a hold applies.",
    )
    failed_count = fields.Integer(string="Failed", readonly=True)
    anonymised_refs = fields.Text(string="Anonymised complaints", readonly=True)
    deleted_refs = fields.Text(string="Deleted complaints", readonly=True)
    held_refs = fields.Text(string="Held complaints", readonly=True)
    failed_refs = fields.Text(
        string="Failures",
        readonly=True,
        help="Complaints left untouched because an error occurred, with the error.",
    )

    @api.model
    def _due_domain(self):
        today = fields.Date.context_today(self)
        return [
            ("retention_date", "<=", today),
            ("anonymised", "=", False),
            ("retention_held", "=", False),
        ]

    @api.model
    def _cron_apply_retention(self, batch_size=BATCH_SIZE, companies=None):
        """Apply each company's policy to its complaints past their retention
        date and not held, one savepoint per complaint: a complaint that
        fails is left as it was and the run goes on with the others. Each
        company gets its own log (its administrator sees only theirs).
        Running it again finds nothing more to do (idempotent). Returns the
        logs, one per company."""
        if companies is None:
            companies = self.env["res.company"].sudo().search([("active", "=", True)])
        logs = self.browse()
        succeeded = remaining = 0
        for company in companies:
            log, done, left = self._apply_retention_company(company, batch_size)
            logs |= log
            succeeded += done
            remaining += left
        # When nothing succeeded, stop until the next scheduled run rather than
        # retrying the same failures at once.
        self.env["ir.cron"]._notify_progress(
            done=succeeded, remaining=remaining if succeeded else 0
        )
        return logs

    @api.model
    def _apply_retention_company(self, company, batch_size):
        """One company's part of a run: (log, complaints done, still due)."""
        Complaint = (
            self.env["chp.complaint"].sudo().with_context(tracking_disable=True, mail_notrack=True)
        )
        company_domain = [("company_id", "=", company.id)]
        due = Complaint.search(
            [*company_domain, *self._due_domain()], order="retention_date, id", limit=batch_size
        )
        action = company.chp_retention_action
        done = []
        failed = []
        for complaint in due:
            reference = complaint.name
            try:
                with self.env.cr.savepoint(), transition(complaint):
                    if action == "delete":
                        complaint._chp_delete_one()
                    else:
                        complaint._chp_anonymise_one("retention")
            except Exception as error:  # pylint: disable=broad-except
                # Recorded in the log (and the server log with its traceback);
                # the complaint is untouched thanks to the savepoint.
                _logger.exception("Retention of complaint %s failed", reference)
                failed.append((complaint.id, f"{reference}: {error}"))
                continue
            done.append(reference)
        held = Complaint.search(
            [
                *company_domain,
                ("retention_date", "<=", fields.Date.context_today(self)),
                ("anonymised", "=", False),
                ("retention_held", "=", True),
            ]
        )
        anonymised = done if action != "delete" else []
        deleted = done if action == "delete" else []
        log = self.sudo().create(
            {
                "company_id": company.id,
                "anonymised_count": len(anonymised),
                "deleted_count": len(deleted),
                "held_count": len(held),
                "failed_count": len(failed),
                "anonymised_refs": ", ".join(anonymised),
                "deleted_refs": ", ".join(deleted),
                "held_refs": ", ".join(held.mapped("name")),
                "failed_refs": "\n".join(message for _id, message in failed),
            }
        )
        remaining = Complaint.search_count(
            [
                *company_domain,
                *self._due_domain(),
                ("id", "not in", [cid for cid, _msg in failed]),
            ]
        )
        return log.sudo(False), len(done), remaining

    def action_run_now(self):
        """Run the retention policy now (complaints administrator)."""
        check_role(self.env, ADMIN, _("run the retention policy"))
        logs = self._cron_apply_retention(companies=self.env.companies)
        action = {
            "type": "ir.actions.act_window",
            "name": _("Retention run"),
            "res_model": self._name,
            "target": "current",
        }
        if len(logs) == 1:
            return dict(action, res_id=logs.id, view_mode="form")
        return dict(action, domain=[("id", "in", logs.ids)], view_mode="list,form")
