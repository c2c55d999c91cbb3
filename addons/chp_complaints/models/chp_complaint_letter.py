from dateutil.relativedelta import relativedelta

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, plaintext2html

from ..tools.transition import transition
from .chp_complaint_stage import OPEN_STATES

# What the customer reads of each stage's response, apart from the internal
# "action taken": editable until the complaint is anonymised, also once the
# stage closed (the decision letter is written after closing).
CUSTOMER_SUMMARIES = {
    "stage1_decision": "stage1_customer_summary",
    "stage2_decision": "stage2_customer_summary",
}
# The letters staff send from a complaint: template, when it applies.
LETTERS = {
    "stage2_ack": "chp_complaints.chp_mail_template_stage2_ack",
    "extension": "chp_complaints.chp_mail_template_extension",
    "stage1_decision": "chp_complaints.chp_mail_template_stage1_decision",
    "stage2_decision": "chp_complaints.chp_mail_template_stage2_decision",
    "stage2_declined": "chp_complaints.chp_mail_template_stage2_declined",
}


class ChpComplaintLetter(models.Model):
    """Letters to the customer: editable ``mail.template``s offered in the
    composer, pre-filled with the customer as recipient. Sending the stage 2
    acknowledgement records the acknowledgement (``action_acknowledge``);
    sending the extension notice records the day the customer was told.
    Anonymous complaints, and complaints without an email, send nothing."""

    _inherit = "chp.complaint"

    stage1_customer_summary = fields.Text(
        string="Stage 1: what we tell the customer",
        help="What we found and what we did, in plain words for the customer. The decision "
        "letter gives it (the action taken stays internal); needed before the decision is sent.",
        chp_edit="always",
        chp_personal="mask",
    )
    stage2_customer_summary = fields.Text(
        string="Stage 2: what we tell the customer",
        help="What the investigation found and what we did, in plain words for the customer. "
        "The decision letter gives it; needed before the decision is sent.",
        chp_edit="always",
        chp_personal="mask",
    )
    chp_can_write_to_customer = fields.Boolean(
        string="Letters can be sent",
        compute="_compute_chp_can_write_to_customer",
        help="The customer gave an email and is not anonymous: letters may be sent.",
    )

    def _compute_chp_can_write_to_customer(self):
        may_see = self._chp_may_see_customer()
        for complaint in self:
            complaint.chp_can_write_to_customer = may_see and bool(complaint._chp_customer_email())

    def _chp_check_plain_write(self, vals):
        """Nothing new about the customer goes into an anonymised complaint."""
        res = super()._chp_check_plain_write(vals)
        anonymised = self.filtered("anonymised")
        if anonymised and set(vals) & set(CUSTOMER_SUMMARIES.values()):
            raise UserError(
                _(
                    "The personal data of %s were removed: nothing can be written to the "
                    "customer any more.",
                    ", ".join(anonymised.mapped("name")),
                )
            )
        return res

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
        template = self.env.ref(LETTERS[kind])
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
        """A letter sent from the composer records what the procedure asks:
        the stage 2 acknowledgement, or the day the customer was told of an
        extension. Only a message that went out (not an internal note)."""
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
