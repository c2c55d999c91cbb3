from odoo import api, models


class ChpComplaint(models.Model):
    """Keeps the lasting "has complained" mark of the customer's contact
    (``res.partner.chp_was_complainant``), on which the contact rules hide
    complainants from the roles that may not see them: the mark survives
    when the complaint is anonymised, deleted or given another contact."""

    _inherit = "chp.complaint"

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        complaints.sudo().partner_id._chp_mark_complainant()
        return complaints

    def write(self, vals):
        result = super().write(vals)
        if vals.get("partner_id"):
            self.sudo().partner_id._chp_mark_complainant()
        return result
