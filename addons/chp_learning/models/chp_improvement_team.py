from odoo import api, fields, models


class ChpImprovementTeam(models.Model):
    """A set of users (e.g. a department) that can own an improvement action
    or receive shared learning.

    The team lead is the one person who receives the action's activities and
    reminders, so that a team-owned action never has nobody answerable.
    """

    _name = "chp.improvement.team"
    _description = "Improvement Team"
    _order = "name"

    name = fields.Char(required=True)
    leader_id = fields.Many2one(
        "res.users",
        string="Team lead",
        required=True,
        help="Receives the activities and reminders of the actions the team owns.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "chp_improvement_team_user_rel",
        "team_id",
        "user_id",
        string="Members",
        help="Can update the actions the team owns and receive its shared learning.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams._add_leader_to_members()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if "leader_id" in vals or "member_ids" in vals:
            self._add_leader_to_members()
        return res

    def _add_leader_to_members(self):
        """The lead is always a member, so rules on members cover the lead."""
        for team in self:
            if team.leader_id not in team.member_ids:
                team.member_ids = [fields.Command.link(team.leader_id.id)]
