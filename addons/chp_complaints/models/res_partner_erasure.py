import json
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import escape_psql

_logger = logging.getLogger(__name__)

ANONYMISED_NAME = "[anonymised]"
# The privacy marks derived from the complaints: nobody types them.
COMPLAINANT_FLAGS = ("chp_is_complainant", "chp_was_complainant")
# Contact fields that describe a person, blanked when the contact is erased.
PERSONAL_PARTNER_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "vat",
    "comment",
    "function",
    "title",
    "ref",
    "company_name",
    "image_1920",
    "parent_id",
)


class ResPartner(models.Model):
    """Erasure of a complainant's contact once the last of their complaints
    is anonymised or deleted (UK GDPR: real erasure, not a renamed copy)."""

    _inherit = "res.partner"

    chp_was_complainant = fields.Boolean(
        string="Has complained",
        readonly=True,
        copy=False,
        index=True,
        help="The contact is or was the customer of a complaint: it stays hidden from the "
        "roles that may not see complainants even once its complaints were anonymised, "
        "deleted or moved to another contact.",
    )

    def init(self):
        """On install and upgrade: contacts that are complainants already
        get the lasting mark (complaints created before it existed)."""
        self.env.cr.execute(
            "UPDATE res_partner SET chp_was_complainant = TRUE"
            " WHERE chp_is_complainant AND chp_was_complainant IS NOT TRUE"
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._chp_check_flags_untouched(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._chp_check_flags_untouched([vals])
        return super().write(vals)

    def _chp_check_flags_untouched(self, vals_list):
        """The complainant marks decide who may read a contact (the
        committee never reads a complainant): they are derived from the
        complaints, so no user writes them, by form, RPC or import."""
        if self.env.su:
            return
        if any(name in vals for vals in vals_list for name in COMPLAINANT_FLAGS):
            raise AccessError(
                _(
                    "Whether a contact has complained is worked out from the complaints: "
                    "it cannot be set or cleared by hand."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complainant(self):
        """A complaint's customer stays while the complaint needs them: one
        under hold (SPSO or manual) or not yet anonymised by retention. The
        contact can be archived; erasure goes through the subject access /
        erasure tool, which respects holds and clears the link first."""
        Complaint = self.env["chp.complaint"].sudo().with_context(active_test=False)
        kept = Complaint.search(
            [
                ("partner_id", "in", self.ids),
                "|",
                ("retention_held", "=", True),
                ("anonymised", "=", False),
            ],
            limit=1,
        )
        if kept:
            raise UserError(
                _(
                    "%(contact)s is the customer of complaint %(complaint)s and cannot be "
                    "deleted: archive the contact instead, or erase it with a subject "
                    "access request once its complaints may be anonymised.",
                    contact=kept.partner_id.display_name,
                    complaint=kept.name,
                )
            )

    def _chp_mark_complainant(self):
        """Set the lasting mark on contacts that became a complaint's customer."""
        self.sudo().filtered(lambda p: not p.chp_was_complainant).with_context(
            tracking_disable=True
        ).write({"chp_was_complainant": True})

    def _chp_is_erasable(self):
        """Only a plain contact that no complaint, user, company or contract
        still needs is erased."""
        self.ensure_one()
        partner = self.sudo().with_context(active_test=False)
        return not (
            partner.user_ids
            or partner.chp_is_contractor
            or partner.env["res.company"].search_count([("partner_id", "=", partner.id)])
            or partner.env["chp.complaint"].search_count([("partner_id", "=", partner.id)])
        )

    def _chp_erase_complainant(self):
        """Erase each contact of ``self`` that nothing needs any more: its
        own chatter, followings, notifications and attachments go, its
        personal fields are blanked and it is archived, then deleted when no
        other document refers to it (otherwise it stays, blank and hidden)."""
        for partner in self.sudo().with_context(tracking_disable=True, mail_notrack=True):
            if not partner.exists() or not partner._chp_is_erasable():
                continue
            partner._chp_remove_mail_traces()
            vals = {name: False for name in PERSONAL_PARTNER_FIELDS if name in partner._fields}
            vals.update(name=ANONYMISED_NAME, active=False, chp_was_complainant=True)
            partner.write(vals)
            try:
                with self.env.cr.savepoint():
                    partner.unlink()
            except (UserError, psycopg2.IntegrityError) as error:
                # Another document still refers to the contact: it stays,
                # blank and archived, which is what erasure requires.
                _logger.info("Erased contact %s kept (still referred to): %s", partner.id, error)

    def _chp_remove_mail_traces(self):
        self.ensure_one()
        env = self.env
        messages = env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "=", self.id)]
        )
        attachments = env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        )
        (attachments | messages.attachment_ids).unlink()
        messages.unlink()
        env["mail.followers"].search([("partner_id", "=", self.id)]).unlink()
        env["mail.notification"].search([("res_partner_id", "=", self.id)]).unlink()
        env["mail.mail"].search([("recipient_ids", "in", self.ids)]).unlink()


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def _chp_forget(self, strings):
        """Delete the bus rows (live notifications kept until the daily
        clean-up) whose payload carries any of ``strings``, as written or as
        JSON escapes it (``json.dumps`` escapes non-ASCII letters)."""
        patterns = {
            f"%{escape_psql(form)}%"
            for value in strings
            if len(value) >= 3
            for form in (value, json.dumps(value)[1:-1])
        }
        if patterns:
            self.env.cr.execute(
                "DELETE FROM bus_bus WHERE message ILIKE ANY(%s)", [sorted(patterns)]
            )
