from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from ..tools.transition import transition

# chp_how=_lt(...) on a field is the refusal's message, translated when read;
# pylint-odoo takes any translated argument of a field for a label.
# pylint: disable=translation-field
_lt = LazyTranslate(__name__)

CONTACT_PREFERENCES = [
    ("email", "Email"),
    ("phone", "Phone"),
    ("letter", "Letter"),
]


class ChpComplaintPortal(models.Model):
    """The customer's view of a complaint: a tokenised tracking link
    (``portal.mixin``) and the logged-in portal's ``/my/complaints``.

    The token is not a field staff edit: it is written only by
    ``_portal_ensure_token``, as a step of the procedure."""

    _name = "chp.complaint"
    _inherit = ["chp.complaint", "portal.mixin"]

    # Written once, by ``_portal_ensure_token`` (below).
    access_token = fields.Char(
        chp_edit="step", chp_how=_lt("the tracking link's token is drawn once"), chp_personal="keep"
    )
    contact_preference = fields.Selection(
        CONTACT_PREFERENCES,
        string="Preferred contact",
        help="How the customer would like us to contact them.",
        chp_edit="open",
    )
    portal_state_label = fields.Char(
        string="Where it stands",
        compute="_compute_portal_state_label",
        help="The complaint's step, in the words the customer reads on the tracking page.",
    )

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.depends("state", "company_id.chp_stage1_days")
    def _compute_portal_state_label(self):
        """What the customer reads for each step of the procedure."""
        for complaint in self:
            labels = {
                "new": _("Received: we are deciding how to handle it"),
                "stage1": _(
                    "Stage 1 (frontline response): we aim to give you our decision within "
                    "%s working days",
                    complaint.company_id.chp_stage1_days,
                ),
                "stage2": _("Stage 2 (investigation): we are investigating your complaint"),
                "closed": _("Closed: we have given you our final response"),
            }
            complaint.portal_state_label = labels.get(complaint.state, "")

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


class ChpComplaintPortalReply(models.Model):
    _inherit = "chp.complaint"

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
