from datetime import timedelta

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, email_normalize
from odoo.tools.sql import create_index

from .chp_complaint import CUSTOMER_CONTACT_GROUPS

RELATED_WINDOW_DAYS = 90


class ChpComplaintHistory(models.Model):
    """The customer's history: their other complaints (smart button), a
    flag when a complaint from the same email or phone arrived in the 90
    days before this one, and complaints staff link as related."""

    _inherit = "chp.complaint"

    related_complaint_ids = fields.Many2many(
        "chp.complaint",
        "chp_complaint_related_rel",
        "complaint_id",
        "related_id",
        string="Related complaints",
        help="Complaints staff judged to be about the same matter.",
        chp_edit="open",
    )
    chp_customer_complaint_count = fields.Integer(
        string="Customer's complaints",
        compute="_compute_chp_customer_history",
        help="Other complaints of the same customer (contact, email or phone) you may see.",
    )
    chp_possibly_related = fields.Boolean(
        string="Possibly related",
        compute="_compute_chp_customer_history",
        help="Another complaint from the same email or phone was received in the 90 days "
        "before this one.",
    )

    chp_possible_contact_ids = fields.Many2many(
        "res.partner",
        string="Possibly the same person as",
        compute="_compute_chp_possible_contact_ids",
        groups=CUSTOMER_CONTACT_GROUPS,
        help="Other contacts with the customer's email or phone. The public form and "
        "the mail gateway never link a complaint to an existing contact by a typed or "
        "sent address: if the customer is one of these, choose that contact as the "
        "customer (the change is recorded in the chatter).",
    )

    @api.depends("partner_id", "customer_email", "customer_phone", "is_anonymous")
    def _compute_chp_possible_contact_ids(self):
        """Searched as the user, so that record rules decide which contacts
        they may be shown."""
        Partner = self.env["res.partner"]
        for complaint in self:
            email = email_normalize(complaint.customer_email or "", strict=False)
            parts = []
            if email:
                parts.append([("email_normalized", "=", email)])
            if complaint.customer_phone:
                parts.append([("phone", "=", complaint.customer_phone)])
            if complaint.is_anonymous or not parts:
                complaint.chp_possible_contact_ids = Partner
                continue
            domain = expression.AND(
                [expression.OR(parts), [("id", "!=", complaint.partner_id.id or 0)]]
            )
            complaint.chp_possible_contact_ids = Partner.search(domain, limit=5)

    def init(self):
        """Indexes for the customer's history, computed on every form read:
        without them each read of a complaint with an email or a phone
        scanned the whole register (50 ms at 100,000 complaints for a role
        that sees all)."""
        res = super().init()
        cr = self.env.cr
        create_index(
            cr, "chp_complaint_customer_email_lower_index", self._table, ["lower(customer_email)"]
        )
        create_index(cr, "chp_complaint_customer_phone_index", self._table, ["customer_phone"])
        return res

    def _chp_email_leaf(self, email, indexed):
        """Complaints whose customer email is ``email`` (normalised, so lower
        case), whatever its case. ``indexed``: written for the index on
        lower(customer_email), as ``id = ANY(ARRAY(...))`` so that it ORs with
        the phone and contact conditions through their indexes (record rules
        still apply to the search around it); otherwise the ``=ilike`` a
        client action can carry, its wildcards escaped so that both forms
        find the same complaints."""
        if not indexed:
            escaped = email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return ("customer_email", "=ilike", escaped)
        ids = SQL(
            "ANY(ARRAY(SELECT id FROM %s WHERE lower(customer_email) = %s))",
            SQL.identifier(self._table),
            email,
        )
        return ("id", "=", ids)

    def _chp_same_customer_domain(self, indexed=False):
        """Other complaints of the same customer: same contact (commercial
        entity), email or phone. None for an anonymous complaint.
        ``indexed``: see :meth:`_chp_email_leaf`."""
        self.ensure_one()
        if self.is_anonymous:
            return None
        parts = []
        if self.partner_id:
            parts.append([("partner_id", "child_of", self.partner_id.commercial_partner_id.id)])
        email = email_normalize(self.customer_email or "", strict=False)
        if email:
            parts.append([self._chp_email_leaf(email, indexed)])
        if self.customer_phone:
            parts.append([("customer_phone", "=", self.customer_phone)])
        if not parts:
            return None
        return expression.AND([expression.OR(parts), [("id", "!=", self._origin.id or 0)]])

    @api.depends("partner_id", "customer_email", "customer_phone", "is_anonymous", "date_received")
    def _compute_chp_customer_history(self):
        may_see = self._chp_may_see_customer()
        for complaint in self:
            domain = complaint._chp_same_customer_domain(indexed=True) if may_see else None
            if domain is None:
                complaint.chp_customer_complaint_count = 0
                complaint.chp_possibly_related = False
                continue
            complaint.chp_customer_complaint_count = self.search_count(domain)
            received = complaint.date_received or fields.Datetime.now()
            contact = []
            email = email_normalize(complaint.customer_email or "", strict=False)
            if email:
                contact.append([complaint._chp_email_leaf(email, indexed=True)])
            if complaint.customer_phone:
                contact.append([("customer_phone", "=", complaint.customer_phone)])
            complaint.chp_possibly_related = bool(contact) and bool(
                self.sudo().search_count(
                    expression.AND(
                        [
                            expression.OR(contact),
                            [
                                ("id", "!=", complaint._origin.id or 0),
                                ("company_id", "=", complaint.company_id.id),
                                (
                                    "date_received",
                                    ">=",
                                    received - timedelta(days=RELATED_WINDOW_DAYS),
                                ),
                                ("date_received", "<=", received),
                            ],
                        ]
                    ),
                    limit=1,
                )
            )

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
