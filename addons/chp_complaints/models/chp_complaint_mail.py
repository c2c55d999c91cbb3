from email.utils import getaddresses

from odoo import _, api, fields, models
from odoo.tools import email_normalize, formataddr, html_sanitize

from ..tools.roles import has_role
from ..tools.transition import transition
from .chp_complaint import CUSTOMER_CONTACT_ROLES


class ChpComplaintMail(models.Model):
    """Email in and out of a complaint: the mail gateway creates a complaint
    from an email to the complaints alias (``message_new``), replies thread
    into it (``message_update``, Odoo's default threading by message ids),
    and the customer is the suggested recipient of every message staff send.
    Anonymous complaints send nothing."""

    _inherit = "chp.complaint"

    # --- The customer as a contact -------------------------------------------------
    @api.model
    def _chp_new_customer_contact(self, email, name=None, phone=None):
        """A new contact holding the customer's details as given, for a
        complaint whose customer nobody has verified (the public form, an
        email, a letter to an address typed by staff). Never an existing
        contact or user found by that address: an address anyone can type
        or send from is a claim, not an identity. Staff link the complaint
        to an existing contact deliberately (the customer field, tracked in
        the chatter, beside "possibly the same person as"). None without an
        email."""
        normalized = email_normalize(email or "", strict=False)
        if not normalized:
            return self.env["res.partner"]
        values = {"name": name or normalized, "email": normalized}
        if phone:
            values["phone"] = phone
        return self.env["res.partner"].sudo().create(values)

    def _chp_link_customer(self, partner=None):
        """Link the customer's contact (``partner``, or a new contact holding
        the complaint's customer details) to a complaint that has none.
        Written as a step of the procedure: it may happen on a closed
        complaint (a decision letter, the survey)."""
        self.ensure_one()
        if self.partner_id or self.is_anonymous:
            return self.partner_id
        partner = partner or self._chp_new_customer_contact(
            self.customer_email, self.customer_name, self.customer_phone
        )
        if partner:
            with transition(self):
                self.sudo().write({"partner_id": partner.id})
        return self.partner_id

    def _chp_may_see_customer(self):
        """Whether the user may read the customer's contact details (the
        groups of ``partner_id``): the contract manager and the statistics
        roles may not, and what is computed from those details is blank
        for them rather than an access error."""
        return has_role(self.env, *CUSTOMER_CONTACT_ROLES)

    def _chp_customer_email(self):
        """Where to write to the customer; False for an anonymous complaint."""
        self.ensure_one()
        if self.is_anonymous:
            return False
        return self.partner_id.email or self.customer_email or False

    def _mail_get_partner_fields(self, introspect_fields=False):
        """The customer, for those who may read it."""
        return ["partner_id"] if self._chp_may_see_customer() else []

    def _message_get_suggested_recipients(self):
        """The customer is suggested on every complaint that has an email."""
        recipients = super()._message_get_suggested_recipients()
        if not self._chp_may_see_customer() or self.is_anonymous:
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
        description, the sender as customer. The sender's address is a claim
        (anyone can send from any address): the customer is a new contact
        holding it, never the existing contact or user the gateway found for
        it, and the email, which the gateway posts with ``msg_dict`` once
        this returns, is authored by that new contact."""
        email_from = msg_dict.get("email_from") or ""
        parsed = getaddresses([email_from])
        name, address = parsed[0] if parsed else ("", email_from)
        partner = self._chp_new_customer_contact(address, name)
        msg_dict["author_id"] = partner.id or False
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

    def message_update(self, msg_dict, update_vals=None):
        """A reply by email threads into the complaint. From the address the
        complaint was made with, it is the customer's (their contact, created
        if the complaint has none); from any other address it is authored by
        the contact the gateway found only when that contact follows the
        complaint (staff, the contractor): otherwise by the address alone,
        so that nobody writes as a contact by sending from its address."""
        for complaint in self:
            sender = email_normalize(msg_dict.get("email_from") or "", strict=False)
            customer = email_normalize(complaint.sudo().customer_email or "", strict=False)
            if sender and sender == customer and not complaint.is_anonymous:
                msg_dict["author_id"] = complaint._chp_link_customer().id or False
            elif msg_dict.get("author_id"):
                author = self.env["res.partner"].browse(msg_dict["author_id"])
                if author not in complaint.sudo().message_partner_ids:
                    msg_dict["author_id"] = False
        return super().message_update(msg_dict, update_vals=update_vals)

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
