from odoo import models

from .chp_complaint_customer import COMPLAINT


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _compute_authorship(self):
        """A letter to the customer comes from the organisation's address
        but is written by the user who sends it (Odoo would make the contact
        found by that address the author)."""
        res = super()._compute_authorship()
        for composer in self:
            if composer.model == COMPLAINT and not self.env.su:
                composer.author_id = self.env.user.partner_id
        return res
