import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

# Complaints handled per run: a run never holds one long transaction over
# 100,000 complaints; the cron reruns at once while some remain.
BATCH_SIZE = 500


class ChpRetentionLog(models.Model):
    """What one run of the retention policy did, for the complaints
    administrator: counts and references of the complaints anonymised,
    deleted, held and failed. References only, never personal data."""

    _name = "chp.retention.log"
    _description = "Retention run"
    _order = "date desc, id desc"
    _rec_name = "date"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
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
    def _cron_apply_retention(self, batch_size=BATCH_SIZE):
        """Apply each company's policy to the complaints past their retention
        date and not held, one savepoint per complaint: a complaint that
        fails is left as it was and the run goes on with the others. Running
        it again finds nothing more to do (idempotent)."""
        Complaint = (
            self.env["chp.complaint"].sudo().with_context(tracking_disable=True, mail_notrack=True)
        )
        due = Complaint.search(self._due_domain(), order="retention_date, id", limit=batch_size)
        done = {"anonymise": [], "delete": []}
        failed = []
        for complaint in due:
            action = complaint.company_id.chp_retention_action
            reference = complaint.name
            try:
                with self.env.cr.savepoint():
                    if action == "delete":
                        complaint._chp_anonymise_attachments()
                        complaint.unlink()
                    else:
                        complaint._chp_anonymise_one("retention")
            except Exception as error:  # pylint: disable=broad-except
                # Recorded in the log (and the server log with its traceback);
                # the complaint is untouched thanks to the savepoint.
                _logger.exception("Retention of complaint %s failed", reference)
                failed.append((complaint.id, f"{reference}: {error}"))
                continue
            done[action].append(reference)
        held = Complaint.search(
            [
                ("retention_date", "<=", fields.Date.context_today(self)),
                ("anonymised", "=", False),
                ("retention_held", "=", True),
            ]
        )
        log = self.sudo().create(
            {
                "anonymised_count": len(done["anonymise"]),
                "deleted_count": len(done["delete"]),
                "held_count": len(held),
                "failed_count": len(failed),
                "anonymised_refs": ", ".join(done["anonymise"]),
                "deleted_refs": ", ".join(done["delete"]),
                "held_refs": ", ".join(held.mapped("name")),
                "failed_refs": "\n".join(message for _id, message in failed),
            }
        )
        succeeded = len(done["anonymise"]) + len(done["delete"])
        remaining = Complaint.search_count(
            [*self._due_domain(), ("id", "not in", [cid for cid, _msg in failed])]
        )
        # When nothing succeeded, stop until the next scheduled run rather than
        # retrying the same failures at once.
        self.env["ir.cron"]._notify_progress(
            done=succeeded, remaining=remaining if succeeded else 0
        )
        return log

    def action_run_now(self):
        """Run the retention policy now (complaints administrator)."""
        if not self.env.user.has_group("chp_complaints.group_chp_admin"):
            raise AccessError(_("Only the complaints administrator runs the retention policy."))
        log = self._cron_apply_retention()
        return {
            "type": "ir.actions.act_window",
            "name": _("Retention run"),
            "res_model": self._name,
            "res_id": log.id,
            "view_mode": "form",
            "target": "current",
        }
