from email.utils import getaddresses

from odoo import _, api, fields, models
from odoo.tools import email_normalize, formataddr, html_sanitize

from ..tools.transition import transition


class ChpComplaintMail(models.Model):
    """Email in and out of a complaint: the mail gateway creates a complaint
    from an email to the complaints alias (``message_new``), replies thread
    into it (``message_update``, Odoo's default threading by message ids),
    and the customer is the suggested recipient of every message staff send.
    Anonymous complaints send nothing."""

    _inherit = "chp.complaint"

    # --- The customer as a contact -------------------------------------------------
    @api.model
    def _chp_find_or_create_customer(self, email, name=None):
        """The existing contact with this email (a user's contact first),
        otherwise a new contact."""
        normalized = email_normalize(email or "", strict=False)
        if not normalized:
            return self.env["res.partner"]
        partner = self.sudo()._mail_find_partner_from_emails([normalized])[0]
        if partner:
            return partner
        return (
            self.env["res.partner"].sudo().create({"name": name or normalized, "email": normalized})
        )

    def _chp_link_customer(self, partner=None):
        """Link the customer's contact (found or created from the customer's
        email when not given). Written as a step of the procedure: it may
        happen on a closed complaint (a decision letter, the survey)."""
        self.ensure_one()
        partner = partner or self._chp_find_or_create_customer(
            self.customer_email, self.customer_name
        )
        if partner and not self.partner_id:
            with transition(self):
                self.sudo().write({"partner_id": partner.id})
        return self.partner_id

    def _chp_customer_email(self):
        """Where to write to the customer; False for an anonymous complaint."""
        self.ensure_one()
        if self.is_anonymous:
            return False
        return self.partner_id.email or self.customer_email or False

    def _mail_get_partner_fields(self, introspect_fields=False):
        return ["partner_id"]

    def _message_get_suggested_recipients(self):
        """The customer is suggested on every complaint that has an email."""
        recipients = super()._message_get_suggested_recipients()
        if self.is_anonymous:
            return recipients
        if self.partner_id and self.partner_id.email:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=_("Customer")
            )
        elif self.customer_email:
            self._message_add_suggested_recipient(
                recipients, email=self.customer_email, reason=_("Customer email")
            )
        return recipients

    # --- Mail gateway -------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an email: channel email, the subject, the body as
        description, the sender as customer (an existing contact found by
        email, or a new one). The gateway posts the email itself, with its
        attachments, to the new complaint."""
        email_from = msg_dict.get("email_from") or ""
        parsed = getaddresses([email_from])
        name, address = parsed[0] if parsed else ("", email_from)
        partner = self._chp_find_or_create_customer(address, name)
        values = {
            "subject": (msg_dict.get("subject") or "").strip() or _("Complaint by email"),
            "description": html_sanitize(msg_dict.get("body") or ""),
            "channel": "email",
            "user_id": False,
            "date_received": fields.Datetime.now(),
            "partner_id": partner.id,
            "customer_name": name or partner.name or False,
            "customer_email": email_normalize(address, strict=False) or address or False,
        }
        values.update(custom_values or {})
        # Not super(): Odoo's default would put the subject in the reference,
        # which comes from the sequence.
        complaint = self.with_context(default_user_id=False).create(values)
        complaint._chp_send_received_confirmation()
        return complaint

    def _message_post_after_hook(self, message, msg_vals):
        """An email from the customer's address on a complaint without a
        contact links the contact found for that address."""
        if (
            not self.partner_id
            and self.customer_email
            and not self.is_anonymous
            and message.author_id
            and message.author_id.email_normalized
            == email_normalize(self.customer_email, strict=False)
        ):
            self._chp_link_customer(message.author_id)
        return super()._message_post_after_hook(message, msg_vals)

    # --- Letters ---------------------------------------------------------------------
    def chp_sender_address(self):
        """The address letters come from: the company's email, else the
        default sender of its email domain; False when neither is set (then
        nothing is sent automatically)."""
        self.ensure_one()
        company = self.company_id.sudo()
        if company.email:
            return company.email_formatted
        default_from = company.alias_domain_id.default_from_email
        return default_from and formataddr((company.name, default_from))

    def _chp_can_send_automatically(self):
        """A customer to write to, and a sender to write from."""
        self.ensure_one()
        return bool(self._chp_customer_email() and self.chp_sender_address())

    def _chp_post_template(self, xmlid):
        """Post the template to the customer (a message they see on their
        tracking page); nothing for an anonymous complaint, one without an
        email, or when the company has no sender address."""
        template = self.env.ref(xmlid, raise_if_not_found=False)
        for complaint in self:
            if not template or not complaint.partner_id:
                continue
            if not complaint._chp_can_send_automatically():
                continue
            complaint.sudo().message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=complaint.company_id.partner_id.id,
                email_from=complaint.chp_sender_address(),
            )

    def _chp_send_received_confirmation(self):
        """The confirmation of receipt, with the reference and tracking link."""
        self._chp_post_template("chp_complaints.chp_mail_template_received")
