"""The privacy of a complaint (Part 4, "Recording complaints"): when its
personal data may go (the retention date, its fields are the record's),
what keeps them (an SPSO review still possible, a manager's hold), and how
they are removed, anonymised or deleted, without touching a figure the
indicators aggregate."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, is_html_empty

from ..tools.roles import SENIOR, check_role
from ..tools.transition import transition

ANONYMISED_MARKER = "[anonymised]"
# What anonymisation does with each field is declared on the field
# (``chp_personal="erase"`` or ``"mask"``, see ``chp_field_policy``).


class ChpComplaintPrivacy(models.Model):
    """Retention, holds, anonymisation and deletion of complaints. The
    scheduled run (``chp.retention.log``) calls ``_chp_anonymise_one`` and
    ``_chp_delete_one``; what each field loses is read from its
    ``chp_personal=`` declaration."""

    _inherit = "chp.complaint"

    @api.model
    def _chp_recompute_retention_dates(self, companies):
        """Set the retention date of every complaint of ``companies`` after a
        change of their policy's years, in one UPDATE of the complaints whose
        date changes, with the ORM's bookkeeping (write_uid, write_date, the
        cache, the fields that depend on it)."""
        deps = ["state", "date_closed", "spso_referred", "spso_decision_date", "company_id"]
        self.flush_model([*deps, "retention_date"])
        companies.flush_recordset(["chp_retention_years"])
        value = self._chp_retention_date_sql()
        self.env.cr.execute(
            SQL(
                "UPDATE chp_complaint c SET retention_date = %s, write_uid = %s, write_date = %s"
                " FROM res_company co WHERE co.id = c.company_id AND c.company_id = ANY(%s)"
                " AND c.retention_date IS DISTINCT FROM %s RETURNING c.id",
                value,
                self.env.uid,
                self.env.cr.now(),
                companies.ids,
                value,
            )
        )
        changed = self.browse([row[0] for row in self.env.cr.fetchall()])
        self.invalidate_model(["retention_date", "write_uid", "write_date"])
        changed.modified(["retention_date"])
        return changed

    # --- Holds --------------------------------------------------------------------
    def _check_senior_manager(self):
        check_role(self.env, SENIOR, _("place or lift a retention hold"))

    def action_retention_hold(self):
        """Ask for the reason of a manual hold (wizard)."""
        self._check_senior_manager()
        return {
            "type": "ir.actions.act_window",
            "name": _("Place on retention hold"),
            "res_model": "chp.retention.hold.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    def _chp_place_hold(self, reason):
        self._check_senior_manager()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the retention hold."))
        self._chp_transition_write(
            {
                "retention_hold": True,
                "retention_hold_reason": reason,
                "retention_hold_user_id": self.env.user.id,
                "retention_hold_date": fields.Datetime.now(),
            }
        )
        for complaint in self:
            complaint.message_post(
                body=_("Placed on retention hold: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )

    def action_retention_release(self):
        """Lift a manual hold; the SPSO hold lifts itself when the decision is
        recorded."""
        self._check_senior_manager()
        held = self.filtered("retention_hold")
        held._chp_transition_write(
            {
                "retention_hold": False,
                "retention_hold_reason": False,
                "retention_hold_user_id": False,
                "retention_hold_date": False,
            }
        )
        for complaint in held:
            complaint.message_post(body=_("Retention hold lifted."), subtype_xmlid="mail.mt_note")
        return True

    def _chp_check_not_held(self):
        held = self.filtered("retention_held")
        if held:
            raise UserError(
                _(
                    "These complaints are on hold and cannot be anonymised or deleted: "
                    "%(refs)s. A referred complaint is held until the SPSO's decision is "
                    "recorded; a senior manager lifts a manual hold.",
                    refs=", ".join(held.mapped("name")),
                )
            )

    # --- Anonymisation and deletion -----------------------------------------------
    def _chp_anonymise(self, reason="retention"):
        """Remove the personal data of these complaints, each one atomically
        (savepoint): either everything of a complaint is removed or nothing.
        Held complaints are refused. Dates, stages, outcomes, clocks,
        extensions, service, root cause and contractor are not written, so
        no stored clock is recomputed and every indicator stays the same."""
        self._chp_check_not_held()
        for complaint in self.sudo().with_context(tracking_disable=True, mail_notrack=True):
            with self.env.cr.savepoint(), transition(complaint):
                complaint._chp_anonymise_one(reason)
        return True

    @api.model
    def _chp_anonymised_fields(self):
        """(emptied, masked texts, masked HTML): the fields as their
        declarations say (``chp_personal``)."""
        masked = self._chp_personal_fields("mask")
        return (
            self._chp_personal_fields("erase"),
            [name for name in masked if self._fields[name].type != "html"],
            [name for name in masked if self._fields[name].type == "html"],
        )

    def _chp_anonymise_one(self, reason):
        """Everything of one complaint that names the customer goes: its
        fields, chatter, notifications, outgoing mails, attachments, the bus
        rows that carried them, and the customer's contact when nothing
        else needs it (``res.partner._chp_erase_complainant``)."""
        self.ensure_one()
        partner = self.partner_id
        # The satisfaction answers stay (indicator 2 counts them); the
        # respondent goes.
        answers = self.sudo().chp_survey_input_ids
        personal = self._chp_personal_strings()
        erase, texts, htmls = self._chp_anonymised_fields()
        vals = dict.fromkeys(erase, False)
        vals.update({name: ANONYMISED_MARKER for name in texts if self[name]})
        vals.update({name: Markup("<p>%s</p>") % ANONYMISED_MARKER for name in htmls if self[name]})
        # The tracking link ends with the data: the old link opens nothing.
        vals.update(
            anonymised=True,
            anonymised_date=fields.Datetime.now(),
            anonymised_reason=reason,
            access_token=False,
        )
        with transition(self):
            self.write(vals)
        self._chp_anonymise_messages(partner)
        self._chp_anonymise_attachments()
        self.activity_ids.unlink()
        if partner:
            self.message_unsubscribe(partner_ids=partner.ids)
            partner._chp_erase_complainant()
        self.env["bus.bus"]._chp_forget(personal)
        answers.write({"partner_id": False, "email": False, "nickname": False})

    def _chp_delete_one(self):
        """Delete one complaint (retention action "delete") with its chatter,
        attachments and bus rows, then the customer's contact when nothing
        else needs it."""
        self.ensure_one()
        partner = self.partner_id
        personal = self._chp_personal_strings()
        self._chp_anonymise_attachments()
        self.unlink()
        partner._chp_erase_complainant()
        self.env["bus.bus"]._chp_forget(personal)

    def _chp_personal_strings(self):
        """The customer's name, email and phone as recorded on the complaint
        and on its contact: what bus rows are searched for."""
        self.ensure_one()
        partner = self.partner_id
        values = [self[name] for name in self._chp_personal_fields("erase")]
        values += [partner.name, partner.email, partner.phone, partner.mobile]
        return {value.strip() for value in values if isinstance(value, str) and value.strip()}

    def _chp_messages(self):
        return (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "in", self.ids)])
        )

    def _chp_anonymise_messages(self, partner):
        """Blank the chatter: bodies, subjects, sender addresses, the
        customer as author or recipient, the outgoing mails, and the old
        values of personal fields in the tracking."""
        messages = self._chp_messages()
        with_body = messages.filtered(lambda m: not is_html_empty(m.body))
        with_body.write({"body": Markup("<p>%s</p>") % ANONYMISED_MARKER})
        messages.write({"subject": False, "email_from": False, "reply_to": False})
        Notification = self.env["mail.notification"].sudo()
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)])
        if partner:
            messages.filtered(lambda m: m.author_id == partner).write({"author_id": False})
            messages.filtered(lambda m: partner in m.partner_ids).write(
                {"partner_ids": [fields.Command.unlink(partner.id)]}
            )
            # The rows that tie a message to the customer (and their
            # delivery errors, which quote the address).
            Notification.search(
                [("mail_message_id", "in", messages.ids), ("res_partner_id", "=", partner.id)]
            ).unlink()
            Notification.search(
                [("mail_message_id", "in", messages.ids), ("author_id", "=", partner.id)]
            ).write({"author_id": False})
        tracked = set().union(*self._chp_anonymised_fields())
        messages.tracking_value_ids.filtered(lambda t: t.field_id.name in tracked).unlink()
        mails.unlink()

    def _chp_anonymise_attachments(self):
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        (attachments | self._chp_messages().attachment_ids).unlink()

    def _chp_delete(self):
        """Delete these complaints (retention action "delete"): their
        messages and attachments go with them. Held complaints are refused."""
        self._chp_check_not_held()
        for complaint in self.sudo():
            with self.env.cr.savepoint(), transition(complaint):
                complaint._chp_delete_one()
        return True
