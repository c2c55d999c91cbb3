import hashlib
from datetime import timedelta

from odoo import api, fields, models

DEFAULT_LIMIT = 5  # submissions per address per hour
WINDOW = timedelta(hours=1)


class ChpComplaintFormSubmission(models.Model):
    """One submission of the public complaint form, by a hashed network
    address: the per-address rate limit lives in the database (every Odoo
    worker sees the same count), never in a worker's memory. Only the hash
    is kept, and only for a day."""

    _name = "chp.complaint.form.submission"
    _description = "Public complaint form submission"
    _log_access = False

    address_hash = fields.Char(required=True, index=True)
    submitted_at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _hash(self, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()

    @api.model
    def _limit(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("chp_complaints.form_rate_limit", DEFAULT_LIMIT)
        )
        try:
            return int(value)
        except ValueError:
            return DEFAULT_LIMIT

    @api.model
    def chp_check_and_record(self, address):
        """Record one submission from ``address``; False (nothing recorded)
        when the address already made the limit's number in the last hour.
        A transaction-level advisory lock per address makes concurrent
        submissions from one address count one after the other."""
        digest = self._hash(address or "unknown")
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [digest])
        now = fields.Datetime.now()
        self.sudo().search([("submitted_at", "<", now - timedelta(days=1))]).unlink()
        recent = self.sudo().search_count(
            [("address_hash", "=", digest), ("submitted_at", ">", now - WINDOW)]
        )
        if recent >= self._limit():
            return False
        self.sudo().create({"address_hash": digest, "submitted_at": now})
        return True
