"""Who wrote a message on a complaint, and on which record it stands,
cannot be rewritten by a user (see ``chp_complaint_customer``)."""

from odoo import _, api, models
from odoo.exceptions import AccessError

from .chp_complaint_customer import COMPLAINT, _refuse_other_author

# What says where a message belongs and who wrote it.
AUTHORSHIP_FIELDS = ("author_id", "author_guest_id", "model", "res_id")


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("model") == COMPLAINT:
                    _refuse_other_author(
                        self.env, vals.get("author_id", self.env.user.partner_id.id)
                    )
                    if vals.get("author_guest_id"):
                        _refuse_other_author(self.env, False)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(name in vals for name in AUTHORSHIP_FIELDS):
            moved_to = vals.get("model")
            if moved_to == COMPLAINT or any(m.model == COMPLAINT for m in self.sudo()):
                raise AccessError(
                    _("The author and the record of a message on a complaint cannot be changed.")
                )
        return super().write(vals)
