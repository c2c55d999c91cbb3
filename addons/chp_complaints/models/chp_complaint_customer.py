"""The customer's side of a complaint: the tracking page and the portal's
list (``portal.mixin``), email in and out (the complaints alias, the
customer as suggested recipient), who wrote a message, the letters and the
satisfaction survey that follows a decision."""

from datetime import timedelta
from email.utils import getaddresses

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize, format_date, formataddr, html_sanitize, plaintext2html

from ..tools.roles import has_role
from ..tools.transition import transition
from .chp_complaint import CUSTOMER_CONTACT_ROLES, CUSTOMER_SUMMARIES
from .chp_complaint_stage import OPEN_STATES

COMPLAINT = "chp.complaint"
# The letters staff send from a complaint: template, when it applies.
LETTERS = {
    "stage2_ack": "chp_complaints.chp_mail_template_stage2_ack",
    "extension": "chp_complaints.chp_mail_template_extension",
    "stage1_decision": "chp_complaints.chp_mail_template_stage1_decision",
    "stage2_decision": "chp_complaints.chp_mail_template_stage2_decision",
    "stage2_declined": "chp_complaints.chp_mail_template_stage2_declined",
}
RECEIVED = "chp_complaints.chp_mail_template_received"
# The child friendly version of a letter (plain words, short sentences, who
# to talk to, the SPSO's route for children after stage 2), used instead of
# the usual one for a complaint made by a child or young person; the letter's
# kind, and so what ``_chp_letter_sent`` records, stays the same.
CHILD_LETTERS = {
    "received": "chp_complaints.chp_mail_template_received_child",
    "stage1_decision": "chp_complaints.chp_mail_template_stage1_decision_child",
    "stage2_decision": "chp_complaints.chp_mail_template_stage2_decision_child",
}
# The decision letter each survey follows.
DECISION_LETTERS = {"stage1_decision": "stage1", "stage2_decision": "stage2"}
# How far back the daily run looks for stages closed without a decision
# letter: enough to catch up a missed run, never the imported history.
SURVEY_CATCH_UP_DAYS = 14
SURVEY_BATCH = 200


def _refuse_other_author(env, author_id):
    """Refuse a message on a complaint authored by anyone but the user."""
    if author_id != env.user.partner_id.id:
        raise AccessError(
            _(
                "A message on a complaint is written in your own name: "
                "you cannot post it as someone else."
            )
        )


class ChpComplaintCustomer(models.Model):
    """What the customer sees of a complaint and what reaches them.

    - The tracking page: a tokenised link (``portal.mixin``; the token is
      written only by ``_portal_ensure_token``, as a step) and the logged-in
      portal's ``/my/complaints``; the customer reads there only what is
      theirs and replies there.
    - Email: the mail gateway creates a complaint from an email to the
      complaints alias (``message_new``), replies thread into it
      (``message_update``), the customer is the suggested recipient of every
      message staff send; anonymous complaints send nothing.
    - Authorship: a message on a complaint is written by who was logged in
      (``message_post``; ``mail.message`` and the composer refuse the rest).
      Only code running as superuser (the mail gateway, the public form, the
      tracking page) posts as the customer, and only for that complaint's
      customer. The portal's token and hash access to the chatter routes is
      closed (``_get_thread_with_access``).
    - Letters: editable ``mail.template``s offered in the composer,
      pre-filled with the customer; once sent, ``_chp_letter_sent``
      records what the procedure asks and sends the satisfaction survey.
      A complaint made by a child gets the child friendly version of the
      confirmation of receipt and of the decisions (``CHILD_LETTERS``,
      ``_chp_letter_xmlid``): another template, the same kind of letter.
    - The satisfaction survey (indicator 2): once per complaint and stage,
      with the decision letter, or by the daily run when the decision went
      without one."""

    _inherit = "chp.complaint"

    def _portal_ensure_token(self):
        """The token is written as a step of the procedure (it is not a
        descriptive field). An anonymised complaint gets none: its link
        ended with its data."""
        if self.anonymised:
            raise UserError(_("%s is anonymised: it has no tracking link.", self.name))
        if not self.access_token:
            with transition(self):
                return super()._portal_ensure_token()
        return self.access_token

    def chp_portal_decision(self):
        """What a closed complaint's page tells the customer: the decision
        (outcome and date) and what they can do next. Stage 1 closed: they
        may ask for a stage 2 investigation. Stage 2 closed: the SPSO (the
        company's signposting text). None while the complaint is open."""
        self.ensure_one()
        if self.state != "closed":
            return None
        outcomes = dict(self._fields["stage1_outcome"]._description_selection(self.env))
        final = bool(self.stage2_route)
        outcome = self.stage2_outcome if final else self.stage1_outcome
        return {
            "final": final,
            "outcome": outcomes.get(outcome, ""),
            "date": self.stage2_date_closed if final else self.stage1_date_closed,
            "next": self.chp_next_step_text(),
            "signposting": self.chp_spso_signposting_html()
            if self._chp_last_decision() != "stage1"
            else "",
        }

    def chp_tracking_url(self):
        """The customer's tracking link, absolute, with its token."""
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def chp_customer_messages(self):
        """Messages the customer may read, as the page promises: those sent
        to them (their contact among the recipients or notified; for a complaint without
        a contact, the organisation's comments) and those they wrote. Never
        internal notes, tracking, or a message addressed only to others (the
        contractor, a colleague)."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        base = [
            ("model", "=", self._name),
            ("res_id", "=", self.id),
            ("message_type", "in", ("comment", "email", "email_outgoing")),
            ("subtype_id", "=", comment.id),
        ]
        if self.partner_id:
            mine = [
                "|",
                "|",
                ("author_id", "=", self.partner_id.id),
                ("partner_ids", "in", self.partner_id.ids),
                ("notification_ids.res_partner_id", "=", self.partner_id.id),
            ]
        else:
            # No contact: what the customer wrote from the tracking page or
            # by email (no author) and what was posted to no one in particular.
            mine = ["|", ("author_id", "=", False), ("partner_ids", "=", False)]
        return self.env["mail.message"].sudo().search(base + mine, order="date asc, id asc")

    def chp_message_author_label(self, message):
        """The author shown to the customer: themselves, or the organisation
        when the settings hide staff names."""
        self.ensure_one()
        if message.author_id and message.author_id == self.partner_id:
            return _("You")
        if (
            not message.author_id
            and message.email_from
            and self.customer_email
            and (self.customer_email.lower() in message.email_from.lower())
        ):
            return _("You")
        if self.company_id.chp_portal_hide_staff_names or not message.author_id:
            return self.company_id.name
        return message.author_id.name

    def _chp_post_customer_reply(self, body, files):
        """Post the customer's reply from the tracking page as a comment by
        the customer (their contact, or their email address). Nothing goes
        into an anonymised complaint."""
        self.ensure_one()
        if self.anonymised:
            raise UserError(_("This complaint is no longer available."))
        author = self.partner_id if not self.is_anonymous else self.env["res.partner"]
        message = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .message_post(
                body=body,
                attachments=files,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=author.id or False,
                email_from=author.email_formatted
                or self.customer_email
                or _("Customer (tracking page)"),
            )
        )
        return message

    def action_chp_customer_complaints(self):
        """The customer's other complaints."""
        self.ensure_one()
        domain = self._chp_same_customer_domain() or [("id", "=", 0)]
        return {
            "type": "ir.actions.act_window",
            "name": _("Complaints of %s", self.customer_name or self.partner_id.name or ""),
            "res_model": "chp.complaint",
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }

    # --- The customer as a contact ------------------------------------------------
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

    # --- Writing to the customer --------------------------------------------------
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
        """The confirmation of receipt, with the reference and tracking link
        (child friendly for a complaint made by a child)."""
        for complaint in self:
            complaint._chp_post_template(complaint._chp_letter_xmlid("received"))

    def _chp_letter_xmlid(self, kind):
        """The template of the letter of ``kind`` (a key of ``LETTERS``, or
        "received") for this complaint: the child friendly one when a child
        or young person made the complaint and it exists (the complaints
        administrator may have deleted it), else the usual one."""
        self.ensure_one()
        usual = RECEIVED if kind == "received" else LETTERS[kind]
        child = CHILD_LETTERS.get(kind)
        if (
            child
            and self.child_involvement == "child"
            and self.env.ref(child, raise_if_not_found=False)
        ):
            return child
        return usual

    def chp_child_contact_name(self):
        """The name of the member of staff the child chose to speak to, for
        the child friendly letters ("" if none). Shown even when the settings
        hide staff names from customers: the child chose that person."""
        self.ensure_one()
        return self.sudo().child_contact_user_id.name or ""

    # --- Who wrote a message ------------------------------------------------------
    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """Only the record rules open a complaint's chatter: not the portal's
        token or hash (the customer reads and replies on the tracking page,
        which shows only what is theirs)."""
        thread = self.browse(thread_id)
        if thread.exists() and thread.sudo(False).has_access(mode):
            return thread
        return self.browse()

    # --- Letters ------------------------------------------------------------------
    def chp_spso_signposting_html(self):
        """The company's SPSO signposting text, as paragraphs."""
        self.ensure_one()
        return plaintext2html(self.company_id.chp_spso_signposting or "")

    def chp_stage2_request_by(self):
        """The day until which the customer may surely ask for stage 2: the
        model procedure gives six months from when they knew of the
        problem, or two months from the stage 1 response if that is later,
        so two months from the response always holds."""
        self.ensure_one()
        closed = self.stage1_date_closed
        return closed and closed + relativedelta(months=2)

    def chp_letter_signatory(self, kind="stage2_decision"):
        """Who signs the letter of ``kind``: the role, and the name of who
        decided (the handler at stage 1, the senior manager who signed off
        or declined the investigation) unless the settings hide staff names
        from customers."""
        self.ensure_one()
        complaint = self.sudo()
        if kind == "stage1_decision":
            signer, role = complaint.user_id, _("Complaints officer")
        elif kind == "stage2_declined":
            signer, role = complaint.stage2_declined_user_id, _("Senior manager")
        else:
            signer, role = complaint.signoff_user_id, _("Senior manager")
        hide = self.company_id.chp_portal_hide_staff_names
        return {
            "name": signer.name if signer and not hide else "",
            "role": role if signer else _("Complaints team"),
        }

    def chp_next_step_text(self, stage=None):
        """What the customer can do after the decision of ``stage`` (default:
        the stage closed last), in one wording for the letters and the tracking page. After
        stage 1: how to ask for an investigation, and by when (never the
        SPSO, which comes after stage 2). After stage 2, or an investigation
        declined ("stage2_declined"): that it is the final response, followed
        everywhere by the company's SPSO signposting."""
        self.ensure_one()
        company = self.company_id
        stage = stage or self._chp_last_decision()
        if stage == "stage2_declined":
            return _(
                "This is our final response to your request: we will not investigate your "
                "complaint further."
            )
        if stage == "stage2":
            # The company's SPSO signposting text follows it everywhere.
            return _("This is our final response to your complaint.")
        by = self.chp_stage2_request_by()
        return _(
            "If you are not satisfied with our decision, you can ask us to investigate your "
            "complaint (stage 2 of our complaints procedure): reply to our decision, send us "
            "a message on the page where you follow your complaint, or contact us, saying why "
            "you remain dissatisfied%(by)s. We will acknowledge your request within "
            "%(ack)s working days and give you our decision within %(days)s working days.",
            by=_(", by %s", format_date(self.env, by, date_format="d MMMM y")) if by else "",
            ack=company.chp_stage2_ack_days,
            days=company.chp_stage2_days,
        )

    # --- Child friendly letters -------------------------------------------------
    def chp_child_outcome_text(self, stage):
        """The outcome of ``stage`` ("stage1" or "stage2") in a child's
        words."""
        self.ensure_one()
        texts = {
            "upheld": _("We agree with you. Things went wrong."),
            "partially_upheld": _("We agree with some of what you told us."),
            "not_upheld": _("We do not think things went wrong this time."),
            "resolved": _("We have sorted out the problem with you."),
        }
        return texts.get(self[f"{stage}_outcome"], "")

    def chp_child_next_step_text(self, stage):
        """What a child can do after the decision of ``stage``, in short
        sentences: after stage 1, how to ask us to look again, and by when
        (never the SPSO, which comes after stage 2); after stage 2, that it
        is our final answer (the SPSO follows, ``chp_child_spso_texts``)."""
        self.ensure_one()
        company = self.company_id
        if stage == "stage2":
            return _(
                "This is our final answer about your complaint (our final response). "
                "We cannot look at it again."
            )
        by = self.chp_stage2_request_by()
        return _(
            "If you are not happy with what we decided, you can ask us to look at it again. "
            "This is called stage 2. Tell us why you are not happy%(by)s. You can reply to "
            "this message, write on the page where you follow your complaint, or ask us in "
            "person. We will tell you we got it within %(ack)s working days. We will tell you "
            "what we decided within %(days)s working days.",
            by=_(" by %s", format_date(self.env, by, date_format="d MMMM y")) if by else "",
            ack=company.chp_stage2_ack_days,
            days=company.chp_stage2_days,
        )

    def chp_child_spso_texts(self):
        """The SPSO's route for children and young people, after our final
        answer: short paragraphs for the child friendly letters."""
        self.ensure_one()
        return [
            _(
                "If you are still not happy, you can ask the Scottish Public Services "
                "Ombudsman (SPSO) to look at your complaint. The SPSO does not work for us. "
                "It checks that organisations like ours treat people fairly."
            ),
            _(
                "It is free. You can call the SPSO for free on 0800 377 7330. The SPSO's "
                "website, www.spso.org.uk, has a page for children and young people."
            ),
            _("An adult you trust can help you contact the SPSO."),
        ]

    def chp_child_help_texts(self):
        """Who a child can talk to: the member of staff they chose, if any,
        and an adult they trust."""
        self.ensure_one()
        texts = []
        name = self.chp_child_contact_name()
        if name:
            texts.append(
                _("You chose to talk to %s. You can ask for them when you contact us.", name)
            )
        texts.append(
            _(
                "You can ask an adult you trust to help you. This could be a parent, a carer, "
                "a teacher or a youth worker."
            )
        )
        return texts

    def _chp_last_decision(self):
        """The decision the customer had last: "stage2" (investigated),
        "stage2_declined" (an investigation asked for and declined) or
        "stage1"."""
        self.ensure_one()
        if self.stage2_route:
            return "stage2"
        return "stage2_declined" if self.stage2_declined_date else "stage1"

    def _chp_letter_applies(self, kind):
        self.ensure_one()
        if kind == "stage2_ack":
            return self.state == "stage2"
        if kind == "extension":
            stage = "stage2" if self.state == "stage2" else "stage1"
            return self.state in OPEN_STATES and bool(self[f"{stage}_extended"])
        if kind == "stage1_decision":
            return bool(self.stage1_date_closed and self.stage1_outcome)
        if kind == "stage2_decision":
            return bool(self.stage2_date_closed and self.stage2_outcome)
        if kind == "stage2_declined":
            return bool(
                self.state == "closed" and self.stage2_declined_date and not self.stage2_route
            )
        return False

    def _chp_open_letter(self, kind):
        """The composer with the letter's template, the customer as recipient."""
        self.ensure_one()
        if not self._chp_customer_email():
            raise UserError(
                _(
                    "%s is anonymous or has no email for the customer: nothing can be sent.",
                    self.name,
                )
            )
        if not self._chp_letter_applies(kind):
            raise UserError(_("This letter does not apply to %s at this step.", self.name))
        summary = CUSTOMER_SUMMARIES.get(kind)
        if summary and not (self[summary] or "").strip():
            raise UserError(
                _(
                    "Write “%(field)s” on the complaint first: the decision letter tells the "
                    "customer what we found and what we did in those words (the action taken "
                    "stays internal).",
                    field=self._fields[summary].string,
                )
            )
        self._chp_link_customer()
        template = self.env.ref(self._chp_letter_xmlid(kind))
        context = {
            "default_model": self._name,
            "default_res_ids": self.ids,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "default_subtype_xmlid": "mail.mt_comment",
            "default_message_type": "comment",
            "chp_letter": kind,
        }
        action = {
            "type": "ir.actions.act_window",
            "name": template.name,
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }
        if not template.report_template_ids or self._chp_can_print_pdf():
            return action
        # No PDF engine on this server: the letter goes as an email holding
        # the whole decision, without the PDF, and the sender is told.
        rendered = template.with_context(chp_no_pdf=True)
        del context["default_template_id"]
        context.update(
            default_subject=rendered._render_field("subject", self.ids)[self.id],
            default_body=rendered._render_field("body_html", self.ids)[self.id],
            default_partner_ids=self.partner_id.ids,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "title": _("The decision letter goes as an email only"),
                "message": _(
                    "This server cannot make PDF files (wkhtmltopdf is not installed), so "
                    "the decision is sent in the email itself, without the PDF letter. Ask "
                    "your administrator to install wkhtmltopdf to attach it."
                ),
                "sticky": True,
                "next": action,
            },
        }

    def _chp_can_print_pdf(self):
        return self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok"

    def action_chp_send_stage2_ack(self):
        return self._chp_open_letter("stage2_ack")

    def action_chp_send_extension(self):
        return self._chp_open_letter("extension")

    def action_chp_send_stage1_decision(self):
        return self._chp_open_letter("stage1_decision")

    def action_chp_send_stage2_decision(self):
        return self._chp_open_letter("stage2_decision")

    def action_chp_send_stage2_declined(self):
        return self._chp_open_letter("stage2_declined")

    def message_post(self, **kwargs):
        """A user posts as themselves (``author_id`` defaults to their
        contact, never to a contact found by ``email_from``). A letter sent
        from the composer (``chp_letter`` in the context) then records what
        the procedure asks (``_chp_letter_sent``); only a message that went
        out, not an internal note."""
        if not self.env.su:
            author_id = kwargs.get("author_id")
            if author_id is None:
                kwargs["author_id"] = self.env.user.partner_id.id
            else:
                _refuse_other_author(self.env, author_id)
        message = super().message_post(**kwargs)
        kind = self.env.context.get("chp_letter")
        sent = message.message_type == "comment" and not message.subtype_id.internal
        if kind and len(self) == 1 and sent:
            self.with_context(chp_letter=False)._chp_letter_sent(kind)
        return message

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """A letter is addressed to whom the composer names (the customer,
        and anyone added by hand), not copied to the complaint's internal
        followers: they read it in the chatter."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self.env.context.get("chp_letter"):
            return recipients
        named = set(msg_vals.get("partner_ids", []) if msg_vals else message.partner_ids.ids)
        return [recipient for recipient in recipients if recipient["id"] in named]

    def _chp_letter_sent(self, kind):
        """What a letter of ``kind`` (a key of ``LETTERS``) records once
        sent: the stage 2 acknowledgement, the day the customer was told of
        an extension, and after a decision the satisfaction survey. The one
        extension point of the letters: an addon that must act on a letter
        sent overrides this method, never the steps or ``message_post``."""
        self.ensure_one()
        if kind == "stage2_ack" and self.state == "stage2" and not self.stage2_ack_date:
            self.action_acknowledge()
        elif kind == "extension" and self._chp_letter_applies(kind):
            today = fields.Date.context_today(self)
            field = (
                "stage2_extension_customer_agreed"
                if self.state == "stage2"
                else "stage1_extension_customer_told"
            )
            if not self[field]:
                with transition(self):
                    self.write({field: today})
        # The survey follows the decision, never comes before it; and only a
        # decision that was given: a message posted with the letter's context
        # on an open stage (RPC) sends no survey.
        if kind in DECISION_LETTERS and self._chp_letter_applies(kind):
            self._chp_send_survey(DECISION_LETTERS[kind])

    # --- The satisfaction survey --------------------------------------------------
    @api.model
    def _cron_chp_send_due_surveys(self, batch_size=SURVEY_BATCH):
        """Daily: the survey of each stage closed the company's delay ago
        (or up to two weeks before, for a missed run) whose decision went
        without a letter."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("chp_survey_enabled", "=", True), ("chp_survey_delay_days", ">", 0)])
        )
        due = []  # (stage, complaints)
        for company in companies:
            last = today - timedelta(days=company.chp_survey_delay_days)
            for stage in ("stage1", "stage2"):
                closed = f"{stage}_date_closed"
                complaints = self.sudo().search(
                    [
                        ("company_id", "=", company.id),
                        ("is_anonymous", "=", False),
                        (closed, "<=", last),
                        (closed, ">", last - timedelta(days=SURVEY_CATCH_UP_DAYS)),
                        ("chp_survey_input_ids", "not any", [("chp_stage", "=", stage)]),
                    ],
                    order=f"{closed}, id",
                )
                due += [(stage, complaint) for complaint in complaints]
        sent = 0
        for stage, complaint in due[:batch_size]:
            before = len(complaint.chp_survey_input_ids)
            complaint._chp_send_survey(stage)
            sent += len(complaint.chp_survey_input_ids) - before
        # Those that cannot be sent (no email, no sender) wait for the next day.
        remaining = len(due) - min(len(due), batch_size)
        self.env["ir.cron"]._notify_progress(done=sent, remaining=remaining if sent else 0)

    def _chp_send_survey(self, stage):
        template = self.env.ref("chp_complaints.chp_mail_template_survey", raise_if_not_found=False)
        for complaint in self.sudo():
            company = complaint.company_id
            survey = company._chp_survey()
            if (
                not company.chp_survey_enabled
                or not survey
                or not template
                or not complaint._chp_can_send_automatically()
                or complaint.chp_survey_input_ids.filtered(lambda i, s=stage: i.chp_stage == s)
            ):
                continue
            complaint._chp_link_customer()
            survey._create_answer(
                partner=complaint.partner_id,
                check_attempts=False,
                chp_complaint_id=complaint.id,
                chp_stage=stage,
                chp_sent_on=complaint._chp_today(),
            )
            complaint._chp_post_template("chp_complaints.chp_mail_template_survey")

    def chp_survey_url(self):
        """The start link of the complaint's latest satisfaction survey."""
        self.ensure_one()
        answer = self.sudo().chp_survey_input_ids.sorted("id")[-1:]
        return answer and (self.get_base_url() + answer.get_start_url())
