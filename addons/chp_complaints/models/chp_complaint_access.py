from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from ..tools.roles import CHIEF_EXECUTIVE, LIAISON, check_role

# Besides the SPSO fields, the liaison officer may touch what the chatter and
# activities write on the record itself.
LIAISON_FIELD_PREFIXES = ("spso_", "message_", "activity_")


class ChpComplaint(models.Model):
    """Field-level limits that record rules cannot express.

    The SPSO liaison officer reads every complaint and records the SPSO's
    journey, but must not change the handling of a complaint: through that
    role alone, only the ``spso_*`` fields are writable. What the user may
    write through another role (handler, investigator, senior manager, chief
    executive on complaints assigned to them) stays writable.
    """

    _inherit = "chp.complaint"

    chp_spso_only_user = fields.Boolean(
        string="SPSO fields only",
        compute="_compute_chp_spso_only_user",
        help="The current user may change only the SPSO fields of this complaint (SPSO "
        "liaison officer with no other role on it): the form shows the rest read-only.",
    )

    @api.depends_context("uid")
    def _compute_chp_spso_only_user(self):
        user = self.env.user
        if self.env.su or not user.has_group(LIAISON):
            self.chp_spso_only_user = False
            return
        origins = self._origin
        writable = origins._chp_writable_through_other_roles() if origins else origins
        for complaint in self:
            origin = complaint._origin
            complaint.chp_spso_only_user = bool(origin) and origin not in writable

    def _chp_check_liaison_write(self, vals):
        if self.env.su or not self or not self.env.user.has_group(LIAISON):
            return
        other_fields = [f for f in vals if not f.startswith(LIAISON_FIELD_PREFIXES)]
        if not other_fields:
            return
        writable = self._chp_writable_through_other_roles()
        if self - writable:
            labels = ", ".join(self._fields[f].string for f in other_fields if f in self._fields)
            raise AccessError(
                _(
                    "As SPSO liaison officer you may only change the SPSO fields of "
                    "%(refs)s, not: %(fields)s.",
                    refs=", ".join((self - writable).mapped("name")),
                    fields=labels,
                )
            )

    def _chp_writable_through_other_roles(self):
        """Records of ``self`` that the write rules of the user's groups other
        than the liaison group allow (global rules are checked by the ORM)."""
        liaison = self.env.ref(LIAISON)
        user_groups = self.env.user.groups_id - liaison
        Rule = self.env["ir.rule"]
        rules = Rule._get_rules(self._name, mode="write").sudo()
        eval_context = Rule._eval_context()
        domains = [
            expression.normalize_domain(safe_eval(rule.domain_force or "[]", eval_context))
            for rule in rules
            if rule.groups & user_groups
        ]
        if not domains:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *expression.OR(domains)])
            .sudo(False)
        )

    def action_chp_take_personally(self):
        """The chief executive may take any complaint personally: they become
        its handler (their write rule covers complaints assigned to them)."""
        check_role(self.env, CHIEF_EXECUTIVE, _("take a complaint personally"))
        self.check_access("read")
        self.sudo().write({"user_id": self.env.user.id})
        for complaint in self:
            complaint.message_post(
                body=_("%s takes this complaint personally.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
