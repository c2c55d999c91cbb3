from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index


class ChpComplaintRuleSpeed(models.Model):
    """Keeps the staff record rule cheap on a large register.

    Staff see the complaints they handle, created or follow:
    ``user_id = me OR create_uid = me OR message_partner_ids in [my partner]``.
    Every kanban, list and form request of a staff member carries that rule.
    With mail's ``id IN (SELECT res_id FROM mail_followers ...)`` for the
    follower part, PostgreSQL cannot combine the three conditions through
    their indexes (an ``IN (subquery)`` inside an OR becomes a filter), so
    each request scanned the whole table: 40-200 ms per query on 100,000
    complaints, several queries per kanban (see bench/RESULTS.md, "Load
    test"). Written as ``id = ANY(ARRAY(subquery))`` the followed ids are
    computed once and the OR becomes a BitmapOr of three index scans (a few
    ms). ``create_uid`` gets the index it lacked for the same reason.
    """

    _inherit = "chp.complaint"

    def init(self):
        res = super().init()
        create_index(self.env.cr, "chp_complaint_create_uid_index", self._table, ["create_uid"])
        return res

    @api.model
    def _search_message_partner_ids(self, operator, operand):
        domain = super()._search_message_partner_ids(operator, operand)
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return domain
        [(_field, _operator, followed)] = domain
        return [("id", "=", SQL("ANY(ARRAY(%s))", followed))]
