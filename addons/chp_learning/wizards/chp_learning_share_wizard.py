from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class ChpLearningShareWizard(models.TransientModel):
    """Share an action's learning points with chosen users and teams: posts
    them to the recipients and records who shared what, with whom, when."""

    _name = "chp.learning.share.wizard"
    _description = "Share Learning"

    action_id = fields.Many2one("chp.improvement.action", required=True)
    learning_points = fields.Html(
        compute="_compute_learning_points",
        store=True,
        readonly=False,
        help="Saved on the action as its learning points when shared.",
        string="Learning points",
    )
    user_ids = fields.Many2many("res.users", string="Users")
    team_ids = fields.Many2many("chp.improvement.team", string="Teams")

    @api.depends("action_id")
    def _compute_learning_points(self):
        for wizard in self:
            wizard.learning_points = wizard.action_id.learning_points

    def action_share(self):
        self.ensure_one()
        action = self.action_id
        action.check_access("write")
        if is_html_empty(self.learning_points):
            raise UserError(_("Write the learning points to share."))
        recipients = self.user_ids | self.team_ids.member_ids | self.team_ids.leader_id
        if not recipients:
            raise UserError(_("Choose the users or teams to share the learning with."))
        if action.learning_points != self.learning_points:
            action.learning_points = self.learning_points
        action.message_post(
            body=self.learning_points,
            subject=_("Learning from %(ref)s: %(name)s", ref=action.reference, name=action.name),
            partner_ids=recipients.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env["chp.learning.share"].create(
            {
                "action_id": action.id,
                "user_ids": [fields.Command.set(recipients.ids)],
                "team_ids": [fields.Command.set(self.team_ids.ids)],
                "learning_points": self.learning_points,
            }
        )
        return {"type": "ir.actions.act_window_close"}
