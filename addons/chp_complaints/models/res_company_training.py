from odoo import fields, models


class ResCompany(models.Model):
    """Training policy of the organisation (Part 4, roles para. 2): how soon a
    new member of staff must complete the CHP induction, and how often the
    refresher is repeated."""

    _inherit = "res.company"

    chp_training_induction_days = fields.Integer(
        string="Induction due within (days)",
        default=30,
        help="A new internal user gets a CHP induction record due this many "
        "calendar days after their account is created.",
    )
    chp_training_refresher_months = fields.Integer(
        string="Refresher interval (months)",
        default=12,
        help="Training counts as current for this many months after completion; "
        "the next refresher falls due then.",
    )
