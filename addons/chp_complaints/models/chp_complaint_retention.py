from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, is_html_empty
from odoo.tools.translate import LazyTranslate

from ..tools.roles import SENIOR, check_role
from ..tools.transition import transition
from .chp_complaint_clock import GroupedValues

# chp_how=_lt(...) on a field is the refusal's message, translated when read;
# pylint-odoo takes any translated argument of a field for a label.
# pylint: disable=translation-field
_lt = LazyTranslate(__name__)

ANONYMISED_MARKER = "[anonymised]"
# What anonymisation does with each field is declared on the field
# (``chp_personal="erase"`` or ``"mask"``, see ``chp_field_policy``).


class ChpComplaint(models.Model):
    """Retention of complaint files (Part 4, "Recording complaints"): when
    the personal data of a complaint may go, what keeps them (an SPSO review
    still possible, a manager's hold), and how they are removed without
    touching a single figure the indicators aggregate."""

    _inherit = "chp.complaint"

    retention_date = fields.Date(
        compute="_compute_retention_date",
        store=True,
        index=True,
        help="Day from which the personal data of this complaint are removed under the "
        "retention policy: the closing date of its last stage (or the SPSO's decision "
        "when it was referred) plus the policy's years. Empty while the complaint is open.",
        string="Personal data removed from",
    )
    retention_spso_hold = fields.Boolean(
        string="SPSO hold",
        compute="_compute_retention_hold",
        store=True,
        help="Referred to the SPSO and no decision recorded yet: the file must be kept for "
        "the SPSO's investigation.",
    )
    retention_hold = fields.Boolean(
        string="Manual hold",
        readonly=True,
        copy=False,
        tracking=True,
        help="Placed by a senior manager (e.g. legal claim, ongoing contact): the file is "
        "never anonymised or deleted while the hold lasts.",
        chp_edit="step",
        chp_how=_lt("use “Place on hold” or “Lift hold”"),
    )
    retention_hold_reason = fields.Text(
        string="Hold reason",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
        chp_personal="keep",
    )
    retention_hold_user_id = fields.Many2one(
        "res.users",
        string="Hold placed by",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
    )
    retention_hold_date = fields.Datetime(
        string="Hold placed on",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("use “Place on hold”"),
    )
    retention_held = fields.Boolean(
        string="On hold",
        compute="_compute_retention_hold",
        store=True,
        index=True,
        help="An SPSO hold or a manual hold applies: retention does not touch this complaint.",
    )
    anonymised = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The personal data of this complaint have been removed; its figures remain.",
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )
    anonymised_date = fields.Datetime(
        string="Anonymised on",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )
    anonymised_reason = fields.Selection(
        [("retention", "Retention policy"), ("request", "Request of the data subject")],
        string="Anonymised because",
        readonly=True,
        copy=False,
        chp_edit="step",
        chp_how=_lt("only the retention run or a subject access request anonymises"),
    )

    # Not "company_id.chp_retention_years": a change of the policy's years
    # recomputes the retention date of every complaint of the company, which
    # the ORM did one complaint at a time (36 s for 100,000 complaints);
    # res.company's write calls _chp_recompute_retention_dates instead, one
    # SQL UPDATE computing the same value (tests/test_retention_policy_change).
    @api.depends("state", "date_closed", "spso_referred", "spso_decision_date", "company_id")
    def _compute_retention_date(self):
        values = GroupedValues(self)
        for complaint in self:
            end = complaint.date_closed if complaint.state == "closed" else False
            if end and complaint.spso_referred and complaint.spso_decision_date:
                end = max(end, complaint.spso_decision_date)
            values.set(
                complaint,
                "retention_date",
                end and end + relativedelta(years=complaint.company_id.chp_retention_years),
            )
        values.assign()

    @api.model
    def _chp_retention_date_sql(self):
        """``_compute_retention_date`` in SQL, on alias ``c`` for the
        complaint and ``co`` for its company: the closing date of the last
        stage, or the SPSO's decision when later, plus the policy's years
        (PostgreSQL's year interval keeps 29 February on 28 February, as
        ``relativedelta`` does); empty while the complaint is open."""
        return SQL(
            "CASE WHEN c.state = 'closed' AND c.date_closed IS NOT NULL THEN"
            " (GREATEST(c.date_closed, CASE WHEN c.spso_referred THEN c.spso_decision_date END)"
            " + make_interval(years => COALESCE(co.chp_retention_years, 0)))::date END"
        )

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

    @api.depends("spso_referred", "spso_decision_date", "retention_hold")
    def _compute_retention_hold(self):
        values = GroupedValues(self)
        for complaint in self:
            spso_hold = bool(complaint.spso_referred and not complaint.spso_decision_date)
            values.set(complaint, "retention_spso_hold", spso_hold)
            values.set(complaint, "retention_held", spso_hold or complaint.retention_hold)
        values.assign()

    # --- Holds ----------------------------------------------------------------
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

    # --- Anonymisation and deletion --------------------------------------------
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
