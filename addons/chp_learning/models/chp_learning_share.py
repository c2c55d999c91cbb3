from odoo import api, fields, models


class ChpLearningShare(models.Model):
    """A record that an action's learning points were shared: by whom, when,
    with whom, and what was said (the text as it was then)."""

    _name = "chp.learning.share"
    _description = "Shared Learning"
    _order = "shared_on desc, id desc"
    _check_company_auto = True

    action_id = fields.Many2one(
        "chp.improvement.action", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True, index=True)
    shared_by_id = fields.Many2one(
        "res.users", string="Shared by", required=True, default=lambda self: self.env.user
    )
    shared_on = fields.Datetime(required=True, default=fields.Datetime.now, string="Shared on")
    user_ids = fields.Many2many(
        "res.users",
        "chp_learning_share_user_rel",
        "share_id",
        "user_id",
        string="Recipients",
        help="Everyone the learning was sent to, including the members of the teams.",
    )
    team_ids = fields.Many2many(
        "chp.improvement.team",
        "chp_learning_share_team_rel",
        "share_id",
        "team_id",
        string="Teams",
        check_company=True,
    )
    learning_points = fields.Html(readonly=True, string="Learning points")

    @api.model_create_multi
    def create(self, vals_list):
        """Only who may update an action may record that its learning was shared."""
        shares = super().create(vals_list)
        shares.action_id.check_access("write")
        return shares
